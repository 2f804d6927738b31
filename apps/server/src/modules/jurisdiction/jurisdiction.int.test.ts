/** The tree on real PostgreSQL: create, rename, move a subtree (merge/split), retire, history, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';
import { verifyAuditChain } from '../../platform/audit/audit-log.ts';

let t: TestApp;
let street1: Session;
let district: Session;
beforeAll(async () => {
  t = await createTestApp();
  street1 = await login(t.app, 'street1');
  district = await login(t.app, 'district');
});
afterAll(async () => {
  await t.close();
});

type Node = {
  id: number;
  path: string;
  depth: number;
  name: string;
  parentId: number;
  code: string | null;
  childCount: number;
};

describe('jurisdiction tree', () => {
  it('creates a grid with a 15-digit code that extends its community code', async () => {
    const bad = await street1.call('POST', '/api/v1/nodes', {
      parentId: t.tree.community1,
      level: 'grid',
      name: '第二网格',
      code: '330199002001002',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'NODE_CODE_INVALID',
      details: [{ path: 'body.code', message: '编码应为 15 位数字，并以上级编码 330199001001 开头。' }],
    });
    const res = await street1.call('POST', '/api/v1/nodes', {
      parentId: t.tree.community1,
      level: 'grid',
      name: '第二网格',
      code: '330199001001002',
    });
    expect(res.statusCode).toBe(201);
    const node = res.json() as Node;
    expect(node.path).toMatch(new RegExp(`/${t.tree.community1}/${node.id}/$`));
    expect(node.depth).toBe(3);
  });

  it('refuses a level that cannot sit under the parent, and a duplicate sibling name', async () => {
    const level = await street1.call('POST', '/api/v1/nodes', {
      parentId: t.tree.community1,
      level: 'street',
      name: '错层',
    });
    expect(level.json()).toMatchObject({ code: 'NODE_LEVEL_INVALID' });
    const dup = await street1.call('POST', '/api/v1/nodes', {
      parentId: t.tree.community1,
      level: 'grid',
      name: '第一网格',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'NODE_NAME_TAKEN' });
  });

  it('moves a community with its whole subtree to another street, keeping history (merge of streets)', async () => {
    const before = (await district.call('GET', `/api/v1/nodes/${t.tree.building1}`)).json() as Node;
    const res = await district.call('POST', `/api/v1/nodes/${t.tree.community1}/move`, {
      newParentId: t.tree.street2,
      reason: '街道区划调整',
    });
    expect(res.statusCode).toBe(200);
    const moved = res.json() as Node;
    expect(moved.parentId).toBe(t.tree.street2);
    const building = (await district.call('GET', `/api/v1/nodes/${t.tree.building1}`)).json() as Node & {
      ancestors: { id: number }[];
    };
    expect(building.path).toBe(before.path.replace(`/${t.tree.street1}/`, `/${t.tree.street2}/`));
    expect(building.ancestors.map((a) => a.id)).toContain(t.tree.street2);
    const detail = (await district.call('GET', `/api/v1/nodes/${t.tree.community1}`)).json() as {
      moves: { fromParentId: number; toParentId: number }[];
    };
    expect(detail.moves[0]).toMatchObject({ fromParentId: t.tree.street1, toParentId: t.tree.street2 });

    // The street-1 worker no longer sees the community; street-2 staff now do.
    expect((await street1.call('GET', `/api/v1/nodes/${t.tree.building1}`)).statusCode).toBe(404);
    const street2 = await login(t.app, 'street2');
    expect((await street2.call('GET', `/api/v1/nodes/${t.tree.building1}`)).statusCode).toBe(200);
    // …and the community director's own scope still covers it: roles follow the node, not the old path.
    const c1dir = await login(t.app, 'c1dir');
    expect((await c1dir.call('GET', `/api/v1/nodes/${t.tree.building1}`)).statusCode).toBe(200);

    const { rows } = await t.tdb.db.query(
      `SELECT summary FROM audit_log WHERE action = 'jurisdiction.node.move' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]!.summary).toMatchObject({ nodesMoved: 6, reason: '街道区划调整' });
    // Move it back for the tests that follow.
    await district.call('POST', `/api/v1/nodes/${t.tree.community1}/move`, { newParentId: t.tree.street1 });
  });

  it('refuses to move a node under its own descendant', async () => {
    const res = await district.call('POST', `/api/v1/nodes/${t.tree.street1}/move`, { newParentId: t.tree.community1 });
    expect(res.json()).toMatchObject({ code: 'NODE_MOVE_INTO_SELF' });
  });

  it('concurrent moves of the same node leave one consistent tree', async () => {
    const [a, b] = await Promise.all([
      district.call('POST', `/api/v1/nodes/${t.tree.grid1}/move`, { newParentId: t.tree.community2 }),
      district.call('POST', `/api/v1/nodes/${t.tree.grid1}/move`, { newParentId: t.tree.community2 }),
    ]);
    expect([a.statusCode, b.statusCode].every((c) => c === 200 || c === 409)).toBe(true);
    const { rows } = await t.tdb.db.query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM jurisdiction_node c JOIN jurisdiction_node p ON p.id = c.parent_id
       WHERE c.path <> p.path || c.id || '/' OR c.depth <> p.depth + 1`,
    );
    expect(rows[0]!.bad).toBe(0);
  });

  it('retires a node only when it has no active children; lists hide it unless asked', async () => {
    const created = (
      await street1.call('POST', '/api/v1/nodes', { parentId: t.tree.community1, level: 'grid', name: '临时网格' })
    ).json() as Node;
    expect(
      (await street1.call('POST', `/api/v1/nodes/${t.tree.community1}/retire`, { reason: '合并' })).json(),
    ).toMatchObject({ code: 'NODE_HAS_ACTIVE_CHILDREN' });
    expect((await street1.call('POST', `/api/v1/nodes/${created.id}/retire`, { reason: '' })).statusCode).toBe(400);
    expect(
      (await street1.call('POST', `/api/v1/nodes/${created.id}/retire`, { reason: '网格调整' })).json(),
    ).toMatchObject({ isRetired: true });
    const list = (await street1.call('GET', `/api/v1/nodes?parentId=${t.tree.community1}`)).json() as { items: Node[] };
    expect(list.items.map((n) => n.id)).not.toContain(created.id);
    const all = (
      await street1.call('GET', `/api/v1/nodes?parentId=${t.tree.community1}&includeRetired=true`)
    ).json() as { items: Node[] };
    expect(all.items.map((n) => n.id)).toContain(created.id);
    // The name is free again among active siblings.
    expect(
      (await street1.call('POST', '/api/v1/nodes', { parentId: t.tree.community1, level: 'grid', name: '临时网格' }))
        .statusCode,
    ).toBe(201);
  });

  it('searches by name within scope and lists the caller scope roots', async () => {
    const found = (await street1.call('GET', `/api/v1/nodes?q=${encodeURIComponent('网格')}`)).json() as {
      items: Node[];
    };
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((n) => n.path.includes(`/${t.tree.street1}/`))).toBe(true);
    const roots = (await street1.call('GET', '/api/v1/nodes')).json() as { items: Node[] };
    expect(roots.items.map((n) => n.id)).toEqual([t.tree.street1]);
  });

  it('every change above is in an intact audit chain', async () => {
    const r = await verifyAuditChain(t.tdb.db);
    expect(r.problems).toEqual([]);
    expect(r.checked).toBeGreaterThan(5);
  });
});
