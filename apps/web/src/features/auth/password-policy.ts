/** Live feedback on the password policy (≥ 8 characters, 3 of 4 character classes). */
import { checkPasswordStrength } from '@linli/contracts';

export type CharacterClass = 'upper' | 'lower' | 'digit' | 'symbol';

export interface PasswordReport {
  length: number;
  isLongEnough: boolean;
  classes: Record<CharacterClass, boolean>;
  classCount: number;
  /** The contracts' verdict — the same rule the server applies. */
  isStrong: boolean;
}

export const minPasswordLength = 8;
export const minCharacterClasses = 3;

/** Describes which parts of the policy a password meets. */
export function describePassword(password: string): PasswordReport {
  const classes: Record<CharacterClass, boolean> = {
    upper: /[A-Z]/.test(password),
    lower: /[a-z]/.test(password),
    digit: /[0-9]/.test(password),
    symbol: /[^A-Za-z0-9]/.test(password),
  };
  const length = [...password].length;
  return {
    length,
    isLongEnough: password.length >= minPasswordLength,
    classes,
    classCount: Object.values(classes).filter(Boolean).length,
    isStrong: checkPasswordStrength(password),
  };
}
