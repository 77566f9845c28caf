import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Lowercase hex HMAC-SHA256 of `timestamp \n nonce \n raw body` (DESIGN.md §5). */
export function signatureOf(secret: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n`).update(body).digest('hex');
}

/** The three headers that sign a request we send (a fresh nonce of 32 hex characters unless one is given). */
export function signedHeaders(secret: string, body: Buffer | string, now: number, nonce?: string) {
  const timestamp = String(now);
  const n = nonce ?? randomBytes(16).toString('hex');
  return { 'x-timestamp': timestamp, 'x-nonce': n, 'x-signature': signatureOf(secret, timestamp, n, body) };
}

export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/** DESIGN.md §5: a nonce has at least 16 characters. */
export const NONCE_MIN_LENGTH = 16;
/**
 * Penglai's own limit, not in DESIGN.md §5 (docs/upstream-v1.md says so): every accepted nonce is kept in memory
 * and in `upstream_nonces` for 10 minutes, so its length is bounded. A nonce outside the bounds answers 401.
 */
export const NONCE_MAX_LENGTH = 128;

export type SignatureCheck = { ok: true; nonce: string; timestamp: number } | { ok: false; reason: string };

type Headers = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Checks a request's signature on its raw bytes: headers present, timestamp within the window,
 * nonce long enough, signature equal in constant time. Whether the nonce was seen before is the
 * caller's to check (it needs storage).
 */
export function checkSignature(opts: {
  secret: string;
  headers: Headers;
  body: Buffer;
  now: number;
  windowMs?: number;
}): SignatureCheck {
  const timestamp = one(opts.headers['x-timestamp']);
  const nonce = one(opts.headers['x-nonce']);
  const signature = one(opts.headers['x-signature']);
  if (!timestamp || !nonce || !signature) {
    return { ok: false, reason: 'X-Timestamp, X-Nonce and X-Signature are required' };
  }
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'X-Timestamp must be Unix milliseconds' };
  const ts = Number(timestamp);
  if (Math.abs(opts.now - ts) > (opts.windowMs ?? SIGNATURE_WINDOW_MS)) {
    return { ok: false, reason: 'X-Timestamp is more than 5 minutes away from now' };
  }
  if (nonce.length < NONCE_MIN_LENGTH || nonce.length > NONCE_MAX_LENGTH)
    return { ok: false, reason: `X-Nonce must have ${NONCE_MIN_LENGTH} to ${NONCE_MAX_LENGTH} characters` };
  const expected = Buffer.from(signatureOf(opts.secret, timestamp, nonce, opts.body), 'hex');
  const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'X-Signature does not match' };
  }
  return { ok: true, nonce, timestamp: ts };
}
