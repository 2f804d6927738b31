import { describe, expect, it } from 'vitest';
import type { Category } from '@linli/contracts';
import { categoryTree } from './category-tree.ts';

const limits = { respondHours: 2, resolveDays: 3 };
const c = (id: number, parentId: number | null, sortOrder: number, isActive = true): Category => ({
  id,
  parentId,
  code: `c${id}`,
  name: `类${id}`,
  nameEn: null,
  hint: null,
  handlerType: 'grid',
  departmentId: null,
  limits: { normal: limits, urgent: limits, emergency: limits },
  isActive,
  sortOrder,
});

describe('categoryTree', () => {
  it('nests children under parents in sort order', () => {
    const tree = categoryTree([c(3, 1, 2), c(1, null, 20), c(2, 1, 1), c(4, null, 10)]);
    expect(tree.map((n) => n.id)).toEqual([4, 1]);
    expect(tree[1]!.children!.map((n) => n.id)).toEqual([2, 3]);
  });
  it('leaves out inactive ones on request, lifting orphans to the top', () => {
    const tree = categoryTree([c(1, null, 1, false), c(2, 1, 1)], true);
    expect(tree.map((n) => n.id)).toEqual([2]);
  });
});
