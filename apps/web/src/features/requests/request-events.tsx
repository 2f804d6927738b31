/**
 * Live notifications (ADR 0011): one EventSource per console tab on `GET /api/v1/requests/events`.
 * A change refreshes the request lists (and the request's page); the counts feed the menu badge;
 * new work dispatched to the user pops up a notice. The browser reconnects by itself after a drop;
 * a stream the server ended with the session's idle deadline resumes on the user's next move.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { App, Badge, Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/index.ts';
import { requestKeys } from './request-queries.ts';
import { useRequestLabel } from './request-labels.ts';
import { canOpenWorkbench } from './request-views.ts';

export const REQUEST_EVENTS_URL = '/api/v1/requests/events';

export interface RequestCounts {
  mine: number;
  dispatch: number;
}

export type LiveStatus = 'off' | 'connecting' | 'open' | 'paused';

interface LiveState {
  counts: RequestCounts | null;
  status: LiveStatus;
}

const LiveContext = createContext<LiveState>({ counts: null, status: 'off' });

interface ChangeData {
  /** Dispatched to the user, or at the level they dispatch from (else: further down their subtree). */
  isYours: boolean;
  requestId: number;
  code: string;
  action: string;
  state: string;
}

/** Actions that put new work in front of someone: worth a notice, not only a refreshed list. */
const newWorkActions = new Set(['submit', 'dispatch', 'transfer', 'escalate', 'auto_escalate', 'reopen', 'return']);

export function RequestEventsProvider({ children }: { children: ReactNode }) {
  const me = useSession();
  const enabled = canOpenWorkbench(me.permissions);
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const { t } = useTranslation();
  const label = useRequestLabel();
  const navigate = useNavigate();
  const [state, setState] = useState<LiveState>({ counts: null, status: 'off' });
  // The latest helpers, so the stream is not reopened when the language or the page changes.
  const helpers = useRef({ t, label, navigate, notification });
  useEffect(() => {
    helpers.current = { t, label, navigate, notification };
  });

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let hadError = false;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const resumeOnActivity = () => {
      const resume = () => {
        window.removeEventListener('pointerdown', resume);
        window.removeEventListener('keydown', resume);
        if (!stopped) connect();
      };
      window.addEventListener('pointerdown', resume);
      window.addEventListener('keydown', resume);
    };

    function connect() {
      setState((s) => ({ ...s, status: 'connecting' }));
      const es = new EventSource(REQUEST_EVENTS_URL, { withCredentials: true });
      source = es;
      es.onopen = () => {
        setState((s) => ({ ...s, status: 'open' }));
        // Events sent while we were away are lost: catch up once.
        if (hadError) void queryClient.invalidateQueries({ queryKey: requestKeys.all });
        hadError = false;
      };
      es.onerror = () => {
        hadError = true;
        if (es.readyState === EventSource.CLOSED) {
          // Refused (signed out, no rights) or the server is gone: try again a little later.
          setState((s) => ({ ...s, status: 'connecting' }));
          retryTimer = setTimeout(() => {
            if (!stopped) connect();
          }, 15_000);
        } else setState((s) => ({ ...s, status: 'connecting' }));
      };
      es.addEventListener('counts', (e) => {
        const counts = JSON.parse((e as MessageEvent<string>).data) as RequestCounts;
        setState((s) => ({ ...s, counts }));
      });
      es.addEventListener('change', (e) => {
        const change = JSON.parse((e as MessageEvent<string>).data) as ChangeData;
        void queryClient.invalidateQueries({ queryKey: requestKeys.lists });
        void queryClient.invalidateQueries({ queryKey: requestKeys.detail(change.requestId) });
        if (!change.isYours || !newWorkActions.has(change.action)) return;
        const h = helpers.current;
        const key = `request-${change.requestId}-${change.action}`;
        h.notification.info({
          key,
          title: h.t('requests.live.newWork', { code: change.code, state: h.label('state', change.state) }),
          description: h.t(`requests.detail.eventActions.${change.action}`, {
            defaultValue: h.label('action', change.action),
          }),
          placement: 'bottomRight',
          duration: 8,
          actions: (
            <Button
              type="primary"
              size="small"
              onClick={() => {
                h.notification.destroy(key);
                void h.navigate(`/requests/${change.requestId}`);
              }}
            >
              {h.t('requests.live.open')}
            </Button>
          ),
        });
      });
      es.addEventListener('bye', (e) => {
        const { reason } = JSON.parse((e as MessageEvent<string>).data) as { reason: string };
        if (reason !== 'session') return; // a restarting server: the browser reconnects by itself
        es.close();
        setState((s) => ({ ...s, status: 'paused' }));
        resumeOnActivity();
      });
    }

    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
    // A different user in the same tab gets a stream of their own.
  }, [enabled, queryClient, me.id]);

  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

/** The user's open work as the stream last told it, and whether the stream is up. */
export function useRequestLive(): LiveState {
  return useContext(LiveContext);
}

/** The 诉求 menu entry with the count of work waiting for the user. */
export function RequestsNavLabel({ text }: { text: string }) {
  const { counts } = useRequestLive();
  const { t } = useTranslation();
  const count = counts ? counts.mine + counts.dispatch : 0;
  const title = useMemo(() => t('requests.badgeTitle', { count }), [t, count]);
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      {text}
      {count > 0 && (
        <Badge
          count={count}
          overflowCount={99}
          size="small"
          title={title}
          aria-label={title}
          data-testid="requests-badge"
        />
      )}
    </span>
  );
}
