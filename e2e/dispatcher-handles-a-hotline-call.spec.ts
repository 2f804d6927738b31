/**
 * Story: a resident phones the community's hotline. The window clerk types the number, the registry
 * finds the caller and their household, and the call is recorded in under a minute. The community
 * director, whose queue refreshes by itself, dispatches it to the default grid; the grid worker signs
 * for it and resolves it with a photo on a phone; the director verifies; the clerk calls back and
 * records 满意; the director closes it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { staffApi } from './api.ts';
import { launch, newPage, shot } from './browser.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'Linli@2026';

let browser: Browser;
let director: Page;
let clerk: Page;
let caller: { phone: string; name: string; nodeId: number };
let requestCode: string;
let requestId: number;

/** antd puts a space between the two characters of a two-character button: 派单 → "派 单". */
function button(text: string): RegExp {
  return new RegExp(`^\\s*${[...text].join('\\s?')}\\s*$`);
}

/** A signed-in API session, for facts the story needs (which number the caller has). */
async function api(username: string) {
  const s = await staffApi(baseUrl, username, PASSWORD);
  return { call: s.call, nodeId: s.nodeId! };
}

async function signIn(page: Page, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: button('登录') }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Opens a step's form on the request's page, lets `fill` answer it, and confirms. */
async function act(page: Page, action: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name: button(action) }).click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.isVisible()).toBe(true);
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: button('确定') }).click();
  await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
}

/** The state tag in the request page's title. */
async function stateOf(page: Page): Promise<string> {
  // Short per-try timeout: the poll around it retries while the page (re)loads.
  const text = await page
    .locator('.ant-card-head-title .ant-tag')
    .first()
    .textContent({ timeout: 2_000 })
    .catch(() => '');
  return text?.trim() ?? '';
}

// A 1×1 PNG, enough for a photo the server stores and the viewer shows.
const photo = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  browser = await launch();
  // The caller: a resident of the first grid of community 1 whose number is on file. Staff would
  // know it from the call display; the test reads it through the audited reveal.
  const dir = await api('c01dir');
  const grids = await dir.call<{ items: { id: number; name: string; level: string }[] }>(
    'GET',
    `/api/v1/nodes?parentId=${dir.nodeId}`,
  );
  const grid = grids.items.find((n) => n.level === 'grid' && n.name === '第一网格')!;
  const residents = await dir.call<{
    items: { id: number; name: string; nodeId: number; phoneMasked: string | null }[];
  }>('GET', `/api/v1/residents?nodeId=${grid.id}&pageSize=100`);
  for (const r of residents.items.filter((x) => x.phoneMasked)) {
    const { value } = await dir.call<{ value: string }>('POST', `/api/v1/residents/${r.id}/reveal`, {
      field: 'phone',
      reason: '端到端测试：模拟来电显示',
    });
    // A number shared by several residents would ask the clerk to choose; take a unique one.
    const same = await dir.call<{ items: unknown[] }>('GET', `/api/v1/residents?q=${encodeURIComponent(value)}`);
    if (same.items.length === 1) {
      caller = { phone: value, name: r.name, nodeId: r.nodeId };
      break;
    }
  }
  expect(caller).toBeDefined();
});

afterAll(async () => {
  await browser?.close();
});

