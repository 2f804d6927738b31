/** Validators shared by server and web: identity numbers and telephone numbers, with masking for display. */
export {
  computeIdCheckDigit,
  convertLegacyId15,
  maskIdNumber,
  validateIdNumber,
  type IdNumberInfo,
  type IdNumberKind,
  type IdNumberOptions,
  type IdNumberProblem,
  type IdNumberProblemReason,
  type IdNumberResult,
} from './id-number.ts';
export { maskPhone, validatePhone, type PhoneKind, type PhoneProblemReason, type PhoneResult } from './phone.ts';
export {
  computeCreditCodeCheck,
  CREDIT_CODE_ALPHABET,
  creditCodeAuthorities,
  validateCreditCode,
  type CreditCodeProblemReason,
  type CreditCodeResult,
} from './credit-code.ts';
