/**
 * Retention of personal data in the registry (PIPL art. 19, 47): once the duty to keep a record ends,
 * the record is anonymised — not deleted — so that counts and ledgers of past periods stay right while
 * the person can no longer be identified. Run daily by the server (background-jobs.ts) and by
 * `npx linli registry retention`; a resident's deletion request goes through `erase`.
 */
import {
  RetentionPolicy,
  defaultRetentionPolicy,
  type ErasureAnswer,
  type RetentionPreview,
  type RetentionSetting,
  type UpdateRetentionBody,
} from '@linli/contracts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import { findResident } from './registry.repository.ts';
import { todayInChina } from './resident.ts';
import {
  ANONYMISED_NOTE,
  ANONYMISED_TENANT,
  lapseCutoff,
  PERSONAL_EVENT_FIELDS,
  PERSONAL_RENTAL_EVENT_FIELDS,
  retainedUntil,
} from './retention.ts';

export interface RetentionDeps {
  db: Db;
  now?: () => Date;
}

export interface RetentionRunOptions {
  /** Count what would be anonymised; change nothing. */
  dryRun?: boolean;
  /** With `dryRun`: count under this policy instead of the saved one (the console's preview). */
  policy?: RetentionPolicy;
  /** Records per transaction (default 500). */
  batchSize?: number;
  /** Who runs it, for the audit entries (`cli:<user>`, `system:retention`). */
  actorName?: string;
  onBatch?: (b: { kind: 'residents' | 'rentals' | 'visits'; count: number }) => void;
}

export interface RetentionRunResult {
  dryRun: boolean;
  today: string;
  policy: RetentionPolicy;
  /** Ended residents whose retention lapsed (anonymised, or would be in a dry run). */
  residents: number;
  /** Records merged into them, anonymised with them. */
  mergedResidents: number;
  rentals: number;
  visits: number;
  batches: number;
}

export type RetentionService = ReturnType<typeof createRetentionService>;

const NULL_CHANGE = '{"before": null, "after": null}';

/** Clear the personal values of a jsonb `changes` column (keys kept: the history still says what changed). */
const scrubbedChanges = (column: string, keysParam: string) =>
  `(SELECT coalesce(jsonb_object_agg(k, CASE WHEN k = ANY(${keysParam}::text[]) THEN '${NULL_CHANGE}'::jsonb ELSE v END), '{}'::jsonb)
    FROM jsonb_each(${column}) AS x(k, v))`;

/** Anonymise residents and every record merged into them (transitively); answers how many of each. */
async function anonymiseResidents(q: Queryable, ids: number[]): Promise<{ residents: number; merged: number }> {
  const { rows } = await q.query<{ id: number; merged: boolean }>(
    `WITH RECURSIVE person AS (
       SELECT id, false AS merged FROM resident WHERE id = ANY($1::bigint[])
       UNION
       SELECT r.id, true FROM resident r JOIN person p ON r.merged_into = p.id WHERE r.status = 'merged'
     )
     SELECT p.id, p.merged FROM person p JOIN resident r ON r.id = p.id WHERE r.anonymised_at IS NULL`,
    [ids],
  );
  const all = rows.map((r) => r.id);
  if (all.length === 0) return { residents: 0, merged: 0 };
  await q.query(
    `UPDATE resident SET
       name = '已匿名化居民#' || id, name_pinyin = '', name_initials = '',
       id_kind = 'none', id_number_enc = NULL, id_number_hash = NULL, id_number_masked = NULL,
       phone_enc = NULL, phone_hash = NULL, phone_masked = NULL,
       birth_date = date_trunc('year', birth_date)::date,
       origin = NULL, arrival_reason = NULL, expected_stay = NULL, political_status = NULL, notes = NULL,
       anonymised_at = now(), version = version + 1, updated_at = now()
     WHERE id = ANY($1::bigint[])`,
    [all],
  );
  await q.query(`DELETE FROM resident_sensitive WHERE resident_id = ANY($1::bigint[])`, [all]);
  await q.query(`UPDATE resident_tag SET note = NULL WHERE resident_id = ANY($1::bigint[]) AND note IS NOT NULL`, [
    all,
  ]);
  await q.query(
    `UPDATE resident_event e SET reason = NULL, changes = ${scrubbedChanges('e.changes', '$2')}
     WHERE resident_id = ANY($1::bigint[])`,
    [all, PERSONAL_EVENT_FIELDS],
  );
  await q.query(
    `UPDATE visit SET finding = NULL, follow_up_note = CASE WHEN needs_follow_up THEN $2 END, anonymised_at = now()
     WHERE resident_id = ANY($1::bigint[]) AND anonymised_at IS NULL`,
    [all, ANONYMISED_NOTE],
  );
  const merged = rows.filter((r) => r.merged).length;
  return { residents: all.length - merged, merged };
}

