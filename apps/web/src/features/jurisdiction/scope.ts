/** Which jurisdictions a user can switch between: the nodes where they hold roles (pure rules). */
import type { NodeLevel, Role, RoleAssignment } from '@linli/contracts';

export interface ScopeOption {
  /** null stands for 全部辖区 — a role held without a node (system administrators). */
  nodeId: number | null;
  nodeName: string | null;
  nodeLevel: NodeLevel | null;
  roles: Role[];
}

/** One option per distinct node the user holds roles on; 全部辖区 first when a role has no node. */
export function scopeOptionsFromRoles(roles: readonly RoleAssignment[]): ScopeOption[] {
  const byNode = new Map<number | null, ScopeOption>();
  for (const r of roles) {
    const existing = byNode.get(r.nodeId);
    if (existing) {
      if (!existing.roles.includes(r.role)) existing.roles.push(r.role);
    } else {
      byNode.set(r.nodeId, { nodeId: r.nodeId, nodeName: r.nodeName, nodeLevel: r.nodeLevel, roles: [r.role] });
    }
  }
  const options = [...byNode.values()];
  return [...options.filter((o) => o.nodeId === null), ...options.filter((o) => o.nodeId !== null)];
}

/** The remembered choice when it is still one of the options, else the first option (or null). */
export function pickScope(options: readonly ScopeOption[], remembered: number | null | undefined): number | null {
  if (remembered !== undefined && options.some((o) => o.nodeId === remembered)) return remembered;
  return options[0]?.nodeId ?? null;
}

/** How a scope is kept in localStorage: 'all' or the node id. */
export function encodeScope(nodeId: number | null): string {
  return nodeId === null ? 'all' : String(nodeId);
}

/** Reads a stored scope; undefined when nothing usable is stored. */
export function decodeScope(stored: string | null): number | null | undefined {
  if (stored === 'all') return null;
  if (stored && /^\d+$/.test(stored)) return Number(stored);
  return undefined;
}

/** The node ids on a materialised path: '/1/7/42/' → [1, 7, 42]. */
export function pathIds(path: string): number[] {
  return path
    .split('/')
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
}

/** True when `candidate` is `node` itself or lies below it. */
export function isSelfOrDescendant(candidate: { path: string }, node: { path: string }): boolean {
  return candidate.path.startsWith(node.path);
}
