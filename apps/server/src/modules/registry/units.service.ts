/**
 * Use cases of units in the jurisdiction (辖区单位): register, correct or close, search, reveal. The
 * credit code is checked (GB 32100) with an explicit, audited override; religious sites are read and
 * written only by holders of registry.sensitive.
 */
import { sensitiveUnitKinds, type UnitDetail, type UnitInput, type UnitListItem } from '@linli/contracts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { inScope } from '../../platform/auth/actor.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { violatedConstraint } from '../../platform/db/pg-errors.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import { decideCreditCode } from './house.ts';
import { addressesFor, findNodeInScope } from './registry.repository.ts';
import { diff } from './registry.service.ts';
import { normalizePhone } from './resident.ts';
import * as repo from './units.repository.ts';

export interface UnitsDeps {
  db: Db;
  crypto: FieldCrypto;
}

type UnitUpdate = Partial<UnitInput> & {
  status?: 'active' | 'closed' | undefined;
  version: number;
  reason?: string | undefined;
};

export function toUnitItem(r: repo.UnitRow, address: string): UnitListItem {
  return {
    id: r.id,
    nodeId: r.node_id,
    address,
    kind: r.kind,
    name: r.name,
    creditCode: r.credit_code,
    creditCodeOverride: r.credit_code_override_reason
      ? { reason: r.credit_code_override_reason, at: r.credit_code_override_at?.toISOString() ?? null }
      : null,
    legalRepresentative: r.legal_representative,
    contactName: r.contact_name,
    contactPhoneMasked: r.contact_phone_masked,
    employees: r.employees,
    status: r.status,
  };
}

