/** The base registry (基础信息): residents, households, care groups and the history of every change. */
export {
  useCareTags,
  useResidentSearch,
  residentQuery,
  residentSearchQuery,
  registryKeys,
} from './registry-queries.ts';
export { useRegistryLabels } from './registry-labels.ts';
export { ResidentsTable } from './residents-table.tsx';
export { HouseholdSelect } from './household-select.tsx';
export { ResidentFilterBar } from './resident-filter-bar.tsx';
export { RegisterResidentModal } from './resident-form-modal.tsx';
export { ResidentDetailView } from './resident-detail.tsx';
export { hasFilters, type ResidentFilterValues, type ResidentSearch } from './resident-search.ts';
export { ImportWizard, ImportTemplateLink, useImportTexts } from './import-wizard.tsx';
export { ExportButtons } from './export-buttons.tsx';
export { RevealExportButton, type RevealChoice } from './reveal-export-button.tsx';
export { VisitsCard } from './visits-card.tsx';
export { RecordVisitModal } from './record-visit-modal.tsx';
export { useDueVisits, useVisitCoverage, useResidentVisits, useRecordVisit, visitKeys } from './registry-io-queries.ts';
export { DuplicatesView } from './duplicates-view.tsx';
export { RevealButton } from './reveal-button.tsx';
