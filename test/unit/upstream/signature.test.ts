import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkSignature,
  NONCE_MAX_LENGTH,
  NONCE_MIN_LENGTH,
  signatureOf,
  signedHeaders,
} from '../../../server/upstream/upstream.signature.js';

const SECRET = 'penglai-yantai-shared-secret';
const NOW = 1_795_827_600_000; // 2026-11-28T09:00:00+08:00
const BODY = Buffer.from('{"messageId":"m-1","orderNo":"YT2026112800001"}');

describe('signatureOf', () => {
  it('is the lowercase hex HMAC-SHA256 of timestamp, nonce and body joined by newlines', () => {
    // Worked example published in docs/upstream-v1.md; computed independently with
    // printf '1795827600000\n3f9a1c2e7b8d4e6f\n{"messageId":"m-1","orderNo":"YT2026112800001"}' | openssl dgst -sha256 -hmac penglai-yantai-shared-secret
    expect(signatureOf(SECRET, '1795827600000', '3f9a1c2e7b8d4e6f', BODY)).toBe(
      '99568d841d8f064f696e8c1e4264360de651edbeac1bbd1b40c5538dcea2da48',
    );
  });
});

describe('the worked example in docs/upstream-v1.md', () => {
  it('signs the documented notice to the documented signature', () => {
    const doc = readFileSync(new URL('../../../docs/upstream-v1.md', import.meta.url), 'utf8');
    const body = /\| body \| `(\{.*\})` \|/.exec(doc)?.[1];
    const signature = /\| X-Signature \| `([0-9a-f]{64})` \|/.exec(doc)?.[1];
    expect(body).toBeDefined();
    expect(signatureOf('penglai-yantai-shared-secret', '1795827600000', '3f9a1c2e7b8d4e6f0a1b', body!)).toBe(
      signature,
    );
  });
});

describe('checkSignature', () => {
  const headers = signedHeaders(SECRET, BODY, NOW, 'nonce-0123456789abcdef');
  const check = (over: Partial<Parameters<typeof checkSignature>[0]> = {}) =>
    checkSignature({ secret: SECRET, headers, body: BODY, now: NOW, ...over });

  it('accepts a request signed with the shared secret', () => {
    expect(check()).toEqual({ ok: true, nonce: 'nonce-0123456789abcdef', timestamp: NOW });
  });

  it.each([
    ['the body changed by one byte', { body: Buffer.from(BODY.toString().replace('1"', '2"')) }],
    ['another secret', { secret: 'another-secret' }],
    ['a timestamp 5 minutes and 1 ms old', { now: NOW + 300_001 }],
    ['a timestamp 5 minutes and 1 ms ahead', { now: NOW - 300_001 }],
    ['no signature header', { headers: { ...headers, 'x-signature': undefined } }],
    ['no nonce header', { headers: { ...headers, 'x-nonce': undefined } }],
    ['no timestamp header', { headers: { ...headers, 'x-timestamp': undefined } }],
    ['a timestamp in seconds with letters', { headers: { ...headers, 'x-timestamp': '17958x' } }],
    [
      'an uppercase signature',
      { headers: { ...headers, 'x-signature': headers['x-signature'].toUpperCase() } },
    ],
    [
      'a truncated signature',
      { headers: { ...headers, 'x-signature': headers['x-signature'].slice(0, 63) } },
    ],
  ])('refuses %s', (_name, over) => {
    expect(check(over).ok).toBe(false);
  });

  it('accepts the edges of the 5-minute window', () => {
    expect(check({ now: NOW + 300_000 }).ok).toBe(true);
    expect(check({ now: NOW - 300_000 }).ok).toBe(true);
  });

  it('accepts a nonce of 16 and of 128 characters, and refuses 129 (Penglai’s limit) even when correctly signed', () => {
    const withNonce = (nonce: string) =>
      checkSignature({
        secret: SECRET,
        headers: signedHeaders(SECRET, BODY, NOW, nonce),
        body: BODY,
        now: NOW,
      });
    expect(withNonce('n'.repeat(16)).ok).toBe(true);
    expect(withNonce('n'.repeat(128)).ok).toBe(true);
    expect(withNonce('n'.repeat(129))).toEqual({
      ok: false,
      reason: 'X-Nonce must have 16 to 128 characters',
    });
  });

  it('signs what it sends with a nonce the receiver takes: 32 hex characters', () => {
    const nonce = signedHeaders(SECRET, BODY, NOW)['x-nonce'];
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a nonce shorter than 16 characters even when correctly signed', () => {
    const short = signedHeaders(SECRET, BODY, NOW, 'short-nonce');
    expect(checkSignature({ secret: SECRET, headers: short, body: BODY, now: NOW })).toMatchObject({
      ok: false,
    });
  });
});

describe('the nonce limits in docs/upstream-v1.md', () => {
  const doc = readFileSync(new URL('../../../docs/upstream-v1.md', import.meta.url), 'utf8');

  it('are the ones checked: at least 16 (DESIGN §5), at most 128 as Penglai’s own limit', () => {
    const row = /^\| `X-Nonce` \|.*$/m.exec(doc)?.[0] ?? '';
    expect(row).toMatch(/at least (\d+) characters \(DESIGN §5\)/);
    expect(row).toMatch(/at most \*\*(\d+)\*\* \(Penglai's own limit\)/);
    expect(Number(/at least (\d+)/.exec(row)?.[1])).toBe(NONCE_MIN_LENGTH);
    expect(Number(/at most \*\*(\d+)\*\*/.exec(row)?.[1])).toBe(NONCE_MAX_LENGTH);
  });

  it('name the status and the message a nonce outside them gets', () => {
    const reason = checkSignature({
      secret: SECRET,
      headers: signedHeaders(SECRET, BODY, NOW, 'n'.repeat(NONCE_MAX_LENGTH + 1)),
      body: BODY,
      now: NOW,
    });
    expect(reason.ok).toBe(false);
    const message = reason.ok ? '' : reason.reason;
    expect(doc.replace(/\s+/g, ' ')).toContain(`answered \`401\` with the message \`${message}\``);
  });
});
