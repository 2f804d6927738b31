/**
 * Story: a community worker looks up a resident by the pinyin initials of the name, opens the record,
 * needs the full ID number for an allowance and gives the reason (which is audited), then checks the
 * elderly living alone in the community.
 */
import type { Browser, Page } from 'playwright-core';
import { pinyin } from 'pinyin-pro';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { launch, newPage, shot } from './browser.ts';

const baseUrl = inject('baseUrl');

let browser: Browser;
let page: Page;
let maskedId: string;

/** Pinyin initials as the registry keeps them (surnames read as surnames: 单 → s). */
function initials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', surname: 'head', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The names in the resident table's first column. */
async function tableNames(): Promise<string[]> {
  return (await page.locator('.ant-table-row td:first-child a').allTextContents()).map((s) => s.trim());
}

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
});

describe('a community worker finds a resident', () => {
  it('signs in and opens 居民信息', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('用户名').fill('c01worker');
    await page.getByLabel('密码', { exact: true }).fill('Linli@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('menuitem', { name: '居民信息' }).click();
    await page.waitForURL('**/residents');
    await expect.poll(async () => (await tableNames()).length).toBeGreaterThan(0);
    await shot(page, 'resident-01-list');
  });

  it('searches by pinyin initials and sees only matching names', async () => {
    const search = page.getByLabel('搜索居民');
    await expect.poll(() => search.getAttribute('placeholder')).toContain('拼音首字母');
    await search.fill('zs');
    await search.press('Enter');
    // The previous page stays on screen until the answer comes; wait until every name fits.
    await expect
      .poll(async () => {
        const names = await tableNames();
        return names.length > 0 && names.every((n) => initials(n).startsWith('zs'));
      })
      .toBe(true);
    const names = await tableNames();
    expect(names.map(initials).every((i) => i.startsWith('zs'))).toBe(true);
    await shot(page, 'resident-02-search-zs');
  });

  it('opens a resident and reveals the ID number, giving a reason', async () => {
    const first = page.locator('.ant-table-row').first();
    maskedId = (await first.locator('td').nth(3).textContent())?.trim() ?? '';
    expect(maskedId).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    await first.click();
    await page.waitForURL(/\/residents\/\d+$/);
    await expect.poll(() => page.getByText('基本信息').count()).toBeGreaterThan(0);
    await shot(page, 'resident-03-detail');

    await page.getByRole('button', { name: '查看证件号码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('查看原因').fill('办理高龄津贴，核对身份证号');
    await shot(page, 'resident-04-reveal-reason');
    await dialog.getByRole('button', { name: '查看', exact: true }).click();
    const revealed = page.getByTestId('revealed-value');
    await expect.poll(() => revealed.count()).toBe(1);
    const full = (await revealed.textContent())?.trim() ?? '';
    expect(full).toMatch(/^\d{17}[\dX]$/);
    expect(full.slice(0, 6)).toBe(maskedId.slice(0, 6));
    expect(full.slice(-4)).toBe(maskedId.slice(-4));
    await expect.poll(() => dialog.getByText('本次查看已记入审计日志').count()).toBeGreaterThan(0);
    await shot(page, 'resident-05-revealed');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  });

  it('sees the elderly living alone under 关爱对象', async () => {
    await page.getByRole('menuitem', { name: '关爱对象' }).click();
    await page.waitForURL('**/care');
    const tab = page.getByRole('tab', { name: /独居老人/ });
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    // The tab title carries the count: 独居老人（86）.
    await expect.poll(async () => /（[1-9][\d,+]*）/.test((await tab.textContent()) ?? '')).toBe(true);
    await expect.poll(async () => (await tableNames()).length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.ant-table-row').first().getByText('独居老人').count()).toBeGreaterThan(0);
    await shot(page, 'resident-06-care');
  });
});
