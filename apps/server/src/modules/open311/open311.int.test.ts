/**
 * Open311 GeoReport v2 end to end on real PostgreSQL: the spec's examples in both formats, every
 * error shape, the 90-day and 1,000-item limits, a key's jurisdiction, revocation, the audit, and
 * that a request posted here is an ordinary request in the console.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';

// Friday 20 November 2026, 10:00 in China.
const NOW = new Date('2026-11-20T02:00:00Z');
const P = '/open311/v2';

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

/** A strict little XML reader: declaration, balanced elements, only the five entities; throws otherwise. */
function readXml(xml: string): XmlNode {
  const decl = /^<\?xml version="1\.0" encoding="utf-8"\?>\n/;
  expect(xml).toMatch(decl);
  const body = xml.replace(decl, '');
  const tokens = body.match(/<\/?[A-Za-z_][\w.-]*\/?>|[^<]+/g) ?? [];
  expect(tokens.join('')).toBe(body);
  const root: XmlNode = { name: '#root', children: [], text: '' };
  const stack = [root];
  const unescape = (s: string) => {
    expect(s).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    expect(s).not.toMatch(/[<>]/);
    return s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  };
  for (const t of tokens) {
    const top = stack[stack.length - 1]!;
    const m = /^<(\/?)([A-Za-z_][\w.-]*)(\/?)>$/.exec(t);
    if (!m) {
      top.text += unescape(t);
      continue;
    }
    const [, close, name, selfClose] = m;
    if (close) {
      expect(top.name).toBe(name);
      stack.pop();
    } else {
      const node: XmlNode = { name: name!, children: [], text: '' };
      top.children.push(node);
      if (!selfClose) stack.push(node);
    }
  }
  expect(stack).toHaveLength(1);
  expect(root.children).toHaveLength(1);
  return root.children[0]!;
}

const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const textOf = (n: XmlNode, name: string) => child(n, name)?.text.trim() ?? '';

let t: TestApp;
let admin: Session;
let key1: string;
let key1Id: number;
let key2: string;

async function issue(name: string, nodeId: number) {
  const res = await admin.call('POST', '/api/v1/tokens', { name, nodeId });
  expect(res.statusCode).toBe(201);
  const body = res.json() as { token: { id: number }; secret: string };
  return { id: body.token.id, secret: body.secret };
}

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

