/** Categories as a tree for pickers and the admin table: parents first, children under them, by sort order. */
import type { Category } from '@linli/contracts';

export interface CategoryNode extends Category {
  children?: CategoryNode[];
}

export function categoryTree(categories: readonly Category[], activeOnly = false): CategoryNode[] {
  const shown = categories.filter((c) => !activeOnly || c.isActive);
  const byParent = new Map<number | null, Category[]>();
  for (const c of shown) {
    const key = c.parentId !== null && shown.some((p) => p.id === c.parentId) ? c.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), c]);
  }
  const build = (parentId: number | null): CategoryNode[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
      .map((c) => {
        const children = build(c.id);
        return children.length ? { ...c, children } : { ...c };
      });
  return build(null);
}

/** The name of a category in the user's language. */
export function categoryName(c: Pick<Category, 'name' | 'nameEn'>, language: 'zh-CN' | 'en'): string {
  return language === 'en' && c.nameEn ? c.nameEn : c.name;
}

/** A request (or list item) whose `categoryName` is in the user's language. */
export function categoryInLanguage<T extends { categoryName: string; categoryNameEn: string | null }>(
  r: T,
  language: 'zh-CN' | 'en',
): T {
  return language === 'en' && r.categoryNameEn ? { ...r, categoryName: r.categoryNameEn } : r;
}