describe('a dispatcher handles a hotline call', () => {
  it('the director has the dispatch queue open', async () => {
    director = await newPage(browser);
    await signIn(director, 'c01dir');
    await director.getByRole('menuitem', { name: /诉求办理/ }).click();
    await director.waitForURL('**/requests');
    await expect.poll(() => director.getByRole('tab', { name: /派单/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('the clerk records the call: the number finds the caller, their household and their recent requests', async () => {
    clerk = await newPage(browser);
    await signIn(clerk, 'c01window');
    await clerk.getByRole('menuitem', { name: '登记诉求' }).click();
    await clerk.waitForURL('**/request-intake');
    await clerk.getByLabel('来电号码').fill(caller.phone);
    await clerk.getByLabel('来电号码').press('Tab');
    await expect.poll(() => clerk.getByText(`登记在册：${caller.name}`).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => clerk.getByLabel('联系人姓名（选填）').inputValue()).toBe(caller.name);
    await clerk.getByLabel('诉求类别').click();
    await clerk.getByLabel('诉求类别').fill('环境');
    await clerk.locator('.ant-select-tree-node-content-wrapper', { hasText: '环境卫生' }).first().click();
    await expect.poll(() => clerk.getByText(/默认承办：所在网格/).isVisible()).toBe(true);
    await clerk.getByLabel('诉求描述').fill('楼道里堆满了纸箱和旧家具，挡住了消防通道，希望尽快清理');
    await shot(clerk, 'hotline-01-intake-filled');
    await clerk.getByRole('button', { name: button('登记') }).click();
    const done = clerk.getByRole('dialog');
    await expect.poll(() => done.textContent(), { timeout: 10_000 }).toContain('已登记');
    requestCode = /SQ\d{8}-\d+/.exec((await done.textContent()) ?? '')![0];
    await shot(clerk, 'hotline-02-recorded');
    await done.getByRole('button', { name: '查看详情' }).click();
    await clerk.waitForURL(/\/requests\/\d+$/);
    requestId = Number(new URL(clerk.url()).pathname.split('/').pop());
  });

  it('the director’s queue shows the new request without a reload, with the count on the menu', async () => {
    await expect
      .poll(() => director.getByRole('link', { name: requestCode }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => director.getByTestId('requests-badge').isVisible()).toBe(true);
    await shot(director, 'hotline-03-queue-live');
  });

  it('the director dispatches it to the grid of the household, preselected and explained', async () => {
    await director.getByRole('link', { name: requestCode }).first().click();
    await director.waitForURL(`**/requests/${requestId}`);
    await act(director, '派单', async (dialog) => {
      await expect.poll(() => dialog.textContent()).toContain('按类别“环境卫生”的默认承办方式');
      await expect.poll(() => dialog.textContent()).toContain('第一网格');
      await shot(director, 'hotline-04-dispatch');
    });
    await expect.poll(() => stateOf(director), { timeout: 15_000 }).toBe('待签收');
  });

  it('the grid worker signs for it and resolves it with a photo, on a phone', async () => {
    const worker = await newPage(browser, { phone: true });
    await signIn(worker, 'g001');
    await worker.goto(`${baseUrl}/requests`);
    await expect
      .poll(() => worker.getByRole('link', { name: requestCode }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await shot(worker, 'hotline-05-worker-my-work');
    await worker.getByRole('link', { name: requestCode }).first().click();
    await worker.waitForURL(`**/requests/${requestId}`);
    await act(worker, '签收');
    await expect.poll(() => stateOf(worker), { timeout: 15_000 }).toBe('已签收');
    await act(worker, '办结', async (dialog) => {
      await dialog.getByLabel('说明').fill('已联系物业清理楼道杂物，消防通道已畅通');
      await dialog
        .locator('input[type=file]')
        .setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: photo });
      await expect
        .poll(() => dialog.locator('.ant-upload-list-item-done, .ant-upload-list-item-container img').count(), {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);
      await shot(worker, 'hotline-06-resolve-with-photo');
    });
    await expect.poll(() => stateOf(worker), { timeout: 15_000 }).toBe('已办结');
    await expect.poll(() => worker.locator('.ant-timeline img').count()).toBeGreaterThan(0);
    await shot(worker, 'hotline-07-resolved-phone');
    await worker.context().close();
  });

  it('the director verifies, the clerk calls back and records 满意, the director closes it', async () => {
    await director.reload();
    await expect.poll(() => stateOf(director), { timeout: 15_000 }).toBe('已办结');
    await act(director, '核查通过');
    await expect.poll(() => stateOf(director), { timeout: 15_000 }).toBe('待评价');

    await clerk.reload();
    await act(clerk, '回访评价', async (dialog) => {
      await dialog.getByText('满意', { exact: true }).click();
      await dialog.getByLabel('说明（选填）').fill('居民表示楼道已清理干净，很满意');
    });
    await expect.poll(() => stateOf(clerk), { timeout: 15_000 }).toBe('已评价');

    await director.reload();
    await act(director, '结案');
    await expect.poll(() => stateOf(director), { timeout: 15_000 }).toBe('已结案');
    const timeline = (await director.locator('.ant-timeline').textContent()) ?? '';
    for (const step of ['登记', '派单', '签收', '办结', '核查通过', '回访评价', '满意', '结案'])
      expect(timeline).toContain(step);
    await shot(director, 'hotline-08-closed');
  });

  it('a grid worker on patrol reports a finding with where they stand, and it shows on the map', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      permissions: ['geolocation'],
      geolocation: { latitude: 39.90512, longitude: 116.40891 },
    });
    const tile = photo;
    await context.route('https://tiles.linli.test/**', (route) =>
      route.fulfill({ contentType: 'image/png', body: tile }),
    );
    const worker = await context.newPage();
    await signIn(worker, 'g001');
    await worker.goto(`${baseUrl}/request-intake`);
    // Grid workers start on 网格巡查 with their grid as the place.
    await worker.getByLabel('诉求类别').click();
    await worker.getByLabel('诉求类别').fill('市政');
    await worker.locator('.ant-select-tree-node-content-wrapper', { hasText: '市政设施' }).first().click();
    await worker.getByLabel('诉求描述').fill('巡查发现小区东门路灯不亮，夜间通行不便');
    await worker.getByRole('button', { name: '记录我现在的位置' }).click();
    await worker.getByText('已记录位置：39.90512, 116.40891').waitFor();
    // The header is sticky: from the top, so that the full-page screenshot shows it where it belongs.
    await worker.evaluate('window.scrollTo(0, 0)');
    await shot(worker, 'hotline-09-patrol-position');
    await worker.getByRole('button', { name: button('登记') }).click();
    const done = worker.getByRole('dialog');
    await expect.poll(() => done.textContent(), { timeout: 10_000 }).toContain('已登记');
    await done.getByRole('button', { name: '查看详情' }).click();
    await worker.waitForURL(/\/requests\/\d+$/);
    await worker.getByText('39.90512, 116.40891').waitFor();
    await worker.getByRole('img', { name: '地图上的位置' }).waitFor();
    await expect.poll(() => worker.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
    await worker.evaluate('window.scrollTo(0, 0)');
    await shot(worker, 'hotline-10-patrol-on-map');
    await context.close();
  });
});
