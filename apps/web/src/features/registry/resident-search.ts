/** The resident list's filters and how they become the API's query (pure rules). */
import type { Gender, RegistrationType, ResidentStatus } from './registry-types.ts';

export interface ResidentFilterValues {
  q?: string;
  tags?: string[];
  registrationType?: RegistrationType;
  gender?: Gender;
  ageMin?: number;
  ageMax?: number;
  status?: ResidentStatus;
}

export interface ResidentSearch extends ResidentFilterValues {
  /** The node chosen in the header's jurisdiction switcher: the list covers its subtree. */
  nodeId?: number | undefined;
  page: number;
  pageSize: number;
}

/** The query of GET /api/v1/residents. */
export function searchQueryParams(search: ResidentSearch) {
  const tags = search.tags?.filter((t) => t !== '') ?? [];
  // Reversed bounds would find nobody; read them the way the user surely meant.
  const [ageMin, ageMax] =
    search.ageMin !== undefined && search.ageMax !== undefined && search.ageMin > search.ageMax
      ? [search.ageMax, search.ageMin]
      : [search.ageMin, search.ageMax];
  return {
    q: search.q?.trim() || undefined,
    nodeId: search.nodeId,
    tags: tags.length > 0 ? tags : undefined,
    registrationType: search.registrationType,
    gender: search.gender,
    ageMin,
    ageMax,
    status: search.status ?? 'active',
    page: search.page,
    pageSize: search.pageSize,
  };
}

/** True when any filter narrows the list (used to word the empty state). */
export function hasFilters(values: ResidentFilterValues): boolean {
  return (
    !!values.q?.trim() ||
    (values.tags?.length ?? 0) > 0 ||
    values.registrationType !== undefined ||
    values.gender !== undefined ||
    values.ageMin !== undefined ||
    values.ageMax !== undefined ||
    (values.status !== undefined && values.status !== 'active')
  );
}
