/** Shapes shared by many routes. */
import { z } from 'zod';

export const IdParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const Ok = z.object({ ok: z.literal(true) });
export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
