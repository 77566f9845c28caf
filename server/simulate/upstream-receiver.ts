import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkSignature, SIGNATURE_WINDOW_MS } from '../upstream/upstream.signature.js';
import { clip, clockTime, type Out } from './output.js';
import { checkContract, RECEIVE_PATHS, type ReceivePath } from './upstream-contract.js';

export { RECEIVE_PATHS, type ReceivePath } from './upstream-contract.js';

export const MODES = ['ok', 'down', 'slow'] as const;
export type Mode = (typeof MODES)[number];

export interface ReceivedMessage {
  at: number;
  path: ReceivePath;
  messageId: string | null;
  orderNo: string | null;
  body: Record<string, unknown> | null;
  signatureOk: boolean;
  /** Why the signature was refused. */
  signatureError?: string;
  /** The status we answered (or meant to, when the sender gave up first). */
  status: number;
  /** The sender was still there to get the answer. */
  answered: boolean;
  /** A messageId we had already taken (a retry after a lost answer). */
  repeat: boolean;
  /** Where a signed body breaks the contract (missing, misnamed, wrong type): answered 400. */
  violations: string[];
  /** Fields the contract does not list: reported, still taken. */
  warnings: string[];
}

const MAX_BODY = 1024 * 1024;

/** The field worth reading in each kind of message. */
function keyFields(path: ReceivePath, b: Record<string, unknown>): string {
  switch (path) {
    case '/receipts':
      return `ticketNo=${String(b.ticketNo)} signedAt=${String(b.signedAt)}`;
    case '/returns':
      return `reason="${clip(b.reason)}"`;
    case '/progress':
      return `note="${clip(b.note)}"`;
    case '/extensions':
      return `requestedDueAt=${String(b.requestedDueAt)} reason="${clip(b.reason, 20)}"`;
    case '/feedback':
      return `ticketNo=${String(b.ticketNo)} result="${clip(b.result)}" dept=${String(b.department)}`;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function answer(res: ServerResponse, status: number, body: object): boolean {
  if (res.destroyed || res.socket === null || res.socket.destroyed) return false;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  return true;
}

/**
 * Yantai's side of our outbound messages: checks each signature (and that its nonce is fresh), then each
 * body against the contract's fields for its path (400 on a violation), answers as the mode says, prints
 * one line per message (plus one per violation or warning) and reports each to `onMessage`.
 */
export async function startReceiver(opts: {
  port: number;
  secret: string;
  mode: () => Mode;
  slowMs: number;
  out: Out;
  signal: AbortSignal;
  onMessage: (m: ReceivedMessage) => void;
}) {
  const nonces = new Map<string, number>();
  const taken = new Set<string>();

  function checkNonce(nonce: string, now: number): boolean {
    for (const [n, at] of nonces) if (at < now - 2 * SIGNATURE_WINDOW_MS) nonces.delete(n);
    if (nonces.has(nonce)) return false;
    nonces.set(nonce, now);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    const path = (req.url ?? '').split('?')[0] as ReceivePath;
    if (req.method !== 'POST' || !RECEIVE_PATHS.includes(path)) {
      opts.out(`${clockTime(now)} ← ${req.method} ${req.url} → 404 (not a Yantai v1 path)`);
      answer(res, 404, { code: 404, message: 'not found' });
      return;
    }
    const raw = await readBody(req);
    if (raw === null) {
      answer(res, 413, { code: 413, message: 'body too large' });
      return;
    }
    let check = checkSignature({ secret: opts.secret, headers: req.headers, body: raw, now });
    if (check.ok && !checkNonce(check.nonce, now)) check = { ok: false, reason: 'X-Nonce was already used' };
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
    const messageId = typeof body?.messageId === 'string' ? body.messageId : null;
    const msg: ReceivedMessage = {
      at: now,
      path,
      messageId,
      orderNo: typeof body?.orderNo === 'string' ? body.orderNo : null,
      body,
      signatureOk: check.ok,
      ...(check.ok ? {} : { signatureError: check.reason }),
      status: 200,
      answered: false,
      repeat: check.ok && messageId !== null && taken.has(messageId),
      violations: [],
      warnings: [],
    };
    if (check.ok && body) Object.assign(msg, checkContract(path, body));
    const head = `${clockTime(now)} ← ${path.padEnd(11)} ${msg.orderNo ?? '(no orderNo)'}  ${
      body ? keyFields(path, body) : '(not JSON)'
    }  sig ${check.ok ? 'OK' : `BAD (${check.reason})`}${msg.repeat ? '  (repeat)' : ''}`;
    const mode = opts.mode();
    /** The message's line, then one line per contract violation and per warning. */
    const print = (line: string) => {
      opts.out(line);
      for (const violation of msg.violations) opts.out(`    CONTRACT VIOLATION ${violation}`);
      for (const warning of msg.warnings) opts.out(`    warning: ${warning}`);
    };

    let refusal: object | null = null;
    if (!check.ok) [msg.status, refusal] = [401, { message: check.reason }];
    else if (!body) [msg.status, refusal] = [400, { message: 'the body is not a JSON object' }];
    else if (msg.violations.length > 0) {
      const field = msg.violations[0]!.split(':')[0];
      const message = `contract violation: ${msg.violations.join('; ')}`;
      [msg.status, refusal] = [400, { message, field, violations: msg.violations }];
    } else if (mode === 'down') [msg.status, refusal] = [503, { message: '平台维护中' }];
    if (refusal !== null) {
      msg.answered = answer(res, msg.status, { code: msg.status, ...refusal });
      const why = msg.status === 503 ? ' (down)' : msg.violations.length > 0 ? ' CONTRACT VIOLATION' : '';
      print(`${head}  → ${msg.status}${why}`);
      opts.onMessage(msg);
      return;
    }
    if (mode === 'slow') {
      print(`${head}  → (slow: answering in ${opts.slowMs / 1000} s)`);
      await sleep(opts.slowMs, undefined, { signal: opts.signal }).catch(() => undefined);
    }
    msg.answered = answer(res, 200, { code: 0 });
    if (msg.answered && messageId) taken.add(messageId);
    if (mode === 'slow') {
      const late = msg.answered ? 'answered 200 {"code":0}' : 'the sender gave up before the answer';
      opts.out(`${clockTime(Date.now())} ← ${path.padEnd(11)} ${msg.orderNo}  ${late} (slow)`);
    } else {
      print(`${head}  → 200 {"code":0}`);
    }
    opts.onMessage(msg);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.out(`receiver error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) answer(res, 500, { code: 500, message: 'simulator error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
