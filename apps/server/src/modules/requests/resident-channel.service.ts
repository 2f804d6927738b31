/**
 * The resident pages of requests (居民自助, ADR 0009): a one-time code proves a phone and opens a short
 * phone session; with it (or signed in with a resident account) a resident files requests and follows
 * only their own — through the core service, seeing public notes and photos, never internal data.
 */
import {
  maskPhone,
  OTP_MAX_ATTEMPTS,
  OTP_RESEND_SECONDS,
  OTP_TTL_SECONDS,
  ratings,
  RESIDENT_SESSION_MINUTES,
  residentActions,
  validatePhone,
  type OtpSent,
  type ResidentAction,
  type ResidentActionBody,
  type ResidentCategory,
  type ResidentRequestEvent,
  type ResidentRequestItem,
  type ResidentRequestView,
  type ResidentSession,
  type ResidentSubmitBody,
} from '@linli/contracts';
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { Caller } from '../../platform/auth/caller.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.ts';
import { addressesFor } from '../registry/index.ts';
import { availableActions, type Party } from './request-workflow.ts';
import * as repo from './requests.repository.ts';
import type { RequestRow } from './requests.repository.ts';
import { photoAnswer, type RequestsService } from './requests.service.ts';
import * as rc from './resident-channel.repository.ts';

export type ResidentChannel = ReturnType<typeof createResidentChannel>;

/** Who is on the resident pages: a verified phone, or a signed-in account holding the resident role. */
export type Resident =
  | { kind: 'phone'; session: rc.PhoneSessionRow; ip: string | null }
  | { kind: 'user'; caller: Caller; userId: number; displayName: string };

/** Rate limits of the one-time codes (ADR 0009). */
export const otpLimits = {
  perPhonePerHour: 5,
  perIpPerHour: 30,
  resendSeconds: OTP_RESEND_SECONDS,
  /** Requests a phone may file from the resident pages in 24 hours. */
  submissionsPerDay: 20,
};

// Steps a resident sees on the timeline; the others (return, transfer, escalation, extensions,
// a rejected resolution) are the handlers' internal business.
const publicSteps = new Set([
  'submit',
  'accept',
  'decline',
  'dispatch',
  'sign_for',
  'claim',
  'progress',
  'resolve',
  'verify',
  'rate',
  'close',
  'reopen',
  'urge',
  'add_info',
  'withdraw',
  'merge',
]);
// Steps whose note is written to the resident (a reason, a result) rather than to colleagues.
const publicNotes = new Set([
  'decline',
  'progress',
  'resolve',
  'rate',
  'close',
  'reopen',
  'urge',
  'add_info',
  'withdraw',
]);
const RESIDENT_ACTOR_NAMES = new Set(['诉求人', '居民自助']);

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function summaryOf(description: string): string {
  const oneLine = description.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}