async function post(format: 'json' | 'xml', fields: Record<string, string>, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: `${P}/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    payload: form(fields),
  });
}

function get(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers });
}

function errorsOf(res: LightMyRequestResponse): { code: number; description: string }[] {
  if (res.headers['content-type']?.toString().startsWith('text/xml')) {
    const doc = readXml(res.body);
    expect(doc.name).toBe('errors');
    return doc.children.map((e) => {
      expect(e.name).toBe('error');
      return { code: Number(textOf(e, 'code')), description: textOf(e, 'description') };
    });
  }
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return res.json();
}

function expectErrors(res: LightMyRequestResponse, status: number, pattern: RegExp) {
  expect(res.statusCode).toBe(status);
  const errors = errorsOf(res);
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(typeof e.code).toBe('number');
    expect(e.description.length).toBeGreaterThan(0);
  }
  expect(errors.map((e) => e.description).join(' | ')).toMatch(pattern);
  return errors;
}

/** The spec's example POST, with our service code, an address in street 1 and an attribute. */
const exampleFields = () => ({
  api_key: key1,
  service_code: 'municipal',
  lat: '30.27415',
  long: '120.15515',
  address_string: '甲社区1幢1单元101室',
  email: 'smit333@sfgov.edu',
  device_id: 'tt222111',
  account_id: '123456',
  first_name: 'john',
  last_name: 'smith',
  phone: '13800001111',
  description: 'A large sinkhole is destroying the street',
  media_url: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
  'attribute[urgency]': 'urgent',
});

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  admin = await login(t.app, 'admin');
  ({ id: key1Id, secret: key1 } = await issue('城市App-一街道', t.tree.street1));
  ({ secret: key2 } = await issue('城市App-二街道', t.tree.street2));
});

afterAll(async () => {
  await t.close();
});

describe('discovery and services', () => {
  it('discovery in both formats names the v2 endpoint and its formats', async () => {
    const json = await get(`${P}/discovery.json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const d = json.json() as {
      changeset: string;
      contact: string;
      key_service: string;
      endpoints: { specification: string; url: string; changeset: string; type: string; formats: string[] }[];
    };
    expect(Object.keys(d)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(d.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: 'http://localhost:80/open311/v2',
      type: 'production',
      formats: ['text/xml', 'application/json'],
    });
    const xml = await get(`${P}/discovery.xml`);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    const doc = readXml(xml.body);
    expect(doc.name).toBe('discovery');
    const endpoint = child(child(doc, 'endpoints')!, 'endpoint')!;
    expect(textOf(endpoint, 'specification')).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(child(endpoint, 'formats')!.children.map((f) => [f.name, f.text])).toEqual([
      ['format', 'text/xml'],
      ['format', 'application/json'],
    ]);
  });

  it('services: our categories with the spec fields in both formats', async () => {
    const res = await get(`${P}/services.json?jurisdiction_id=`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as Record<string, unknown>[];
    expect(list.length).toBeGreaterThanOrEqual(10);
    const municipal = list.find((s) => s.service_code === 'municipal')!;
    expect(municipal).toEqual({
      service_code: 'municipal',
      service_name: '市政设施',
      description: '路灯、道路、井盖、下水道',
      metadata: true,
      type: 'realtime',
      keywords: '市政设施, Municipal facilities, 路灯, 道路, 井盖, 下水道',
      group: '市政设施',
    });
    const en = (await get(`${P}/services.json`, { 'accept-language': 'en' })).json() as { service_name: string }[];
    expect(en.map((s) => s.service_name)).toContain('Municipal facilities');

    const doc = readXml((await get(`${P}/services.xml`)).body);
    expect(doc.name).toBe('services');
    expect(doc.children).toHaveLength(list.length);
    const first = doc.children[0]!;
    expect(first.name).toBe('service');
    expect(first.children.map((c) => c.name)).toEqual([
      'service_code',
      'service_name',
      'description',
      'metadata',
      'type',
      'keywords',
      'group',
    ]);
    expect(textOf(first, 'metadata')).toBe('true');
  });

  it('a service definition lists the attributes, urgency as a singlevaluelist', async () => {
    const res = await get(`${P}/services/municipal.json`);
    expect(res.statusCode).toBe(200);
    const def = res.json() as {
      service_code: string;
      attributes: { code: string; datatype: string; order: number; values?: { key: string; name: string }[] }[];
    };
    expect(def.service_code).toBe('municipal');
    const urgency = def.attributes.find((a) => a.code === 'urgency')!;
    expect(urgency).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: false, order: 1 });
    expect(urgency.values).toEqual([
      { key: 'normal', name: '一般' },
      { key: 'urgent', name: '紧急' },
      { key: 'emergency', name: '特急' },
    ]);
    expect(new Set(def.attributes.map((a) => a.order)).size).toBe(def.attributes.length);

    const doc = readXml((await get(`${P}/services/municipal.xml`)).body);
    expect(doc.name).toBe('service_definition');
    expect(textOf(doc, 'service_code')).toBe('municipal');
    const attr = child(doc, 'attributes')!.children[0]!;
    expect(attr.name).toBe('attribute');
    expect(textOf(attr, 'datatype')).toBe('singlevaluelist');
    const values = child(attr, 'values')!.children;
    expect(values.map((v) => [v.name, textOf(v, 'key'), textOf(v, 'name')])).toEqual([
      ['value', 'normal', '一般'],
      ['value', 'urgent', '紧急'],
      ['value', 'emergency', '特急'],
    ]);
  });

  it('an unknown service_code is 404 in both formats; an unknown format or path is 404', async () => {
    expectErrors(await get(`${P}/services/DMV66.json`), 404, /service_code「DMV66」不存在/);
    expectErrors(await get(`${P}/services/DMV66.xml`, { 'accept-language': 'en' }), 404, /"DMV66" was not found/);
    expectErrors(await get(`${P}/services.html`), 404, /\.json 或 \.xml/);
    expectErrors(await get(`${P}/services.xml?jurisdiction_id=sfgov.org`), 404, /jurisdiction_id「sfgov.org」不存在/);
    expect((await get(`${P}/services/municipal.json?jurisdiction_id=330199`)).statusCode).toBe(200);
    const nope = await get(`${P}/tokens/123.xml`);
    expectErrors(nope, 404, /没有这个接口/);
    expect(nope.headers['content-type']).toBe('text/xml; charset=utf-8');
  });
});

