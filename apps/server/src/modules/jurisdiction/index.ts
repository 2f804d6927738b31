/** Jurisdiction: the tree district → street → community → grid → building → household, and moving subtrees. */
export { createJurisdictionService, type JurisdictionService, type SubtreeMoveHook } from './jurisdiction.service.ts';
export { jurisdictionHandlers } from './jurisdiction.routes.ts';
export { jurisdictionPolicy } from './jurisdiction.policy.ts';
export { canBeChild, checkCode, childPath } from './jurisdiction.ts';
