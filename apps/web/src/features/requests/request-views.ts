/** The list views (tabs) of the requests workbench and which of them a user's permissions make sense for. */
import type { Permission } from '@linli/contracts';

export const requestViews = ['mine', 'dispatch', 'attention', 'all', 'claimable'] as const;
export type RequestView = (typeof requestViews)[number];

const viewNeeds: Record<RequestView, readonly Permission[]> = {
  mine: ['request.handle', 'request.claim'],
  dispatch: ['request.dispatch'],
  attention: ['request.supervise'],
  all: ['request.read'],
  claimable: ['request.claim'],
};

/** The tabs to show, in order; a user who may see none of them has no business in the workbench. */
export function viewsFor(permissions: readonly Permission[]): RequestView[] {
  return requestViews.filter((v) => viewNeeds[v].some((p) => permissions.includes(p)));
}

/** Permissions that open the workbench at all (the menu entry and the route guard). */
export const workbenchPermissions: readonly Permission[] = [
  'request.read',
  'request.handle',
  'request.claim',
  'request.dispatch',
];

export function canOpenWorkbench(permissions: readonly Permission[]): boolean {
  return workbenchPermissions.some((p) => permissions.includes(p));
}

/** The tab a user lands on: a dispatcher's queue first when they dispatch, else their own work. */
export function defaultView(permissions: readonly Permission[]): RequestView {
  const views = viewsFor(permissions);
  if (views.includes('dispatch')) return 'dispatch';
  return views[0] ?? 'all';
}
