/**
 * Demo data: a deterministic demo district (邻里示范区) with streets, communities, grids, buildings
 * and households, staff accounts on every level, and generated residents, for trying Linli out and
 * for load tests at a million residents.
 */
export {
  DEMO_DEFAULT_SEED,
  DEMO_DISTRICT_CODE,
  DEMO_DISTRICT_NAME,
  generateDistrict,
  householdRelationLabels,
  registrationTypeLabels,
  resolveDemoOptions,
  type DemoCounts,
  type DemoDistrict,
  type DemoNode,
  type DemoNodeLevel,
  type DemoOptions,
  type DemoResident,
  type DemoUser,
  type HouseholdRelation,
  type RegistrationType,
  type ResolvedDemoOptions,
} from './demo-generator.ts';
export {
  describeDemoLogins,
  loadDemo,
  type DemoLevelCounts,
  type DemoLogin,
  type LoadDemoOptions,
  type LoadDemoResult,
} from './demo-loader.service.ts';
