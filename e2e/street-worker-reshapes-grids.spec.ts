/**
 * Story: a new street-office worker, given an initial password by the administrator, signs in, must
 * change the password, creates a grid in one community, moves it to another (a split/merge of grids),
 * and finds both actions in the audit log.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { launch, newPage, shot } from './browser.ts';

const root = path.resolve(import.meta.dirname, '..');
const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const username = 'e2e.street';
const newPassword = 'Wangjiang#2026';
const gridName = `E2E网格${Date.now() % 100000}`;

let browser: Browser;
let page: Page;
let initialPassword: string;
let communities: { name: string }[];

async function api<T>(
  method: string,
  url: string,
  body?: unknown,
  cookie?: string,
  csrf?: string,
): Promise<{ json: T; cookie: string }> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(cookie ? { cookie } : {}),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { json: (await res.json()) as T, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
}

beforeAll(async () => {
  // The administrator creates the account at the command line (it joins the running instance).
  const out = execFileSync(
    process.execPath,
    [
      'bin/linli.mjs',
      'user',
      'create',
      username,
      '--name',
      '测试街道员',
      '--role',
      'street_staff',
      '--node',
      '330199001',
    ],
    {
      cwd: root,
      env: { ...process.env, LINLI_DATA_DIR: dataDir },
      encoding: 'utf8',
    },
  );
  initialPassword = /初始密码（只显示这一次，首次登录须修改）：(\S+)/.exec(out)![1]!;

  const admin = await api<{ csrfToken: string }>('POST', '/api/v1/auth/login', {
    username: 'street1',
    password: 'Linli@2026',
  });
  const roots = await api<{ items: { id: number }[] }>('GET', '/api/v1/nodes', undefined, admin.cookie);
  communities = (
    await api<{ items: { name: string }[] }>(
      'GET',
      `/api/v1/nodes?parentId=${roots.json.items[0]!.id}`,
      undefined,
      admin.cookie,
    )
  ).json.items;
  expect(communities.length).toBeGreaterThan(1);

  browser = await launch();
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
});

describe('a street worker reshapes grids', () => {
  it('signs in with the initial password and must change it first', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(initialPassword);
    await shot(page, '01-login');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/change-password');
    await page.getByLabel('当前密码').fill(initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('确认新密码').fill(newPassword);
    await shot(page, '02-change-password');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/change-password'));
  });

  it('creates a grid in the first community', async () => {
    await page.goto(`${baseUrl}/jurisdiction`);
    await page.getByLabel('搜索辖区节点').fill(communities[0]!.name);
    await page.getByLabel('搜索辖区节点').press('Enter');
    await page.getByRole('listitem').filter({ hasText: communities[0]!.name }).first().click();
    await page.getByRole('button', { name: '新建下级' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill(gridName);
    await shot(page, '03-create-grid');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByText(`已新建“${gridName}”`).count()).toBeGreaterThan(0);
  });

  it('moves it to the second community', async () => {
    await page.getByLabel('搜索辖区节点').fill(gridName);
    await page.getByLabel('搜索辖区节点').press('Enter');
    await page.getByRole('listitem').filter({ hasText: gridName }).first().click();
    await page.getByRole('button', { name: /移动$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('新的上级节点').fill(communities[1]!.name);
    await page.locator('.ant-select-item-option').filter({ hasText: communities[1]!.name }).first().click();
    await dialog.getByLabel(/原因/).fill('网格调整：并入相邻社区');
    await shot(page, '04-move-grid');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByText(`已移动“${gridName}”`).count()).toBeGreaterThan(0);
    await shot(page, '05-moved');
  });

  it('finds both actions in the audit log', async () => {
    await page.goto(`${baseUrl}/audit`);
    const rows = page.locator('tr').filter({ hasText: username });
    await expect.poll(() => rows.filter({ hasText: 'jurisdiction.node.move' }).count()).toBeGreaterThan(0);
    await expect.poll(() => rows.filter({ hasText: 'jurisdiction.node.create' }).count()).toBeGreaterThan(0);
    await shot(page, '06-audit');
  });
});
