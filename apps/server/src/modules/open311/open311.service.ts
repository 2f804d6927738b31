/**
 * Use cases of the Open311 channel. Keys are API tokens (one per client and jurisdiction); a key
 * sees and places requests only in its node's subtree. A posted request is submitted through the
 * requests service like any other (channel `open311`), so routing, time limits, figures, the audit
 * entry and the messages are the same as for every channel.
 */
import { validatePhone } from '@linli/contracts';
import type { TokenActor } from '../../platform/auth/actor.ts';
import type { Caller } from '../../platform/auth/caller.ts';
import type { Db } from '../../platform/db/db.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { addressesFor } from '../registry/index.ts';
import type { RequestsService } from '../requests/index.ts';
import {
  commaList,
  contactNameOf,
  fail,
  MAX_ITEMS,
  MEDIA_LINE,
  Open311Failure,
  parseAttributes,
  queryWindow,
  serviceAttributes,
  splitMedia,
  statusOfState,
  tr,
  w3cDate,
  type Lang,
  type Open311Error,
} from './open311.ts';
import * as repo from './open311.repository.ts';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

export type Open311Service = ReturnType<typeof createOpen311Service>;

/** Fields of a POST, form-encoded or JSON; anything else is ignored as the spec's optional arguments are. */
export interface PostFields {
  service_code?: unknown;
  jurisdiction_id?: unknown;
  lat?: unknown;
  long?: unknown;
  address_string?: unknown;
  address_id?: unknown;
  email?: unknown;
  first_name?: unknown;
  last_name?: unknown;
  phone?: unknown;
  description?: unknown;
  media_url?: unknown;
  attribute?: unknown;
}

/** A spec argument as text: absent, null and "" are the same ("Optional Arguments"). */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = (typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '').trim();
  return s === '' ? undefined : s;
}

function chinaMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function createOpen311Service(deps: {
  db: Db;
  requests: RequestsService;
  authenticateToken: (secret: string) => Promise<TokenActor | null>;
  now?: () => Date;
}) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  /** The caller a key stands for: its node's subtree for reading and placing requests, nothing else. */
  function callerOf(actor: TokenActor, ip: string): Caller {
    return { actor, ip, scope: (p) => (p === 'request.read' ? { paths: [actor.path] } : { paths: [] }) };
  }

  function noticeOf(lang: Lang, resolveDays: number, due: Date): string {
    return tr(
      lang,
      `已收到，将在 ${resolveDays} 个工作日内办结（预计 ${chinaMinute(due)} 前）；进展可凭编号查询。`,
      `Received. It will be resolved within ${resolveDays} working days (by ${chinaMinute(due)} UTC+8); follow it by its id.`,
    );
  }

  async function requestsOut(lang: Lang, rows: repo.Open311RequestRow[]) {
    const addresses = await addressesFor(
      db,
      rows.map((r) => r.node_path),
    );
    return rows.map((r) => {
      const { text: description, mediaUrl } = splitMedia(r.description);
      const status = statusOfState[r.state];
      return {
        service_request_id: r.code,
        status,
        status_notes: r.status_note,
        service_name: r.service_name,
        service_code: r.service_code,
        description,
        agency_responsible: r.agency,
        service_notice: null,
        requested_datetime: w3cDate(r.submitted_at),
        updated_datetime: w3cDate(r.updated_at),
        expected_datetime: status === 'open' ? w3cDate(r.resolve_due_at) : null,
        address: [addresses.get(r.node_path) ?? '', r.address_detail ?? ''].filter(Boolean).join(' ') || null,
        address_id: r.node_id,
        zipcode: null,
        lat: r.latitude,
        long: r.longitude,
        media_url: mediaUrl,
      };
    });
  }

  /** Narrow a key's subtree to the node a jurisdiction_id names (its code or id), which must lie inside it. */
  async function scopeOf(lang: Lang, actor: TokenActor, jurisdictionId: string | undefined): Promise<string> {
    if (jurisdictionId === undefined) return actor.path;
    const node = await repo.findNode(db, jurisdictionId);
    if (!node || node.retired || !node.path.startsWith(actor.path))
      throw fail(
        404,
        tr(
          lang,
          `jurisdiction_id「${jurisdictionId}」不存在或不在此 API 密钥的辖区内`,
          `jurisdiction_id "${jurisdictionId}" was not found in this api_key's jurisdiction`,
        ),
      );
    return node.path;
  }

  /** The place of a new request: address_id, else a unique match of address_string, inside the key's subtree. */
  async function placeOf(
    lang: Lang,
    scopePath: string,
    f: { addressId?: string; addressString?: string; hasCoordinates: boolean },
  ): Promise<number> {
    if (f.addressId !== undefined) {
      const id = /^[1-9][0-9]{0,15}$/.test(f.addressId) ? Number(f.addressId) : null;
      const node = id === null ? undefined : await repo.findNodeById(db, id);
      if (!node || node.retired || !node.path.startsWith(scopePath))
        throw fail(
          400,
          tr(
            lang,
            `address_id「${f.addressId}」不是本辖区内的地点编号`,
            `address_id "${f.addressId}" is not a place in this jurisdiction`,
          ),
        );
      return node.id;
    }
    if (f.addressString !== undefined) {
      const found = await repo.placesNamedIn(db, scopePath, f.addressString);
      const best = found[0];
      if (!best)
        throw fail(
          400,
          tr(
            lang,
            'address_string 中没有本辖区内的社区、楼栋或房间名称，请写明（如“甲社区1幢1单元101室”）或改用 address_id',
            'address_string names no community, building or room of this jurisdiction; name one or send address_id',
          ),
        );
      if (found[1] && found[1].score === best.score)
        throw fail(
          400,
          tr(
            lang,
            'address_string 可能指多个地点，请加上社区或楼栋名称，或改用 address_id',
            'address_string matches several places; add the community or building, or send address_id',
          ),
        );
      return best.id;
    }
    throw fail(
      400,
      f.hasCoordinates
        ? tr(
            lang,
            '本辖区的地点没有坐标，仅凭 lat/long 无法确定地点，请同时提供 address_string 或 address_id',
            'places here carry no coordinates, so lat/long alone cannot place a request; send address_string or address_id too',
          )
        : tr(
            lang,
            '缺少地点：请提供 address_string、address_id 或 lat 与 long',
            'location missing: send address_string, address_id, or lat and long',
          ),
    );
  }

  return {
    /** The key's token, or a 403 in the spec's words. */
    async authenticate(lang: Lang, apiKey: string | undefined, verb: { zh: string; en: string }): Promise<TokenActor> {
      if (apiKey === undefined)
        throw fail(403, tr(lang, `缺少 api_key，无法${verb.zh}`, `api_key missing -- can't proceed with ${verb.en}.`));
      const actor = await deps.authenticateToken(apiKey);
      if (!actor)
        throw fail(
          403,
          tr(
            lang,
            `api_key 无效或已吊销，无法${verb.zh}`,
            `Invalid api_key received -- can't proceed with ${verb.en}.`,
          ),
        );
      return actor;
    },

    async discovery(lang: Lang, endpointUrl: string) {
      const changed = await repo.servicesChangedAt(db);
      const changeset = changed ? chinaMinute(changed) : '2026-01-01 00:00';
      return {
        changeset,
        contact: tr(
          lang,
          '请联系所在区（街道）的社区治理平台管理员',
          'Contact the administrator of your district’s community governance platform',
        ),
        key_service: tr(
          lang,
          'API 密钥由平台管理员按客户端和辖区签发：控制台“API 令牌”页，或 npx linli token create',
          'Keys are issued per client and jurisdiction by an administrator (console “API tokens”, or npx linli token create)',
        ),
        endpoints: [
          {
            specification: SPECIFICATION,
            url: endpointUrl,
            changeset,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      };
    },

    /** Services are the same everywhere; a jurisdiction_id, when sent, must still name a place we serve. */
    async checkJurisdiction(lang: Lang, jurisdictionId: string | undefined): Promise<void> {
      if (jurisdictionId === undefined) return;
      const node = await repo.findNode(db, jurisdictionId);
      if (!node || node.retired)
        throw fail(
          404,
          tr(lang, `jurisdiction_id「${jurisdictionId}」不存在`, `jurisdiction_id "${jurisdictionId}" was not found`),
        );
    },

    async services(lang: Lang) {
      const rows = await repo.listServices(db);
      return rows.map((s) => ({
        service_code: s.code,
        service_name: lang === 'en' && s.name_en ? s.name_en : s.name,
        description: s.hint,
        metadata: true,
        type: 'realtime',
        keywords: [s.name, s.name_en, ...(s.hint ?? '').split(/[、,，\s]+/)].filter(Boolean).join(', '),
        group: s.parent_name ?? s.name,
      }));
    },

    async definition(lang: Lang, code: string) {
      const s = await repo.findService(db, code);
      if (!s) throw fail(404, tr(lang, `service_code「${code}」不存在`, `service_code "${code}" was not found`));
      return { service_code: s.code, attributes: serviceAttributes };
    },

    async listRequests(
      lang: Lang,
      actor: TokenActor,
      query: {
        jurisdiction_id?: string;
        service_request_id?: string;
        service_code?: string;
        start_date?: string;
        end_date?: string;
        status?: string;
      },
    ) {
      const scopePath = await scopeOf(lang, actor, query.jurisdiction_id);
      const codes = commaList(query.service_request_id);
      if (codes.length) {
        if (codes.length > MAX_ITEMS)
          throw fail(
            400,
            tr(lang, `service_request_id 最多 ${MAX_ITEMS} 个`, `at most ${MAX_ITEMS} service_request_id`),
          );
        return requestsOut(lang, await repo.listRequests(db, scopePath, { codes, limit: MAX_ITEMS }));
      }
      const errors: Open311Error[] = [];
      const statuses = commaList(query.status);
      for (const s of statuses)
        if (s !== 'open' && s !== 'closed')
          errors.push({
            code: 400,
            description: tr(lang, `status「${s}」应为 open 或 closed`, `status "${s}" must be open or closed`),
          });
      const window = queryWindow(lang, now(), query.start_date, query.end_date);
      if (window instanceof Open311Failure) errors.push(...window.errors);
      if (errors.length) throw new Open311Failure(400, errors);
      const serviceCodes = commaList(query.service_code);
      if (serviceCodes.length) {
        const known = new Set((await repo.listServices(db)).map((s) => s.code));
        const unknown = serviceCodes.filter((c) => !known.has(c));
        if (unknown.length)
          throw fail(
            404,
            tr(lang, `service_code「${unknown.join(',')}」不存在`, `service_code "${unknown.join(',')}" was not found`),
          );
      }
      const w = window as { from: Date; to: Date };
      const rows = await repo.listRequests(db, scopePath, {
        serviceCodes,
        from: w.from,
        to: w.to,
        statuses: statuses as ('open' | 'closed')[],
        limit: MAX_ITEMS,
      });
      return requestsOut(lang, rows);
    },

    async getRequest(lang: Lang, actor: TokenActor, id: string, jurisdictionId: string | undefined) {
      const scopePath = await scopeOf(lang, actor, jurisdictionId);
      const row = await repo.findRequestByCode(db, scopePath, id);
      if (!row)
        throw fail(
          404,
          tr(lang, `service_request_id「${id}」不存在或不在本辖区内`, `service_request_id "${id}" was not found`),
        );
      return requestsOut(lang, [row]);
    },

    async postRequest(lang: Lang, actor: TokenActor, ip: string, body: PostFields) {
      const errors: Open311Error[] = [];
      const need = (zh: string, en: string) => errors.push({ code: 400, description: tr(lang, zh, en) });
      const serviceCode = text(body.service_code);
      const description = text(body.description);
      const lat = text(body.lat);
      const long = text(body.long);
      const mediaUrl = text(body.media_url);
      const phone = text(body.phone);
      if (!serviceCode) need('缺少 service_code（取自 services 列表）', 'service_code was not provided');
      if (!description) need('缺少 description：请描述需要处理的问题', 'description was not provided');
      if ((lat === undefined) !== (long === undefined)) need('lat 与 long 须同时提供', 'send both lat and long');
      const latitude = lat === undefined ? undefined : Number(lat);
      const longitude = long === undefined ? undefined : Number(long);
      if (latitude !== undefined && !(Number.isFinite(latitude) && Math.abs(latitude) <= 90))
        need('lat 应为 -90 到 90 之间的数（WGS84）', 'lat must be a number between -90 and 90 (WGS84)');
      if (longitude !== undefined && !(Number.isFinite(longitude) && Math.abs(longitude) <= 180))
        need('long 应为 -180 到 180 之间的数（WGS84）', 'long must be a number between -180 and 180 (WGS84)');
      if (mediaUrl !== undefined && !(/^https?:\/\/\S+$/.test(mediaUrl) && mediaUrl.length <= 500))
        need(
          'media_url 应为 http(s) 网址，最多 500 字符',
          'media_url must be an http(s) URL of at most 500 characters',
        );
      if (phone !== undefined && !validatePhone(phone).ok)
        need('phone 不是有效的手机或固定电话号码', 'phone is not a valid mobile or landline number');
      const full = description === undefined ? '' : mediaUrl ? `${description}${MEDIA_LINE}${mediaUrl}` : description;
      if (full.length > 2000)
        need(
          'description（连同 media_url）最多 2000 个字',
          'description (with media_url) is longer than 2000 characters',
        );
      const rawAttributes =
        body.attribute && typeof body.attribute === 'object' && !Array.isArray(body.attribute)
          ? Object.fromEntries(
              Object.entries(body.attribute as Record<string, unknown>).map(([k, v]) => [
                k,
                Array.isArray(v) ? v.map((x) => text(x) ?? '') : (text(v) ?? ''),
              ]),
            )
          : {};
      const attributes = parseAttributes(lang, rawAttributes);
      if (attributes instanceof Open311Failure) errors.push(...attributes.errors);
      if (errors.length) throw new Open311Failure(400, errors);
      const attrs = attributes as Exclude<typeof attributes, Open311Failure>;

      const service = await repo.findService(db, serviceCode!);
      if (!service)
        throw fail(
          404,
          tr(lang, `service_code「${serviceCode}」不存在`, `service_code "${serviceCode}" was not found`),
        );
      const scopePath = await scopeOf(lang, actor, text(body.jurisdiction_id));
      const addressString = text(body.address_string);
      const nodeId = await placeOf(lang, scopePath, {
        ...(text(body.address_id) === undefined ? {} : { addressId: text(body.address_id)! }),
        ...(addressString === undefined ? {} : { addressString }),
        hasCoordinates: latitude !== undefined,
      });
      const addressDetail = [attrs.addressDetail, addressString].filter(Boolean).join('；').slice(0, 200);
      try {
        const created = await deps.requests.submit(callerOf(actor, ip), {
          channel: 'open311',
          categoryId: service.id,
          urgency: attrs.urgency,
          description: full,
          nodeId,
          addressDetail: addressDetail || undefined,
          latitude,
          longitude,
          contactName: contactNameOf(text(body.first_name), text(body.last_name)),
          contactPhone: phone,
          isAnonymous: attrs.isAnonymous,
          attachmentIds: [],
        });
        return [
          {
            service_request_id: created.code,
            service_notice: noticeOf(lang, service.limits[attrs.urgency].resolveDays, new Date(created.resolveDueAt!)),
            account_id: null,
          },
        ];
      } catch (err) {
        if (err instanceof DomainError && err.code === 'VALIDATION_FAILED') {
          const details = Array.isArray(err.details) ? (err.details as { message?: string }[]) : [];
          throw new Open311Failure(
            400,
            details.length
              ? details.map((d) => ({ code: 400, description: d.message ?? 'invalid' }))
              : [{ code: 400, description: tr(lang, '请求无效', 'invalid request') }],
          );
        }
        throw err;
      }
    },
  };
}