async function anonymiseRentals(q: Queryable, ids: number[]): Promise<void> {
  await q.query(
    `UPDATE rental SET
       tenant_name = CASE WHEN tenant_node_id IS NULL THEN $2 END,
       tenant_id_number_enc = NULL, tenant_id_number_hash = NULL, tenant_id_number_masked = NULL,
       tenant_phone_enc = NULL, tenant_phone_hash = NULL, tenant_phone_masked = NULL,
       notes = NULL, end_reason = NULL, anonymised_at = now()
     WHERE id = ANY($1::bigint[])`,
    [ids, ANONYMISED_TENANT],
  );
  await q.query(
    `UPDATE house_event e SET reason = NULL, changes = ${scrubbedChanges('e.changes', '$2')}
     WHERE rental_id = ANY($1::bigint[])`,
    [ids, PERSONAL_RENTAL_EVENT_FIELDS],
  );
}

export function createRetentionService(deps: RetentionDeps) {
  const { db } = deps;
  const today = () => todayInChina(deps.now?.() ?? new Date());

  async function policy(q: Queryable = db): Promise<RetentionPolicy> {
    const { rows } = await q.query<{ policy: unknown }>(`SELECT policy FROM registry_retention_setting WHERE id = 1`);
    const parsed = RetentionPolicy.safeParse(rows[0]?.policy);
    // A missing or damaged setting falls back to the defaults rather than to "keep nothing".
    return parsed.success ? parsed.data : defaultRetentionPolicy;
  }

  async function setting(q: Queryable = db): Promise<RetentionSetting> {
    const { rows } = await q.query<{ policy: unknown; version: number; updated_at: Date; updated_by: string | null }>(
      `SELECT s.policy, s.version, s.updated_at, u.display_name AS updated_by
         FROM registry_retention_setting s LEFT JOIN app_user u ON u.id = s.updated_by WHERE s.id = 1`,
    );
    const r = rows[0]!;
    const parsed = RetentionPolicy.safeParse(r.policy);
    return {
      ...(parsed.success ? parsed.data : defaultRetentionPolicy),
      version: r.version,
      updatedAt: r.updated_at.toISOString(),
      updatedBy: r.updated_by,
    };
  }

  return {
    policy: () => policy(),
    setting: () => setting(),

    /** Change the policy (optimistic: the version the caller saw); audited with before and after. */
    async update(caller: Caller, body: UpdateRetentionBody): Promise<RetentionSetting> {
      const { version, ...after } = body;
      return db.tx(async (q) => {
        const { rows } = await q.query<{ policy: unknown; version: number }>(
          `SELECT policy, version FROM registry_retention_setting WHERE id = 1 FOR UPDATE`,
        );
        if (rows[0]!.version !== version) throw new DomainError('CONFLICT');
        const before = await policy(q);
        await q.query(
          `UPDATE registry_retention_setting SET policy = $1, version = version + 1, updated_at = now(), updated_by = $2
            WHERE id = 1`,
          [JSON.stringify(after), caller.actor.kind === 'user' ? caller.actor.userId : null],
        );
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.retention.update',
          entityType: 'registry_retention_setting',
          entityId: 1,
          summary: { before, after },
        });
        return setting(q);
      });
    },

    /** How many records a policy would anonymise at the next run, counted now; nothing changes. */
    async preview(p: RetentionPolicy): Promise<RetentionPreview> {
      const r = await this.run({ dryRun: true, policy: p });
      return {
        today: r.today,
        residents: r.residents,
        mergedResidents: r.mergedResidents,
        rentals: r.rentals,
        visits: r.visits,
      };
    },

    /** Anonymise every record whose retention has lapsed, in batches (one transaction and audit entry each). */
    async run(opts: RetentionRunOptions = {}): Promise<RetentionRunResult> {
      const p = opts.dryRun && opts.policy ? opts.policy : await policy();
      const day = today();
      const batchSize = opts.batchSize ?? 500;
      const actor = { actorId: null, actorName: opts.actorName ?? 'system:retention', ip: null };
      const residentCutoff = lapseCutoff(day, p.residentYears);
      const rentalCutoff = lapseCutoff(day, p.rentalYears);
      const visitCutoff = lapseCutoff(day, p.visitYears);
      const lapsedResidents = `FROM resident WHERE status IN ('moved_out', 'deceased') AND anonymised_at IS NULL
        AND status_since < $1`;
      const lapsedRentals = `FROM rental WHERE status = 'ended' AND anonymised_at IS NULL AND ended_on < $1`;
      const lapsedVisits = `FROM visit WHERE anonymised_at IS NULL AND visited_on < $1`;
      const result: RetentionRunResult = {
        dryRun: opts.dryRun ?? false,
        today: day,
        policy: p,
        residents: 0,
        mergedResidents: 0,
        rentals: 0,
        visits: 0,
        batches: 0,
      };

      if (opts.dryRun) {
        const { rows } = await db.query<{ residents: number; merged: number; rentals: number; visits: number }>(
          `WITH RECURSIVE lapsed AS (SELECT id ${lapsedResidents}),
           person AS (
             SELECT id FROM lapsed
             UNION
             SELECT r.id FROM resident r JOIN person p ON r.merged_into = p.id WHERE r.status = 'merged'
           )
           SELECT (SELECT count(*) FROM lapsed)::int AS residents,
                  (SELECT count(*) FROM person p JOIN resident r ON r.id = p.id
                    WHERE r.status = 'merged' AND r.anonymised_at IS NULL)::int AS merged,
                  (SELECT count(*) ${lapsedRentals.replace('$1', '$2')})::int AS rentals,
                  (SELECT count(*) ${lapsedVisits.replace('$1', '$3')})::int AS visits`,
          [residentCutoff, rentalCutoff, visitCutoff],
        );
        const r = rows[0]!;
        return { ...result, residents: r.residents, mergedResidents: r.merged, rentals: r.rentals, visits: r.visits };
      }

      const batches = async (
        kind: 'residents' | 'rentals' | 'visits',
        select: string,
        cutoff: string,
        apply: (q: Queryable, ids: number[]) => Promise<Record<string, number>>,
      ) => {
        for (;;) {
          const done = await db.tx(async (q) => {
            // SKIP LOCKED: a record a worker is changing right now waits for the next run.
            const { rows } = await q.query<{ id: number }>(
              `SELECT id ${select} ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
              [cutoff, batchSize],
            );
            if (rows.length === 0) return 0;
            const counts = await apply(
              q,
              rows.map((r) => r.id),
            );
            await appendAudit(q, {
              ...actor,
              action: kind === 'residents' ? 'registry.resident.anonymise' : `registry.${kind}.anonymise`,
              entityType: kind === 'residents' ? 'resident' : kind === 'rentals' ? 'rental' : 'visit',
              summary: { trigger: 'retention', ...counts, cutoff, policy: p },
            });
            result.batches++;
            opts.onBatch?.({ kind, count: rows.length });
            return rows.length;
          });
          if (done < batchSize) return;
        }
      };

      await batches('residents', lapsedResidents, residentCutoff, async (q, ids) => {
        const n = await anonymiseResidents(q, ids);
        result.residents += n.residents;
        result.mergedResidents += n.merged;
        return { residents: n.residents, mergedResidents: n.merged };
      });
      await batches('rentals', lapsedRentals, rentalCutoff, async (q, ids) => {
        await anonymiseRentals(q, ids);
        result.rentals += ids.length;
        return { rentals: ids.length };
      });
      await batches('visits', lapsedVisits, visitCutoff, async (q, ids) => {
        await q.query(
          `UPDATE visit SET finding = NULL, follow_up_note = CASE WHEN needs_follow_up THEN $2 END, anonymised_at = now()
           WHERE id = ANY($1::bigint[])`,
          [ids, ANONYMISED_NOTE],
        );
        result.visits += ids.length;
        return { visits: ids.length };
      });
      return result;
    },

    /**
     * A resident's deletion request (PIPL art. 47): refused while the person is still registered or
     * within the retention period (the message says until when and why); otherwise anonymised at once
     * with every record merged into theirs. A merged record follows its survivor.
     */
    async erase(caller: Caller, id: number, reason: string): Promise<ErasureAnswer> {
      return db.tx(async (q) => {
        const scoped = await findResident(q, caller.scope('registry.manage'), id, true);
        if (!scoped) throw notFound();
        const p = await policy(q);
        // The person is the end of the merge chain: a merged record is kept as long as its survivor.
        const { rows: chain } = await q.query<{
          id: number;
          status: string;
          ended_on: string | null;
          anonymised_at: Date | null;
          node_id: number;
        }>(
          `WITH RECURSIVE up AS (
             SELECT id, merged_into, 0 AS depth FROM resident WHERE id = $1
             UNION ALL
             SELECT r.id, r.merged_into, up.depth + 1 FROM resident r JOIN up ON r.id = up.merged_into
           )
           SELECT r.id, r.status, to_char(r.status_since, 'YYYY-MM-DD') AS ended_on, r.anonymised_at, r.node_id
           FROM up JOIN resident r ON r.id = up.id ORDER BY up.depth DESC LIMIT 1`,
          [id],
        );
        const person = chain[0]!;
        // The survivor may since have moved elsewhere: acting on it needs the caller's scope there too.
        if (person.id !== id && !(await findResident(q, caller.scope('registry.manage'), person.id))) throw notFound();
        const via = person.id === id ? '' : `该记录已并入 #${person.id} 号记录，随其保存。`;
        if (person.status === 'active')
          throw new DomainError(
            'RESIDENT_RETENTION_REQUIRED',
            { status: 'active', personId: person.id, retentionYears: p.residentYears },
            {
              zh: `${via}该居民仍在本辖区登记（在册），其个人信息是社区服务和管理所必需的，不能删除。如其已迁出或去世，请先办理迁出或死亡登记；登记后按规定保存 ${p.residentYears} 年，期满自动匿名化，届时可再申请。`,
              en: `${via ? `This record was merged into #${person.id} and is kept with it. ` : ''}This resident is still registered here; their data is needed and cannot be deleted. Record the move-out or death first; the data is then kept ${p.residentYears} years and anonymised automatically.`,
            },
          );
        if (person.anonymised_at) {
          // Already anonymised (by the daily run or an earlier request): nothing left to delete.
          const { rows } = await q.query<{ name: string }>(`SELECT name FROM resident WHERE id = $1`, [id]);
          return { id, name: rows[0]!.name, anonymisedAt: person.anonymised_at.toISOString(), mergedAnonymised: 0 };
        }
        const day = today();
        if (person.ended_on) {
          const until = retainedUntil(person.ended_on, p.residentYears);
          if (until >= day) {
            const ended = person.status === 'deceased' ? '死亡' : person.status === 'moved_out' ? '迁出' : '注销';
            throw new DomainError(
              'RESIDENT_RETENTION_REQUIRED',
              { status: person.status, personId: person.id, endedOn: person.ended_on, retainedUntil: until },
              {
                zh: `${via}该居民于 ${person.ended_on} 登记${ended}。按本辖区个人信息保存规定，${ended}后须保存 ${p.residentYears} 年（用于核对往期台账、统计和可能的复核、信访），应保存至 ${until}，此前不能删除；期满后系统自动匿名化，无需再次申请。`,
                en: `${via ? `This record was merged into #${person.id} and is kept with it. ` : ''}Ended on ${person.ended_on}; kept ${p.residentYears} years (past ledgers, statistics, reviews) until ${until}. It is anonymised automatically after that day.`,
              },
            );
          }
        }
        const n = await anonymiseResidents(q, [person.id]);
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.resident.anonymise',
          entityType: 'resident',
          entityId: person.id,
          nodeId: person.node_id,
          summary: { trigger: 'erasure', requestedFor: id, residents: n.residents, mergedResidents: n.merged, reason },
        });
        const { rows } = await q.query<{ name: string; anonymised_at: Date }>(
          `SELECT name, anonymised_at FROM resident WHERE id = $1`,
          [id],
        );
        return {
          id,
          name: rows[0]!.name,
          anonymisedAt: rows[0]!.anonymised_at.toISOString(),
          mergedAnonymised: n.merged,
        };
      });
    },
  };
}
