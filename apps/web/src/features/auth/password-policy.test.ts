import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from '@linli/contracts';
import { describePassword } from './password-policy.ts';

describe('describePassword', () => {
  it('reports length and classes', () => {
    const report = describePassword('abcDEF12');
    expect(report.isLongEnough).toBe(true);
    expect(report.classes).toEqual({ upper: true, lower: true, digit: true, symbol: false });
    expect(report.classCount).toBe(3);
    expect(report.isStrong).toBe(true);
  });

  it('fails short or two-class passwords', () => {
    expect(describePassword('Ab1!').isStrong).toBe(false);
    expect(describePassword('abcdefgh12').isStrong).toBe(false);
    expect(describePassword('').classCount).toBe(0);
  });

  it('agrees with the contracts rule', () => {
    for (const p of ['Passw0rd', 'password', '密码Abc12345', 'A1!aaaaa', 'AAAA1111', '        ']) {
      expect(describePassword(p).isStrong).toBe(checkPasswordStrength(p));
    }
  });
});
