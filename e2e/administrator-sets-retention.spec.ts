/**
 * Story: the system administrator opens 个人信息保存期限. Shortening the period for moved-out residents
 * shows how many records tonight's run would anonymise and asks first; she cancels, and nothing changes.
 * Lengthening it saves at once, and the page says who changed it when.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { staffApi, type StaffApi } from './api.ts';
import { launch, newPage, shot } from './browser.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'Linli@2026';

let browser: Browser;
let page: Page;
let admin: StaffApi;

interface Setting {
  residentYears: number;
  rentalYears: number;
  visitYears: number;
  version: number;
}

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
  admin = await staffApi(baseUrl, 'admin', PASSWORD);
  // A resident who moved out two and a half years ago: kept under the default 3 years.
  const some = await admin.call<{ items: { nodeId: number }[] }>('GET', '/api/v1/residents?pageSize=1');
  const r = await admin.call<{ id: number }>('POST', '/api/v1/residents', {
    nodeId: some.items[0]!.nodeId,
    name: '保存期测试',
    gender: 'female',
    birthDate: '1958-04-02',
    registrationType: 'registered',
    relationToHead: 'other',
  });
  await admin.call('POST', `/api/v1/residents/${r.id}/end`, { kind: 'move_out', occurredOn: '2024-05-20' });
});

afterAll(async () => {
  // Back to the defaults, whatever happened: the other stories count on them.
  const s = await admin.call<Setting>('GET', '/api/v1/registry/retention');
  await admin.call('PUT', '/api/v1/registry/retention', {
    version: s.version,
    residentYears: 3,
    rentalYears: 3,
    visitYears: 3,
  });
  await browser?.close();
});

describe('the administrator sets how long personal data is kept', () => {
  it('opens the page from the menu and sees the periods in force', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByRole('menuitem', { name: '个人信息保存期限' }).click();
    await page.waitForURL('**/retention');
    await expect.poll(() => page.getByLabel('迁出、死亡居民').inputValue()).toBe('3');
    await shot(page, 'retention-01-page');
  });

  it('shortening shows what tonight’s run would anonymise, and asks first; cancelling changes nothing', async () => {
    const before = await admin.call<Setting>('GET', '/api/v1/registry/retention');
    await page.getByLabel('迁出、死亡居民').fill('2');
    await expect.poll(() => page.getByText(/今晚的清理将匿名化：居民 \d+ 人/).count(), { timeout: 10_000 }).toBe(1);
    const text = (await page.getByText(/今晚的清理将匿名化/).textContent()) ?? '';
    expect(Number(/居民 (\d+) 人/.exec(text)![1])).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title', { hasText: '缩短保存期限？' }).waitFor();
    await shot(page, 'retention-02-confirm-shorter');
    await confirm.getByRole('button', { name: /取\s*消/ }).click();
    expect(await admin.call<Setting>('GET', '/api/v1/registry/retention')).toEqual(before);
  });

  it('lengthening saves at once; the page says who changed it', async () => {
    await page.getByLabel('迁出、死亡居民').fill('5');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存期限已更新，已记入审计日志').waitFor();
    await expect
      .poll(() =>
        page
          .getByText(/上次修改/)
          .locator('..')
          .textContent(),
      )
      .not.toContain('尚未修改');
    const now = await admin.call<Setting>('GET', '/api/v1/registry/retention');
    expect(now).toMatchObject({ residentYears: 5, rentalYears: 3, visitYears: 3 });
    await shot(page, 'retention-03-saved');
  });
});
