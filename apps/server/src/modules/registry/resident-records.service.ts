/**
 * A person's records over time: likely duplicates and their merge (both histories kept), the state of
 * a record on a past date rebuilt from its history, and the copy of everything held about a resident
 * that they may ask for (PIPL art. 45).
 */
import {
  registryLabels,
  type DuplicateGroup,
  type FileAnswer,
  type ResidentAsOf,
  type ResidentDetail,
} from '@linli/contracts';
import ExcelJS from 'exceljs';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { inScope } from '../../platform/auth/actor.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Db } from '../../platform/db/db.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import * as repo from './registry.repository.ts';
import { comparable, diff, recordOn, SENSITIVE_HISTORY_FIELDS, type RegistryService } from './registry.service.ts';
import { todayInChina } from './resident.ts';
import { visitsOf } from './visits.repository.ts';

export interface ResidentRecordsDeps {
  db: Db;
  crypto: FieldCrypto;
  registry: RegistryService;
  today?: () => string;
}

export type ResidentRecordsService = ReturnType<typeof createResidentRecordsService>;

export function createResidentRecordsService(deps: ResidentRecordsDeps) {
  const { db, crypto, registry } = deps;
  const today = deps.today ?? (() => todayInChina());
  const recordedBy = (caller: Caller) => (caller.actor.kind === 'user' ? caller.actor.userId : null);

  return {
    /** Groups of likely duplicates (same household, name and birth date) in the caller's scope, or under a node. */
    async duplicates(caller: Caller, f: { nodeId?: number | undefined; page: number; pageSize: number }) {
      const scope = caller.scope('registry.read');
      let nodePath: string | undefined;
      if (f.nodeId !== undefined) {
        const node = await repo.findNodeInScope(db, scope, f.nodeId);
        if (!node) throw notFound();
        nodePath = node.path;
      }
      const rows = await repo.duplicateGroups(db, scope, { nodePath, page: f.page, pageSize: f.pageSize });
      const addresses = await repo.addressesFor(
        db,
        rows.map((r) => r.node_path),
      );
      const day = today();
      const groups = new Map<number, DuplicateGroup>();
      for (const r of rows) {
        const address = addresses.get(r.node_path) ?? '';
        let g = groups.get(r.group_no);
        if (!g) {
          g = { name: r.name, birthDate: r.birth_date, nodeId: r.node_id, address, residents: [] };
          groups.set(r.group_no, g);
        }
        g.residents.push(repo.toListItem(r, address, day));
      }
      return { items: [...groups.values()], total: rows[0]?.total ?? 0, page: f.page, pageSize: f.pageSize };
    },

    /**
     * Merge another record into this one (the survivor), in one transaction with its audit entry.
     * Both must be active, in the caller's registry.manage scope and as the caller read them; records
     * with different ID numbers are different people and are never merged.
     */
    async merge(
      caller: Caller,
      id: number,
      body: { otherId: number; version: number; otherVersion: number; reason: string },
    ): Promise<ResidentDetail> {
      if (body.otherId === id) throw new DomainError('RESIDENT_MERGE_SELF');
      await db.tx(async (q) => {
        const scope = caller.scope('registry.manage');
        // Lock in id order, so that two opposite merges of the same pair cannot deadlock.
        const [a, b] = [id, body.otherId].sort((x, y) => x - y) as [number, number];
        const first = await repo.findResident(q, scope, a, true);
        const second = await repo.findResident(q, scope, b, true);
        const survivor = first?.id === id ? first : second;
        const other = first?.id === id ? second : first;
        if (!survivor || !other) throw notFound();
        if (survivor.status !== 'active' || other.status !== 'active') throw new DomainError('RESIDENT_NOT_ACTIVE');
        if (survivor.version !== body.version || other.version !== body.otherVersion) throw new DomainError('CONFLICT');
        const hashes = await repo.hashesOf(q, [id, other.id]);
        const hs = hashes.get(id)?.id_number_hash;
        const ho = hashes.get(other.id)?.id_number_hash;
        if (hs && ho && hs !== ho) throw new DomainError('RESIDENT_MERGE_ID_MISMATCH');

        const before = comparable(repo.storedWrite(survivor), survivor.tags);
        const on = today();
        const { visitsMoved } = await repo.mergeInto(q, id, other.id, on);
        const after = await repo.findResident(q, scope, id);
        const changes = diff(before, comparable(repo.storedWrite(after!), after!.tags));
        await repo.insertEvent(q, {
          residentId: id,
          kind: 'merge',
          occurredOn: on,
          // No from/to: the survivor does not move (the merged record's address is in the audit entry).
          reason: body.reason,
          changes: { ...changes, mergedRecord: { before: null, after: other.id } },
          recordedBy: recordedBy(caller),
        });
        await repo.insertEvent(q, {
          residentId: other.id,
          kind: 'merge',
          occurredOn: on,
          reason: body.reason,
          changes: { status: { before: 'active', after: 'merged' }, mergedInto: { before: null, after: id } },
          recordedBy: recordedBy(caller),
        });
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.resident.merge',
          entityType: 'resident',
          entityId: id,
          nodeId: survivor.node_id,
          summary: {
            name: survivor.name,
            survivorId: id,
            mergedId: other.id,
            mergedNodeId: other.node_id,
            filled: Object.keys(changes),
            visitsMoved,
            reason: body.reason,
          },
        });
      });
      return registry.get(caller, id);
    },

    /** The record as it stood at the end of a past day, rebuilt from its history (masked, filtered as in detail). */
    async asOf(caller: Caller, id: number, date: string): Promise<ResidentAsOf> {
      const scope = caller.scope('registry.read');
      const row = await repo.findResident(db, scope, id);
      if (!row) throw notFound();
      const state = recordOn(row, (await repo.historiesOf(db, [id])).get(id) ?? [], date);
      if (!state) return { id, date, existed: false, nodeId: null, address: null, status: null, fields: {} };
      if (!inScope(caller.scope('registry.sensitive'), row.node_path))
        for (const k of SENSITIVE_HISTORY_FIELDS) delete state.fields[k];
      const { rows: nodes } = await db.query<{ path: string }>(`SELECT path FROM jurisdiction_node WHERE id = $1`, [
        state.nodeId,
      ]);
      const path = nodes[0]?.path;
      const address = path ? ((await repo.addressesFor(db, [path])).get(path) ?? null) : null;
      return {
        id,
        date,
        existed: true,
        nodeId: state.nodeId,
        address,
        status: state.status as ResidentAsOf['status'],
        fields: state.fields,
      };
    },

    /**
     * Everything held about one resident, for the resident (access and copy, PIPL art. 45): the record
     * with full ID and phone numbers, the history (of merged records too), care tags and visits, as an
     * .xlsx a window clerk can hand over. Health, disability, religion and political status are in it
     * only when the caller may read them (otherwise the sheet says who can issue them). Audited like a
     * reveal, with the reason, in the same transaction as the read of the full numbers.
     */
    async personalCopy(caller: Caller, id: number, reason: string): Promise<FileAnswer> {
      const row = await repo.findResident(db, caller.scope('registry.manage'), id);
      if (!row) throw notFound();
      const detail = await registry.get(caller, id);
      const visits = await visitsOf(db, id);
      const { rows: issuer } = await db.query<{ display_name: string }>(
        `SELECT display_name FROM app_user WHERE id = $1`,
        [caller.actor.kind === 'user' ? caller.actor.userId : 0],
      );
      const full = await db.tx(async (q) => {
        const stored = await repo.findResident(q, caller.scope('registry.manage'), id);
        if (!stored) throw notFound();
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.resident.personal_copy',
          entityType: 'resident',
          entityId: id,
          nodeId: stored.node_id,
          summary: {
            name: stored.name,
            fields: ['idNumber', 'phone'],
            sensitiveIncluded: !detail.sensitiveHidden,
            events: detail.events.length,
            visits: visits.length,
            reason,
          },
        });
        return {
          idNumber: stored.id_number_enc ? crypto.decrypt(stored.id_number_enc) : null,
          phone: stored.phone_enc ? crypto.decrypt(stored.phone_enc) : null,
        };
      });
      return {
        fileName: `个人信息副本_${detail.name}_${today()}.xlsx`,
        body: await personalCopyWorkbook(detail, full, visits, {
          issuer: issuer[0]?.display_name ?? '',
          reason,
          day: today(),
        }),
      };
    },
  };
}

