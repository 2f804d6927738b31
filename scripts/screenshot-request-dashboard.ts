/**
 * Screenshots of 诉求统计 with demo data: a fresh embedded PostgreSQL in a temporary directory, the
 * demo district with its request history, three more calls of one resident about one matter through
 * the API (so that a repeated complaint shows), the console built beforehand into --web, served on
 * --port; then the district view, a street after drilling down, and a grid; the district view and the
 * request workbench in English. PNGs go to artifacts/.
 *
 *   (cd apps/web && npx vite build --outDir /tmp/linli-dash-web) &&
 *   npx tsx scripts/screenshot-request-dashboard.ts --web /tmp/linli-dash-web --port 3106
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../apps/server/src/app.ts';
import { loadDemo } from '../apps/server/src/modules/demo/index.ts';
import { createFieldCrypto } from '../apps/server/src/platform/crypto/field-crypto.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { openDatabase } from '../apps/server/src/platform/db/open-database.ts';
import { launch, newPage } from '../e2e/browser.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const port = Number(arg('port', '3106'));
const webDir = arg('web', '/tmp/linli-dash-web');
const out = path.resolve(import.meta.dirname, '../artifacts/request-dashboard');
const PASSWORD = 'Linli@2026';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-dash-'));
fs.chmodSync(dataDir, 0o755);
const opened = await openDatabase({ databaseUrl: undefined, dataDir, exclusive: true, poolMax: 8 });
const crypto = createFieldCrypto(Buffer.alloc(32, 5));
try {
  await migrate(opened.db);
  const demo = await loadDemo(opened.db, { password: PASSWORD, crypto, residents: 6000, requests: 2500 });
  console.log('demo loaded:', demo.counts);
  const app = await createApp({
    db: opened.db,
    crypto,
    auth: { loginMaxFailures: 50, lockMs: 60_000, sessionIdleMs: 3_600_000, sessionAbsoluteMs: 12 * 3_600_000 },
    secureCookies: false,
    trustProxy: false,
    bodyLimitBytes: 1_000_000,
    logLevel: 'warn',
    version: 'screens',
    webDir,
  });
  await app.listen({ port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;

  // Three calls of one resident about the same matter at the same place: a repeated complaint.
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: PASSWORD },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const csrf = login.json<{ csrfToken: string }>().csrfToken;
  const { rows } = await opened.db.query<{ id: number }>(
    `SELECT id::int FROM jurisdiction_node WHERE level = 'household' ORDER BY id LIMIT 1`,
  );
  const { rows: cats } = await opened.db.query<{ id: number }>(
    `SELECT id::int FROM request_category WHERE code = 'neighbour_dispute'`,
  );
  for (const text of ['楼上每晚装修噪音到十一点', '楼上又在夜里装修，噪音很大', '第三次反映：楼上夜间施工噪音扰民']) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: {
        channel: 'hotline',
        categoryId: cats[0]!.id,
        description: text,
        nodeId: rows[0]!.id,
        contactPhone: '13912345678',
      },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  }

  fs.mkdirSync(out, { recursive: true });
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('district');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: /登\s?录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${base}/request-dashboard`);
    await page.getByText('下级单位', { exact: true }).waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'district.png'), fullPage: true });

    // Drill down: the first street in the table, then its first community, then its first grid.
    for (const name of ['street', 'community', 'grid']) {
      const table = page.locator('.ant-card').filter({ hasText: '下级单位' }).last();
      await table.locator('.ant-table-tbody a').first().click();
      await page.waitForTimeout(1500);
      // The header is sticky: from the top, so that a full-page screenshot shows it where it belongs.
      await page.evaluate('window.scrollTo(0, 0)');
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
    }
    // The same page in English (the language choice lives in localStorage).
    await page.evaluate(`localStorage.setItem('linli.language', 'en')`);
    await page.goto(`${base}/request-dashboard`);
    await page.getByText('Units below', { exact: true }).waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'district-en.png'), fullPage: true });
    // The workbench in English: categories by their English names.
    await page.goto(`${base}/requests`);
    await page.locator('.ant-table-row').first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(out, 'requests-en.png'), fullPage: false });
    console.log(`screenshots in ${out}`);
  } finally {
    await browser.close();
    await app.close();
  }
} finally {
  await opened.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
