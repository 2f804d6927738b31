/**
 * Story: the same elderly woman was registered twice in her household (once at a door-to-door visit
 * without her ID card, once at the service window with it). A community worker finds the pair under
 * 疑似重复, compares them side by side, keeps the record with the ID number, merges the other into it
 * with a reason, and sees both histories on the record that remains. The woman then asks for a copy
 * of what is held about her, and gets it with her full ID number and both histories.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeIdCheckDigit } from '@linli/contracts';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { launch, newPage, shot } from './browser.ts';

const baseUrl = inject('baseUrl');

let browser: Browser;
let page: Page;
const ids: number[] = [];
const first17 = '11010519620815048';
const fullId = first17 + computeIdCheckDigit(first17);

/** Register the pair through the API, as two earlier visits would have. */
async function registerPair() {
  const context = await browser.newContext();
  const login = await context.request.post(`${baseUrl}/api/v1/auth/login`, {
    data: { username: 'c01worker', password: 'Linli@2026' },
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const someone = (await (await context.request.get(`${baseUrl}/api/v1/residents?pageSize=1`)).json()) as {
    items: { nodeId: number }[];
  };
  const nodeId = someone.items[0]!.nodeId;
  const common = { nodeId, name: '上官婉清', relationToHead: 'other', registrationType: 'registered' };
  for (const body of [
    { ...common, gender: 'female', birthDate: '1962-08-15', phone: '13655550001', notes: '入户走访时登记，未见证件' },
    { ...common, idNumber: fullId },
  ]) {
    const res = await context.request.post(`${baseUrl}/api/v1/residents`, {
      data: body,
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(res.status(), await res.text()).toBe(201);
    ids.push(((await res.json()) as { id: number }).id);
  }
  await context.close();
}

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
  await registerPair();
});

afterAll(async () => {
  await browser?.close();
});

describe('a community worker merges a duplicate record', () => {
  it('finds the pair under 疑似重复', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('用户名').fill('c01worker');
    await page.getByLabel('密码', { exact: true }).fill('Linli@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('menuitem', { name: '居民信息' }).click();
    await page.waitForURL('**/residents');
    await page.getByRole('button', { name: '疑似重复' }).click();
    await page.waitForURL('**/residents/duplicates');
    const row = page.locator('.ant-table-row', { hasText: '上官婉清' });
    await expect.poll(() => row.count()).toBe(1);
    await shot(page, 'duplicates-01-list');
  });

  it('compares them side by side and keeps the record with the ID number', async () => {
    await page.locator('.ant-table-row', { hasText: '上官婉清' }).getByRole('button', { name: '核对' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('136****0001').count()).toBe(1);
    await expect.poll(() => dialog.getByText('110105********').count()).toBe(1);
    await dialog.getByRole('radio').nth(1).check();
    await dialog.getByLabel('合并原因').fill('同一人两次登记（入户走访、窗口办理）');
    await shot(page, 'duplicates-02-compare');
    await dialog.getByRole('button', { name: '合并' }).click();
    await expect.poll(() => page.getByText('已合并，保留 上官婉清 的记录').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '上官婉清' }).count()).toBe(0);
  });

  it('sees the phone number taken over and both histories on the kept record', async () => {
    await page.goto(`${baseUrl}/residents/${ids[1]}`);
    // A full page load: the screen's code and the record arrive first.
    await expect.poll(() => page.getByText('136****0001').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(`来自已并入的记录 #${ids[0]}`).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('合并重复 ·').count()).toBeGreaterThan(0);
    await shot(page, 'duplicates-03-kept-record');
    // The record as it stands at the end of today, rebuilt from its history, equals what the page shows.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const picker = page.getByLabel('查看某日记录');
    await picker.click();
    await picker.fill(today);
    await picker.press('Enter');
    const asOf = page.getByRole('dialog');
    await expect.poll(() => asOf.getByText(`${today} 当日的记录`).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => asOf.getByText('136****0001').count()).toBe(1);
    await expect.poll(() => asOf.getByText('入户走访时登记，未见证件').count()).toBe(1);
    await shot(page, 'duplicates-04-as-of-today');
    await asOf.getByRole('button', { name: '关闭' }).last().click();
    await page.goto(`${baseUrl}/residents/${ids[0]}`);
    await expect.poll(() => page.getByText('此记录已并入另一条记录').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByText('已合并').count()).toBeGreaterThan(0);
    await shot(page, 'duplicates-05-merged-record');
  });

  it('hands her a copy of everything held about her', async () => {
    await page.goto(`${baseUrl}/residents/${ids[1]}`);
    await page.getByRole('button', { name: '出具信息副本' }).click({ timeout: 15_000 });
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('出具原因').fill('本人持身份证到窗口申请查阅');
    await shot(page, 'duplicates-06-personal-copy');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: '出具并下载' }).click(),
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-copy-'));
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    fs.rmSync(dir, { recursive: true, force: true });
    const lines = (sheet: string) => {
      const out: string[] = [];
      wb.getWorksheet(sheet)?.eachRow((row) => out.push((row.values as unknown[]).slice(1).join('|')));
      return out;
    };
    expect(lines('基本信息')).toEqual(expect.arrayContaining([`证件号码|${fullId}`, '联系电话|13655550001']));
    expect(lines('变动历史').filter((l) => l.includes('合并重复'))).toHaveLength(2);
  });
});
