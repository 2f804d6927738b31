/**
 * Story: a community worker downloads the import template from the screen, fills it with five
 * newcomers of which two rows are wrong (a mistyped ID number, an address that does not exist), reads
 * the dry-run report, fixes the file and imports it; then finds one of the newcomers by the pinyin
 * initials of her name, reveals her ID number with a reason, exports the floating-population
 * register (she is in it) and the search with full numbers (the reason is audited).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeIdCheckDigit } from '@linli/contracts';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { launch, newPage, shot } from './browser.ts';

const baseUrl = inject('baseUrl');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-import-'));

let browser: Browser;
let page: Page;
let templateHeaders: string[] = [];
let households: string[] = [];
/** What the browser reported as errors along the way: a story should leave none. */
const consoleErrors: string[] = [];

/** A valid resident ID number (Beijing Chaoyang, 110105) for a birth date and a sequence. */
function idNumber(birth: string, sequence: number): string {
  const first17 = `110105${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + computeIdCheckDigit(first17);
}

interface Person {
  name: string;
  birth: string;
  id: string;
  phone: string;
  type: '户籍' | '常住' | '流动';
  relation: string;
  address: string;
  arrival?: string;
  origin?: string;
}

/** Five newcomers with compound surnames, so that their pinyin initials are theirs alone. */
function people(): Person[] {
  const [a = '', b = ''] = households;
  return [
    {
      name: '欧阳雨桐',
      birth: '1996-03-08',
      id: idNumber('1996-03-08', 982),
      phone: '13912345671',
      type: '流动',
      relation: '租户',
      address: a,
      arrival: '2025-09-01',
      origin: '安徽省阜阳市',
    },
    {
      name: '诸葛文博',
      birth: '1988-11-20',
      id: idNumber('1988-11-20', 973),
      phone: '13912345672',
      type: '常住',
      relation: '户主',
      address: b,
    },
    {
      name: '皇甫若兰',
      birth: '1990-07-15',
      id: idNumber('1990-07-15', 964),
      phone: '13912345673',
      type: '常住',
      relation: '配偶',
      address: b,
    },
    {
      name: '闻人晓峰',
      birth: '2001-01-30',
      id: idNumber('2001-01-30', 955),
      phone: '13912345674',
      type: '流动',
      relation: '租户',
      address: a,
      arrival: '2026-02-20',
      origin: '河南省周口市',
    },
    {
      name: '东方一鸣',
      birth: '1975-05-05',
      id: idNumber('1975-05-05', 991),
      phone: '13912345675',
      type: '户籍',
      relation: '户主',
      address: b,
    },
  ];
}

/** Fill the template's columns (by their headers) with the people, from row 3 as the template says. */
async function writeImportFile(file: string, rows: Person[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民');
  ws.addRow(['居民信息导入（社区工作者填写）']);
  ws.addRow(templateHeaders);
  const byHeader: Record<string, (p: Person) => string> = {
    姓名: (p) => p.name,
    出生日期: (p) => p.birth,
    公民身份号码: (p) => p.id,
    联系电话: (p) => p.phone,
    民族: () => '汉族',
    人口类型: (p) => p.type,
    与户主关系: (p) => p.relation,
    住址: (p) => p.address,
    来本地日期: (p) => p.arrival ?? '',
    户籍地: (p) => p.origin ?? '',
    来本地事由: (p) => (p.arrival ? '务工' : ''),
  };
  for (const p of rows) ws.addRow(templateHeaders.map((h) => byHeader[h]?.(p) ?? ''));
  // ID and phone numbers as text, as a careful worker sets the column (no scientific notation).
  ws.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
  await wb.xlsx.writeFile(file);
}

/** Rows of the first sheet of a downloaded workbook, as text. */
async function readRows(download: Download): Promise<string[][]> {
  const file = path.join(workDir, download.suggestedFilename());
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v as string | number))));
  });
  return rows;
}

async function tableNames(): Promise<string[]> {
  return (await page.locator('.ant-table-row td:first-child a').allTextContents()).map((s) => s.trim());
}

/** Drop the file on the wizard's first step and go on to the mapping. */
async function uploadFile(file: string) {
  await page.locator('input[type=file]').setInputFiles(file);
  await expect.poll(() => page.getByText(path.basename(file)).count()).toBeGreaterThan(0);
  await page.getByRole('button', { name: '上传并继续' }).click();
  await expect.poll(() => page.getByText(/在第 2 行找到表头/).count()).toBe(1);
}

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('a community worker imports residents from Excel', () => {
  it('signs in and opens 导入居民', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('用户名').fill('c01worker');
    await page.getByLabel('密码', { exact: true }).fill('Linli@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    // From here on (the login page's "not signed in yet" answer is expected), the console stays clean.
    page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
    page.on('pageerror', (e) => void consoleErrors.push(e.message));
    await page.getByRole('menuitem', { name: '居民信息' }).click();
    await page.waitForURL('**/residents');
    await expect.poll(async () => (await tableNames()).length).toBeGreaterThan(0);
    // Two real households of the community (the address column ends with building and room).
    const answer = await page.request.get(`${baseUrl}/api/v1/residents?pageSize=100`);
    expect(answer.ok()).toBe(true);
    const { items } = (await answer.json()) as { items: { address: string }[] };
    households = [
      ...new Set(
        items.map((r) =>
          r.address
            .split(' ')
            .filter((part) => /幢|单元|室/.test(part))
            .join(''),
        ),
      ),
    ]
      .filter((a) => /幢.*室$/.test(a))
      .slice(0, 2);
    expect(households).toHaveLength(2);
    await page.getByRole('button', { name: '导入居民' }).click();
    await page.waitForURL('**/residents/import');
    await shot(page, 'import-01-wizard');
  });

  it('downloads the template from the screen', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载导入模板' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('居民导入模板.xlsx');
    const rows = await readRows(download);
    templateHeaders = rows[1] ?? [];
    expect(templateHeaders).toEqual(expect.arrayContaining(['姓名', '公民身份号码', '住址', '人口类型', '户籍地']));
  });

  it('uploads a file with two bad rows and reads the report', async () => {
    const bad = people();
    // Row 4: the ID number's last digit mistyped; row 7: a building the community does not have.
    const wrongDigit = bad[1]!.id.endsWith('1') ? '2' : '1';
    bad[1] = { ...bad[1]!, id: bad[1]!.id.slice(0, 17) + wrongDigit };
    bad[4] = { ...bad[4]!, address: '99幢9单元999室' };
    const file = path.join(workDir, '新登记居民.xlsx');
    await writeImportFile(file, bad);
    await uploadFile(file);
    await shot(page, 'import-02-mapping');
    await page.getByRole('button', { name: '开始校验' }).click();
    await expect.poll(() => page.getByText('2 行有问题', { exact: false }).count()).toBeGreaterThan(0);
    const report = page.locator('.ant-table-row');
    await expect.poll(() => report.count()).toBe(2);
    const first = (await report.nth(0).locator('td').allTextContents()).map((s) => s.trim());
    const second = (await report.nth(1).locator('td').allTextContents()).map((s) => s.trim());
    expect(first[0]).toBe('4');
    expect(first[1]).toBe('公民身份号码');
    expect(first[3]).toContain('校验位不符');
    expect(second[0]).toBe('7');
    expect(second[1]).toBe('住址');
    expect(second[2]).toBe('99幢9单元999室');
    expect(second[3]).toContain('找不到这个住址');
    await shot(page, 'import-03-dry-run-report');
  });

  it('fixes the file, checks it again and imports it', async () => {
    await page.getByRole('button', { name: '修改文件后重新上传' }).click();
    const file = path.join(workDir, '新登记居民（已改）.xlsx');
    await writeImportFile(file, people());
    await uploadFile(file);
    await page.getByRole('button', { name: '开始校验' }).click();
    await expect.poll(() => page.getByText('全部 5 行校验通过').count()).toBe(1);
    await shot(page, 'import-04-all-good');
    await page.getByRole('button', { name: '正式导入' }).click();
    await expect.poll(() => page.getByText('导入完成').count()).toBe(1);
    await expect.poll(() => page.getByText('新登记 5 人').count()).toBe(1);
    await shot(page, 'import-05-done');
  });

  it('finds a newcomer by pinyin initials and reveals her ID number with a reason', async () => {
    await page.getByRole('button', { name: '查看居民列表' }).click();
    await page.waitForURL('**/residents');
    const search = page.getByLabel('搜索居民');
    await search.fill('oyyt');
    await search.press('Enter');
    await expect.poll(async () => (await tableNames()).includes('欧阳雨桐')).toBe(true);
    await shot(page, 'import-06-search-oyyt');
    const newcomer = people()[0]!;
    const row = page.locator('.ant-table-row', { hasText: '欧阳雨桐' });
    expect((await row.locator('td').nth(3).textContent())?.trim()).toBe(
      `${newcomer.id.slice(0, 6)}********${newcomer.id.slice(-4)}`,
    );
    await row.locator('td:first-child a').click();
    await page.waitForURL(/\/residents\/\d+$/);
    await expect.poll(() => page.getByText('流动人口').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '查看证件号码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('查看原因').fill('办理居住证，核对身份证号');
    await dialog.getByRole('button', { name: '查看', exact: true }).click();
    const revealed = page.getByTestId('revealed-value');
    await expect.poll(() => revealed.count()).toBe(1);
    expect((await revealed.textContent())?.trim()).toBe(newcomer.id);
    await shot(page, 'import-07-revealed');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  });

  it('exports the floating-population register with the newcomer in it', async () => {
    await page.getByRole('menuitem', { name: '居民信息' }).click();
    await page.waitForURL('**/residents');
    await page.getByRole('button', { name: /台账/ }).hover();
    const item = page.getByRole('menuitem', { name: '流动人口登记表' });
    await expect.poll(() => item.isVisible()).toBe(true);
    await shot(page, 'import-08-ledger-menu');
    const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
    expect(download.suggestedFilename()).toContain('流动人口登记表');
    const rows = await readRows(download);
    expect(rows[0]?.[0]).toContain('流动人口登记表');
    const newcomer = people()[0]!;
    const line = rows.find((r) => r.includes('欧阳雨桐'));
    expect(line).toBeDefined();
    expect(line).toEqual(
      expect.arrayContaining([
        `${newcomer.id.slice(0, 6)}********${newcomer.id.slice(-4)}`,
        '安徽省阜阳市',
        '2025-09-01',
      ]),
    );
    // Every row of the register is a floating resident: the others of the file are there too.
    expect(rows.some((r) => r.includes('闻人晓峰'))).toBe(true);
    expect(rows.some((r) => r.includes('诸葛文博'))).toBe(false);
  });

  it('draws the roster as it stood at the end of last year, without today’s newcomers', async () => {
    await page.getByRole('button', { name: /台账/ }).hover();
    const item = page.getByRole('menuitem', { name: '按过去某日生成名册…' });
    await expect.poll(() => item.isVisible()).toBe(true);
    await item.click();
    const dialog = page.getByRole('dialog');
    const day = dialog.getByPlaceholder('截至日期');
    await day.fill('2025-12-31');
    await shot(page, 'import-08b-ledger-as-of');
    // Enter in the date field generates it at once (the form's one field); here the button does.
    await dialog.getByText('按住户变动记录还原').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: '生成' }).click(),
    ]);
    expect(download.suggestedFilename()).toContain('居民花名册（按网格）（截至2025-12-31）');
    const rows = await readRows(download);
    expect(rows[0]?.[0]).toMatch(/居民花名册（按网格）\s+截至 2025-12-31/);
    // The demo district's residents were there; the people imported today were not yet.
    expect(rows.length).toBeGreaterThan(12);
    expect(rows.some((r) => r.includes('欧阳雨桐'))).toBe(false);
  });

  it('exports the search with full numbers, giving a reason', async () => {
    const search = page.getByLabel('搜索居民');
    await search.fill('oyyt');
    await search.press('Enter');
    await expect.poll(async () => (await tableNames()).join()).toBe('欧阳雨桐');
    await page.getByRole('button', { name: '导出' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('完整号码').click();
    await dialog.getByLabel('导出原因').fill('向派出所报送新来人员名单');
    await shot(page, 'import-09-export-full');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: '导出' }).click(),
    ]);
    const rows = await readRows(download);
    const newcomer = people()[0]!;
    const line = rows.find((r) => r.includes('欧阳雨桐'));
    expect(line).toEqual(expect.arrayContaining([newcomer.id, newcomer.phone]));
  });

  it('leaves no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
