/**
 * Use cases of requests: intake from every channel, the steps of the lifecycle, lists and queues,
 * photos, categories, and the overdue sweep. Each change runs in one transaction with its event,
 * its share of the figures, its audit entry and the messages it causes.
 */
import {
  defaultDispatchTarget,
  maskPhone,
  requestLabels,
  validatePhone,
  type Category,
  type RequestActionBody,
  type RequestChannel,
  type RequestDetail,
  type RequestListItem,
  type RequestState,
  type TimeLimits,
  type Urgency,
} from '@linli/contracts';
import { createHash } from 'node:crypto';
import { appendAudit, auditInsert } from '../../platform/audit/audit-log.ts';
import { inScope, type Scope } from '../../platform/auth/actor.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import { prepared, type Db, type Queryable } from '../../platform/db/db.ts';
import { asOneStatement, type Sql } from '../../platform/db/statement.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import { enqueueMessage, outboxInsert } from '../../platform/outbox/outbox.ts';
import { addressesFor, addressOf } from '../registry/index.ts';
import {
  amberAt,
  areaPathOf,
  chinaDay,
  contributionDelta,
  contributionOf,
  deadlines,
  dueStateOf,
  requestCode,
  type WorkClock,
} from './request.ts';
import { availableActions, planStep, type Party, type StepFacts } from './request-workflow.ts';
import * as repo from './requests.repository.ts';
import type { RequestRow } from './requests.repository.ts';
import { requestsPolicy } from './requests.policy.ts';

export type RequestsService = ReturnType<typeof createRequestsService>;

/** What the service tells listeners after a change commits (the console's live updates). */
export interface RequestChange {
  requestId: number;
  code: string;
  action: string;
  state: RequestState;
  nodePath: string;
  dispatchPath: string;
  assigneeNodeId: number | null;
  assigneeDepartmentId: number | null;
  assigneeUserId: number | null;
}

/** Who filed a request from outside the console. */
export type Submitter =
  | { kind: 'caller' }
  /** A resident verified by a one-time code to their phone, without an account. */
  | { kind: 'phone'; phone: string; uploadKey: string };

export interface SubmitInput {
  channel: RequestChannel;
  categoryId: number;
  urgency: Urgency;
  description: string;
  nodeId: number;
  addressDetail?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  isAnonymous: boolean;
  attachmentIds: readonly number[];
}

const levelOrder = ['community', 'street', 'district'] as const;

