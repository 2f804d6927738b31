/** Housing (房屋) and rental registration (出租登记): the facts of each room, and who rents it. */
import { z } from 'zod';

export const houseUses = ['owner_occupied', 'rented', 'vacant', 'commercial'] as const;
export const rentalStatuses = ['active', 'ended'] as const;
export const houseEventKinds = ['register', 'update', 'rental_start', 'rental_end'] as const;

export const housingLabels = {
  use: {
    owner_occupied: { zh: '自住', en: 'Owner-occupied' },
    rented: { zh: '出租', en: 'Rented' },
    vacant: { zh: '空置', en: 'Vacant' },
    commercial: { zh: '商用', en: 'Commercial' },
  },
  rentalStatus: { active: { zh: '在租', en: 'Active' }, ended: { zh: '已退租', en: 'Ended' } },
  eventKind: {
    register: { zh: '登记房屋', en: 'Registered' },
    update: { zh: '信息更正', en: 'Corrected' },
    rental_start: { zh: '出租登记', en: 'Rental registered' },
    rental_end: { zh: '退租', en: 'Rental ended' },
  },
} as const;

const date = z.iso.date('日期格式应为 YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).optional();

export const HouseInput = z.strictObject({
  nodeId: z.number().int().positive('请选择房号（户）'),
  areaM2: z.number().positive('面积应大于 0').max(99_999, '面积过大，请核对（单位：平方米）').optional(),
  use: z.enum(houseUses, '请选择房屋用途'),
  ownerName: text(60),
  ownerPhone: z.string().trim().max(30).optional(),
  notes: text(1000),
});
export type HouseInput = z.infer<typeof HouseInput>;

export const HouseUpdate = HouseInput.omit({ nodeId: true })
  .partial()
  .extend({ version: z.number().int().positive(), reason: text(200) });

export const RentalInput = z
  .strictObject({
    /** The tenant's household in the register (optional), or their name and numbers. */
    tenantNodeId: z.number().int().positive().optional(),
    tenantName: text(60),
    tenantIdNumber: z.string().trim().max(40).optional(),
    tenantPhone: z.string().trim().max(30).optional(),
    landlordName: z.string().trim().min(1, '请填写出租人').max(60),
    startDate: date,
    endDate: date.optional(),
    contractNo: text(60),
    notes: text(500),
  })
  .refine((r) => r.tenantNodeId !== undefined || !!r.tenantName, {
    path: ['tenantName'],
    message: '请填写承租人姓名，或选择承租户',
  })
  .refine((r) => !r.endDate || r.endDate >= r.startDate, {
    path: ['endDate'],
    message: '租期结束日期不能早于开始日期',
  });
export type RentalInput = z.infer<typeof RentalInput>;

export const EndRentalBody = z.strictObject({
  endedOn: date,
  reason: text(200),
});

export const Rental = z.object({
  id: z.number().int(),
  houseId: z.number().int(),
  tenantNodeId: z.number().int().nullable(),
  tenantAddress: z.string().nullable(),
  tenantName: z.string().nullable(),
  tenantIdNumberMasked: z.string().nullable(),
  tenantPhoneMasked: z.string().nullable(),
  landlordName: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  contractNo: z.string().nullable(),
  status: z.enum(rentalStatuses),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  notes: z.string().nullable(),
  /** The period's end has passed while the rental is still active. */
  isOverdue: z.boolean(),
  createdAt: z.string(),
});
export type Rental = z.infer<typeof Rental>;

export const HouseListItem = z.object({
  id: z.number().int(),
  nodeId: z.number().int(),
  address: z.string(),
  areaM2: z.number().nullable(),
  use: z.enum(houseUses),
  ownerName: z.string().nullable(),
  ownerPhoneMasked: z.string().nullable(),
  activeRentals: z.number().int(),
  residents: z.number().int(),
  /** Marked 出租 without an active rental registration: a worker should register it or correct the use. */
  rentalMissing: z.boolean(),
});
export type HouseListItem = z.infer<typeof HouseListItem>;

export const HouseEvent = z.object({
  id: z.number().int(),
  kind: z.enum(houseEventKinds),
  occurredOn: z.string(),
  rentalId: z.number().int().nullable(),
  reason: z.string().nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
});

export const HouseDetail = HouseListItem.extend({
  notes: z.string().nullable(),
  version: z.number().int(),
  canReveal: z.boolean(),
  rentals: z.array(Rental),
  events: z.array(HouseEvent),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HouseDetail = z.infer<typeof HouseDetail>;

export const HouseListQuery = z.strictObject({
  nodeId: z.coerce.number().int().positive().optional(),
  use: z.enum(houseUses).optional(),
  /** Only houses marked 出租 without an active rental. */
  rentalMissing: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** The building view: every room of a building, its house facts, who lives there, its rental. */
export const BuildingRoom = z.object({
  nodeId: z.number().int(),
  name: z.string(),
  /** The unit (单元) node's name when rooms hang under units. */
  unitName: z.string().nullable(),
  house: HouseListItem.nullable(),
  residents: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      relationToHead: z.string(),
      registrationType: z.string(),
    }),
  ),
  activeRental: Rental.nullable(),
});
export const BuildingView = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.string(),
  rooms: z.array(BuildingRoom),
  figures: z.object({
    rooms: z.number().int(),
    registered: z.number().int(),
    rented: z.number().int(),
    vacant: z.number().int(),
    residents: z.number().int(),
    rentalMissing: z.number().int(),
  }),
});
export type BuildingView = z.infer<typeof BuildingView>;

export const HouseRevealBody = z.strictObject({
  field: z.enum(['ownerPhone']),
  reason: z.string().trim().min(2, '请说明查看原因').max(200),
});
export const RentalRevealBody = z.strictObject({
  field: z.enum(['tenantIdNumber', 'tenantPhone']),
  reason: z.string().trim().min(2, '请说明查看原因').max(200),
});
export const HousingRevealed = z.object({ field: z.string(), value: z.string() });
