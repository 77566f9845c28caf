// Yantai's signed endpoints with VALID signatures over arbitrary bodies: the fuzz gets past the signature
// check into schema validation and the application, where nothing may be stored on a refusal.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { NoticeBody, OrderBody } from '../../../server/upstream/upstream.schemas.js';
import { buildNotice, buildOrder } from '../../helpers/yantai.js';
import { type JsonSchema, mutated, nastyString, nastyValue } from './arbitraries.js';
import { checkRequest, type FuzzEnv, postSignedRaw } from './harness.js';
import { rawBodyArb } from './operations.js';

const ORDERS = '/api/upstream/v1/orders';
const NOTICES = '/api/upstream/v1/notices';
const short = (s: string) => (s.length > 400 ? `${s.slice(0, 400)}… (${s.length} chars)` : s);

/** A real order (new or already known) with one field changed, or a body built from the schema and mutated. */
function orderArb(env: FuzzEnv) {
  const field = fc.constantFrom(...Object.keys(OrderBody.properties));
  return fc.oneof(
    fc
      .record({
        known: fc.boolean(),
        field,
        value: fc.oneof(nastyValue, fc.constant(undefined)),
        extra: fc.option(fc.tuple(nastyString, nastyValue), { nil: undefined }),
      })
      .map(({ known, field, value, extra }) => {
        const base: Record<string, unknown> = buildOrder(
          env.t,
          known ? { orderNo: env.fx.upstreamOrderNos[0] } : {},
        );
        if (value === undefined) delete base[field];
        else base[field] = value;
        if (extra) base[extra[0]] = extra[1];
        return base as unknown;
      }),
    mutated(OrderBody as unknown as JsonSchema).map((m) => m.value),
  );
}

function noticeArb(env: FuzzEnv) {
  const field = fc.constantFrom(...Object.keys(NoticeBody.properties));
  return fc.oneof(
    fc
      .record({
        orderNo: fc.oneof(fc.constantFrom(...env.fx.upstreamOrderNos), nastyString),
        kind: fc.oneof(fc.constantFrom('urge', 'supervise', 'rework', 'recall', 'close'), nastyString),
        field,
        value: fc.oneof(nastyValue, fc.constant(undefined)),
        dueAt: fc.option(
          fc.oneof(fc.constantFrom('2026-12-30T17:00:00+08:00', '2026-02-30T00:00:00Z'), nastyString),
          { nil: undefined },
        ),
      })
      .map(({ orderNo, kind, field, value, dueAt }) => {
        const base: Record<string, unknown> = buildNotice(env.t, orderNo, kind, dueAt ? { dueAt } : {});
        if (value === undefined) delete base[field];
        else base[field] = value;
        return base as unknown;
      }),
    mutated(NoticeBody as unknown as JsonSchema).map((m) => m.value),
  );
}

const send = (
  env: FuzzEnv,
  surface: string,
  path: string,
  raw: string,
  opts: Parameters<typeof postSignedRaw>[3] = {},
) =>
  checkRequest(
    env,
    surface,
    () => postSignedRaw(env.t, path, raw, opts),
    () => `${path} signed ${short(raw)}`,
  );

/** Signed orders: any body; 200 creates or finds a ticket, anything else stores nothing. */
export function signedOrderProperty(env: FuzzEnv) {
  return fc.asyncProperty(orderArb(env), async (body) => {
    await send(env, 'upstream orders (signed)', ORDERS, JSON.stringify(body) ?? '');
  });
}

/** Signed notices for known and unknown orders: never 5xx, nothing stored when refused. */
export function signedNoticeProperty(env: FuzzEnv) {
  return fc.asyncProperty(noticeArb(env), async (body) => {
    await send(env, 'upstream notices (signed)', NOTICES, JSON.stringify(body) ?? '');
  });
}

/** Signed raw bytes that are not JSON or not sent as JSON, and replayed nonces. */
export function signedRawProperty(env: FuzzEnv) {
  return fc.asyncProperty(
    fc.constantFrom(ORDERS, NOTICES),
    rawBodyArb,
    fc.boolean(),
    async (path, { raw, contentType }, replay) => {
      const ct = contentType === 'none' ? null : contentType.replaceAll('\u0000', '');
      await send(env, 'upstream raw bodies (signed)', path, raw, { contentType: ct });
      if (replay) {
        // A nonce already used (by an accepted fixture order, or just now) is refused whatever the body.
        const nonce = randomBytes(12).toString('hex');
        const body = JSON.stringify(buildOrder(env.t));
        await send(env, 'upstream raw bodies (signed)', ORDERS, body, { nonce });
        const res = await send(env, 'upstream raw bodies (signed)', ORDERS, body, { nonce });
        if (res.statusCode !== 401) throw new Error(`a replayed nonce answered ${res.statusCode}`);
      }
    },
  );
}