describe('POST requests', () => {
  let created: string;

  it('the spec example (form-encoded) creates a request and answers its id and a notice, in XML', async () => {
    const res = await post('xml', exampleFields());
    expect(res.statusCode).toBe(200);
    const doc = readXml(res.body);
    expect(doc.name).toBe('service_requests');
    const r = child(doc, 'request')!;
    created = textOf(r, 'service_request_id');
    expect(created).toMatch(/^SQ20261120-\d{6}$/);
    expect(textOf(r, 'service_notice')).toMatch(/将在 2 个工作日内办结/);
    expect(child(r, 'account_id')!.text).toBe('');

    const { rows } = await t.tdb.db.query<Record<string, unknown>>(
      `SELECT channel, state, urgency, node_id::int, description, address_detail, contact_name, contact_phone_masked,
              latitude, longitude, submitter_token_id::int FROM request WHERE code = $1`,
      [created],
    );
    expect(rows[0]).toEqual({
      channel: 'open311',
      state: 'submitted',
      urgency: 'urgent',
      node_id: t.tree.household1,
      description:
        'A large sinkhole is destroying the street\n附件链接：http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
      address_detail: '甲社区1幢1单元101室',
      contact_name: 'john smith',
      contact_phone_masked: expect.stringContaining('1111') as unknown,
      latitude: 30.27415,
      longitude: 120.15515,
      submitter_token_id: key1Id,
    });
  });

  it('JSON bodies and JSON answers are accepted too, with attribute as an object and address_id', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${P}/requests.json`,
      payload: {
        api_key: key1,
        service_code: 'env_sanitation',
        address_id: String(t.tree.building1),
        description: '楼下垃圾桶满了 <没人清> & 有异味',
        first_name: '小明',
        last_name: '王',
        attribute: { anonymous: 'true', address_detail: '1幢东侧' },
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { service_request_id: string; service_notice: string; account_id: null }[];
    expect(body).toHaveLength(1);
    expect(Object.keys(body[0]!)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    const one = await get(`${P}/requests/${body[0]!.service_request_id}.xml?api_key=${encodeURIComponent(key1)}`);
    const r = child(readXml(one.body), 'request')!;
    expect(textOf(r, 'description')).toBe('楼下垃圾桶满了 <没人清> & 有异味');
    expect(one.body).toContain('&lt;没人清&gt; &amp; 有异味');
    expect(textOf(r, 'address_id')).toBe(String(t.tree.building1));
    const { rows } = await t.tdb.db.query<{ contact_name: string; is_anonymous: boolean }>(
      `SELECT contact_name, is_anonymous FROM request WHERE code = $1`,
      [body[0]!.service_request_id],
    );
    expect(rows[0]).toEqual({ contact_name: '王小明', is_anonymous: true });
  });

  it('a request posted through Open311 is an ordinary request in the console, audited as the token', async () => {
    const list = await admin.call('GET', '/api/v1/requests?channel=open311&pageSize=50');
    expect(list.statusCode).toBe(200);
    const item = (list.json() as { items: { code: string; channel: string; state: string }[] }).items.find(
      (i) => i.code === created,
    );
    expect(item).toMatchObject({ channel: 'open311', state: 'submitted' });
    const c1 = await login(t.app, 'c1dir');
    const id = (await t.tdb.db.query<{ id: number }>(`SELECT id::int FROM request WHERE code = $1`, [created])).rows[0]!
      .id;
    const detail = await c1.call('GET', `/api/v1/requests/${id}`);
    expect(detail.statusCode).toBe(200);
    expect((detail.json() as { actions: string[] }).actions).toContain('accept');
    const audit = await t.tdb.db.query<{ actor_name: string; outcome: string }>(
      `SELECT actor_name, outcome FROM audit_log WHERE action = 'requests.request.submit' AND entity_id = $1`,
      [String(id)],
    );
    expect(audit.rows).toEqual([{ actor_name: 'token:城市App-一街道', outcome: 'success' }]);
  });

  it('missing or invalid api_key is 403 in the spec words, and audited', async () => {
    const { api_key: _drop, ...noKey } = exampleFields();
    const before = await t.tdb.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'http.open311.createRequest'`,
    );
    expectErrors(await post('json', noKey), 403, /缺少 api_key/);
    const bad = await post(
      'xml',
      { ...exampleFields(), api_key: 'linli_00000000_notarealsecretnotarealsecret' },
      {
        'accept-language': 'en',
      },
    );
    expect(errorsOf(bad)).toEqual([
      { code: 403, description: "Invalid api_key received -- can't proceed with create_request." },
    ]);
    expect(bad.statusCode).toBe(403);
    const after = await t.tdb.db.query<{ outcome: string; actor_name: string | null }>(
      `SELECT outcome, actor_name FROM audit_log WHERE action = 'http.open311.createRequest' ORDER BY id`,
    );
    expect(after.rows.length - (before.rows[0] as { n: number }).n).toBe(2);
    expect(after.rows.at(-1)).toEqual({ outcome: 'denied', actor_name: null });
  });

  it('missing required fields: every problem is one error of the array', async () => {
    const res = await post('json', { api_key: key1 });
    const errors = expectErrors(res, 400, /缺少 service_code/);
    expect(errors.map((e) => e.description)).toEqual([
      '缺少 service_code（取自 services 列表）',
      '缺少 description：请描述需要处理的问题',
    ]);
    expectErrors(await post('xml', { ...exampleFields(), lat: '', long: '1' }), 400, /lat 与 long 须同时提供/);
    expectErrors(await post('json', { ...exampleFields(), lat: '91', long: '1' }), 400, /lat 应为 -90 到 90/);
    expectErrors(await post('json', { ...exampleFields(), phone: '123' }), 400, /phone 不是有效/);
    expectErrors(
      await post('json', { ...exampleFields(), 'attribute[urgency]': 'asap', 'attribute[WHISPAWN]': '1' }),
      400,
      /attribute\[urgency\] 应为 normal、urgent、emergency 之一 \| attribute\[WHISPAWN\] 不是此服务的属性/,
    );
    const audit = await t.tdb.db.query<{ outcome: string; actor_name: string }>(
      `SELECT outcome, actor_name FROM audit_log WHERE action = 'http.open311.createRequest' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toEqual({ outcome: 'failure', actor_name: 'token:城市App-一街道' });
  });

  it('an unknown service_code is 404', async () => {
    expectErrors(await post('json', { ...exampleFields(), service_code: '001' }), 404, /service_code「001」不存在/);
  });

  it('location: coordinates alone cannot place a request here; names must be in the key’s jurisdiction', async () => {
    const { address_string: _a, ...coordsOnly } = exampleFields();
    expectErrors(await post('json', coordsOnly), 400, /没有坐标，仅凭 lat\/long 无法确定地点/);
    const { lat: _l, long: _g, ...nothing } = coordsOnly;
    expectErrors(await post('json', nothing), 400, /缺少地点/);
    expectErrors(await post('json', { ...exampleFields(), address_string: '火星基地' }), 400, /没有本辖区内的/);
    expectErrors(
      await post('json', { ...exampleFields(), address_string: '1单元101室或1单元102室' }),
      400,
      /可能指多个地点/,
    );
    // street 2's key cannot place a request in street 1, by name or by id
    expectErrors(await post('json', { ...exampleFields(), api_key: key2 }), 400, /没有本辖区内的/);
    expectErrors(
      await post('json', { ...exampleFields(), api_key: key2, address_id: String(t.tree.household1) }),
      400,
      /address_id「\d+」不是本辖区内的地点编号/,
    );
    const ok = await post('json', { ...exampleFields(), api_key: key2, address_string: '乙社区2幢1单元201室' });
    expect(ok.statusCode).toBe(200);
  });

  it('an unsupported body type is refused in the spec shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${P}/requests.xml`,
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expectErrors(res, 400, /application\/x-www-form-urlencoded/);
    const broken = await t.app.inject({
      method: 'POST',
      url: `${P}/requests.json`,
      headers: { 'content-type': 'application/json' },
      payload: '{"api_key":',
    });
    expectErrors(broken, 400, /无法解析/);
  });
});

