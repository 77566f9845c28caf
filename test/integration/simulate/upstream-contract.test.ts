import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startUpstreamSimulator, type UpstreamSimulator } from '../../../server/simulate/upstream.js';
import { isIsoWithOffset } from '../../../server/simulate/upstream-contract.js';
import { signatureOf } from '../../../server/upstream/upstream.signature.js';
import { SECRET } from './upstream-harness.js';

// The simulator's receiver alone, on a real socket: signed posts as our server would send them.
let sim: UpstreamSimulator | null = null;
let lines: string[] = [];
afterEach(async () => {
  await sim?.stop();
  sim = null;
});

async function receiver(mode: 'ok' | 'down' = 'ok') {
  lines = [];
  sim = await startUpstreamSimulator({
    url: 'http://127.0.0.1:9', // sends nothing: rate 0
    secret: SECRET,
    port: 0,
    rate: 0,
    mode,
    out: (line) => lines.push(line),
  });
  return sim;
}

async function send(path: string, body: object, secret = SECRET) {
  const raw = JSON.stringify(body);
  const ts = String(Date.now());
  const nonce = randomBytes(16).toString('hex');
  const res = await fetch(`http://127.0.0.1:${sim!.port}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-timestamp': ts,
      'x-nonce': nonce,
      'x-signature': signatureOf(secret, ts, nonce, raw),
    },
    body: raw,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const AT = '2026-11-28T09:00:00.000+08:00';
const VALID = {
  '/receipts': { messageId: 'm-r', orderNo: 'YT1', ticketNo: 'PL1', signedAt: AT },
  '/returns': { messageId: 'm-t', orderNo: 'YT1', reason: '非本区管辖', at: AT },
  '/progress': { messageId: 'm-p', orderNo: 'YT1', note: '已联系供热公司', at: AT },
  '/extensions': { messageId: 'm-e', orderNo: 'YT1', reason: '需更换设备', requestedDueAt: AT },
  '/feedback': {
    messageId: 'm-f',
    orderNo: 'YT1',
    ticketNo: 'PL1',
    result: '已处理',
    department: '区住房和城乡建设局',
    handler: 'handler.zjj',
    completedAt: AT,
  },
} as const;

describe('the simulator checks our messages against the contract', () => {
  it('takes each kind of message with exactly its fields', async () => {
    const s = await receiver();
    for (const [path, body] of Object.entries(VALID)) {
      expect(await send(path, body), path).toEqual({ status: 200, json: { code: 0 } });
    }
    expect(s.stats().received).toMatchObject({ total: 5, contractViolations: 0, warnings: 0 });
  });

  it('refuses a renamed field with 400 naming it, counts and prints the violation', async () => {
    const s = await receiver();
    const { signedAt, ...rest } = VALID['/receipts'];
    const res = await send('/receipts', { ...rest, signed_at: signedAt });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 400, field: 'signedAt', violations: ['signedAt: missing'] });
    expect(res.json.message).toBe('contract violation: signedAt: missing');
    const [m] = s.stats().messages;
    expect(m).toMatchObject({
      status: 400,
      signatureOk: true,
      violations: ['signedAt: missing'],
      warnings: ['signed_at: not a field of /receipts'],
    });
    expect(s.stats().received).toMatchObject({ contractViolations: 1, warnings: 1 });
    expect(lines).toEqual([
      expect.stringMatching(/← \/receipts +YT1 .*sig OK +→ 400 CONTRACT VIOLATION$/),
      '    CONTRACT VIOLATION signedAt: missing',
      '    warning: signed_at: not a field of /receipts',
    ]);

    // The same messageId put right is taken, and is no repeat: the refused one was never taken.
    expect((await send('/receipts', VALID['/receipts'])).status).toBe(200);
    expect(s.stats().messages[1]).toMatchObject({ status: 200, repeat: false });
  });

  it.each([
    ['/feedback', { ticketNo: 42 }, 'ticketNo: must be a string, got a number'],
    ['/feedback', { handler: null }, 'handler: must be a string, got null'],
    ['/progress', { note: ['a'] }, 'note: must be a string, got an array'],
    ['/receipts', { orderNo: '' }, 'orderNo: must not be empty'],
    ['/returns', { messageId: undefined }, 'messageId: missing'],
    ['/extensions', { requestedDueAt: '2026-11-28T09:00:00' }, 'requestedDueAt: must be an ISO-8601'],
    ['/extensions', { requestedDueAt: 1795827600000 }, 'requestedDueAt: must be a string, got a number'],
    ['/feedback', { completedAt: '2026-02-30T09:00:00+08:00' }, 'completedAt: must be an ISO-8601'],
    ['/returns', { at: '28/11/2026 09:00 +08:00' }, 'at: must be an ISO-8601'],
  ] as const)('refuses %s with %j: %s', async (path, change, why) => {
    const s = await receiver();
    const res = await send(path, { ...VALID[path], ...change });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe(400);
    expect((res.json.violations as string[])[0]).toContain(why);
    expect(s.stats().received.contractViolations).toBe(1);
  });

  it('names every violation of one message', async () => {
    await receiver();
    const res = await send('/feedback', { messageId: 'm-x', orderNo: 'YT1', result: 3 });
    expect(res.json.violations).toEqual([
      'ticketNo: missing',
      'result: must be a string, got a number',
      'department: missing',
      'handler: missing',
      'completedAt: missing',
    ]);
    expect(res.json.field).toBe('ticketNo');
  });

  it('takes a message with an extra field, with a warning', async () => {
    const s = await receiver();
    const res = await send('/progress', { ...VALID['/progress'], operator: 'handler.zjj' });
    expect(res).toEqual({ status: 200, json: { code: 0 } });
    expect(s.stats().messages[0]).toMatchObject({
      violations: [],
      warnings: ['operator: not a field of /progress'],
    });
    expect(s.stats().received).toMatchObject({ contractViolations: 0, warnings: 1 });
    expect(lines[1]).toBe('    warning: operator: not a field of /progress');
  });

  it('checks the signature first, and the contract before the mode', async () => {
    const s = await receiver('down');
    expect((await send('/receipts', { messageId: 'm-1' }, 'a-wrong-secret')).status).toBe(401);
    expect((await send('/receipts', { messageId: 'm-2' })).status).toBe(400);
    expect((await send('/receipts', VALID['/receipts'])).status).toBe(503);
    expect(s.stats().received).toMatchObject({ total: 3, badSignatures: 1, contractViolations: 1 });
  });
});

describe('isIsoWithOffset', () => {
  it.each([
    '2026-11-28T09:00:00+08:00',
    '2026-11-28T09:00:00.123+08:00',
    '2026-11-28T01:00:00Z',
    '2026-11-28T09:00+08:00',
    '2028-02-29T09:00:00-05:30',
  ])('takes %s', (value) => expect(isIsoWithOffset(value)).toBe(true));

  it.each([
    '2026-11-28T09:00:00',
    '2026-11-28 09:00:00+08:00',
    '2026-11-28',
    '2026-11-28T09:00:00+0800',
    '2026-11-28T24:00:00+08:00',
    '2026-13-01T09:00:00+08:00',
    '2027-02-29T09:00:00+08:00',
    'yesterday',
    '',
  ])('refuses %j', (value) => expect(isIsoWithOffset(value)).toBe(false));
});