export function createRequestsService(deps: {
  db: Db;
  crypto: FieldCrypto;
  clock: WorkClock;
  now?: () => Date;
  onChanged?: (change: RequestChange) => void;
}) {
  const { db, crypto, clock } = deps;
  const now = deps.now ?? (() => new Date());

  function userIdOf(caller: Caller): number | null {
    return caller.actor.kind === 'user' ? caller.actor.userId : null;
  }

  /** Nodes on which the caller holds a role that handles requests: work assigned to them is theirs. */
  function handlerNodeIds(caller: Caller): number[] {
    if (caller.actor.kind !== 'user') return [];
    const roles: readonly string[] = requestsPolicy['request.handle'];
    return caller.actor.holdings.filter((h) => roles.includes(h.role) && h.nodeId !== null).map((h) => h.nodeId!);
  }

  /** What the caller may see; `departments: false` when no request at hand is assigned to a department. */
  async function visibilityOf(q: Queryable, caller: Caller, o = { departments: true }): Promise<repo.Visibility> {
    const userId = userIdOf(caller);
    return {
      read: caller.scope('request.read'),
      dispatch: caller.scope('request.dispatch'),
      claim: caller.scope('request.claim'),
      userId,
      tokenId: caller.actor.kind === 'token' ? caller.actor.tokenId : null,
      handlerNodeIds: handlerNodeIds(caller),
      departmentIds: userId === null || !o.departments ? [] : await repo.departmentIdsOf(q, userId),
    };
  }

  function canSee(v: repo.Visibility, r: RequestRow): boolean {
    return (
      inScope(v.read, r.node_path) ||
      inScope(v.dispatch, r.dispatch_path) ||
      (v.userId !== null && (r.assignee_user_id === v.userId || r.submitter_user_id === v.userId)) ||
      (v.tokenId !== null && r.submitter_token_id === v.tokenId) ||
      (r.assignee_node_id !== null && v.handlerNodeIds.includes(r.assignee_node_id)) ||
      (r.assignee_department_id !== null && v.departmentIds.includes(r.assignee_department_id)) ||
      (r.state === 'accepted' && r.handler_type === 'volunteer' && inScope(v.claim, r.node_path))
    );
  }

  function partiesOf(caller: Caller, v: repo.Visibility, r: RequestRow, extra?: Set<Party>): Set<Party> {
    const parties = new Set<Party>(extra);
    if (inScope(v.dispatch, r.dispatch_path)) parties.add('dispatcher');
    const unclaimed = r.assignee_user_id === null;
    if (
      (v.userId !== null && r.assignee_user_id === v.userId) ||
      (unclaimed && r.assignee_node_id !== null && v.handlerNodeIds.includes(r.assignee_node_id)) ||
      (unclaimed && r.assignee_department_id !== null && v.departmentIds.includes(r.assignee_department_id))
    )
      parties.add('handler');
    if (v.userId !== null && r.submitter_user_id === v.userId) parties.add('submitter');
    if (inScope(caller.scope('request.intake'), r.node_path)) parties.add('operator');
    if (inScope(caller.scope('request.supervise'), r.node_path)) parties.add('supervisor');
    if (inScope(v.claim, r.node_path)) parties.add('volunteer');
    return parties;
  }

  function factsOf(r: RequestRow): StepFacts {
    return {
      state: r.state,
      rating: r.rating,
      hasPendingExtension: r.pending_extension !== null,
      escalationLevel: r.escalation_level,
      isClaimable: r.handler_type === 'volunteer',
      isAnonymous: r.is_anonymous,
    };
  }

  function countedOf(r: RequestRow) {
    return contributionOf({
      state: r.state,
      rating: r.rating,
      firstSignedAt: r.first_signed_at,
      respondDueAt: r.respond_due_at,
      resolvedAt: r.resolved_at,
      resolveDueAt: r.resolve_due_at,
      returnCount: r.return_count,
      reopenCount: r.reopen_count,
      respondWorkMs: r.respond_work_ms,
      resolveWorkMs: r.resolve_work_ms,
    });
  }

  async function applyFigures(q: Queryable, before: RequestRow | null, after: RequestRow) {
    for (const s of figuresOf(before, after)) await q.query(s.text, s.values);
  }

  /** The upserts that bring the figures from a request's old row to its new one (none if they count the same). */
  function figuresOf(before: RequestRow | null, after: RequestRow): Sql[] {
    const delta = contributionDelta(before ? countedOf(before) : null, countedOf(after));
    if (!delta) return [];
    return repo.rollupUpserts(
      {
        day: chinaDay(after.submitted_at),
        areaPath: after.area_path,
        categoryId: after.category_id,
        channel: after.channel,
      },
      delta,
    );
  }

  async function limitsOf(q: Queryable, categoryId: number): Promise<TimeLimits> {
    const c = await repo.findCategory(q, categoryId);
    if (!c) throw notFound();
    return c.limits;
  }

  /** The ancestor of a place at a level (or the nearest one above it), for dispatch and escalation. */
  function ancestorAt(place: repo.PlaceRow, level: 'community' | 'street' | 'district') {
    const wanted = levelOrder.indexOf(level);
    for (let i = wanted; i < levelOrder.length; i++) {
      const a = place.ancestors.find((x) => x.level === levelOrder[i]);
      if (a) return { node: a, level: levelOrder[i]! };
    }
    const top = place.ancestors[0]!;
    return { node: top, level: 'district' as const };
  }

  function messageTo(r: RequestRow, topic: string, extra: Record<string, unknown> = {}) {
    if (r.is_anonymous && r.submitter_user_id === null) return null;
    if (r.contact_phone_enc === null && r.submitter_user_id === null) return null;
    return {
      topic,
      recipientUserId: r.submitter_user_id,
      recipientPhoneEnc: r.contact_phone_enc,
      recipientPhoneMasked: r.contact_phone_masked,
      payload: { requestId: r.id, code: r.code, category: r.category_name, ...extra },
    };
  }

  /** Staff see possible duplicates; residents and API clients do not. */
  function isStaff(caller: Caller): boolean {
    return caller.scope('request.read').paths.length > 0 || caller.scope('request.dispatch').paths.length > 0;
  }

  /** A request as the caller sees it; `known` holds what the caller already has in hand (intake), not read again. */
  async function detailOf(
    q: Queryable,
    caller: Caller,
    v: repo.Visibility,
    r: RequestRow,
    known?: {
      events: Awaited<ReturnType<typeof repo.eventsOf>>;
      attachmentIds: number[];
      addresses: Map<string, string>;
      duplicates: repo.DuplicateRow[];
    },
  ): Promise<RequestDetail> {
    const staff = isStaff(caller);
    const [events, attachmentIds, addresses, duplicates] = await Promise.all([
      known?.events ?? repo.eventsOf(q, r.id),
      known?.attachmentIds ?? repo.attachmentIdsOf(q, r.id),
      known?.addresses ?? addressesFor(q, [r.node_path]),
      // Duplicates matter while a request waits to be dispatched (merge is allowed only then), and only staff see them.
      known?.duplicates ??
        (staff && (r.state === 'submitted' || r.state === 'accepted') ? repo.possibleDuplicates(q, r) : []),
    ]);
    return {
      ...listItemOf(r, addresses),
      description: r.description,
      nodeId: r.node_id,
      addressDetail: r.address_detail,
      latitude: r.latitude,
      longitude: r.longitude,
      contactName: r.is_anonymous ? null : r.contact_name,
      // Anonymous: handlers see neither name nor phone; the phone stays only for the resident's follow-up (ADR 0009).
      contactPhoneMasked: r.is_anonymous ? null : r.contact_phone_masked,
      isAnonymous: r.is_anonymous,
      dispatchNodeId: r.dispatch_node_id,
      assigneeNodeId: r.assignee_node_id,
      assigneeDepartmentId: r.assignee_department_id,
      assigneeUserId: r.assignee_user_id,
      pendingExtension: r.pending_extension
        ? { days: r.pending_extension.days, reason: r.pending_extension.reason }
        : null,
      ratingComment: r.rating_comment,
      mergedIntoId: r.merged_into_id,
      reopenCount: r.reopen_count,
      returnCount: r.return_count,
      version: r.version,
      attachmentIds,
      events: events.map((e) => ({
        id: e.id,
        action: e.action,
        fromState: e.from_state,
        toState: e.to_state,
        actor: e.actor,
        note: e.note,
        data: e.data,
        attachmentIds: e.attachment_ids,
        at: e.at.toISOString(),
      })),
      actions: availableActions(factsOf(r), partiesOf(caller, v, r)),
      possibleDuplicates: staff
        ? duplicates.map((d) => ({ id: d.id, code: d.code, summary: summaryOf(d.description) }))
        : [],
    };
  }

  function listItemOf(r: RequestRow, addresses: Map<string, string>): RequestListItem {
    return {
      id: r.id,
      code: r.code,
      state: r.state,
      channel: r.channel,
      categoryId: r.category_id,
      categoryName: r.category_name,
      categoryNameEn: r.category_name_en,
      urgency: r.urgency,
      summary: summaryOf(r.description),
      address: [addresses.get(r.node_path) ?? '', r.address_detail ?? ''].filter(Boolean).join(' '),
      submittedAt: r.submitted_at.toISOString(),
      respondDueAt: r.respond_due_at.toISOString(),
      resolveDueAt: r.resolve_due_at.toISOString(),
      dueState: dueStateOf(
        {
          state: r.state,
          signedAt: r.signed_at,
          respondDueAt: r.respond_due_at,
          respondAmberAt: r.respond_amber_at,
          resolveDueAt: r.resolve_due_at,
          resolveAmberAt: r.resolve_amber_at,
        },
        now(),
      ),
      assignee: r.assignee_label,
      rating: r.rating,
      urgeCount: r.urge_count,
      escalationLevel: r.escalation_level,
    };
  }

  function changed(r: RequestRow, action: string) {
    deps.onChanged?.({
      requestId: r.id,
      code: r.code,
      action,
      state: r.state,
      nodePath: r.node_path,
      dispatchPath: r.dispatch_path,
      assigneeNodeId: r.assignee_node_id,
      assigneeDepartmentId: r.assignee_department_id,
      assigneeUserId: r.assignee_user_id,
    });
  }

  /** Where a dispatch goes when the dispatcher names no target: the category's default handler. */
  async function defaultTarget(q: Queryable, r: RequestRow, place: repo.PlaceRow) {
    const c = await repo.findCategory(q, r.category_id);
    const d =
      c && defaultDispatchTarget({ handlerType: c.handler_type, departmentId: c.department_id }, place.ancestors);
    if (d && 'departmentId' in d) return { departmentId: d.departmentId };
    return { nodeId: d?.node.id ?? r.dispatch_node_id };
  }

  async function resolveTarget(
    q: Queryable,
    r: RequestRow,
    target: { nodeId?: number | undefined; departmentId?: number | undefined; userId?: number | undefined },
  ): Promise<Pick<RequestRow, 'assignee_node_id' | 'assignee_path' | 'assignee_department_id' | 'assignee_user_id'>> {
    const set = [target.nodeId, target.departmentId, target.userId].filter((x) => x !== undefined);
    if (set.length !== 1)
      throw new DomainError('VALIDATION_FAILED', [
        { path: 'body.target', message: '请选择一个承办网格/社区、部门或人员' },
      ]);
    const dispatchScope: Scope = { paths: [r.dispatch_path] };
    if (target.nodeId !== undefined) {
      const place = await repo.findPlace(q, target.nodeId);
      if (!place || place.retired || !inScope(dispatchScope, place.path))
        throw new DomainError('VALIDATION_FAILED', [
          { path: 'body.target.nodeId', message: '承办单位应在本级辖区之内' },
        ]);
      if (!['street', 'community', 'grid'].includes(place.level))
        throw new DomainError('VALIDATION_FAILED', [
          { path: 'body.target.nodeId', message: '请派给街道、社区或网格，而不是楼栋或户' },
        ]);
      return {
        assignee_node_id: place.id,
        assignee_path: place.path,
        assignee_department_id: null,
        assignee_user_id: null,
      };
    }
    if (target.departmentId !== undefined) {
      const d = await repo.findDepartment(q, target.departmentId);
      if (!d)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'body.target.departmentId', message: '没有这个部门' }]);
      return { assignee_node_id: null, assignee_path: null, assignee_department_id: d.id, assignee_user_id: null };
    }
    const { rows } = await q.query<{ ok: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM user_role ur JOIN jurisdiction_node n ON n.id = ur.node_id JOIN app_user u ON u.id = ur.user_id
                       WHERE ur.user_id = $1 AND u.is_active AND ur.role = ANY($2::text[])
                         AND (starts_with(n.path, $3) OR starts_with($3, n.path))) AS ok`,
      [target.userId, [...requestsPolicy['request.handle'], ...requestsPolicy['request.claim']], r.dispatch_path],
    );
    if (!rows[0]?.ok)
      throw new DomainError('VALIDATION_FAILED', [
        { path: 'body.target.userId', message: '该人员不能承办本辖区的诉求' },
      ]);
    return {
      assignee_node_id: null,
      assignee_path: null,
      assignee_department_id: null,
      assignee_user_id: target.userId!,
    };
  }

  function need(ok: boolean, path: string, message: string) {
    if (!ok) throw new DomainError('VALIDATION_FAILED', [{ path, message }]);
  }

  return {
    async categories(): Promise<{ items: Category[] }> {
      const rows = await repo.listCategories(db);
      return { items: rows.map(categoryOf) };
    },

    async departments() {
      const rows = await repo.listDepartments(db);
      return { items: rows.map((d) => ({ id: d.id, nodeId: d.node_id, name: d.name, code: d.code })) };
    },

    async createCategory(
      caller: Caller,
      body: {
        parentId?: number | null | undefined;
        code: string;
        name: string;
        nameEn?: string | null | undefined;
        hint?: string | null | undefined;
        handlerType: Category['handlerType'];
        departmentId?: number | null | undefined;
        limits: TimeLimits;
        sortOrder?: number | undefined;
      },
    ): Promise<Category> {
      need(
        body.handlerType !== 'department' || !!body.departmentId,
        'body.departmentId',
        '由职能部门承办的类别须指定部门',
      );
      return db.tx(async (q) => {
        if ((await repo.listCategories(q)).some((c) => c.code === body.code))
          throw new DomainError('CATEGORY_CODE_TAKEN');
        const id = await repo.insertCategory(q, {
          parent_id: body.parentId ?? null,
          code: body.code,
          name: body.name,
          name_en: body.nameEn ?? null,
          hint: body.hint ?? null,
          handler_type: body.handlerType,
          department_id: body.departmentId ?? null,
          limits: body.limits,
          sort_order: body.sortOrder ?? 500,
        });
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'requests.category.create',
          entityType: 'request_category',
          entityId: id,
          summary: { code: body.code, name: body.name },
        });
        return categoryOf((await repo.findCategory(q, id))!);
      });
    },

    async updateCategory(
      caller: Caller,
      id: number,
      body: Partial<Omit<Category, 'id' | 'parentId' | 'code'>> & { nameEn?: string | null; hint?: string | null },
    ): Promise<Category> {
      return db.tx(async (q) => {
        const before = await repo.findCategory(q, id);
        if (!before) throw notFound();
        const after: repo.CategoryRow = {
          ...before,
          name: body.name ?? before.name,
          name_en: body.nameEn === undefined ? before.name_en : body.nameEn,
          hint: body.hint === undefined ? before.hint : body.hint,
          handler_type: body.handlerType ?? before.handler_type,
          department_id: body.departmentId === undefined ? before.department_id : body.departmentId,
          limits: body.limits ?? before.limits,
          is_active: body.isActive ?? before.is_active,
          sort_order: body.sortOrder ?? before.sort_order,
        };
        need(
          after.handler_type !== 'department' || after.department_id !== null,
          'body.departmentId',
          '由职能部门承办的类别须指定部门',
        );
        await repo.updateCategory(q, after);
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'requests.category.update',
          entityType: 'request_category',
          entityId: id,
          summary: { before: categoryOf(before), after: categoryOf(after) },
        });
        return categoryOf(after);
      });
    },

    /** A new request from any channel; console channels are accepted at once (staff recorded them). */
    async submit(
      caller: Caller,
      input: SubmitInput,
      submitter: Submitter = { kind: 'caller' },
    ): Promise<RequestDetail> {
      const at = now();
      let phone: string | null = null;
      const rawPhone = submitter.kind === 'phone' ? submitter.phone : input.contactPhone;
      if (rawPhone) {
        const p = validatePhone(rawPhone);
        if (!p.ok) throw new DomainError('VALIDATION_FAILED', [{ path: 'body.contactPhone', message: p.message }]);
        phone = p.normalized;
      }
      const isConsole = input.channel === 'hotline' || input.channel === 'window' || input.channel === 'patrol';
      // One round trip to read what the request needs, one to write it all (ADR 0015).
      const phoneHash = phone ? crypto.blindIndex(phone) : null;
      const facts = await repo.intakeFacts(db, {
        categoryId: input.categoryId,
        nodeId: input.nodeId,
        at,
        phoneHash,
        withDuplicates: isStaff(caller),
      });
      const { category, place } = facts;
      if (!category || !category.is_active)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'body.categoryId', message: '请选择有效的诉求类别' }]);
      const placeScope: Scope | null = isConsole
        ? caller.scope('request.intake')
        : caller.actor.kind === 'token'
          ? caller.scope('request.read')
          : null;
      if (!place || (placeScope && !inScope(placeScope, place.path))) throw notFound();
      if (place.retired)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'body.nodeId', message: '该地点已撤销，请重新选择' }]);
      const dispatch = ancestorAt(place, 'community');
      const due = deadlines(clock, category.limits, input.urgency, at);
      const userId = userIdOf(caller);
      const row: repo.RequestInsert = {
        channel: input.channel,
        urgency: input.urgency,
        state: isConsole ? 'accepted' : 'submitted',
        description: input.description,
        node_id: place.id,
        node_path: place.path,
        area_path: areaPathOf(
          place.path,
          place.ancestors.map((a) => a.level),
        ),
        address_detail: input.addressDetail ?? null,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        contact_name: input.contactName ?? null,
        contact_phone_enc: phone ? crypto.encrypt(phone) : null,
        contact_phone_hash: phoneHash,
        contact_phone_masked: phone ? maskPhone(phone) : null,
        is_anonymous: input.isAnonymous,
        category_id: category.id,
        submitter_user_id: submitter.kind === 'caller' && !isConsole ? userId : null,
        submitter_token_id: caller.actor.kind === 'token' ? caller.actor.tokenId : null,
        recorded_by: isConsole ? userId : null,
        dispatch_node_id: dispatch.node.id,
        dispatch_path: dispatch.node.path,
        escalation_level: dispatch.level,
        assignee_node_id: null,
        assignee_path: null,
        assignee_department_id: null,
        assignee_user_id: null,
        submitted_at: at,
        accepted_at: isConsole ? at : null,
        dispatched_at: null,
        signed_at: null,
        first_signed_at: null,
        resolved_at: null,
        first_resolved_at: null,
        closed_at: null,
        respond_due_at: due.respondDueAt,
        resolve_due_at: due.resolveDueAt,
        respond_amber_at: due.respondAmberAt,
        resolve_amber_at: due.resolveAmberAt,
        respond_work_ms: null,
        resolve_work_ms: null,
      };
      const { requestId: id, eventId } = facts;
      const code = requestCode(at, facts.serial);
      const created = repo.newRequestRow(id, code, row, category);
      const event: repo.EventInsert = {
        id: eventId,
        requestId: id,
        action: 'submit',
        fromState: null,
        toState: row.state,
        actorId: isConsole ? userId : null,
        actorName: isConsole ? null : requestLabels.channel[input.channel].zh,
        note: null,
        data: { channel: input.channel },
        at,
      };
      const msg = messageTo(created, isConsole ? 'request.accepted' : 'request.received');
      const uploadKey = submitter.kind === 'phone' ? submitter.uploadKey : null;
      const photos = input.attachmentIds.length;
      const parts = [
        repo.requestInsert(id, code, row),
        repo.eventInsert(event),
        ...figuresOf(null, created),
        ...(msg ? [outboxInsert(msg)] : []),
        // No lock: the audit chain is linked after commit (ADR 0004).
        auditInsert({
          ...auditBy(caller),
          action: 'requests.request.submit',
          entityType: 'request',
          entityId: id,
          nodeId: place.id,
          summary: { code, channel: input.channel, category: category.code, urgency: input.urgency },
        }),
      ];
      if (photos === 0) {
        // A single statement is atomic by itself: no transaction around it.
        const write = asOneStatement(parts, 'SELECT 1');
        await db.query(prepared(write.text), write.values);
      } else {
        const attach = repo.attachUploadsSql(input.attachmentIds, { userId, uploadKey }, id, eventId);
        const write = asOneStatement([...parts, attach], `SELECT count(*)::int AS attached FROM s${parts.length + 1}`);
        await db.tx(async (q) => {
          const { rows } = await q.query<{ attached: number }>(prepared(write.text), write.values);
          need(rows[0]!.attached === photos, 'body.attachmentIds', '照片不存在或已被使用，请重新上传');
        });
      }
      changed(created, 'submit');
      // What detailOf would read back is in hand: the one event, the photos, the address from the place's
      // path; a new request has no department assignee, so the caller's departments do not matter.
      const v = await visibilityOf(db, caller, { departments: false });
      const photoIds = [...input.attachmentIds].sort((a, b) => a - b);
      return detailOf(db, caller, v, created, {
        events: [
          {
            id: eventId,
            action: event.action,
            from_state: null,
            to_state: row.state,
            // As eventsOf reads it: the recording user's display name, else the channel's name.
            actor:
              (caller.actor.kind === 'user' && event.actorId !== null ? caller.actor.displayName : null) ??
              event.actorName,
            note: null,
            data: event.data,
            at,
            attachment_ids: photoIds,
          },
        ],
        attachmentIds: photoIds,
        duplicates: facts.duplicates ?? [],
        addresses: new Map([[place.path, addressOf(place.path, new Map(place.ancestors.map((a) => [a.id, a])))]]),
      });
    },

    async list(
      caller: Caller,
      f: Omit<repo.ListFilter, 'nodePath' | 'phoneHash' | 'now' | 'open'> & {
        nodeId?: number | undefined;
        phone?: string | undefined;
        open?: 'true' | 'false' | undefined;
      },
    ) {
      const v = await visibilityOf(db, caller);
      let nodePath: string | undefined;
      if (f.nodeId !== undefined) {
        const place = await repo.findPlace(db, f.nodeId);
        if (!place) throw notFound();
        nodePath = place.path;
      }
      let phoneHash: string | undefined;
      if (f.phone) {
        const p = validatePhone(f.phone);
        if (!p.ok) throw new DomainError('VALIDATION_FAILED', [{ path: 'query.phone', message: p.message }]);
        phoneHash = crypto.blindIndex(p.normalized);
      }
      const rows = await repo.listRequests(db, v, {
        ...f,
        open: f.open === undefined ? undefined : f.open === 'true',
        nodePath,
        phoneHash,
        now: now(),
      });
      const addresses = await addressesFor(
        db,
        rows.map((r) => r.node_path),
      );
      return {
        items: rows.map((r) => listItemOf(r, addresses)),
        total: rows[0]?.total ?? 0,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    async detail(caller: Caller, id: number): Promise<RequestDetail> {
      const v = await visibilityOf(db, caller);
      const r = await repo.findRequest(db, id);
      if (!r || !canSee(v, r)) throw notFound();
      return detailOf(db, caller, v, r);
    },

    /** One step of the lifecycle; the workflow table decides whether it is legal. */
    async act(
      caller: Caller,
      id: number,
      body: RequestActionBody,
      asSubmitter = false,
      /** The phone session's upload key, so a resident without an account can add photos to a step. */
      uploadKey: string | null = null,
    ): Promise<RequestDetail> {
      const at = now();
      const result = await db.tx(async (q) => {
        const v = await visibilityOf(q, caller);
        const before = await repo.findRequest(q, id, true);
        if (!before || !(canSee(v, before) || asSubmitter)) throw notFound();
        if (before.version !== body.version) throw new DomainError('CONFLICT');
        const parties = partiesOf(caller, v, before, asSubmitter ? new Set<Party>(['submitter']) : undefined);
        const verdict = planStep(body.action, factsOf(before), parties);
        if (!verdict.ok) {
          if (verdict.reason === 'party') throw new DomainError('REQUEST_NOT_YOUR_STEP');
          throw new DomainError('REQUEST_INVALID_TRANSITION', {
            state: before.state,
            action: body.action,
            message: verdict.message,
          });
        }
        for (const n of verdict.needs) {
          if (n === 'note') need(!!body.note, 'body.note', '请填写说明');
          if (n === 'noteOrPhotos')
            need(!!body.note || body.attachmentIds.length > 0, 'body.note', '请填写说明或上传照片');
          if (n === 'days') need(body.days !== undefined, 'body.days', '请填写延期的工作日数');
          if (n === 'rating') need(body.rating !== undefined, 'body.rating', '请选择满意、基本满意或不满意');
          if (n === 'intoId') need(body.intoId !== undefined, 'body.intoId', '请选择与之重复的诉求');
        }
        const after: RequestRow = { ...before, state: verdict.to };
        const data: Record<string, unknown> = {};
        const userId = userIdOf(caller);
        switch (body.action) {
          case 'accept':
            after.accepted_at = at;
            break;
          case 'decline':
          case 'withdraw':
            after.closed_at = at;
            break;
          case 'dispatch':
          case 'transfer': {
            const place = (await repo.findPlace(q, before.node_id))!;
            const target = body.target ?? (await defaultTarget(q, before, place));
            Object.assign(after, await resolveTarget(q, before, target));
            after.dispatched_at = at;
            after.signed_at = null;
            data.target = target;
            break;
          }
          case 'sign_for':
          case 'claim':
            after.assignee_user_id = userId;
            if (body.action === 'claim') {
              after.dispatched_at = at;
              after.assignee_node_id = null;
              after.assignee_path = null;
              after.assignee_department_id = null;
            }
            after.signed_at = at;
            if (after.first_signed_at === null) {
              after.first_signed_at = at;
              after.respond_work_ms = clock.workingMsBetween(before.submitted_at, at);
            }
            break;
          case 'progress':
            break;
          case 'resolve':
            after.resolved_at = at;
            if (after.first_resolved_at === null) {
              after.first_resolved_at = at;
              after.resolve_work_ms = clock.workingMsBetween(before.submitted_at, at);
            }
            break;
          case 'verify':
            break;
          case 'reject_resolution':
            after.resolved_at = null;
            break;
          case 'rate':
            after.rating = body.rating!;
            after.rating_comment = body.note ?? null;
            data.rating = body.rating;
            break;
          case 'close':
            need(before.rating !== 'unsatisfied' || !!body.note, 'body.note', '居民不满意时结案须说明理由');
            after.closed_at = at;
            break;
          case 'reopen': {
            const limits = await limitsOf(q, before.category_id);
            after.reopen_count += 1;
            after.rating = null;
            after.rating_comment = null;
            after.resolved_at = null;
            after.signed_at = null;
            after.dispatched_at = at;
            after.resolve_due_at = clock.addWorkingDays(at, limits[before.urgency].resolveDays);
            after.resolve_amber_at = amberAt(clock, at, after.resolve_due_at);
            data.previousRating = before.rating;
            break;
          }
          case 'return':
            after.return_count += 1;
            after.assignee_node_id = null;
            after.assignee_path = null;
            after.assignee_department_id = null;
            after.assignee_user_id = null;
            after.signed_at = null;
            break;
          case 'escalate': {
            const up = levelOrder[levelOrder.indexOf(before.escalation_level) + 1]!;
            const place = (await repo.findPlace(q, before.node_id))!;
            const holder = ancestorAt(place, up);
            after.escalation_level = holder.level;
            after.dispatch_node_id = holder.node.id;
            after.dispatch_path = holder.node.path;
            after.assignee_node_id = null;
            after.assignee_path = null;
            after.assignee_department_id = null;
            after.assignee_user_id = null;
            after.signed_at = null;
            data.to = holder.level;
            break;
          }
          case 'request_extension':
            after.pending_extension = {
              days: body.days!,
              reason: body.note!,
              by: caller.actor.kind === 'user' ? caller.actor.displayName : null,
            };
            data.days = body.days;
            break;
          case 'approve_extension': {
            const days = before.pending_extension!.days;
            after.resolve_due_at = clock.addWorkingDays(before.resolve_due_at, days);
            after.resolve_amber_at = amberAt(clock, before.submitted_at, after.resolve_due_at);
            after.extension_days += days;
            after.pending_extension = null;
            data.days = days;
            break;
          }
          case 'reject_extension':
            after.pending_extension = null;
            break;
          case 'merge': {
            need(body.intoId !== id, 'body.intoId', '不能与自身合并');
            const into = await repo.findRequest(q, body.intoId!);
            if (!into || !canSee(v, into))
              throw new DomainError('VALIDATION_FAILED', [{ path: 'body.intoId', message: '找不到要合并到的诉求' }]);
            need(
              !['declined', 'merged', 'withdrawn'].includes(into.state),
              'body.intoId',
              '要合并到的诉求已不予受理、已合并或已撤回',
            );
            after.merged_into_id = into.id;
            after.closed_at = at;
            data.into = into.code;
            break;
          }
          case 'urge':
            after.urge_count += 1;
            break;
          case 'add_info':
            break;
        }
        await repo.updateRequest(q, before, after);
        const eventId = await repo.insertEvent(q, {
          requestId: id,
          action: body.action,
          fromState: before.state,
          toState: after.state,
          actorId: userId,
          actorName: asSubmitter ? '诉求人' : null,
          note: body.note ?? null,
          data,
          at,
        });
        const attached = await repo.attachUploads(q, body.attachmentIds, { userId, uploadKey }, id, eventId);
        need(attached === body.attachmentIds.length, 'body.attachmentIds', '照片不存在或已被使用，请重新上传');
        const stored = (await repo.findRequest(q, id))!;
        await applyFigures(q, before, stored);
        const topic =
          body.action === 'accept'
            ? 'request.accepted'
            : body.action === 'decline'
              ? 'request.declined'
              : body.action === 'resolve'
                ? 'request.resolved'
                : body.action === 'verify'
                  ? 'request.rating_wanted'
                  : null;
        const msg = topic ? messageTo(stored, topic, body.note ? { note: body.note } : {}) : null;
        if (msg) await enqueueMessage(q, msg);
        // In the transaction of the change; no lock (the audit chain is linked after commit, ADR 0004).
        await appendAudit(q, {
          ...auditBy(caller),
          action: `requests.request.${body.action}`,
          entityType: 'request',
          entityId: id,
          nodeId: before.node_id,
          summary: { code: before.code, from: before.state, to: after.state, ...data },
        });
        return { stored, v };
      });
      changed(result.stored, body.action);
      return detailOf(db, caller, result.v, result.stored);
    },

    /** Overdue requests escalate one level (once per deadline) and the new level is told. */
    async sweepOverdue(caller: Caller): Promise<number> {
      const at = now();
      const ids = await repo.overdueToEscalate(db, at, 500);
      let n = 0;
      for (const id of ids) {
        const done = await db.tx(async (q) => {
          const before = await repo.findRequest(q, id, true);
          if (!before || before.escalation_level === 'district') return null;
          const up = levelOrder[levelOrder.indexOf(before.escalation_level) + 1]!;
          const place = (await repo.findPlace(q, before.node_id))!;
          const holder = ancestorAt(place, up);
          const after: RequestRow = {
            ...before,
            escalation_level: holder.level,
            dispatch_node_id: holder.node.id,
            dispatch_path: holder.node.path,
            overdue_escalated_at: at,
          };
          await repo.updateRequest(q, before, after);
          await repo.insertEvent(q, {
            requestId: id,
            action: 'auto_escalate',
            fromState: before.state,
            toState: before.state,
            actorId: null,
            actorName: '系统',
            note: `超过办理时限，自动上报${holder.level === 'street' ? '街道' : '区级'}督办`,
            data: { to: holder.level },
            at,
          });
          await enqueueMessage(q, {
            topic: 'request.overdue',
            payload: { requestId: id, code: before.code, escalatedTo: holder.level, dispatchNodeId: holder.node.id },
          });
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'requests.request.auto_escalate',
            entityType: 'request',
            entityId: id,
            nodeId: before.node_id,
            summary: { code: before.code, to: holder.level },
          });
          return after;
        });
        if (done) {
          n++;
          changed(done, 'auto_escalate');
        }
      }
      return n;
    },

    /** Store an uploaded photo, unattached, owned by its uploader until a request or step takes it. */
    async upload(caller: Caller, bytes: Buffer, contentType: string, uploadKey: string | null = null) {
      const kind = sniffImage(bytes);
      if (!kind || kind !== contentType)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'body', message: '请上传 JPEG、PNG 或 WebP 格式的照片' }]);
      const id = await repo.insertAttachment(db, {
        uploadedBy: userIdOf(caller),
        uploadKey,
        contentType: kind,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes,
      });
      return { id, size: bytes.length, contentType: kind };
    },

    /** A photo: its uploader, or anyone who may see its request. */
    async photo(caller: Caller, id: number, uploadKey: string | null = null) {
      const a = await repo.findAttachment(db, id);
      if (!a) throw notFound();
      const userId = userIdOf(caller);
      let ok = a.uploaded_by !== null && a.uploaded_by === userId;
      if (!ok && a.request_id !== null) {
        const r = await repo.findRequest(db, a.request_id);
        const v = await visibilityOf(db, caller);
        ok = !!r && canSee(v, r);
      }
      if (!ok && uploadKey !== null) ok = a.upload_key === uploadKey;
      if (!ok) throw notFound();
      return photoAnswer(a);
    },

    /** For the channels outside the console (resident pages, Open311) that find a request by its id. */
    visibilityOf: (caller: Caller) => visibilityOf(db, caller),
  };
}

function categoryOf(c: repo.CategoryRow): Category {
  return {
    id: c.id,
    parentId: c.parent_id,
    code: c.code,
    name: c.name,
    nameEn: c.name_en,
    hint: c.hint,
    handlerType: c.handler_type,
    departmentId: c.department_id,
    limits: c.limits,
    isActive: c.is_active,
    sortOrder: c.sort_order,
  };
}

function summaryOf(description: string): string {
  const oneLine = description.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}

/** A stored photo as the file answer of a route: shown inline, with its own content type. */
export function photoAnswer(a: { id: number; content_type: string; bytes: Buffer }) {
  const ext = a.content_type.split('/')[1] ?? 'bin';
  return { fileName: `photo-${a.id}.${ext}`, body: new Uint8Array(a.bytes), contentType: a.content_type, inline: true };
}

/** The image type from the file's first bytes (never trust the declared type alone). */
export function sniffImage(b: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length > 12 && b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}