describe('GET requests', () => {
  const q = (key: string, extra = '') => `api_key=${encodeURIComponent(key)}${extra}`;

  it('the spec example list in both formats: fields, order and status', async () => {
    const json = await get(`${P}/requests.json?${q(key1)}`);
    expect(json.statusCode).toBe(200);
    const list = json.json() as Record<string, unknown>[];
    expect(list.length).toBeGreaterThanOrEqual(2);
    const r = list.find((x) => x.service_code === 'municipal')!;
    expect(Object.keys(r)).toEqual([
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ]);
    expect(r).toMatchObject({
      status: 'open',
      status_notes: null,
      service_name: '市政设施',
      description: 'A large sinkhole is destroying the street',
      agency_responsible: '甲社区',
      requested_datetime: '2026-11-20T10:00:00+08:00',
      updated_datetime: '2026-11-20T10:00:00+08:00',
      address: '一街道 甲社区 1幢 1单元101室 甲社区1幢1单元101室',
      address_id: t.tree.household1,
      lat: 30.27415,
      long: 120.15515,
      media_url: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
    });
    expect(r.expected_datetime).toMatch(/^2026-11-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const doc = readXml((await get(`${P}/requests.xml?${q(key1)}`)).body);
    expect(doc.name).toBe('service_requests');
    expect(doc.children).toHaveLength(list.length);
    const x = doc.children.find((c) => textOf(c, 'service_request_id') === r.service_request_id)!;
    expect(x.children.map((c) => c.name)).toEqual(Object.keys(r));
    expect(textOf(x, 'status')).toBe('open');
    expect(textOf(x, 'lat')).toBe('30.27415');
  });

  it('status and status_notes follow the lifecycle: declined is closed with the reason as the note', async () => {
    const created = (
      (await post('json', { ...exampleFields(), description: '路灯不亮了' })).json() as { service_request_id: string }[]
    )[0]!.service_request_id;
    const id = (await t.tdb.db.query<{ id: number }>(`SELECT id::int FROM request WHERE code = $1`, [created])).rows[0]!
      .id;
    const c1 = await login(t.app, 'c1dir');
    const res = await c1.call('POST', `/api/v1/requests/${id}/actions`, {
      action: 'decline',
      version: 1,
      note: '不属于社区职责，请拨打供电热线',
    });
    expect(res.statusCode).toBe(200);
    const one = (await get(`${P}/requests/${created}.json?${q(key1)}`)).json() as Record<string, unknown>[];
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      service_request_id: created,
      status: 'closed',
      status_notes: '不属于社区职责，请拨打供电热线',
      expected_datetime: null,
    });
    const closed = (await get(`${P}/requests.json?${q(key1, '&status=closed')}`)).json() as { status: string }[];
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((x) => x.status === 'closed')).toBe(true);
    const open = (await get(`${P}/requests.json?${q(key1, '&status=open')}`)).json() as { status: string }[];
    expect(open.every((x) => x.status === 'open')).toBe(true);
    const both = (await get(`${P}/requests.json?${q(key1, '&status=open,closed')}`)).json() as unknown[];
    expect(both.length).toBe(open.length + closed.length);
  });

  it('filters: service_request_id list overrides the others; service_code list', async () => {
    const all = (await get(`${P}/requests.json?${q(key1)}`)).json() as {
      service_request_id: string;
      service_code: string;
    }[];
    const ids = all.slice(0, 2).map((x) => x.service_request_id);
    const picked = (
      await get(
        `${P}/requests.json?${q(key1, `&service_request_id=${ids.join(',')}&status=closed&start_date=2020-01-01`)}`,
      )
    ).json() as { service_request_id: string }[];
    expect(picked.map((x) => x.service_request_id).sort()).toEqual([...ids].sort());
    const env = (await get(`${P}/requests.json?${q(key1, '&service_code=env_sanitation')}`)).json() as {
      service_code: string;
    }[];
    expect(env.length).toBeGreaterThan(0);
    expect(env.every((x) => x.service_code === 'env_sanitation')).toBe(true);
    expectErrors(await get(`${P}/requests.json?${q(key1, '&service_code=nope')}`), 404, /service_code「nope」不存在/);
  });

  it('errors: api_key, dates, status, the 90-day window, unknown ids', async () => {
    expectErrors(await get(`${P}/requests.json`), 403, /缺少 api_key/);
    expectErrors(await get(`${P}/requests/SQ1.xml?api_key=nope`), 403, /api_key 无效或已吊销/);
    const bad = expectErrors(
      await get(`${P}/requests.xml?${q(key1, '&start_date=yesterday&end_date=2026-02-30T00:00:00Z&status=pending')}`),
      400,
      /status「pending」应为 open 或 closed/,
    );
    expect(bad.map((e) => e.description)).toEqual([
      'status「pending」应为 open 或 closed',
      'start_date「yesterday」不是带时区的 W3C 日期时间，应如 2026-11-01T00:00:00+08:00',
      'end_date「2026-02-30T00:00:00Z」不是带时区的 W3C 日期时间，应如 2026-11-30T23:59:59+08:00',
    ]);
    expectErrors(
      await get(`${P}/requests.json?${q(key1, '&start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z')}`),
      400,
      /相隔不能超过 90 天/,
    );
    expectErrors(
      await get(`${P}/requests.json?${q(key1, '&start_date=2026-05-01T00:00:00Z&end_date=2026-04-02T00:00:00Z')}`),
      400,
      /早于/,
    );
    expectErrors(
      await get(`${P}/requests/SQ20200101-000001.json?${q(key1)}`),
      404,
      /service_request_id「SQ20200101-000001」不存在/,
    );
    expectErrors(
      await get(`${P}/requests/SQ20200101-000001.xml?${q(key1)}`, { 'accept-language': 'en' }),
      404,
      /was not found/,
    );
    expectErrors(
      await get(`${P}/requests.json?${q(key1, '&jurisdiction_id=330199002')}`),
      404,
      /jurisdiction_id「330199002」/,
    );
  });

  it('a key of street 1 sees nothing of street 2, and the reverse', async () => {
    const s1 = (await get(`${P}/requests.json?${q(key1)}`)).json() as {
      service_request_id: string;
      address_id: number;
    }[];
    const s2 = (await get(`${P}/requests.json?${q(key2)}`)).json() as {
      service_request_id: string;
      address_id: number;
    }[];
    expect(s1.length).toBeGreaterThan(0);
    expect(s2.length).toBeGreaterThan(0);
    const inStreet1 = new Set([t.tree.household1, t.tree.building1]);
    expect(s1.every((r) => inStreet1.has(r.address_id))).toBe(true);
    expect(s2.every((r) => r.address_id === t.tree.household2)).toBe(true);
    const theirs = s1[0]!.service_request_id;
    expectErrors(await get(`${P}/requests/${theirs}.json?${q(key2)}`), 404, /不存在或不在本辖区内/);
    const byId = (await get(`${P}/requests.json?${q(key2, `&service_request_id=${theirs}`)}`)).json() as unknown[];
    expect(byId).toEqual([]);
    // a district key sees both; jurisdiction_id narrows it to a street by division code
    const { secret: districtKey } = await issue('区级平台', t.tree.district);
    const d = (await get(`${P}/requests.json?${q(districtKey)}`)).json() as unknown[];
    expect(d.length).toBe(s1.length + s2.length);
    const narrowed = (
      await get(`${P}/requests.json?${q(districtKey, '&jurisdiction_id=330199002')}`)
    ).json() as unknown[];
    expect(narrowed.length).toBe(s2.length);
  });

  it('the default window is the last 90 days; at most 1,000 requests are returned, newest first', async () => {
    const { rows } = await t.tdb.db.query<{ id: number }>(
      `SELECT id::int FROM request WHERE node_id = $1 ORDER BY id LIMIT 1`,
      [t.tree.household2],
    );
    const copy = (codeExpr: string, at: string) =>
      `INSERT INTO request (code, channel, category_id, urgency, state, description, node_id, node_path, area_path,
              dispatch_node_id, dispatch_path, escalation_level, submitted_at, respond_due_at, resolve_due_at,
              respond_amber_at, resolve_amber_at)
       SELECT ${codeExpr}, channel, category_id, urgency, state, description, node_id, node_path, area_path,
              dispatch_node_id, dispatch_path, escalation_level, ${at}, respond_due_at, resolve_due_at,
              respond_amber_at, resolve_amber_at
         FROM request, generate_series(1, $2::int) g WHERE id = $1`;
    // 1,100 in the last days, and 5 from 100 days ago
    await t.tdb.db.query(copy(`'GEN-' || g`, `$3::timestamptz - g * interval '1 minute'`), [rows[0]!.id, 1100, NOW]);
    await t.tdb.db.query(copy(`'OLD-' || g`, `$3::timestamptz - interval '100 days'`), [rows[0]!.id, 5, NOW]);

    const res = await get(`${P}/requests.json?${q(key2)}`);
    const list = res.json() as { service_request_id: string; requested_datetime: string }[];
    expect(list).toHaveLength(1000);
    expect(list.some((r) => r.service_request_id.startsWith('OLD-'))).toBe(false);
    const times = list.map((r) => Date.parse(r.requested_datetime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const xml = readXml((await get(`${P}/requests.xml?${q(key2)}`)).body);
    expect(xml.children).toHaveLength(1000);

    const old = (
      await get(
        `${P}/requests.json?${q(key2, '&start_date=2026-08-01T00:00:00%2B08:00&end_date=2026-08-20T00:00:00Z')}`,
      )
    ).json() as { service_request_id: string }[];
    expect(old.map((r) => r.service_request_id).sort()).toEqual(['OLD-1', 'OLD-2', 'OLD-3', 'OLD-4', 'OLD-5']);
    // one bound only: the other is 90 days away
    const fromOnly = (await get(`${P}/requests.json?${q(key2, '&start_date=2026-08-12')}`)).json() as unknown[];
    expect(fromOnly).toHaveLength(5);
  });

  it('revoking a key takes effect at the next call; the key never worked on the console API', async () => {
    const onConsole = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tokens',
      headers: { authorization: `Bearer ${key1}` },
    });
    expect(onConsole.statusCode).toBe(403);
    expect((await get(`${P}/requests.json?${q(key1)}`)).statusCode).toBe(200);
    expect((await get(`${P}/requests.json`, { authorization: `Bearer ${key1}` })).statusCode).toBe(200);
    const revoked = await admin.call('POST', `/api/v1/tokens/${key1Id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expectErrors(await get(`${P}/requests.json?${q(key1)}`), 403, /api_key 无效或已吊销/);
    expectErrors(await post('json', exampleFields()), 403, /api_key 无效或已吊销/);
  });
});