export function createResidentChannel(deps: {
  db: Db;
  crypto: FieldCrypto;
  requests: RequestsService;
  /** Demo mode: no SMS goes out, so the code is answered to the screen. */
  demo: boolean;
  now?: () => Date;
}) {
  const { db, crypto, requests } = deps;
  const now = deps.now ?? (() => new Date());

  function mobileOf(raw: string): string {
    const p = validatePhone(raw);
    if (!p.ok || p.kind !== 'mobile')
      throw new DomainError('VALIDATION_FAILED', [{ path: 'body.phone', message: '请填写能收短信的 11 位手机号码' }]);
    return p.normalized;
  }

  const codeHashOf = (phone: string, code: string) => crypto.blindIndex(`otp:${phone}:${code}`);

  /** The caller a phone session acts as in the core service: no permission anywhere, audited by masked phone. */
  function phoneCaller(s: rc.PhoneSessionRow, ip: string | null): Caller {
    return {
      actor: { kind: 'system', name: 'resident', auditName: `resident:${s.phone_masked}` },
      ip,
      scope: () => ({ paths: [] }),
    };
  }

  function callerOf(who: Resident): Caller {
    return who.kind === 'phone' ? phoneCaller(who.session, who.ip) : who.caller;
  }

  function ownerOf(who: Resident): rc.Owner {
    return who.kind === 'phone'
      ? { phoneHash: who.session.phone_hash, userId: null }
      : { phoneHash: null, userId: who.userId };
  }

  async function ownRequest(q: Queryable, who: Resident, id: number): Promise<RequestRow> {
    // Someone else's request, or one that does not exist, is simply "not found" (scope probes).
    if (!(await rc.isOwnRequest(q, ownerOf(who), id))) throw notFound();
    const r = await repo.findRequest(q, id);
    if (!r) throw notFound();
    return r;
  }

  function itemOf(r: RequestRow, addresses: Map<string, string>): ResidentRequestItem {
    return {
      id: r.id,
      code: r.code,
      state: r.state,
      categoryName: r.category_name,
      categoryNameEn: r.category_name_en,
      summary: summaryOf(r.description),
      address: [addresses.get(r.node_path) ?? '', r.address_detail ?? ''].filter(Boolean).join(' '),
      submittedAt: r.submitted_at.toISOString(),
      rating: r.rating,
    };
  }

  function actionsOf(r: RequestRow): ResidentAction[] {
    const facts = {
      state: r.state,
      rating: r.rating,
      hasPendingExtension: r.pending_extension !== null,
      escalationLevel: r.escalation_level,
      isClaimable: r.handler_type === 'volunteer',
      isAnonymous: r.is_anonymous,
    };
    const allowed: readonly string[] = availableActions(facts, new Set<Party>(['submitter']));
    return residentActions.filter((a) => allowed.includes(a));
  }

  async function viewOf(q: Queryable, who: Resident, r: RequestRow): Promise<ResidentRequestView> {
    const [events, addresses] = await Promise.all([repo.eventsOf(q, r.id), addressesFor(q, [r.node_path])]);
    const own = (actor: string | null) =>
      actor !== null && (RESIDENT_ACTOR_NAMES.has(actor) || (who.kind === 'user' && actor === who.displayName));
    const shown: ResidentRequestEvent[] = events
      .filter((e) => publicSteps.has(e.action))
      .map((e) => ({
        id: e.id,
        action: e.action,
        toState: e.to_state,
        by: e.actor === '系统' ? 'system' : own(e.actor) ? 'resident' : 'staff',
        note: publicNotes.has(e.action) ? e.note : null,
        rating: e.action === 'rate' ? (ratings.find((x) => x === e.data.rating) ?? null) : null,
        attachmentIds: e.attachment_ids,
        at: e.at.toISOString(),
      }));
    const submitted = events.find((e) => e.action === 'submit');
    return {
      ...itemOf(r, addresses),
      description: r.description,
      isAnonymous: r.is_anonymous,
      contactName: r.is_anonymous ? null : r.contact_name,
      phoneMasked: r.contact_phone_masked,
      ratingComment: r.rating_comment,
      attachmentIds: submitted?.attachment_ids ?? [],
      version: r.version,
      events: shown,
      actions: actionsOf(r),
    };
  }

  return {
    /** Send a one-time code to a phone (through the outbox); in demo mode the answer carries it. */
    async sendCode(rawPhone: string, ip: string | null): Promise<OtpSent> {
      const phone = mobileOf(rawPhone);
      const phoneHash = crypto.blindIndex(phone);
      const at = now();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await db.tx(async (q) => {
        // Serialise the codes of one phone so that the limits cannot be raced.
        await q.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`otp:${phoneHash}`]);
        const c = await rc.otpCounts(
          q,
          phoneHash,
          ip,
          new Date(at.getTime() - 3_600_000),
          new Date(at.getTime() - otpLimits.resendSeconds * 1000),
        );
        if (c.recent > 0)
          throw new DomainError(
            'RATE_LIMITED',
            { retryAfterSeconds: otpLimits.resendSeconds },
            {
              zh: `验证码已发送，请 ${otpLimits.resendSeconds} 秒后再重新获取。`,
              en: `A code was just sent; ask again in ${otpLimits.resendSeconds} seconds.`,
            },
          );
        if (c.by_phone >= otpLimits.perPhonePerHour || c.by_ip >= otpLimits.perIpPerHour)
          throw new DomainError(
            'RATE_LIMITED',
            { retryAfterSeconds: 3600 },
            {
              zh: '获取验证码太频繁，请一小时后再试；着急的事请拨打社区电话。',
              en: 'Too many codes asked for; try again in an hour, or phone your community.',
            },
          );
        await rc.insertOtp(q, {
          phoneHash,
          codeHash: codeHashOf(phone, code),
          ip,
          at,
          expiresAt: new Date(at.getTime() + OTP_TTL_SECONDS * 1000),
        });
        // The SMS provider needs the code itself (message-text.ts renders topic 'otp'); it is worthless
        // after five minutes or one use, and only its keyed hash is what verification trusts.
        await enqueueMessage(q, {
          topic: 'otp',
          recipientPhoneEnc: crypto.encrypt(phone),
          recipientPhoneMasked: maskPhone(phone),
          payload: { code, minutes: OTP_TTL_SECONDS / 60 },
        });
      });
      return {
        phoneMasked: maskPhone(phone),
        expiresInSeconds: OTP_TTL_SECONDS,
        resendAfterSeconds: otpLimits.resendSeconds,
        ...(deps.demo ? { demoCode: code } : {}),
      };
    },

    /** Check a code; on success open a phone session (its token goes into the resident cookie). */
    async verifyCode(rawPhone: string, code: string, ip: string | null) {
      const phone = mobileOf(rawPhone);
      const phoneHash = crypto.blindIndex(phone);
      const at = now();
      const outcome = await db.tx(async (q) => {
        const otp = await rc.liveOtp(q, phoneHash, at);
        if (!otp) return { ok: false as const, code: 'OTP_EXPIRED' as const, left: null };
        if (!sameText(otp.code_hash, codeHashOf(phone, code))) {
          const burn = otp.attempts + 1 >= OTP_MAX_ATTEMPTS;
          await rc.failOtp(q, otp.id, burn, at);
          return {
            ok: false as const,
            code: burn ? ('OTP_TOO_MANY_ATTEMPTS' as const) : ('OTP_WRONG' as const),
            left: OTP_MAX_ATTEMPTS - otp.attempts - 1,
          };
        }
        await rc.consumeOtp(q, otp.id, at);
        const token = randomBytes(32).toString('base64url');
        const row: rc.PhoneSessionRow = {
          token_hash: sha256(token),
          phone_hash: phoneHash,
          phone_enc: crypto.encrypt(phone),
          phone_masked: maskPhone(phone),
          csrf_token: randomBytes(24).toString('base64url'),
          upload_key: randomBytes(24).toString('base64url'),
          expires_at: new Date(at.getTime() + RESIDENT_SESSION_MINUTES * 60_000),
        };
        await rc.insertPhoneSession(q, { ...row, ip, at, expiresAt: row.expires_at });
        await appendAudit(q, {
          actorId: null,
          actorName: `resident:${row.phone_masked}`,
          ip,
          action: 'requests.resident.session_open',
          entityType: 'resident_phone_session',
          summary: { phone: row.phone_masked },
        });
        return { ok: true as const, token, row };
      });
      // A wrong code is counted (committed) before it is refused.
      if (!outcome.ok)
        throw new DomainError(outcome.code, outcome.left === null ? undefined : { attemptsLeft: outcome.left });
      return { token: outcome.token, session: sessionView({ kind: 'phone', session: outcome.row, ip }) };
    },

    /** The live phone session of a cookie's token, or null. */
    async phoneSession(token: string): Promise<rc.PhoneSessionRow | null> {
      return (await rc.findPhoneSession(db, sha256(token), now())) ?? null;
    },

    async endSession(token: string): Promise<void> {
      await rc.revokePhoneSession(db, sha256(token), now());
    },

    async categories(): Promise<{ items: ResidentCategory[] }> {
      const rows = await repo.listCategories(db);
      return {
        items: rows
          .filter((c) => c.is_active)
          .map((c) => ({ id: c.id, parentId: c.parent_id, name: c.name, nameEn: c.name_en, hint: c.hint })),
      };
    },

    async places(parentId: number | undefined) {
      return { items: await rc.placesUnder(db, parentId) };
    },

    async upload(who: Resident, bytes: Buffer, contentType: string) {
      return who.kind === 'phone'
        ? requests.upload(callerOf(who), bytes, contentType, who.session.upload_key)
        : requests.upload(who.caller, bytes, contentType);
    },

    /** A photo the resident uploaded, or one on a visible step of their own request. */
    async photo(who: Resident, id: number) {
      const a = await rc.photoOf(db, id);
      if (!a) throw notFound();
      let ok =
        (who.kind === 'phone' && a.upload_key !== null && a.upload_key === who.session.upload_key) ||
        (who.kind === 'user' && a.uploaded_by === who.userId);
      if (!ok && a.request_id !== null && a.event_action !== null && publicSteps.has(a.event_action))
        ok = await rc.isOwnRequest(db, ownerOf(who), a.request_id);
      if (!ok) throw notFound();
      return photoAnswer(a);
    },

    async submit(who: Resident, body: ResidentSubmitBody): Promise<ResidentRequestView> {
      const at = now();
      if (who.kind === 'phone') {
        const n = await rc.residentSubmissionsSince(db, who.session.phone_hash, new Date(at.getTime() - 86_400_000));
        if (n >= otpLimits.submissionsPerDay)
          throw new DomainError('RATE_LIMITED', undefined, {
            zh: '今天提交的诉求已经很多了，请明天再提交，或拨打社区电话。',
            en: 'Many requests were filed from this phone today; try tomorrow or phone your community.',
          });
      }
      const nodeId = body.nodeId ?? (await rc.topNodeId(db));
      if (nodeId === undefined)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'body.nodeId', message: '请选择地点' }]);
      const input = {
        channel: 'resident' as const,
        categoryId: body.categoryId,
        urgency: 'normal' as const,
        description: body.description,
        nodeId,
        addressDetail: body.addressText || undefined,
        latitude: body.latitude,
        longitude: body.longitude,
        // Anonymous: no name is kept at all; the verified phone stays (encrypted) for the follow-up.
        contactName: body.isAnonymous ? undefined : body.contactName || undefined,
        isAnonymous: body.isAnonymous,
        attachmentIds: body.attachmentIds,
      };
      const created =
        who.kind === 'phone'
          ? await requests.submit(callerOf(who), input, {
              kind: 'phone',
              phone: crypto.decrypt(who.session.phone_enc),
              uploadKey: who.session.upload_key,
            })
          : await requests.submit(who.caller, input);
      const r = (await repo.findRequest(db, created.id))!;
      return viewOf(db, who, r);
    },

    async list(who: Resident): Promise<{ items: ResidentRequestItem[] }> {
      const ids = await rc.ownRequestIds(db, ownerOf(who), 100);
      const rows = (await Promise.all(ids.map((id) => repo.findRequest(db, id)))).filter((r) => r !== undefined);
      const addresses = await addressesFor(
        db,
        rows.map((r) => r.node_path),
      );
      return { items: rows.map((r) => itemOf(r, addresses)) };
    },

    async view(who: Resident, id: number): Promise<ResidentRequestView> {
      return viewOf(db, who, await ownRequest(db, who, id));
    },

    /** Add information, urge, withdraw, rate or ask to reopen — as the request's submitter. */
    async act(who: Resident, id: number, body: ResidentActionBody): Promise<ResidentRequestView> {
      await ownRequest(db, who, id);
      const step = { ...body, target: undefined, days: undefined, intoId: undefined };
      await requests.act(callerOf(who), id, step, true, who.kind === 'phone' ? who.session.upload_key : null);
      const r = (await repo.findRequest(db, id))!;
      return viewOf(db, who, r);
    },

    session: (who: Resident) => sessionView(who),
  };
}

function sessionView(who: Resident): ResidentSession {
  if (who.kind === 'phone')
    return {
      kind: 'phone',
      phoneMasked: who.session.phone_masked,
      displayName: null,
      csrfToken: who.session.csrf_token,
      expiresAt: who.session.expires_at.toISOString(),
    };
  const actor = who.caller.actor;
  return {
    kind: 'user',
    phoneMasked: null,
    displayName: who.displayName,
    csrfToken: actor.kind === 'user' ? actor.csrfToken : '',
    expiresAt: actor.kind === 'user' ? actor.sessionExpiresAt.toISOString() : null,
  };
}
