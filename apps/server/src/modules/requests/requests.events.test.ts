/** Whom a request change concerns: the handler it is dispatched to, and the dispatcher at its level only. */
import { describe, expect, it } from 'vitest';
import { concerns, createRequestsBroadcaster, type Audience } from './requests.events.ts';
import type { RequestChange } from './requests.service.ts';

const change = (over: Partial<RequestChange>): RequestChange => ({
  requestId: 1,
  code: 'R1',
  action: 'dispatch',
  state: 'dispatched',
  nodePath: '/1/2/3/4/9/',
  dispatchPath: '/1/2/3/',
  assigneeNodeId: null,
  assigneeDepartmentId: null,
  assigneeUserId: null,
  ...over,
});

const gridWorker: Audience = { userId: 7, handlerNodeIds: [4], departmentIds: [], dispatchPaths: [] };
const communityDirector: Audience = { userId: 8, handlerNodeIds: [3], departmentIds: [], dispatchPaths: ['/1/2/3/'] };
const streetStaff: Audience = { userId: 9, handlerNodeIds: [2], departmentIds: [], dispatchPaths: ['/1/2/'] };
const deptHandler: Audience = { userId: 10, handlerNodeIds: [1], departmentIds: [5], dispatchPaths: [] };

describe('concerns', () => {
  it('tells the handlers of the node, department or person the work is dispatched to', () => {
    expect(concerns(change({ assigneeNodeId: 4 }), gridWorker)).toBe('yours');
    expect(concerns(change({ assigneeNodeId: 5 }), gridWorker)).toBeNull();
    expect(concerns(change({ assigneeDepartmentId: 5 }), deptHandler)).toBe('yours');
    expect(concerns(change({ assigneeUserId: 7 }), gridWorker)).toBe('yours');
  });

  it('leaves out the node’s other handlers once one person holds the work', () => {
    expect(concerns(change({ assigneeNodeId: 4, assigneeUserId: 99 }), gridWorker)).toBeNull();
  });

  it('tells the dispatcher at the request’s dispatch level; the levels above only refresh', () => {
    expect(concerns(change({ action: 'submit', state: 'accepted' }), communityDirector)).toBe('yours');
    expect(concerns(change({ action: 'submit', state: 'accepted' }), streetStaff)).toBe('below');
    expect(concerns(change({ action: 'escalate', dispatchPath: '/1/2/' }), streetStaff)).toBe('yours');
    expect(concerns(change({ action: 'escalate', dispatchPath: '/1/2/' }), communityDirector)).toBeNull();
  });
});

describe('createRequestsBroadcaster', () => {
  it('reaches every listener even when one throws, and forgets those that leave', () => {
    const b = createRequestsBroadcaster();
    const heard: number[] = [];
    const offA = b.subscribe(() => {
      throw new Error('broken stream');
    });
    const offB = b.subscribe((c) => heard.push(c.requestId));
    b.publish(change({}));
    offA();
    offB();
    b.publish(change({ requestId: 2 }));
    expect(heard).toEqual([1]);
    expect(b.listenerCount).toBe(0);
  });
});