/** What history and audit compare (the phone masked). */
export function comparableUnit(w: repo.UnitWrite) {
  return {
    nodeId: w.nodeId,
    kind: w.kind,
    name: w.name,
    creditCode: w.creditCode,
    creditCodeOverride: w.overrideReason,
    religion: w.religion,
    legalRepresentative: w.legalRepresentative,
    contactName: w.contactName,
    contactPhone: w.contactPhoneMasked,
    employees: w.employees,
    notes: w.notes,
    status: w.status,
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;

export function createUnitsService(deps: UnitsDeps) {
  const { db, crypto } = deps;
  const by = (caller: Caller) => (caller.actor.kind === 'user' ? caller.actor.userId : null);

  async function detail(q: Queryable, caller: Caller, id: number): Promise<UnitDetail> {
    const row = await repo.findUnit(q, caller.scope('registry.read'), caller.scope('registry.sensitive'), id);
    if (!row) throw notFound();
    const addresses = await addressesFor(q, [row.node_path]);
    return {
      ...toUnitItem(row, addresses.get(row.node_path) ?? ''),
      religion: row.religion,
      notes: row.notes,
      version: row.version,
      canReveal: inScope(caller.scope('registry.reveal'), row.node_path),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  /** Validate a full record; the credit-code decision says whether an override is being used. */
  async function prepare(
    q: Queryable,
    caller: Caller,
    input: Omit<UnitInput, 'contactPhone'> & { status: string },
    phone: { enc: string | null; hash: string | null; masked: string | null } | { raw: string | undefined },
  ) {
    const node = await findNodeInScope(q, caller.scope('registry.manage'), input.nodeId);
    if (!node || node.retired) throw notFound();
    if (sensitiveUnitKinds.includes(input.kind) && !inScope(caller.scope('registry.sensitive'), node.path))
      throw new DomainError('SENSITIVE_FORBIDDEN');
    const decision = decideCreditCode(input.creditCode, input.creditCodeOverride);
    if (!decision.ok) {
      const hint = decision.overridable ? '如与营业执照（登记证书）原件一致，可填写原因后保留。' : '';
      throw new DomainError('CREDIT_CODE_INVALID', [{ path: 'body.creditCode', message: decision.message }], {
        zh: `统一社会信用代码未通过校验：${decision.message}。${hint}`,
        en: `The unified social credit code fails its check (position ${decision.position ?? '?'}${decision.expectedCheck ? `; the check character should be ${decision.expectedCheck}` : ''}).${decision.overridable ? ' Keep it with a reason if it matches the licence.' : ''}`,
      });
    }
    let contact: { enc: string | null; hash: string | null; masked: string | null };
    if ('raw' in phone) {
      const p = normalizePhone(phone.raw);
      if (!p.ok) throw new DomainError('VALIDATION_FAILED', [{ path: 'body.contactPhone', message: p.issue.message }]);
      const v = p.value.phone;
      contact = {
        enc: v ? crypto.encrypt(v) : null,
        hash: v ? crypto.blindIndex(v) : null,
        masked: p.value.phoneMasked,
      };
    } else contact = phone;
    const w: repo.UnitWrite = {
      nodeId: node.id,
      nodePath: node.path,
      kind: input.kind,
      name: input.name,
      creditCode: decision.code,
      overrideReason: decision.override?.reason ?? null,
      religion: input.kind === 'religious_site' ? input.religion || null : null,
      legalRepresentative: input.legalRepresentative || null,
      contactName: input.contactName || null,
      contactPhoneEnc: contact.enc,
      contactPhoneHash: contact.hash,
      contactPhoneMasked: contact.masked,
      employees: input.employees ?? null,
      notes: input.notes || null,
      status: input.status,
    };
    return { w, override: decision.override };
  }

  const codeTaken = (e: unknown): never => {
    if (violatedConstraint(e) === 'org_unit_district_credit_code_key') throw new DomainError('UNIT_CREDIT_CODE_TAKEN');
    throw e;
  };

  async function auditOverride(
    q: Queryable,
    caller: Caller,
    id: number,
    w: repo.UnitWrite,
    override: { reason: string; problem: string },
  ) {
    await appendAudit(q, {
      ...auditBy(caller),
      action: 'registry.unit.credit_code_override',
      entityType: 'unit',
      entityId: id,
      nodeId: w.nodeId,
      summary: { name: w.name, creditCode: w.creditCode, problem: override.problem, reason: override.reason },
    });
  }

  return {
    async list(
      caller: Caller,
      f: {
        q?: string | undefined;
        nodeId?: number | undefined;
        kind?: string | undefined;
        status: string;
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
      const { rows, total } = await repo.listUnits(db, scope, caller.scope('registry.sensitive'), { ...f, nodePath });
      const addresses = await addressesFor(
        db,
        rows.map((r) => r.node_path),
      );
      return {
        items: rows.map((r) => toUnitItem(r, addresses.get(r.node_path) ?? '')),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    get: (caller: Caller, id: number) => detail(db, caller, id),

    async register(caller: Caller, input: UnitInput): Promise<UnitDetail> {
      return db
        .tx(async (q) => {
          const { w, override } = await prepare(q, caller, { ...input, status: 'active' }, { raw: input.contactPhone });
          const id = await repo.insertUnit(q, w, by(caller));
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'registry.unit.register',
            entityType: 'unit',
            entityId: id,
            nodeId: w.nodeId,
            summary: { kind: w.kind, name: w.name, creditCode: w.creditCode, creditCodeOverridden: !!override },
          });
          if (override) await auditOverride(q, caller, id, w, override);
          return detail(q, caller, id);
        })
        .catch(codeTaken);
    },

    /** Correct, move or close a unit; `version` must be the one read. */
    async update(caller: Caller, id: number, patch: UnitUpdate): Promise<UnitDetail> {
      return db
        .tx(async (q) => {
          const row = await repo.findUnit(
            q,
            caller.scope('registry.manage'),
            caller.scope('registry.sensitive'),
            id,
            true,
          );
          if (!row) throw notFound();
          if (row.version !== patch.version) throw new DomainError('CONFLICT');
          const creditCode = patch.creditCode ?? row.credit_code ?? undefined;
          // A code kept by an earlier override stays kept while it is unchanged.
          const keptOverride =
            patch.creditCodeOverride ??
            (row.credit_code_override_reason && creditCode === row.credit_code
              ? { reason: row.credit_code_override_reason }
              : undefined);
          const { w, override } = await prepare(
            q,
            caller,
            {
              nodeId: patch.nodeId ?? row.node_id,
              kind: patch.kind ?? row.kind,
              name: patch.name ?? row.name,
              creditCode,
              creditCodeOverride: keptOverride,
              religion: patch.religion ?? row.religion ?? undefined,
              legalRepresentative: patch.legalRepresentative ?? row.legal_representative ?? undefined,
              contactName: patch.contactName ?? row.contact_name ?? undefined,
              employees: patch.employees ?? row.employees ?? undefined,
              notes: patch.notes ?? row.notes ?? undefined,
              status: patch.status ?? row.status,
            },
            patch.contactPhone !== undefined
              ? { raw: patch.contactPhone }
              : { enc: row.contact_phone_enc, hash: row.contact_phone_hash, masked: row.contact_phone_masked },
          );
          const before = comparableUnit({
            nodeId: row.node_id,
            nodePath: row.node_path,
            kind: row.kind,
            name: row.name,
            creditCode: row.credit_code,
            overrideReason: row.credit_code_override_reason,
            religion: row.religion,
            legalRepresentative: row.legal_representative,
            contactName: row.contact_name,
            contactPhoneEnc: null,
            contactPhoneHash: null,
            contactPhoneMasked: row.contact_phone_masked,
            employees: row.employees,
            notes: row.notes,
            status: row.status,
          });
          const changes = diff(before, comparableUnit(w));
          const overrideChanged = !!override && ('creditCodeOverride' in changes || 'creditCode' in changes);
          if (!(await repo.updateUnit(q, id, patch.version, w, { changed: overrideChanged, by: by(caller) })))
            throw new DomainError('CONFLICT');
          await appendAudit(q, {
            ...auditBy(caller),
            action: w.status === 'closed' && row.status !== 'closed' ? 'registry.unit.close' : 'registry.unit.update',
            entityType: 'unit',
            entityId: id,
            nodeId: w.nodeId,
            summary: { name: w.name, changes, reason: patch.reason ?? null },
          });
          if (override && overrideChanged) await auditOverride(q, caller, id, w, override);
          return detail(q, caller, id);
        })
        .catch(codeTaken);
    },

    /** A contact's full phone number; audited with the reason. */
    async reveal(caller: Caller, id: number, body: { field: 'contactPhone'; reason: string }) {
      return db.tx(async (q) => {
        const row = await repo.findUnit(q, caller.scope('registry.reveal'), caller.scope('registry.sensitive'), id);
        if (!row) throw notFound();
        const value = row.contact_phone_enc ? crypto.decrypt(row.contact_phone_enc) : '';
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.unit.reveal',
          entityType: 'unit',
          entityId: id,
          nodeId: row.node_id,
          summary: { name: row.name, field: body.field, reason: body.reason },
        });
        return { field: body.field, value };
      });
    },
  };
}
