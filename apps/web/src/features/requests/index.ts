/** Requests (诉求): the workbench, one request's page, intake, categories, and live notifications. */
export { RequestWorkbench } from './request-workbench.tsx';
export { RequestDetailView, useDefaultTarget } from './request-detail-view.tsx';
export { IntakeForm } from './intake-form.tsx';
export { IntakeDone } from './intake-done.tsx';
export { CategoriesTable, CreateCategoryModal } from './categories-table.tsx';
export { RequestEventsProvider, RequestsNavLabel, useRequestLive } from './request-events.tsx';
export { useRequest, requestKeys } from './request-queries.ts';
export { canOpenWorkbench, workbenchPermissions } from './request-views.ts';
export { RequireAnyPermission } from './require-any-permission.tsx';
