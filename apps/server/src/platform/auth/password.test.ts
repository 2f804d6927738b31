import { checkPasswordStrength } from '@linli/contracts';
import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('generated passwords always meet the policy and differ', () => {
    const many = Array.from({ length: 500 }, () => generatePassword());
    expect(many.every(checkPasswordStrength)).toBe(true);
    expect(new Set(many).size).toBe(500);
  });

  it('the policy wants 8 characters from 3 of 4 classes', () => {
    expect(checkPasswordStrength('Abcdef1!')).toBe(true);
    expect(checkPasswordStrength('abcdef12')).toBe(false);
    expect(checkPasswordStrength('Ab1!')).toBe(false);
    expect(checkPasswordStrength('ABCDEFG1')).toBe(false);
    expect(checkPasswordStrength('abcdefg1!')).toBe(true);
  });

  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('Linli@2026');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'Linli@2026')).toBe(true);
    expect(await verifyPassword(h, 'linli@2026')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
