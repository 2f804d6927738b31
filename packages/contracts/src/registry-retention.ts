/**
 * Retention of personal data in the registry (PIPL art. 19 and 47): how long identifying data is kept
 * once its purpose has ended, and a resident's request to have it deleted. Lapsed records are
 * anonymised, not deleted, so that counts and ledgers of past periods stay right.
 */
import { z } from 'zod';

const years = z.number().int().min(1, '至少保存 1 年').max(30, '最多 30 年');

/**
 * The module setting (one row, `registry_retention_setting`). Defaults (3 years each) are a local
 * decision to be confirmed with the district's legal office.
 */
export const RetentionPolicy = z.strictObject({
  /** Moved-out and deceased residents: years after the end of residence (merged records follow their survivor). */
  residentYears: years,
  /** Ended rentals: years after the end of the rental (tenant's name, ID and phone numbers). */
  rentalYears: years,
  /** Home visits: years after the visit (the finding and follow-up notes). */
  visitYears: years,
});
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;
export const defaultRetentionPolicy: RetentionPolicy = { residentYears: 3, rentalYears: 3, visitYears: 3 };

/** The setting as the console shows it: the policy, who changed it last and when. */
export const RetentionSetting = RetentionPolicy.extend({
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type RetentionSetting = z.infer<typeof RetentionSetting>;

export const UpdateRetentionBody = RetentionPolicy.extend({ version: z.number().int().min(1) });
export type UpdateRetentionBody = z.infer<typeof UpdateRetentionBody>;

/** A policy to try: how many records it would anonymise at the next run (the whole installation). */
export const RetentionPreviewQuery = z.strictObject({
  residentYears: z.coerce.number().pipe(years),
  rentalYears: z.coerce.number().pipe(years),
  visitYears: z.coerce.number().pipe(years),
});

export const RetentionPreview = z.object({
  /** The day the counts are for (today in China). */
  today: z.string(),
  residents: z.number().int(),
  /** Records merged into those residents, anonymised with them. */
  mergedResidents: z.number().int(),
  rentals: z.number().int(),
  visits: z.number().int(),
});
export type RetentionPreview = z.infer<typeof RetentionPreview>;

/** A resident's request to delete their personal data (PIPL art. 47), recorded by a worker. */
export const ErasureBody = z.strictObject({
  reason: z.string().trim().min(2, '请说明删除申请的来由（如：本人书面申请，日期）').max(200),
});
export type ErasureBody = z.infer<typeof ErasureBody>;

export const ErasureAnswer = z.object({
  id: z.number().int(),
  /** The placeholder name the record now carries. */
  name: z.string(),
  anonymisedAt: z.string(),
  /** Records merged into this one, anonymised with it. */
  mergedAnonymised: z.number().int(),
});
export type ErasureAnswer = z.infer<typeof ErasureAnswer>;
