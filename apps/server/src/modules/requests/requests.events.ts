/**
 * Live notifications of requests for the console: a server-sent events stream
 * (`GET /api/v1/requests/events`) that tells each signed-in user about changes that concern them
 * (work dispatched to their node, department or themselves; new and escalated requests at the level
 * they dispatch from) and the count of their open work. Mounted beside the route table (ADR 0011):
 * the table's handlers answer one JSON value, a stream stays open.
 */
import { requestLabels, type Permission, type RouteDef } from '@linli/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Actor, PermissionMatrix, UserActor } from '../../platform/auth/actor.ts';
import { makeCaller, type Caller } from '../../platform/auth/caller.ts';
import type { Db } from '../../platform/db/db.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { departmentIdsOf } from './requests.repository.ts';
import { requestsPolicy } from './requests.policy.ts';
import type { RequestChange, RequestsService } from './requests.service.ts';

export const REQUEST_EVENTS_PATH = '/api/v1/requests/events';

/** How the stream is described to the authenticator (it is not in the route table). */
export const requestEventsRoute = {
  method: 'GET',
  path: REQUEST_EVENTS_PATH,
  tag: 'requests',
  summary: '诉求实时通知（服务器推送事件）',
  auth: 'session',
  response: z.unknown(),
} as const satisfies RouteDef;

/** The open work of one user, sent on connect and after every change that concerns them. */
export interface RequestCounts {
  /** Dispatched to them (their node, department or themselves) and not yet resolved. */
  mine: number;
  /** Waiting for them as dispatcher: to accept, dispatch, verify, close, or an extension to decide. */
  dispatch: number;
}

/** Whom a change concerns: the facts of one signed-in user. */
export interface Audience {
  userId: number;
  /** Nodes on which they hold a handling role: work assigned to the node (and no one in particular) is theirs. */
  handlerNodeIds: readonly number[];
  departmentIds: readonly number[];
  /** Paths of the nodes they dispatch from (their holdings of a dispatching role), exactly. */
  dispatchPaths: readonly string[];
}

/**
 * Whether a change concerns this user: `yours` for work dispatched to them and for requests at the
 * very level they dispatch from (worth a notice); `below` for requests dispatched further down their
 * subtree (their lists and counts change, but a street dispatcher is not told of every community
 * call); null for the rest.
 */
export function concerns(change: RequestChange, a: Audience): 'yours' | 'below' | null {
  if (change.assigneeUserId !== null) {
    if (change.assigneeUserId === a.userId) return 'yours';
  } else {
    if (change.assigneeNodeId !== null && a.handlerNodeIds.includes(change.assigneeNodeId)) return 'yours';
    if (change.assigneeDepartmentId !== null && a.departmentIds.includes(change.assigneeDepartmentId)) return 'yours';
  }
  if (a.dispatchPaths.includes(change.dispatchPath)) return 'yours';
  return a.dispatchPaths.some((p) => change.dispatchPath.startsWith(p)) ? 'below' : null;
}

