/** Use cases of the resident registry: register, correct, move, end residence, search, reveal. */
import type { FieldIssue, ResidentDetail, ResidentInput } from '@linli/contracts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { inScope } from '../../platform/auth/actor.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { violatedConstraint } from '../../platform/db/pg-errors.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import * as repo from './registry.repository.ts';
import { stateOn, type HistoryStep, type RecordState } from './resident-as-of.ts';
import {
  checkFloating,
  classifyQuery,
  namePinyin,
  normalizeIdentity,
  normalizePhone,
  todayInChina,
} from './resident.ts';

export interface RegistryDeps {
  db: Db;
  crypto: FieldCrypto;
  today?: () => string;
}

type Patch = Partial<Omit<ResidentInput, 'nodeId'>>;

/** Field-by-field differences between two plain records, for the history and the audit log. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
      changes[key] = { before: before[key] ?? null, after: after[key] ?? null };
  }
  return changes;
}

/** Fields of the history that only registry.sensitive holders may read. */
export const SENSITIVE_HISTORY_FIELDS = ['politicalStatus', 'health', 'disabilityKind', 'disabilityGrade', 'religion'];

export function withoutSensitive(changes: Record<string, { before: unknown; after: unknown }>) {
  return Object.fromEntries(Object.entries(changes).filter(([k]) => !SENSITIVE_HISTORY_FIELDS.includes(k)));
}

export function comparable(w: repo.ResidentWrite, tags: readonly string[]) {
  return {
    name: w.name,
    gender: w.gender,
    birthDate: w.birthDate,
    idKind: w.idKind,
    idNumber: w.idNumberMasked,
    phone: w.phoneMasked,
    ethnicity: w.ethnicity,
    registrationType: w.registrationType,
    arrivalDate: w.arrivalDate,
    origin: w.origin,
    arrivalReason: w.arrivalReason,
    expectedStay: w.expectedStay,
    relationToHead: w.relationToHead,
    politicalStatus: w.politicalStatus,
    notes: w.notes,
    tags: [...tags].sort(),
  };
}

/** A stored record as it stood at the end of `date` (null: not yet registered), its history undone. */
export function recordOn(row: repo.ResidentRow, history: readonly HistoryStep[], date: string) {
  return stateOn(
    { nodeId: row.node_id, status: row.status, fields: comparable(repo.storedWrite(row), row.tags) },
    history,
    date,
  ) as (RecordState & { fields: ReturnType<typeof comparable> }) | null;
}

export type RegistryService = ReturnType<typeof createRegistryService>;

