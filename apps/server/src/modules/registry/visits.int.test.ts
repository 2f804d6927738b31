/** Home visits on real PostgreSQL: what is due from the care tags' rules, recording, coverage, scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';
import { todayInChina } from './resident.ts';
import { addDays } from './visit.ts';

let t: TestApp;
let worker: Session;
let alone: number;
let disabled: number;
const today = todayInChina();

beforeAll(async () => {
  t = await createTestApp();
  worker = await login(t.app, 'c1worker');
  const director = await login(t.app, 'c1dir');
  const reg = async (s: Session, body: Record<string, unknown>) =>
    (
      (
        await s.call('POST', '/api/v1/residents', { registrationType: 'registered', relationToHead: 'head', ...body })
      ).json() as { id: number }
    ).id;
  alone = await reg(worker, {
    nodeId: t.tree.household1,
    name: '独居甲',
    gender: 'female',
    birthDate: '1940-02-02',
    tags: ['living_alone'],
  });
  disabled = await reg(director, {
    nodeId: t.tree.household1b,
    name: '残疾乙',
    gender: 'male',
    birthDate: '1970-03-03',
    tags: ['disabled'],
  });
  await reg(worker, { nodeId: t.tree.household1b, name: '普通丙', gender: 'male', birthDate: '1980-04-04' });
  // Tagged long ago and never visited: every requirement is overdue.
  await t.tdb.db.query(`UPDATE resident_tag SET since = $1::date`, [addDays(today, -60)]);
});
afterAll(async () => {
  await t.close();
});

type Due = {
  items: {
    residentId: number;
    kind: string;
    state: string;
    dueOn: string;
    lastVisitedOn: string | null;
    address: string;
  }[];
};

describe('home visits', () => {
  it('lists what is due from the care tags: 独居老人 weekly by phone and monthly at home; 残疾人 monthly at home', async () => {
    const due = (await worker.call('GET', '/api/v1/visits/due')).json() as Due;
    const byResident = (id: number) =>
      due.items
        .filter((i) => i.residentId === id)
        .map((i) => `${i.kind}:${i.state}`)
        .sort();
    expect(byResident(alone)).toEqual(['home:overdue', 'phone:overdue']);
    expect(byResident(disabled)).toEqual(['home:overdue']);
    expect(due.items.every((i) => i.address.startsWith('一街道 甲社区'))).toBe(true);
  });

  it('a phone visit today clears the phone requirement until next week; a follow-up needs a note', async () => {
    const bad = await worker.call('POST', `/api/v1/residents/${alone}/visits`, {
      kind: 'phone',
      visitedOn: today,
      wellbeing: 'attention',
      needsFollowUp: true,
    });
    expect(bad.statusCode).toBe(400);
    const ok = await worker.call('POST', `/api/v1/residents/${alone}/visits`, {
      kind: 'phone',
      visitedOn: today,
      wellbeing: 'attention',
      finding: '血压偏高，自述头晕',
      needsFollowUp: true,
      followUpNote: '联系社区医生上门',
    });
    expect(ok.statusCode).toBe(201);
    const due = (await worker.call('GET', '/api/v1/visits/due?withinDays=30')).json() as Due;
    const phone = due.items.find((i) => i.residentId === alone && i.kind === 'phone')!;
    expect(phone).toMatchObject({ lastVisitedOn: today, dueOn: addDays(today, 7), state: 'ok' });
    const list = (await worker.call('GET', `/api/v1/residents/${alone}/visits`)).json() as {
      items: { finding: string; visitedBy: string }[];
    };
    expect(list.items[0]).toMatchObject({ finding: '血压偏高，自述头晕', visitedBy: '测试c1worker' });
    const { rowCount } = await t.tdb.db.query(`SELECT 1 FROM audit_log WHERE action = 'registry.visit.record'`);
    expect(rowCount).toBe(1);
  });

  it('coverage per grid: residents whose every requirement is met', async () => {
    await worker.call('POST', `/api/v1/residents/${alone}/visits`, {
      kind: 'home',
      visitedOn: today,
      wellbeing: 'good',
      needsFollowUp: false,
    });
    const res = await worker.call('GET', `/api/v1/visits/coverage?nodeId=${t.tree.community1}`);
    const rows = (
      res.json() as { items: { nodeId: number; residents: number; covered: number; overdue: number; rate: number }[] }
    ).items;
    expect(rows.find((r) => r.nodeId === t.tree.grid1)).toMatchObject({
      residents: 2,
      covered: 1,
      overdue: 1,
      rate: 0.5,
    });
  });

  it('another community sees none of it and cannot record', async () => {
    const other = await login(t.app, 'c2worker');
    const due = (await other.call('GET', '/api/v1/visits/due')).json() as Due;
    expect(due.items).toEqual([]);
    expect(
      (
        await other.call('POST', `/api/v1/residents/${alone}/visits`, {
          kind: 'home',
          visitedOn: today,
          wellbeing: 'good',
        })
      ).statusCode,
    ).toBe(404);
    expect((await other.call('GET', `/api/v1/visits/coverage?nodeId=${t.tree.community1}`)).statusCode).toBe(404);
  });
});
