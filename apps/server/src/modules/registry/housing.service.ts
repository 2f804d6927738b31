/** Use cases of housing (房屋) and rental registration (出租登记): register and correct a house, let and end rentals, the building view, reveal. */
import type {
  BuildingView,
  FieldIssue,
  HouseDetail,
  HouseInput,
  HouseListItem,
  Rental,
  RentalInput,
} from '@linli/contracts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { inScope } from '../../platform/auth/actor.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { violatedConstraint } from '../../platform/db/pg-errors.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import { compareRoomNames, isRentalMissing, isRentalOverdue } from './house.ts';
import * as repo from './housing.repository.ts';
import { addressesFor, findNodeInScope } from './registry.repository.ts';
import { diff } from './registry.service.ts';
import { normalizeIdentity, normalizePhone, todayInChina } from './resident.ts';

export interface HousingDeps {
  db: Db;
  crypto: FieldCrypto;
  today?: () => string;
}

const recordedBy = (caller: Caller) => (caller.actor.kind === 'user' ? caller.actor.userId : null);

function toHouseItem(r: repo.HouseRow, address: string): HouseListItem {
  return {
    id: r.id,
    nodeId: r.node_id,
    address,
    areaM2: r.area_m2 === null ? null : Number(r.area_m2),
    use: r.use,
    ownerName: r.owner_name,
    ownerPhoneMasked: r.owner_phone_masked,
    activeRentals: r.active_rentals,
    residents: r.residents,
    rentalMissing: isRentalMissing(r.use, r.active_rentals),
  };
}

function toRental(r: repo.RentalRow, addresses: Map<string, string>, today: string): Rental {
  return {
    id: r.id,
    houseId: r.house_id,
    tenantNodeId: r.tenant_node_id,
    tenantAddress: r.tenant_path ? (addresses.get(r.tenant_path) ?? null) : null,
    tenantName: r.tenant_name,
    tenantIdNumberMasked: r.tenant_id_number_masked,
    tenantPhoneMasked: r.tenant_phone_masked,
    landlordName: r.landlord_name,
    startDate: r.start_date,
    endDate: r.end_date,
    contractNo: r.contract_no,
    status: r.status,
    endedOn: r.ended_on,
    endReason: r.end_reason,
    notes: r.notes,
    isOverdue: isRentalOverdue({ status: r.status, endDate: r.end_date }, today),
    createdAt: r.created_at.toISOString(),
  };
}

/** What the history and audit compare for a house (the phone masked: data minimisation). */
export function comparableHouse(w: repo.HouseWrite) {
  return { areaM2: w.areaM2, use: w.use, ownerName: w.ownerName, ownerPhone: w.ownerPhoneMasked, notes: w.notes };
}

export type HousingService = ReturnType<typeof createHousingService>;