/** The in-process fan-out of request changes (one server process; see ADR 0011 for several). */
export function createRequestsBroadcaster() {
  const listeners = new Set<(change: RequestChange) => void>();
  return {
    publish(change: RequestChange): void {
      for (const listener of listeners) {
        try {
          listener(change);
        } catch {
          // One broken stream must not keep the others from hearing of the change.
        }
      }
    },
    subscribe(listener: (change: RequestChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get listenerCount(): number {
      return listeners.size;
    },
  };
}
export type RequestsBroadcaster = ReturnType<typeof createRequestsBroadcaster>;

const streamPermissions: readonly Permission[] = [
  'request.read',
  'request.intake',
  'request.dispatch',
  'request.handle',
  'request.claim',
];

function audienceOf(actor: UserActor, departmentIds: number[]): Audience {
  const handling: readonly string[] = requestsPolicy['request.handle'];
  const dispatching: readonly string[] = requestsPolicy['request.dispatch'];
  return {
    userId: actor.userId,
    handlerNodeIds: actor.holdings.filter((h) => handling.includes(h.role) && h.nodeId !== null).map((h) => h.nodeId!),
    departmentIds,
    dispatchPaths: actor.holdings.filter((h) => dispatching.includes(h.role)).map((h) => h.path),
  };
}

async function countsOf(requests: RequestsService, caller: Caller): Promise<RequestCounts> {
  const page = { page: 1, pageSize: 1 } as const;
  const mine = await requests.list(caller, { view: 'mine', ...page });
  const dispatch =
    caller.scope('request.dispatch').paths.length > 0
      ? (await requests.list(caller, { view: 'dispatch', ...page })).total
      : 0;
  return { mine: mine.total, dispatch };
}

export interface RequestEventsDeps {
  db: Db;
  requests: RequestsService;
  broadcaster: RequestsBroadcaster;
  matrix: PermissionMatrix;
  /** The caller of a request, as the route table's authenticator finds it (cookie session). */
  authenticate(request: FastifyRequest): Promise<Actor | null>;
  /** Comment lines that keep proxies from closing an idle stream; 25 s unless told. */
  heartbeatMs?: number;
  /** Told when a count could not be computed (the stream stays open). */
  onError?: (err: unknown) => void;
}

/** Mounts the stream and closes every open one when the server shuts down (so the process can exit). */
export function mountRequestEvents(app: FastifyInstance, deps: RequestEventsDeps): void {
  const heartbeatMs = deps.heartbeatMs ?? 25_000;
  const open = new Set<(reason: 'shutdown') => void>();

  app.addHook('preClose', async () => {
    for (const end of [...open]) end('shutdown');
    // An ended response makes its connection idle a moment later; close those too (a browser would
    // keep them alive for reuse, and the server's close waits for every connection).
    await new Promise((resolve) => setImmediate(resolve));
    app.server.closeIdleConnections();
  });

  app.get(REQUEST_EVENTS_PATH, async (request, reply) => {
    const actor = await deps.authenticate(request);
    if (!actor) throw new DomainError('UNAUTHENTICATED');
    if (actor.kind !== 'user') throw new DomainError('FORBIDDEN');
    if (actor.mustChangePassword) throw new DomainError('PASSWORD_CHANGE_REQUIRED');
    const caller = makeCaller(actor, request.ip, deps.matrix);
    if (!streamPermissions.some((p) => caller.scope(p).paths.length > 0)) throw new DomainError('FORBIDDEN');
    const audience = audienceOf(actor, await departmentIdsOf(deps.db, actor.userId));

    reply.hijack();
    const res: ServerResponse = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
      // nginx and friends would otherwise hold the events back in their buffers.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();

    let closed = false;
    const send = (event: string, data: unknown) => {
      if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    // A comment line: ignored by EventSource, but it keeps proxies and the browser from thinking the stream died.
    const ping = () => {
      if (!closed) res.write(': ping\n\n');
    };

    // Counts are recomputed at most once at a time; changes arriving meanwhile ask for one more round.
    let counting = false;
    let again = false;
    const refreshCounts = async (): Promise<void> => {
      if (counting) {
        again = true;
        return;
      }
      counting = true;
      try {
        do {
          again = false;
          const counts = await countsOf(deps.requests, caller);
          send('counts', counts);
        } while (again && !closed);
      } catch (err) {
        deps.onError?.(err);
      } finally {
        counting = false;
      }
    };

    const unsubscribe = deps.broadcaster.subscribe((change) => {
      const relevance = closed ? null : concerns(change, audience);
      if (!relevance) return;
      send('change', {
        isYours: relevance === 'yours',
        requestId: change.requestId,
        code: change.code,
        action: change.action,
        state: change.state,
        stateLabel: requestLabels.state[change.state],
      });
      void refreshCounts();
    });
    const heartbeat = setInterval(ping, heartbeatMs);
    // The session's idle deadline as of now: the stream must not keep a forgotten console signed in,
    // so it ends there and the console reconnects on the user's next move (ADR 0011).
    const sessionLeft = actor.sessionExpiresAt.getTime() - Date.now();
    const expiry = setTimeout(() => end('session'), Math.max(1_000, Math.min(sessionLeft, 2 ** 31 - 1)));

    function end(reason: 'shutdown' | 'session' | 'gone'): void {
      if (closed) return;
      if (reason !== 'gone') send('bye', { reason });
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(expiry);
      unsubscribe();
      open.delete(end);
      // On shutdown the connection goes too: a browser would keep it alive for reuse, and the server's
      // close waits for every connection, idle ones included once their response has ended.
      if (reason === 'shutdown') res.end(() => res.socket?.destroy());
      else res.end();
    }
    open.add(end);
    request.raw.on('close', () => end('gone'));
    res.on('error', () => end('gone'));

    // Reconnect after 5 s when the connection drops (the browser's EventSource does this by itself).
    res.write('retry: 5000\n\n');
    await refreshCounts();
  });
}