export function createRegistryService(deps: RegistryDeps) {
  const { db, crypto } = deps;
  const today = deps.today ?? (() => todayInChina());

  /** Validate and prepare a full record; throws VALIDATION_FAILED listing every problem. */
  function prepare(input: Omit<ResidentInput, 'nodeId'>, node: { id: number; path: string }): repo.ResidentWrite {
    const issues: FieldIssue[] = [];
    const identity = normalizeIdentity(input, today());
    if (!identity.ok) issues.push(...identity.issues);
    const phone = normalizePhone(input.phone);
    if (!phone.ok) issues.push(phone.issue);
    issues.push(...checkFloating(input));
    if (!identity.ok || !phone.ok || issues.length > 0) throw new DomainError('VALIDATION_FAILED', issues);
    const py = namePinyin(input.name);
    const id = identity.value;
    return {
      nodeId: node.id,
      nodePath: node.path,
      name: input.name,
      namePinyin: py.full,
      nameInitials: py.initials,
      gender: id.gender,
      birthDate: id.birthDate,
      idKind: id.idKind,
      idNumberEnc: id.idNumber ? crypto.encrypt(id.idNumber) : null,
      idNumberHash: id.idNumber ? crypto.blindIndex(id.idNumber) : null,
      idNumberMasked: id.idNumberMasked,
      phoneEnc: phone.value.phone ? crypto.encrypt(phone.value.phone) : null,
      phoneHash: phone.value.phone ? crypto.blindIndex(phone.value.phone) : null,
      phoneMasked: phone.value.phoneMasked,
      ethnicity: input.ethnicity ?? null,
      registrationType: input.registrationType,
      arrivalDate: input.registrationType === 'floating' ? (input.arrivalDate ?? null) : null,
      origin: input.registrationType === 'floating' ? (input.origin ?? null) : null,
      arrivalReason: input.registrationType === 'floating' ? (input.arrivalReason ?? null) : null,
      expectedStay: input.registrationType === 'floating' ? (input.expectedStay ?? null) : null,
      relationToHead: input.relationToHead,
      politicalStatus: input.politicalStatus ?? null,
      notes: input.notes ?? null,
    };
  }

  async function household(q: Queryable, caller: Caller, nodeId: number) {
    const node = await repo.findNodeInScope(q, caller.scope('registry.manage'), nodeId);
    if (!node || node.retired) throw notFound();
    if (node.level !== 'household') throw new DomainError('NODE_NOT_HOUSEHOLD');
    return node;
  }

  async function checkTags(q: Queryable, tags: readonly string[] | undefined) {
    const unknown = await repo.unknownTags(q, tags ?? []);
    if (unknown.length)
      throw new DomainError('VALIDATION_FAILED', [
        { path: 'body.tags', message: `未知的关爱标签：${unknown.join('、')}` },
      ]);
  }

  function mayTouchSensitive(caller: Caller, path: string) {
    return inScope(caller.scope('registry.sensitive'), path);
  }

  const uniqueId = (e: unknown): never => {
    if (violatedConstraint(e) === 'resident_id_number_key') throw new DomainError('RESIDENT_ID_TAKEN');
    throw e;
  };

  const recordedBy = (caller: Caller) => (caller.actor.kind === 'user' ? caller.actor.userId : null);

  async function detail(q: Queryable, caller: Caller, id: number): Promise<ResidentDetail> {
    const row = await repo.findResident(q, caller.scope('registry.read'), id);
    if (!row) throw notFound();
    const mergedFrom = await repo.mergedFrom(q, id);
    const [members, events] = await Promise.all([
      repo.householdMembers(q, row.node_id),
      repo.eventsOf(q, [id, ...mergedFrom]),
    ]);
    const paths = [
      row.node_path,
      ...members.map((m) => m.node_path),
      ...events.flatMap((e) => [e.from_path, e.to_path].filter((p): p is string => !!p)),
    ];
    const addresses = await repo.addressesFor(q, paths);
    const day = today();
    const sensitiveOk = mayTouchSensitive(caller, row.node_path);
    return {
      ...repo.toListItem(row, addresses.get(row.node_path) ?? '', day),
      ethnicity: row.ethnicity,
      arrivalDate: row.arrival_date,
      origin: row.origin,
      arrivalReason: row.arrival_reason,
      expectedStay: row.expected_stay,
      notes: row.notes,
      version: row.version,
      politicalStatus: sensitiveOk ? (row.political_status as ResidentDetail['politicalStatus']) : null,
      sensitive: sensitiveOk ? await repo.findSensitive(q, id) : null,
      sensitiveHidden: !sensitiveOk,
      canReveal: inScope(caller.scope('registry.reveal'), row.node_path),
      household: members.map((m) => repo.toListItem(m, addresses.get(m.node_path) ?? '', day)),
      mergedInto: row.merged_into,
      mergedFrom,
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind as ResidentDetail['events'][number]['kind'],
        occurredOn: e.occurred_on,
        fromAddress: e.from_path ? (addresses.get(e.from_path) ?? null) : null,
        toAddress: e.to_path ? (addresses.get(e.to_path) ?? null) : null,
        reason: e.reason,
        changes: sensitiveOk ? e.changes : withoutSensitive(e.changes),
        recordedAt: e.recorded_at.toISOString(),
        recordedBy: e.recorded_by,
        mergedRecordId: e.resident_id === id ? null : e.resident_id,
      })),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  return {
    listCareTags: () => repo.listCareTags(db),

    async search(
      caller: Caller,
      f: {
        q?: string | undefined;
        nodeId?: number | undefined;
        tags?: string[] | undefined;
        registrationType?: string | undefined;
        gender?: string | undefined;
        ageMin?: number | undefined;
        ageMax?: number | undefined;
        status: string;
        page: number;
        pageSize: number;
      },
    ) {
      const scope = caller.scope('registry.read');
      const day = today();
      let nodePath: string | undefined;
      if (f.nodeId !== undefined) {
        const node = await repo.findNodeInScope(db, scope, f.nodeId);
        if (!node) return { items: [], total: 0, totalIsCapped: false, page: f.page, pageSize: f.pageSize };
        nodePath = node.path;
      }
      const kind = f.q ? classifyQuery(f.q) : undefined;
      let hash: string | undefined;
      if (f.q && kind === 'id_number') {
        const id = normalizeIdentity({ idNumber: f.q }, day);
        hash = crypto.blindIndex(
          id.ok && id.value.idNumber ? id.value.idNumber : f.q.replace(/\s+/g, '').toUpperCase(),
        );
      } else if (f.q && kind === 'phone') {
        const p = normalizePhone(f.q);
        hash = crypto.blindIndex(p.ok && p.value.phone ? p.value.phone : f.q);
      }
      // Address parts are names of buildings and rooms: collect the matching nodes first.
      const addressPaths =
        f.q && kind === 'name' && /\d|幢|栋|单元|室|号/.test(f.q)
          ? await repo.addressNodePaths(db, scope, f.q)
          : undefined;
      const yearsAgo = (years: number) => `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
      const { rows, total, totalIsCapped } = await repo.searchResidents(db, scope, {
        ...f,
        kind,
        hash,
        nodePath,
        addressPaths,
        bornOnOrBefore: f.ageMin !== undefined ? yearsAgo(f.ageMin) : undefined,
        bornAfter: f.ageMax !== undefined ? yearsAgo(f.ageMax + 1) : undefined,
      });
      const addresses = await repo.addressesFor(
        db,
        rows.map((r) => r.node_path),
      );
      return {
        items: rows.map((r) => repo.toListItem(r, addresses.get(r.node_path) ?? '', day)),
        total,
        totalIsCapped,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    get: (caller: Caller, id: number) => detail(db, caller, id),

    async register(caller: Caller, input: ResidentInput): Promise<ResidentDetail> {
      return db
        .tx(async (q) => {
          const node = await household(q, caller, input.nodeId);
          if ((input.sensitive || input.politicalStatus) && !mayTouchSensitive(caller, node.path))
            throw new DomainError('SENSITIVE_FORBIDDEN');
          const w = prepare(input, node);
          await checkTags(q, input.tags);
          const id = await repo.insertResident(q, w);
          if (input.tags?.length) await repo.setTags(q, id, input.tags);
          if (input.sensitive) await repo.upsertSensitive(q, id, input.sensitive);
          await repo.insertEvent(q, {
            residentId: id,
            kind: 'register',
            occurredOn: today(),
            toNodeId: node.id,
            changes: diff({}, comparable(w, input.tags ?? [])),
            recordedBy: recordedBy(caller),
          });
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'registry.resident.register',
            entityType: 'resident',
            entityId: id,
            nodeId: node.id,
            summary: { name: w.name, idNumber: w.idNumberMasked, registrationType: w.registrationType },
          });
          // Who may register may read: the caller's own view, sensitive fields and history included.
          return detail(q, caller, id);
        })
        .catch(uniqueId);
    },

    /** Correct a record. `version` must be the one the caller read: a concurrent change answers CONFLICT. */
    async update(
      caller: Caller,
      id: number,
      patch: Patch & { version: number; reason?: string | undefined },
    ): Promise<ResidentDetail> {
      await db
        .tx(async (q) => {
          const row = await repo.findResident(q, caller.scope('registry.manage'), id, true);
          if (!row) throw notFound();
          if (row.status !== 'active') throw new DomainError('RESIDENT_NOT_ACTIVE');
          const sensitiveOk = mayTouchSensitive(caller, row.node_path);
          if ((patch.sensitive || patch.politicalStatus !== undefined) && !sensitiveOk)
            throw new DomainError('SENSITIVE_FORBIDDEN');
          if (row.version !== patch.version) throw new DomainError('CONFLICT');
          // Unchanged encrypted fields keep their ciphertext; others are re-validated from the patch.
          const idNumber =
            patch.idNumber !== undefined
              ? patch.idNumber
              : row.id_number_enc
                ? crypto.decrypt(row.id_number_enc)
                : undefined;
          const phone =
            patch.phone !== undefined ? patch.phone : row.phone_enc ? crypto.decrypt(row.phone_enc) : undefined;
          const merged = {
            name: patch.name ?? row.name,
            gender: patch.gender ?? row.gender,
            birthDate: patch.birthDate ?? row.birth_date ?? undefined,
            idKind: patch.idKind ?? (patch.idNumber !== undefined ? undefined : row.id_kind),
            idNumber,
            phone,
            ethnicity: patch.ethnicity ?? row.ethnicity ?? undefined,
            registrationType: patch.registrationType ?? row.registration_type,
            arrivalDate: patch.arrivalDate ?? row.arrival_date ?? undefined,
            origin: patch.origin ?? row.origin ?? undefined,
            arrivalReason: patch.arrivalReason ?? row.arrival_reason ?? undefined,
            expectedStay: patch.expectedStay ?? row.expected_stay ?? undefined,
            relationToHead: patch.relationToHead ?? row.relation_to_head,
            politicalStatus: (patch.politicalStatus ??
              row.political_status ??
              undefined) as ResidentInput['politicalStatus'],
            notes: patch.notes ?? row.notes ?? undefined,
          };
          // When only the ID number changes, gender and birth date follow it rather than contradict it.
          if (patch.idNumber !== undefined && patch.gender === undefined)
            delete (merged as Partial<typeof merged>).gender;
          if (patch.idNumber !== undefined && patch.birthDate === undefined)
            delete (merged as Partial<typeof merged>).birthDate;
          const w = prepare(merged, { id: row.node_id, path: row.node_path });
          if (patch.idNumber === undefined) {
            w.idNumberEnc = row.id_number_enc;
          }
          if (patch.phone === undefined) w.phoneEnc = row.phone_enc;
          const tags = patch.tags ?? row.tags;
          await checkTags(q, tags);
          const before = comparable(repo.storedWrite(row), row.tags);
          const changes = diff(before, comparable(w, tags));
          if (!sensitiveOk) delete changes.politicalStatus;
          if (!(await repo.updateResident(q, id, patch.version, w))) throw new DomainError('CONFLICT');
          if (patch.tags) await repo.setTags(q, id, tags);
          if (patch.sensitive) await repo.upsertSensitive(q, id, patch.sensitive);
          await repo.insertEvent(q, {
            residentId: id,
            kind: 'update',
            occurredOn: today(),
            reason: patch.reason ?? null,
            changes,
            recordedBy: recordedBy(caller),
          });
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'registry.resident.update',
            entityType: 'resident',
            entityId: id,
            nodeId: row.node_id,
            summary: {
              name: row.name,
              changes: Object.keys(changes),
              sensitiveChanged: !!patch.sensitive,
              reason: patch.reason ?? null,
            },
          });
        })
        .catch(uniqueId);
      return detail(db, caller, id);
    },

    /** Move into another household (迁入、变更户、变更住址); the old address stays in the history. */
    async move(
      caller: Caller,
      id: number,
      body: {
        kind: 'move_in' | 'change_household' | 'change_address';
        toNodeId: number;
        relationToHead: ResidentInput['relationToHead'];
        occurredOn: string;
        reason?: string | undefined;
      },
    ) {
      await db.tx(async (q) => {
        const row = await repo.findResident(q, caller.scope('registry.manage'), id, true);
        if (!row) throw notFound();
        if (row.status === 'deceased' || row.status === 'merged') throw new DomainError('RESIDENT_NOT_ACTIVE');
        const to = await household(q, caller, body.toNodeId);
        await q.query(
          `UPDATE resident SET node_id = $2, node_path = $3, relation_to_head = $4, status = 'active', status_since = $5, version = version + 1, updated_at = now() WHERE id = $1`,
          [id, to.id, to.path, body.relationToHead, body.occurredOn],
        );
        await repo.insertEvent(q, {
          residentId: id,
          kind: body.kind,
          occurredOn: body.occurredOn,
          fromNodeId: row.node_id,
          toNodeId: to.id,
          reason: body.reason ?? null,
          // Only what changed: a move within the register keeps the status 在册.
          changes: diff(
            { relationToHead: row.relation_to_head, status: row.status },
            { relationToHead: body.relationToHead, status: 'active' },
          ),
          recordedBy: recordedBy(caller),
        });
        await appendAudit(q, {
          ...auditBy(caller),
          action: `registry.resident.${body.kind}`,
          entityType: 'resident',
          entityId: id,
          nodeId: to.id,
          summary: { name: row.name, fromNodeId: row.node_id, toNodeId: to.id, occurredOn: body.occurredOn },
        });
      });
      return detail(db, caller, id);
    },

    /** Move out of the jurisdiction, or death: the record stays, its status changes. */
    async end(
      caller: Caller,
      id: number,
      body: { kind: 'move_out' | 'death'; occurredOn: string; reason?: string | undefined },
    ) {
      if (body.occurredOn > today())
        throw new DomainError('VALIDATION_FAILED', [{ path: 'body.occurredOn', message: '日期不能晚于今天' }]);
      await db.tx(async (q) => {
        const row = await repo.findResident(q, caller.scope('registry.manage'), id, true);
        if (!row) throw notFound();
        if (row.status !== 'active') throw new DomainError('RESIDENT_NOT_ACTIVE');
        const status = body.kind === 'death' ? 'deceased' : 'moved_out';
        await repo.setStatus(q, id, status, body.occurredOn);
        await repo.insertEvent(q, {
          residentId: id,
          kind: body.kind,
          occurredOn: body.occurredOn,
          fromNodeId: row.node_id,
          reason: body.reason ?? null,
          changes: { status: { before: row.status, after: status } },
          recordedBy: recordedBy(caller),
        });
        await appendAudit(q, {
          ...auditBy(caller),
          action: `registry.resident.${body.kind}`,
          entityType: 'resident',
          entityId: id,
          nodeId: row.node_id,
          summary: { name: row.name, occurredOn: body.occurredOn },
        });
      });
      return detail(db, caller, id);
    },

    /** Show one full ID or phone number; the reveal, with who, whose and why, goes into the audit log. */
    async reveal(caller: Caller, id: number, body: { field: 'idNumber' | 'phone'; reason: string }) {
      return db.tx(async (q) => {
        const row = await repo.findResident(q, caller.scope('registry.reveal'), id);
        if (!row) throw notFound();
        const stored = body.field === 'idNumber' ? row.id_number_enc : row.phone_enc;
        const value = stored ? crypto.decrypt(stored) : '';
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.resident.reveal',
          entityType: 'resident',
          entityId: id,
          nodeId: row.node_id,
          summary: { name: row.name, field: body.field, reason: body.reason },
        });
        return { field: body.field, value };
      });
    },
  };
}