export function createHousingService(deps: HousingDeps) {
  const { db, crypto } = deps;
  const today = deps.today ?? (() => todayInChina());

  function prepareHouse(input: Omit<HouseInput, 'nodeId'>): repo.HouseWrite {
    const phone = normalizePhone(input.ownerPhone);
    if (!phone.ok)
      throw new DomainError('VALIDATION_FAILED', [{ path: 'body.ownerPhone', message: phone.issue.message }]);
    const p = phone.value.phone;
    return {
      areaM2: input.areaM2 ?? null,
      use: input.use,
      ownerName: input.ownerName || null,
      ownerPhoneEnc: p ? crypto.encrypt(p) : null,
      ownerPhoneHash: p ? crypto.blindIndex(p) : null,
      ownerPhoneMasked: phone.value.phoneMasked,
      notes: input.notes || null,
    };
  }

  async function householdNode(q: Queryable, scope: Parameters<typeof findNodeInScope>[1], nodeId: number) {
    const node = await findNodeInScope(q, scope, nodeId);
    if (!node || node.retired) throw notFound();
    if (node.level !== 'household') throw new DomainError('NODE_NOT_HOUSEHOLD');
    return node;
  }

  async function detail(q: Queryable, caller: Caller, id: number): Promise<HouseDetail> {
    const row = await repo.findHouse(q, caller.scope('registry.read'), id);
    if (!row) throw notFound();
    const [rentals, events] = await Promise.all([repo.rentalsOfHouses(q, [id]), repo.houseEvents(q, id)]);
    const addresses = await addressesFor(q, [
      row.node_path,
      ...rentals.flatMap((r) => (r.tenant_path ? [r.tenant_path] : [])),
    ]);
    const day = today();
    return {
      ...toHouseItem(row, addresses.get(row.node_path) ?? ''),
      notes: row.notes,
      version: row.version,
      canReveal: inScope(caller.scope('registry.reveal'), row.node_path),
      rentals: rentals.map((r) => toRental(r, addresses, day)),
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        occurredOn: e.occurred_on,
        rentalId: e.rental_id,
        reason: e.reason,
        changes: e.changes,
        recordedAt: e.recorded_at.toISOString(),
        recordedBy: e.recorded_by,
      })),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  const houseTaken = (e: unknown): never => {
    if (violatedConstraint(e) === 'house_node_key') throw new DomainError('HOUSE_EXISTS');
    throw e;
  };

  return {
    async list(
      caller: Caller,
      f: {
        nodeId?: number | undefined;
        use?: string | undefined;
        rentalMissing?: 'true' | 'false' | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      const scope = caller.scope('registry.read');
      let nodePath: string | undefined;
      if (f.nodeId !== undefined) {
        const node = await findNodeInScope(db, scope, f.nodeId);
        if (!node) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
        nodePath = node.path;
      }
      const { rows, total } = await repo.listHouses(db, scope, {
        nodePath,
        use: f.use,
        rentalMissing: f.rentalMissing === 'true',
        page: f.page,
        pageSize: f.pageSize,
      });
      const addresses = await addressesFor(
        db,
        rows.map((r) => r.node_path),
      );
      return {
        items: rows.map((r) => toHouseItem(r, addresses.get(r.node_path) ?? '')),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    /** Every room of a building (or unit): house facts, who lives there, the active rental. */
    async building(caller: Caller, nodeId: number): Promise<BuildingView> {
      const node = await findNodeInScope(db, caller.scope('registry.read'), nodeId);
      if (!node || (node.level !== 'building' && node.level !== 'unit')) throw notFound();
      const rooms = (await repo.roomsUnder(db, node.path)).sort(
        (a, b) => compareRoomNames(a.unit_name ?? '', b.unit_name ?? '') || compareRoomNames(a.name, b.name),
      );
      const ids = rooms.map((r) => r.id);
      const [houses, residents] = await Promise.all([repo.housesOnNodes(db, ids), repo.residentsOnNodes(db, ids)]);
      const rentals = await repo.rentalsOfHouses(
        db,
        houses.map((h) => h.id),
        true,
      );
      const addresses = await addressesFor(db, [
        node.path,
        ...rooms.map((r) => r.path),
        ...rentals.flatMap((r) => (r.tenant_path ? [r.tenant_path] : [])),
      ]);
      const day = today();
      const houseByNode = new Map(houses.map((h) => [h.node_id, h]));
      const items = rooms.map((room) => {
        const house = houseByNode.get(room.id);
        const rental = house ? rentals.find((r) => r.house_id === house.id) : undefined;
        return {
          nodeId: room.id,
          name: room.name,
          unitName: room.unit_name,
          house: house ? toHouseItem(house, addresses.get(room.path) ?? '') : null,
          residents: residents
            .filter((r) => r.node_id === room.id)
            .map((r) => ({
              id: r.id,
              name: r.name,
              relationToHead: r.relation_to_head,
              registrationType: r.registration_type,
            })),
          activeRental: rental ? toRental(rental, addresses, day) : null,
        };
      });
      const { rows: named } = await db.query<{ name: string }>(`SELECT name FROM jurisdiction_node WHERE id = $1`, [
        node.id,
      ]);
      return {
        id: node.id,
        name: named[0]?.name ?? '',
        address: addresses.get(node.path) ?? '',
        rooms: items,
        figures: {
          rooms: items.length,
          registered: houses.length,
          rented: houses.filter((h) => h.use === 'rented').length,
          vacant: houses.filter((h) => h.use === 'vacant').length,
          residents: residents.length,
          rentalMissing: houses.filter((h) => isRentalMissing(h.use, h.active_rentals)).length,
        },
      };
    },

    get: (caller: Caller, id: number) => detail(db, caller, id),

    async register(caller: Caller, input: HouseInput): Promise<HouseDetail> {
      return db
        .tx(async (q) => {
          const node = await householdNode(q, caller.scope('registry.manage'), input.nodeId);
          const w = prepareHouse(input);
          const id = await repo.insertHouse(q, node, w);
          await repo.insertHouseEvent(q, {
            houseId: id,
            kind: 'register',
            occurredOn: today(),
            changes: diff({}, comparableHouse(w)),
            recordedBy: recordedBy(caller),
          });
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'registry.house.register',
            entityType: 'house',
            entityId: id,
            nodeId: node.id,
            summary: { use: w.use, areaM2: w.areaM2, ownerPhone: w.ownerPhoneMasked },
          });
          return detail(q, caller, id);
        })
        .catch(houseTaken);
    },

    /** Correct a house; `version` must be the one read (a concurrent change answers CONFLICT). */
    async update(
      caller: Caller,
      id: number,
      patch: Partial<Omit<HouseInput, 'nodeId'>> & { version: number; reason?: string | undefined },
    ): Promise<HouseDetail> {
      return db.tx(async (q) => {
        const row = await repo.findHouse(q, caller.scope('registry.manage'), id, true);
        if (!row) throw notFound();
        if (row.version !== patch.version) throw new DomainError('CONFLICT');
        const w = prepareHouse({
          areaM2: patch.areaM2 ?? (row.area_m2 === null ? undefined : Number(row.area_m2)),
          use: patch.use ?? row.use,
          ownerName: patch.ownerName ?? row.owner_name ?? undefined,
          ownerPhone: patch.ownerPhone ?? undefined,
          notes: patch.notes ?? row.notes ?? undefined,
        });
        // An unchanged phone keeps its ciphertext; an empty string clears it.
        if (patch.ownerPhone === undefined) {
          w.ownerPhoneEnc = row.owner_phone_enc;
          w.ownerPhoneHash = row.owner_phone_hash;
          w.ownerPhoneMasked = row.owner_phone_masked;
        }
        const before: repo.HouseWrite = {
          areaM2: row.area_m2 === null ? null : Number(row.area_m2),
          use: row.use,
          ownerName: row.owner_name,
          ownerPhoneEnc: row.owner_phone_enc,
          ownerPhoneHash: row.owner_phone_hash,
          ownerPhoneMasked: row.owner_phone_masked,
          notes: row.notes,
        };
        const changes = diff(comparableHouse(before), comparableHouse(w));
        if (!(await repo.updateHouse(q, id, patch.version, w))) throw new DomainError('CONFLICT');
        await repo.insertHouseEvent(q, {
          houseId: id,
          kind: 'update',
          occurredOn: today(),
          reason: patch.reason ?? null,
          changes,
          recordedBy: recordedBy(caller),
        });
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.house.update',
          entityType: 'house',
          entityId: id,
          nodeId: row.node_id,
          summary: { changes: Object.keys(changes), reason: patch.reason ?? null },
        });
        return detail(q, caller, id);
      });
    },

    /** Register a rental; a house not yet marked 出租 becomes so (recorded in the same event). */
    async let(caller: Caller, houseId: number, input: RentalInput): Promise<HouseDetail> {
      return db.tx(async (q) => {
        const scope = caller.scope('registry.manage');
        const house = await repo.findHouse(q, scope, houseId, true);
        if (!house) throw notFound();
        const issues: FieldIssue[] = [];
        let tenantNodeId: number | null = null;
        if (input.tenantNodeId !== undefined) {
          const tenant = await findNodeInScope(q, scope, input.tenantNodeId);
          if (!tenant || tenant.retired) throw notFound();
          if (tenant.level !== 'household') throw new DomainError('NODE_NOT_HOUSEHOLD');
          tenantNodeId = tenant.id;
        }
        let idNumber: string | null = null;
        let idNumberMasked: string | null = null;
        if (input.tenantIdNumber) {
          const id = normalizeIdentity({ idNumber: input.tenantIdNumber }, today());
          if (!id.ok) issues.push(...id.issues.map((i) => ({ ...i, path: 'body.tenantIdNumber' })));
          else {
            idNumber = id.value.idNumber;
            idNumberMasked = id.value.idNumberMasked;
          }
        }
        const phone = normalizePhone(input.tenantPhone);
        if (!phone.ok) issues.push({ path: 'body.tenantPhone', message: phone.issue.message });
        if (input.startDate > today())
          issues.push({ path: 'body.startDate', message: '租期开始日期不能晚于今天（请在起租后登记）' });
        if (issues.length > 0 || !phone.ok) throw new DomainError('VALIDATION_FAILED', issues);
        const p = phone.value.phone;
        const rentalId = await repo.insertRental(q, {
          houseId,
          nodeId: house.node_id,
          nodePath: house.node_path,
          tenantNodeId,
          tenantName: input.tenantName || null,
          tenantIdNumberEnc: idNumber ? crypto.encrypt(idNumber) : null,
          tenantIdNumberHash: idNumber ? crypto.blindIndex(idNumber) : null,
          tenantIdNumberMasked: idNumberMasked,
          tenantPhoneEnc: p ? crypto.encrypt(p) : null,
          tenantPhoneHash: p ? crypto.blindIndex(p) : null,
          tenantPhoneMasked: phone.value.phoneMasked,
          landlordName: input.landlordName,
          startDate: input.startDate,
          endDate: input.endDate ?? null,
          contractNo: input.contractNo || null,
          notes: input.notes || null,
          createdBy: recordedBy(caller),
        });
        const changes: Record<string, { before: unknown; after: unknown }> = {
          tenant: { before: null, after: input.tenantName ?? null },
          period: { before: null, after: `${input.startDate}～${input.endDate ?? ''}` },
        };
        if (house.use !== 'rented') {
          await repo.setHouseUse(q, houseId, 'rented');
          changes.use = { before: house.use, after: 'rented' };
        }
        await repo.insertHouseEvent(q, {
          houseId,
          rentalId,
          kind: 'rental_start',
          occurredOn: input.startDate,
          changes,
          recordedBy: recordedBy(caller),
        });
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.rental.register',
          entityType: 'rental',
          entityId: rentalId,
          nodeId: house.node_id,
          summary: {
            houseId,
            tenantNodeId,
            tenantIdNumber: idNumberMasked,
            startDate: input.startDate,
            endDate: input.endDate ?? null,
            contractNo: input.contractNo ?? null,
          },
        });
        return detail(q, caller, houseId);
      });
    },

    /** End a rental: an event; the registration itself stays as it was. */
    async endRental(
      caller: Caller,
      rentalId: number,
      body: { endedOn: string; reason?: string | undefined },
    ): Promise<HouseDetail> {
      return db.tx(async (q) => {
        const rental = await repo.findRental(q, caller.scope('registry.manage'), rentalId, true);
        if (!rental) throw notFound();
        if (rental.status !== 'active') throw new DomainError('RENTAL_NOT_ACTIVE');
        if (body.endedOn < rental.start_date)
          throw new DomainError('VALIDATION_FAILED', [
            { path: 'body.endedOn', message: `退租日期不能早于起租日期 ${rental.start_date}` },
          ]);
        if (body.endedOn > today())
          throw new DomainError('VALIDATION_FAILED', [{ path: 'body.endedOn', message: '退租日期不能晚于今天' }]);
        await repo.endRental(q, rentalId, {
          endedOn: body.endedOn,
          reason: body.reason ?? null,
          endedBy: recordedBy(caller),
        });
        await repo.insertHouseEvent(q, {
          houseId: rental.house_id,
          rentalId,
          kind: 'rental_end',
          occurredOn: body.endedOn,
          reason: body.reason ?? null,
          changes: { status: { before: 'active', after: 'ended' } },
          recordedBy: recordedBy(caller),
        });
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.rental.end',
          entityType: 'rental',
          entityId: rentalId,
          nodeId: rental.node_id,
          summary: { houseId: rental.house_id, endedOn: body.endedOn, reason: body.reason ?? null },
        });
        return detail(q, caller, rental.house_id);
      });
    },

    /** The owner's full phone number; who, whose and why go into the audit log. */
    async revealHouse(caller: Caller, id: number, body: { field: 'ownerPhone'; reason: string }) {
      return db.tx(async (q) => {
        const row = await repo.findHouse(q, caller.scope('registry.reveal'), id);
        if (!row) throw notFound();
        const value = row.owner_phone_enc ? crypto.decrypt(row.owner_phone_enc) : '';
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.house.reveal',
          entityType: 'house',
          entityId: id,
          nodeId: row.node_id,
          summary: { field: body.field, reason: body.reason },
        });
        return { field: body.field, value };
      });
    },

    /** A tenant's full ID or phone number, audited like a resident's. */
    async revealRental(caller: Caller, id: number, body: { field: 'tenantIdNumber' | 'tenantPhone'; reason: string }) {
      return db.tx(async (q) => {
        const row = await repo.findRental(q, caller.scope('registry.reveal'), id);
        if (!row) throw notFound();
        const stored = body.field === 'tenantIdNumber' ? row.tenant_id_number_enc : row.tenant_phone_enc;
        const value = stored ? crypto.decrypt(stored) : '';
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.rental.reveal',
          entityType: 'rental',
          entityId: id,
          nodeId: row.node_id,
          summary: { tenantName: row.tenant_name, field: body.field, reason: body.reason },
        });
        return { field: body.field, value };
      });
    },
  };
}
