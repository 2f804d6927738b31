/**
 * Where a dispatch goes by default (the contract's rule, which the server applies when no target is
 * named), with the name to show the dispatcher.
 */
import { defaultDispatchTarget, type Category, type Department, type NodeLevel } from '@linli/contracts';

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
  const line = place ? [...place.ancestors, { id: place.id, name: place.name, level: place.level }] : [];
  const d = defaultDispatchTarget(category, line);
  if (d && 'departmentId' in d) {
    const name = departments.find((x) => x.id === d.departmentId)?.name ?? `#${d.departmentId}`;
    return { target: { departmentId: d.departmentId }, name };
  }
  return d ? { target: { nodeId: d.node.id }, name: d.node.name } : null;
}
