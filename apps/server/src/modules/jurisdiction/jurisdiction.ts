/** Pure rules of the jurisdiction tree: which level sits under which, code formats, paths. */
import { allowedChildLevels, type NodeLevel } from '@linli/contracts';

/**
 * Code lengths by level (GB/T 2260 region code for the district, then three digits per level:
 * street 9, community 12, grid 15 — "6 region + 3 street + 3 community + 3 grid").
 */
export const codeLengthByLevel: Partial<Record<NodeLevel, number>> = {
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
};

export type RuleViolation = 'NODE_LEVEL_INVALID' | 'NODE_CODE_INVALID' | 'NODE_MOVE_INTO_SELF';

export function canBeChild(parentLevel: NodeLevel | null, childLevel: NodeLevel): boolean {
  if (parentLevel === null) return childLevel === 'district';
  return allowedChildLevels[parentLevel].includes(childLevel);
}

/** A code must have its level's length and start with the parent's code, when both have one. */
export function checkCode(
  level: NodeLevel,
  code: string | undefined | null,
  parentCode: string | null,
): RuleViolation | null {
  if (code == null) return null;
  const length = codeLengthByLevel[level];
  if (length === undefined || code.length !== length) return 'NODE_CODE_INVALID';
  if (parentCode && !code.startsWith(parentCode)) return 'NODE_CODE_INVALID';
  return null;
}

/** Message for a bad code, naming the expected form. */
export function codeHint(level: NodeLevel, parentCode: string | null): { zh: string; en: string } {
  const length = codeLengthByLevel[level];
  if (length === undefined) return { zh: '该层级不设编码。', en: 'Nodes of this level carry no code.' };
  const prefix = parentCode ? `，并以上级编码 ${parentCode} 开头` : '';
  const prefixEn = parentCode ? `, starting with the parent's code ${parentCode}` : '';
  return { zh: `编码应为 ${length} 位数字${prefix}。`, en: `The code must be ${length} digits${prefixEn}.` };
}

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** A node cannot move under itself or under one of its descendants. */
export function isInside(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}
