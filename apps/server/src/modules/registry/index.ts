/**
 * Registry (基础信息库): residents and their households, care tags, history of every change; ID and
 * phone numbers encrypted at rest, masked in lists, revealed only with a logged reason.
 */
export { createRegistryService, type RegistryService } from './registry.service.ts';
export { registryHandlers } from './registry.routes.ts';
export { createRegistryImportService, type RegistryImportService } from './registry-import.service.ts';
export { createRegistryExportService, type RegistryExportService } from './registry-export.service.ts';
export { registryIoHandlers } from './registry-io.routes.ts';
export { registryPolicy } from './registry.policy.ts';
export { addressesFor, addressOf, findNodeInScope, followSubtreeMove } from './registry.repository.ts';
export { namePinyin, todayInChina } from './resident.ts';
export { createVisitsService, type VisitsService } from './visits.service.ts';
export { visitsHandlers } from './visits.routes.ts';
export { createHousingService, type HousingService } from './housing.service.ts';
export { createUnitsService, type UnitsService } from './units.service.ts';
export { housingHandlers } from './housing.routes.ts';
export { followHousingSubtreeMove } from './housing.repository.ts';
export { createResidentRecordsService, type ResidentRecordsService } from './resident-records.service.ts';
export { createRetentionService, type RetentionService } from './registry-retention.service.ts';
export { retentionHandlers } from './registry-retention.routes.ts';
