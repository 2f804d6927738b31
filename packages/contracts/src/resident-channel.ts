/**
 * The resident pages of requests (居民自助): a one-time code to a phone, the phone session it opens,
 * and what a resident sends and sees — never the handlers' internal notes or anyone else's data.
 */
import { z } from 'zod';
import { ratings, requestStates } from './requests.ts';
import { validatePhone } from './validators/index.ts';

/** A one-time code lives this long, and a phone session this long after the code is verified. */
export const OTP_TTL_SECONDS = 300;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_SECONDS = 60;
export const RESIDENT_SESSION_MINUTES = 60;
/** The resident pages' own cookie, apart from the staff session, sent only to the resident API. */
export const RESIDENT_SESSION_COOKIE = 'linli_resident';
export const RESIDENT_COOKIE_PATH = '/api/v1/resident';

const mobile = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const r = validatePhone(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    else if (r.kind !== 'mobile') ctx.addIssue({ code: 'custom', message: '请填写能收短信的 11 位手机号码' });
  });

export const OtpRequestBody = z.strictObject({ phone: mobile });
export type OtpRequestBody = z.infer<typeof OtpRequestBody>;

export const OtpSent = z.object({
  phoneMasked: z.string(),
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
  /** Only in demo mode, where no SMS is sent: the code itself, to show on screen. */
  demoCode: z.string().optional(),
});
export type OtpSent = z.infer<typeof OtpSent>;

export const OtpVerifyBody = z.strictObject({
  phone: mobile,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请填写短信里的 6 位数字验证码'),
});

/** Who is using the resident pages: a verified phone, or a signed-in account. */
export const ResidentSession = z.object({
  kind: z.enum(['phone', 'user']),
  phoneMasked: z.string().nullable(),
  displayName: z.string().nullable(),
  /** Send it back as the `x-csrf-token` header with every change. */
  csrfToken: z.string(),
  expiresAt: z.string().nullable(),
});
export type ResidentSession = z.infer<typeof ResidentSession>;

/**
 * The map on which residents pin a place (and staff see the pin): the tile server the installation
 * configured (LINLI_MAP_TILES; coordinates are WGS-84, as phones report them, so the tiles must be too,
 * e.g. 天地图), or null when there is none and only "where I am now" is offered.
 */
export const MapSettings = z.object({
  /** A tile URL template with {z}, {x}, {y} and optionally {s}. */
  tiles: z.string(),
  /** The letters or digits {s} takes, one per tile host. */
  subdomains: z.string(),
  attribution: z.string(),
  center: z.object({ latitude: z.number(), longitude: z.number() }),
  zoom: z.number().int(),
});
export type MapSettings = z.infer<typeof MapSettings>;

/** A category as a resident sees it: plain words and a hint, nothing about routing or time limits. */
export const ResidentCategory = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  hint: z.string().nullable(),
});
export type ResidentCategory = z.infer<typeof ResidentCategory>;

export const PlaceQuery = z.strictObject({
  parentId: z.coerce.number().int().positive().optional(),
});
/** One step of the address picker: street, community, building or household — names only. */
export const Place = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.string(),
  hasChildren: z.boolean(),
});
export type Place = z.infer<typeof Place>;

export const ResidentSubmitBody = z
  .strictObject({
    categoryId: z.number().int().positive('请选择遇到的是哪类事'),
    description: z.string().trim().min(4, '请说一说情况，至少 4 个字').max(2000, '最多 2000 个字'),
    /** The place chosen in the picker (street, community, building or household). */
    nodeId: z.number().int().positive().optional(),
    /** Or the address in the resident's own words (also a detail beside the chosen place). */
    addressText: z.string().trim().max(200, '地址最多 200 个字').optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    contactName: z.string().trim().max(40, '称呼最多 40 个字').optional(),
    isAnonymous: z.boolean().default(false),
    attachmentIds: z.array(z.number().int().positive()).max(6, '最多 6 张照片').default([]),
  })
  .refine((b) => b.nodeId !== undefined || (b.addressText?.length ?? 0) >= 2, {
    message: '请选择地点，或写下地址',
    path: ['addressText'],
  });
export type ResidentSubmitBody = z.infer<typeof ResidentSubmitBody>;

/** The steps a resident may take on their own request. */
export const residentActions = ['add_info', 'urge', 'withdraw', 'rate', 'reopen'] as const;
export type ResidentAction = (typeof residentActions)[number];

export const ResidentActionBody = z.strictObject({
  action: z.enum(residentActions, '未知的操作'),
  version: z.number().int().min(1),
  note: z.string().trim().max(2000, '最多 2000 个字').optional(),
  rating: z.enum(ratings).optional(),
  attachmentIds: z.array(z.number().int().positive()).max(6, '最多 6 张照片').default([]),
});
export type ResidentActionBody = z.infer<typeof ResidentActionBody>;

export const ResidentRequestItem = z.object({
  id: z.number().int(),
  code: z.string(),
  state: z.enum(requestStates),
  categoryName: z.string(),
  categoryNameEn: z.string().nullable(),
  summary: z.string(),
  address: z.string(),
  submittedAt: z.string(),
  rating: z.enum(ratings).nullable(),
});
export type ResidentRequestItem = z.infer<typeof ResidentRequestItem>;

/** One step of the timeline as the resident sees it: who in general terms, public notes and photos. */
export const ResidentRequestEvent = z.object({
  id: z.number().int(),
  action: z.string(),
  toState: z.string().nullable(),
  by: z.enum(['resident', 'staff', 'system']),
  note: z.string().nullable(),
  /** The rating given in a `rate` step. */
  rating: z.enum(ratings).nullable(),
  attachmentIds: z.array(z.number().int()),
  at: z.string(),
});
export type ResidentRequestEvent = z.infer<typeof ResidentRequestEvent>;

export const ResidentRequestView = ResidentRequestItem.extend({
  description: z.string(),
  isAnonymous: z.boolean(),
  contactName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  ratingComment: z.string().nullable(),
  attachmentIds: z.array(z.number().int()),
  version: z.number().int(),
  events: z.array(ResidentRequestEvent),
  actions: z.array(z.enum(residentActions)),
});
export type ResidentRequestView = z.infer<typeof ResidentRequestView>;
