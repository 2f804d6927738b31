/** Short names for the registry's enums, from contracts. */
import type {
  genders,
  idKinds,
  politicalStatuses,
  registrationTypes,
  relationsToHead,
  residentEventKinds,
  residentStatuses,
} from '@linli/contracts';

export type Gender = (typeof genders)[number];
export type RegistrationType = (typeof registrationTypes)[number];
export type RelationToHead = (typeof relationsToHead)[number];
export type PoliticalStatus = (typeof politicalStatuses)[number];
export type ResidentStatus = (typeof residentStatuses)[number];
export type IdKind = (typeof idKinds)[number];
export type ResidentEventKind = (typeof residentEventKinds)[number];
