/** Units in the jurisdiction (辖区单位): companies, schools, agencies, shops, organisations, religious sites. */
export { useUnits, unitKeys } from './units-queries.ts';
export { UnitFormModal } from './unit-form-modal.tsx';
export { UnitDrawer, OverrideBadge } from './unit-drawer.tsx';
