/**
 * Story: a resident on a phone, without an account, gets a one-time code (demo mode shows it), files a
 * request about rubbish with a photo and sees its number. The community dispatches it, the grid worker
 * signs for it and resolves it with a photo, the community verifies. The resident rates it 不满意 on
 * the phone and asks to reopen it; it goes back to the handler. The community's figures (诉求统计)
 * follow every step: one more request, responded, resolved, then unsatisfied, then reopened.
 */
import type { Browser, Page } from 'playwright-core';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { staffApi } from './api.ts';
import { launch, newPage, shot } from './browser.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'Linli@2026';

let browser: Browser;
let page: Page;
let requestId: number;
let requestCode: string;

interface Counts {
  total: number;
  responded: number;
  resolved: number;
  rated: number;
  unsatisfied: number;
  reopened: number;
}
/** This month's counters of the community as its dashboard shows them (the figures API behind it). */
async function communityCounts(): Promise<Counts> {
  const director = await staff('c01dir');
  const answer = await director.call<{ totals: { counts: Counts } }>('GET', '/api/v1/request-figures');
  return answer.totals.counts;
}
let before: Counts;

/** A small RGB PNG made here, so the story needs no fixture file. */
function makePng(width: number, height: number): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      raw[o] = 40 + ((x * 3) & 127);
      raw[o + 1] = 120;
      raw[o + 2] = 60 + ((y * 3) & 127);
    }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A staff member of the demo through the API, as the console would call it. */
async function staff(username: string) {
  const { call } = await staffApi(baseUrl, username, PASSWORD);
  /** One step of the lifecycle at the request's current version. */
  const step = async (body: Record<string, unknown>) => {
    const current = await call<{ version: number }>('GET', `/api/v1/requests/${requestId}`);
    return call<{ state: string; assigneeNodeId: number | null; latitude: number | null; longitude: number | null }>(
      'POST',
      `/api/v1/requests/${requestId}/actions`,
      {
        version: current.version,
        ...body,
      },
    );
  };
  return { call, step };
}

async function noSideScroll() {
  // A string expression: the e2e project has no DOM types.
  const [scroll, client] = (await page.evaluate(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  )) as [number, number];
  expect(scroll).toBeLessThanOrEqual(client);
}

/** The stories' tile server (LINLI_MAP_TILES in global-setup): every tile is the same small picture. */
async function serveTiles(p: Page) {
  const tile = makePng(256, 256);
  await p.route('https://tiles.linli.test/**', (route) => route.fulfill({ contentType: 'image/png', body: tile }));
}

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser, { phone: true });
  await serveTiles(page);
});

afterAll(async () => {
  await browser?.close();
});