const zh = (group: keyof typeof registryLabels, value: string | null | undefined) =>
  value ? ((registryLabels[group] as Record<string, { zh: string }>)[value]?.zh ?? value) : '';

/** The copy as a workbook: 基本信息, 变动历史, 走访记录; every sheet titled with whose data and when. */
async function personalCopyWorkbook(
  r: ResidentDetail,
  full: { idNumber: string | null; phone: string | null },
  visits: Awaited<ReturnType<typeof visitsOf>>,
  issued: { issuer: string; reason: string; day: string },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = `${r.name} 个人信息副本  出具日期：${issued.day}  经办人：${issued.issuer}  事由：${issued.reason}`;
  const sheet = (name: string, headers: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = widths.map((width) => ({ width }));
    ws.addRow([title]).font = { bold: true };
    ws.mergeCells(1, 1, 1, headers.length);
    const head = ws.addRow(headers);
    head.font = { bold: true };
    return ws;
  };
  const basic = sheet('基本信息', ['项目', '内容'], [16, 48]);
  const facts: [string, string | number | null][] = [
    ['姓名', r.name],
    ['性别', zh('gender', r.gender)],
    ['出生日期', r.birthDate],
    ['证件类型', zh('idKind', r.idKind)],
    ['证件号码', full.idNumber],
    ['联系电话', full.phone],
    ['民族', r.ethnicity],
    ['人口类型', zh('registrationType', r.registrationType)],
    ['与户主关系', zh('relationToHead', r.relationToHead)],
    ['住址', r.address],
    ['来本地日期', r.arrivalDate],
    ['户籍地', r.origin],
    ['来本地事由', r.arrivalReason],
    ['预计居住期限', r.expectedStay],
    ['关爱类别', r.tags.join('、')],
    ['备注', r.notes],
    ['状态', zh('status', r.status)],
    ['登记时间', r.createdAt],
    ['最近更新', r.updatedAt],
  ];
  if (r.sensitiveHidden)
    facts.push(['健康、残疾、宗教信仰、政治面貌', '属敏感个人信息，经办人无权查看；如需副本请向社区负责人申请']);
  else
    facts.push(
      ['政治面貌', zh('politicalStatus', r.politicalStatus)],
      ['健康状况', r.sensitive?.health ?? null],
      ['残疾类别', r.sensitive?.disabilityKind ?? null],
      ['残疾等级', r.sensitive?.disabilityGrade ?? null],
      ['宗教信仰', r.sensitive?.religion ?? null],
    );
  for (const [k, v] of facts) basic.addRow([k, v ?? '']);
  basic.getColumn(2).numFmt = '@';

  const history = sheet(
    '变动历史',
    ['日期', '事项', '原住址', '新住址', '原因', '变动内容', '记录人', '记录时间'],
    [12, 10, 24, 24, 20, 48, 10, 22],
  );
  for (const e of [...r.events].reverse())
    history.addRow([
      e.occurredOn,
      zh('eventKind', e.kind) + (e.mergedRecordId ? `（原记录 #${e.mergedRecordId}）` : ''),
      e.fromAddress ?? '',
      e.toAddress ?? '',
      e.reason ?? '',
      Object.entries(e.changes)
        .map(([k, c]) => `${k}: ${JSON.stringify(c.before ?? null)} → ${JSON.stringify(c.after ?? null)}`)
        .join('；'),
      e.recordedBy ?? '',
      e.recordedAt,
    ]);

  const visitSheet = sheet(
    '走访记录',
    ['日期', '方式', '情况', '走访记录', '需跟进', '跟进事项', '走访人'],
    [12, 8, 8, 40, 8, 30, 10],
  );
  const kinds: Record<string, string> = { phone: '电话', home: '入户', neighbour: '邻居' };
  const wellbeing: Record<string, string> = { good: '良好', attention: '需关注', urgent: '紧急' };
  for (const v of visits)
    visitSheet.addRow([
      v.visitedOn,
      kinds[v.kind] ?? v.kind,
      wellbeing[v.wellbeing] ?? v.wellbeing,
      v.finding ?? '',
      v.needsFollowUp ? '是' : '否',
      v.followUpNote ?? '',
      v.visitedBy ?? '',
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
