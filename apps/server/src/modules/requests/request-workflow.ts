/**
 * The lifecycle of a request as a table a reviewer can read: for each action, the states it may be
 * taken from, the state it leads to, who may take it and what it needs. Nothing else decides
 * whether a step is legal; the service asks `planStep` and applies what it answers.
 */
import type { RequestAction, RequestState } from '@linli/contracts';

/**
 * The parts a caller can play towards one request:
 * - dispatcher: holds request.dispatch over the level that currently holds the request;
 * - handler: the request is assigned to them (in person, through their node or their department);
 * - submitter: the resident who filed it;
 * - operator: a window clerk or hotline operator over the place (records callbacks, adds information);
 * - supervisor: street or district staff over the place (urges);
 * - volunteer: may claim service requests over the place.
 */
export type Party = 'dispatcher' | 'handler' | 'submitter' | 'operator' | 'supervisor' | 'volunteer';

export type Need = 'note' | 'target' | 'days' | 'rating' | 'intoId' | 'noteOrPhotos';

export interface Step {
  from: readonly RequestState[];
  /** The state after the step; 'same' for steps that record something without moving. */
  to: RequestState | 'same';
  by: readonly Party[];
  needs: readonly Need[];
}

const open = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress'] as const;
const working = ['signed', 'in_progress'] as const;

export const workflow: Record<RequestAction, Step> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['dispatcher'], needs: [] },
  decline: { from: ['submitted', 'accepted'], to: 'declined', by: ['dispatcher'], needs: ['note'] },
  dispatch: { from: ['accepted'], to: 'dispatched', by: ['dispatcher'], needs: ['target'] },
  sign_for: { from: ['dispatched'], to: 'signed', by: ['handler'], needs: [] },
  progress: { from: working, to: 'in_progress', by: ['handler'], needs: ['noteOrPhotos'] },
  resolve: { from: working, to: 'resolved', by: ['handler'], needs: ['note'] },
  verify: { from: ['resolved'], to: 'verified', by: ['dispatcher'], needs: [] },
  reject_resolution: { from: ['resolved'], to: 'in_progress', by: ['dispatcher'], needs: ['note'] },
  rate: { from: ['verified'], to: 'rated', by: ['submitter', 'operator'], needs: ['rating'] },
  close: { from: ['verified', 'rated'], to: 'closed', by: ['dispatcher'], needs: [] },
  reopen: { from: ['rated'], to: 'dispatched', by: ['dispatcher', 'submitter'], needs: ['note'] },
  return: { from: ['dispatched', 'signed'], to: 'accepted', by: ['handler'], needs: ['note'] },
  transfer: { from: ['dispatched', ...working], to: 'dispatched', by: ['dispatcher'], needs: ['target'] },
  escalate: { from: open, to: 'accepted', by: ['dispatcher', 'handler'], needs: ['note'] },
  request_extension: { from: working, to: 'same', by: ['handler'], needs: ['days', 'note'] },
  approve_extension: { from: working, to: 'same', by: ['dispatcher'], needs: [] },
  reject_extension: { from: working, to: 'same', by: ['dispatcher'], needs: ['note'] },
  merge: { from: ['submitted', 'accepted'], to: 'merged', by: ['dispatcher'], needs: ['intoId'] },
  urge: { from: open, to: 'same', by: ['submitter', 'supervisor', 'dispatcher'], needs: [] },
  add_info: {
    from: [...open, 'resolved', 'verified'],
    to: 'same',
    by: ['submitter', 'operator'],
    needs: ['noteOrPhotos'],
  },
  claim: { from: ['accepted'], to: 'signed', by: ['volunteer'], needs: [] },
  withdraw: { from: ['submitted', 'accepted', 'dispatched'], to: 'withdrawn', by: ['submitter'], needs: [] },
};

/** What a request looks like to the guards: only the facts the table's conditions need. */
export interface StepFacts {
  state: RequestState;
  rating: string | null;
  hasPendingExtension: boolean;
  escalationLevel: 'community' | 'street' | 'district';
  isClaimable: boolean;
  isAnonymous: boolean;
}

/** Conditions beyond the state: each returns the reason it refuses, or null. */
const guards: Partial<Record<RequestAction, (f: StepFacts, parties: ReadonlySet<Party>) => string | null>> = {
  request_extension: (f) => (f.hasPendingExtension ? '已有待审批的延期申请' : null),
  approve_extension: (f) => (f.hasPendingExtension ? null : '没有待审批的延期申请'),
  reject_extension: (f) => (f.hasPendingExtension ? null : '没有待审批的延期申请'),
  escalate: (f) => (f.escalationLevel === 'district' ? '已在区级，不能再上报' : null),
  claim: (f) => (f.isClaimable ? null : '该诉求不属于志愿服务类，不能领单'),
  // A resident reopens only what they rated unsatisfied; the dispatcher may reopen any rated request.
  reopen: (f, parties) =>
    f.rating === 'unsatisfied' || parties.has('dispatcher') ? null : '只有评价为不满意的诉求才能申请重办',
};

export type StepVerdict =
  | { ok: true; to: RequestState; needs: readonly Need[] }
  | { ok: false; reason: 'state'; message: string }
  | { ok: false; reason: 'party' }
  | { ok: false; reason: 'guard'; message: string };

/** Whether `action` may be taken now by someone playing `parties`, and where it leads. */
export function planStep(action: RequestAction, facts: StepFacts, parties: ReadonlySet<Party>): StepVerdict {
  const step = workflow[action];
  if (!step.from.includes(facts.state)) {
    return { ok: false, reason: 'state', message: `当前状态下不能执行此操作` };
  }
  if (!step.by.some((p) => parties.has(p))) return { ok: false, reason: 'party' };
  const refusal = guards[action]?.(facts, parties) ?? null;
  if (refusal) return { ok: false, reason: 'guard', message: refusal };
  return { ok: true, to: step.to === 'same' ? facts.state : step.to, needs: step.needs };
}

/** Every action the caller may take now (for the buttons on the screen). */
export function availableActions(facts: StepFacts, parties: ReadonlySet<Party>): RequestAction[] {
  return (Object.keys(workflow) as RequestAction[]).filter((a) => planStep(a, facts, parties).ok);
}

export const openStates: readonly RequestState[] = open;

const partyNames: Record<Party, string> = {
  dispatcher: '派单人 dispatcher',
  handler: '承办人 handler',
  submitter: '诉求人 submitter',
  operator: '受理员 operator',
  supervisor: '督办人 supervisor',
  volunteer: '志愿者 volunteer',
};

const needNames: Record<Need, string> = {
  note: 'note',
  target: 'target (default: the category’s handler)',
  days: 'days',
  rating: 'rating',
  intoId: 'intoId',
  noteOrPhotos: 'note or photos',
};

/** The table as Markdown, for docs/modules/requests.md (a test keeps the page equal to the code). */
export function workflowMarkdown(labels: Record<RequestAction, { zh: string }>): string {
  const rows = (Object.keys(workflow) as RequestAction[]).map((a) => {
    const s = workflow[a];
    const guard = guards[a] ? ' ✱' : '';
    return `| ${labels[a].zh} \`${a}\`${guard} | ${s.from.join(', ')} | ${s.to === 'same' ? '(unchanged)' : s.to} | ${s.by.map((p) => partyNames[p]).join('; ')} | ${s.needs.map((n) => needNames[n]).join(', ') || '—'} |`;
  });
  return ['| action | from | to | by | needs |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