describe('a resident submits a request on a phone', () => {
  it('opens the resident pages, light and in large type', async () => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${baseUrl}/r/`);
    await page.getByRole('button', { name: /我要反映问题/ }).waitFor();
    expect(scripts.some((s) => /antd|main-/.test(s))).toBe(false);
    const fontSize = parseFloat((await page.evaluate('getComputedStyle(document.body).fontSize')) as string);
    expect(fontSize).toBeGreaterThanOrEqual(18);
    await noSideScroll();
    await shot(page, 'resident-phone-01-home');
  });

  it('chooses a kind in plain words and describes it with a photo', async () => {
    await page.getByRole('button', { name: /我要反映问题/ }).click();
    await page.getByRole('button', { name: /环境卫生/ }).click();
    await page.getByLabel('请说一说情况').fill('楼下垃圾桶满了三天没人清运，味道很大，请尽快处理。');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'rubbish.png', mimeType: 'image/png', buffer: makePng(96, 72) });
    await expect.poll(() => page.locator('.r-photos img').count()).toBe(1);
    const box = await page.getByRole('button', { name: '下一步' }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    await noSideScroll();
    await shot(page, 'resident-phone-02-describe');
    await page.getByRole('button', { name: '下一步' }).click();
  });

  it('walks the address down to a household', async () => {
    const picker = page.getByTestId('place-picker');
    for (let level = 0; level < 6; level++) {
      await expect.poll(() => picker.getAttribute('data-state')).not.toBe('loading');
      if ((await picker.getAttribute('data-state')) === 'done') break;
      await page.locator('.r-choices .r-choice').first().click();
    }
    await expect.poll(() => page.locator('.r-chosen strong').textContent()).toMatch(/室/);
    await noSideScroll();
    await shot(page, 'resident-phone-03-place');
  });

  it('marks the spot on the map with a tap', async () => {
    await page.getByRole('button', { name: '在地图上标出位置' }).click();
    const map = page.getByRole('application', { name: '事发地点标记' });
    await map.waitFor();
    await expect.poll(() => page.locator('.r-map img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + 60, box.y + box.height / 2 - 40);
    await noSideScroll();
    await shot(page, 'resident-phone-03b-map');
    await page.getByRole('button', { name: '就是这里' }).click();
    await page.getByText('已在地图上标出位置').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
  });

  it('gets a code (shown in demo mode), confirms the phone and submits', async () => {
    before = await communityCounts();
    await page.getByLabel('手机号码').fill('13700137000');
    await page.getByRole('button', { name: '获取验证码' }).click();
    const demo = (await page.getByTestId('demo-code').textContent()) ?? '';
    const code = /\d{6}/.exec(demo)?.[0];
    expect(code).toBeDefined();
    await page.getByLabel('验证码').fill(code!);
    await page.getByRole('button', { name: '确认验证码' }).click();
    await page.getByText('已验证手机：137****7000').waitFor();
    await page.getByLabel('怎么称呼您（可选填）').fill('王阿姨');
    await shot(page, 'resident-phone-04-contact');
    await page.getByRole('button', { name: '提交' }).click();
    requestCode = ((await page.getByTestId('request-number').textContent()) ?? '').trim();
    expect(requestCode).toMatch(/^SQ\d{8}-\d+$/);
    await noSideScroll();
    await shot(page, 'resident-phone-05-number');
    await page.getByRole('button', { name: '查看办理进度' }).click();
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('待受理');
    requestId = Number(/\/r\/requests\/(\d+)/.exec(page.url())![1]);
    expect((await communityCounts()).total).toBe(before.total + 1);
  });

  it('is dispatched, signed for and resolved with a photo, and verified', async () => {
    const dispatcher = await staff('c01worker');
    await dispatcher.step({ action: 'accept' });
    const dispatched = await dispatcher.step({ action: 'dispatch' });
    expect(dispatched.state).toBe('dispatched');
    // The pin went with it: north-east of the map's centre (the tap was right of and above the middle).
    const centre = { latitude: 39.9042, longitude: 116.4074 };
    expect(dispatched.latitude).toBeGreaterThan(centre.latitude);
    expect(dispatched.longitude).toBeGreaterThan(centre.longitude);
    // The grid worker of the grid it went to (the default handler of 环境卫生 is the address's grid).
    const admin = await staff('admin');
    const workers = await admin.call<{ items: { username: string }[] }>(
      'GET',
      `/api/v1/users?nodeId=${dispatched.assigneeNodeId}&role=grid_worker`,
    );
    const worker = await staff(workers.items[0]!.username);
    await worker.step({ action: 'sign_for' });
    const photo = await worker.call<{ id: number }>('POST', '/api/v1/request-photos', makePng(80, 60), 'image/png');
    const resolved = await worker.step({
      action: 'resolve',
      note: '已联系环卫清运，垃圾桶已清空消毒。',
      attachmentIds: [photo.id],
    });
    expect(resolved.state).toBe('resolved');
    expect((await dispatcher.step({ action: 'verify' })).state).toBe('verified');
    const now = await communityCounts();
    expect(now.responded).toBe(before.responded + 1);
    expect(now.resolved).toBe(before.resolved + 1);
  });

  it('sees the result on the timeline and rates it 不满意', async () => {
    await page.reload();
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('请您评价');
    await page.getByText('已联系环卫清运，垃圾桶已清空消毒。').waitFor();
    await expect.poll(() => page.locator('.r-timeline .r-photos img').count()).toBe(1);
    await noSideScroll();
    await shot(page, 'resident-phone-06-timeline');
    await page.getByRole('button', { name: '评价办理结果' }).click();
    await page.getByRole('button', { name: /不满意/ }).click();
    await page.getByLabel('想说的话（可选填）').fill('清运后第二天又满了，味道还在。');
    await shot(page, 'resident-phone-07-rating');
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('已评价');
    // Unsatisfied: rated, and no longer counted as resolved.
    const now = await communityCounts();
    expect(now.unsatisfied).toBe(before.unsatisfied + 1);
    expect(now.resolved).toBe(before.resolved);
  });

  it('asks to reopen, and the request goes back to the handler', async () => {
    await page.getByRole('button', { name: '申请重新办理' }).click();
    await page.getByLabel('哪里还没解决？').fill('垃圾桶每天都满，请增加清运次数。');
    await page.getByRole('button', { name: '发送' }).click();
    await page.getByText('已申请重新办理，社区会再次处理。').waitFor();
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('已派给承办人');
    await noSideScroll();
    await shot(page, 'resident-phone-08-reopened');
    const dispatcher = await staff('c01worker');
    const detail = await dispatcher.call<{ code: string; state: string; reopenCount: number; rating: string | null }>(
      'GET',
      `/api/v1/requests/${requestId}`,
    );
    expect(detail).toMatchObject({ code: requestCode, state: 'dispatched', reopenCount: 1, rating: null });
    const now = await communityCounts();
    expect(now.reopened).toBe(before.reopened + 1);
    expect(now.unsatisfied).toBe(before.unsatisfied);
    expect(now.total).toBe(before.total + 1);
  });

  it('shows on the community’s dashboard', async () => {
    const desk = await newPage(browser);
    await desk.goto(`${baseUrl}/login`);
    await desk.getByLabel('用户名').fill('c01dir');
    await desk.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await desk.getByRole('button', { name: /登\s*录/ }).click();
    await desk.waitForURL((u) => !u.pathname.startsWith('/login'));
    await desk.goto(`${baseUrl}/request-dashboard`);
    await desk.getByText('响应率').first().waitFor();
    await desk.waitForTimeout(1000);
    await shot(desk, 'resident-phone-10-dashboard');
    // Staff see where the resident pinned it.
    await serveTiles(desk);
    await desk.goto(`${baseUrl}/requests/${requestId}`);
    await desk.getByRole('img', { name: '地图上的位置' }).waitFor();
    await expect.poll(() => desk.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
    await expect.poll(() => desk.locator('.linli-pin').count()).toBe(1);
    await shot(desk, 'resident-phone-11-request-map');
    await desk.close();
  });

  it('finds it under 我的诉求', async () => {
    await page.goto(`${baseUrl}/r/mine`);
    await page.getByText(requestCode).waitFor();
    await noSideScroll();
    await shot(page, 'resident-phone-09-mine');
  });
});
