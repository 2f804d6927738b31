import { requestActions, requestStates, terminalStates, type RequestState } from '@linli/contracts';
import { describe, expect, it } from 'vitest';
import { availableActions, planStep, workflow, type Party, type StepFacts } from './request-workflow.ts';

const everyone = new Set<Party>(['dispatcher', 'handler', 'submitter', 'operator', 'supervisor', 'volunteer']);

function facts(state: RequestState, over: Partial<StepFacts> = {}): StepFacts {
  return {
    state,
    rating: 'unsatisfied',
    hasPendingExtension: false,
    escalationLevel: 'community',
    isClaimable: true,
    isAnonymous: false,
    ...over,
  };
}

describe('the request workflow table', () => {
  // Every state × action: legal exactly when the table lists the state (guards aside), and never from a terminal state.
  for (const state of requestStates) {
    for (const action of requestActions) {
      it(`${action} from ${state}`, () => {
        const step = workflow[action];
        const pending = action === 'approve_extension' || action === 'reject_extension';
        const verdict = planStep(action, facts(state, { hasPendingExtension: pending }), everyone);
        const listed = step.from.includes(state);
        expect(verdict.ok).toBe(listed);
        if (!verdict.ok) expect(verdict.reason).toBe('state');
        if (verdict.ok) {
          expect(verdict.to).toBe(step.to === 'same' ? state : step.to);
          expect((terminalStates as readonly string[]).includes(state)).toBe(false);
        }
      });
    }
  }

  it('a step taken by the wrong party is refused as such, not as a state error', () => {
    const verdict = planStep('sign_for', facts('dispatched'), new Set<Party>(['submitter']));
    expect(verdict).toEqual({ ok: false, reason: 'party' });
  });

  it('guards: extension once at a time, escalation stops at the district, claims only for volunteer work', () => {
    expect(planStep('request_extension', facts('signed', { hasPendingExtension: true }), everyone).ok).toBe(false);
    expect(planStep('approve_extension', facts('signed'), everyone).ok).toBe(false);
    expect(planStep('escalate', facts('accepted', { escalationLevel: 'district' }), everyone).ok).toBe(false);
    expect(planStep('claim', facts('accepted', { isClaimable: false }), everyone).ok).toBe(false);
  });

  it('a resident reopens only what they rated unsatisfied; the dispatcher may reopen any rated request', () => {
    const resident = new Set<Party>(['submitter']);
    expect(planStep('reopen', facts('rated', { rating: 'satisfied' }), resident).ok).toBe(false);
    expect(planStep('reopen', facts('rated', { rating: 'unsatisfied' }), resident).ok).toBe(true);
    expect(planStep('reopen', facts('rated', { rating: 'satisfied' }), new Set<Party>(['dispatcher'])).ok).toBe(true);
  });

  it('every non-terminal state has a way forward, and every state is reachable from submitted', () => {
    const reached = new Set<RequestState>(['submitted']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const s of [...reached]) {
        for (const a of availableActions(facts(s, { hasPendingExtension: false }), everyone)) {
          const v = planStep(a, facts(s), everyone);
          if (v.ok && !reached.has(v.to)) {
            reached.add(v.to);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...requestStates].sort());
    for (const s of requestStates) {
      const moves = availableActions(facts(s), everyone).filter((a) => workflow[a].to !== 'same');
      expect(moves.length === 0).toBe((terminalStates as readonly string[]).includes(s));
    }
  });
});

describe('the documented table', () => {
  it('docs/modules/requests.md shows exactly the table in the code', async () => {
    const { readFile } = await import('node:fs/promises');
    const { requestLabels } = await import('@linli/contracts');
    const { workflowMarkdown } = await import('./request-workflow.ts');
    const page = await readFile(new URL('../../../../../docs/modules/requests.md', import.meta.url), 'utf8');
    const block = /<!-- workflow:start -->([\s\S]*?)<!-- workflow:end -->/.exec(page)?.[1]?.trim();
    const normalise = (s: string) =>
      s
        .split('\n')
        .map((l) => l.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---'))
        .join('\n');
    expect(normalise(block ?? '')).toBe(normalise(workflowMarkdown(requestLabels.action)));
  });
});
