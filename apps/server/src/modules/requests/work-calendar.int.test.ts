import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let admin: Session;
let clerk: Session;
// Thursday 2026-12-31 10:00 in China: the year's last working day.
const clock = new Date('2026-12-31T02:00:00Z');

interface Calendar {
  officeHours: { start: string; end: string };
  coveredYears: number[];
  version: number;
  days: { date: string; kind: string }[];
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  admin = await login(t.app, 'admin');
  clerk = await login(t.app, 'c1window');
});
afterAll(async () => t.close());

async function consultation(): Promise<{ resolveDueAt: string }> {
  const cats = (await clerk.call('GET', '/api/v1/request-categories')).json() as {
    items: { id: number; code: string }[];
  };
  const res = await clerk.call('POST', '/api/v1/requests', {
    channel: 'window',
    categoryId: cats.items.find((c) => c.code === 'consultation')!.id,
    description: '咨询居住证办理',
    nodeId: t.tree.household1,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { resolveDueAt: string };
}

describe('working-time settings', () => {
  it('start from the bundled calendar and the default office hours', async () => {
    const cal = (await clerk.call('GET', '/api/v1/work-calendar')).json() as Calendar;
    expect(cal.officeHours.start).toBe('08:30');
    expect(cal.coveredYears).toEqual(expect.arrayContaining([2025, 2026]));
    expect(cal.days).toContainEqual({ date: '2026-10-01', kind: 'holiday' });
    expect(cal.days).toContainEqual({ date: '2026-10-10', kind: 'workday' });
  });

  it('an administrator adds next year; new time limits follow at once', async () => {
    // 3 working days from Thursday 10:00 with 2027 unknown: Fri 1 Jan counts → Tue 5 Jan 10:00.
    expect((await consultation()).resolveDueAt).toBe('2027-01-05T02:00:00.000Z');
    const before = (await admin.call('GET', '/api/v1/work-calendar')).json() as Calendar;
    const put = await admin.call('PUT', '/api/v1/work-calendar', {
      version: before.version,
      officeHours: { start: '09:00', end: '17:00', breaks: [{ start: '12:00', end: '13:00' }] },
      override: {
        '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [], source: '测试用安排' },
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = put.json() as Calendar;
    expect(after.coveredYears).toContain(2027);
    // Now 1 Jan is off and days are 7 hours: Thu 10:00 + 21 h → Thu 31 (7 h) … lands Wed 6 Jan 10:00.
    expect((await consultation()).resolveDueAt).toBe('2027-01-06T02:00:00.000Z');
    const { rows } = await t.tdb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'requests.work_calendar.update'`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses nonsense with messages that name the date, a stale version, and non-administrators', async () => {
    const cal = (await admin.call('GET', '/api/v1/work-calendar')).json() as Calendar;
    const badHours = await admin.call('PUT', '/api/v1/work-calendar', {
      version: cal.version,
      officeHours: { start: '18:00', end: '09:00' },
      override: {},
    });
    expect(badHours.statusCode).toBe(400);
    expect(badHours.body).toContain('应晚于上班时间');
    const badDay = await admin.call('PUT', '/api/v1/work-calendar', {
      version: cal.version,
      officeHours: { start: '09:00', end: '17:00' },
      override: { '2027': { holidays: ['2027-02-30'], workdays: [], source: '测试' } },
    });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.body).toContain('2027-02-30');
    const stale = await admin.call('PUT', '/api/v1/work-calendar', {
      version: cal.version - 1,
      officeHours: { start: '09:00', end: '17:00' },
      override: {},
    });
    expect(stale.statusCode).toBe(409);
    const clerkPut = await clerk.call('PUT', '/api/v1/work-calendar', {
      version: cal.version,
      officeHours: { start: '09:00', end: '17:00' },
      override: {},
    });
    expect(clerkPut.statusCode).toBe(403);
  });
});
