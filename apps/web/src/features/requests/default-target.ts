/**
 * Where a dispatch goes by default, as the server decides when no target is named: the category's
 * department, else the grid of the place (for grid categories), else its community.
 */
import type { Category, Department, NodeLevel } from '@linli/contracts';

export type DispatchTarget =
  { nodeId: number; departmentId?: undefined } | { departmentId: number; nodeId?: undefined };

export interface DefaultTarget {
  target: DispatchTarget;
  /** What to call it: the grid's, community's or department's name. */
  name: string;
}

export interface PlaceWithAncestors {
  id: number;
  name: string;
  level: NodeLevel;
  ancestors: readonly { id: number; name: string; level: NodeLevel }[];
}

export function defaultTargetOf(
  category: Pick<Category, 'handlerType' | 'departmentId'> | undefined,
  place: PlaceWithAncestors | undefined,
  departments: readonly Department[],
): DefaultTarget | null {
  if (!category) return null;
  if (category.handlerType === 'department' && category.departmentId !== null) {
    const d = departments.find((x) => x.id === category.departmentId);
    return { target: { departmentId: category.departmentId }, name: d?.name ?? `#${category.departmentId}` };
  }
  if (!place) return null;
  const line = [...place.ancestors, { id: place.id, name: place.name, level: place.level }];
  if (category.handlerType === 'grid') {
    const grid = line.find((a) => a.level === 'grid');
    if (grid) return { target: { nodeId: grid.id }, name: grid.name };
  }
  const community = line.find((a) => a.level === 'community');
  return community ? { target: { nodeId: community.id }, name: community.name } : null;
}
