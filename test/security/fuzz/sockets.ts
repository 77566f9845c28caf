// socket.io consoles that misbehave: arbitrary `auth` payloads and cookies at the handshake, then
// arbitrary event names and payloads once connected.
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { nastyString, nastyValue } from './arbitraries.js';
import { assertNoCrash, type FuzzEnv, type Who } from './harness.js';

const WHO: Who[] = ['admin', 'operator', 'dispatcher', 'supervisor', 'handler', 'town', 'village'];

interface Handshake {
  token: { kind: 'valid'; who: Who } | { kind: 'absent' } | { kind: 'value'; value: unknown };
  lastSeq: { kind: 'absent' } | { kind: 'value'; value: unknown };
  cookie: string | null;
  wholeAuth: unknown;
}

const handshakeArb: fc.Arbitrary<Handshake> = fc.record({
  token: fc.oneof(
    fc.constantFrom(...WHO).map((who) => ({ kind: 'valid' as const, who })),
    fc.constant({ kind: 'absent' as const }),
    nastyValue.map((value) => ({ kind: 'value' as const, value })),
  ),
  lastSeq: fc.oneof(
    fc.constant({ kind: 'absent' as const }),
    fc
      .oneof(
        nastyValue,
        fc.constantFrom(-1, 0, 1, 1e300, Number.MAX_SAFE_INTEGER, 2 ** 63, 3.5, '5', { $gt: 0 }, [1]),
      )
      .map((value) => ({ kind: 'value' as const, value })),
  ),
  cookie: fc.option(
    fc.oneof(
      fc.constantFrom(
        'hotline_session=%E0%A4%A',
        'hotline_session=%',
        'hotline_session=',
        'hotline_session',
        '=;=;;',
        'hotline_session=a; hotline_session=b',
      ),
      // Only what an HTTP header may carry: printable ASCII.
      // Under Node's 16 KiB header limit (a bigger header is refused with 431 before socket.io sees it).
      nastyString.map(
        (s) => `hotline_session=${[...s.slice(0, 8000)].filter((ch) => ch >= ' ' && ch <= '~').join('')}`,
      ),
    ),
    { nil: null },
  ),
  // Now and then the whole auth is not an object at all.
  wholeAuth: fc.option(nastyValue, { nil: undefined, freq: 8 }),
});

function authOf(env: FuzzEnv, h: Handshake): unknown {
  if (h.wholeAuth !== undefined) return h.wholeAuth;
  const auth: Record<string, unknown> = {};
  if (h.token.kind === 'valid') auth.token = env.tokens[h.token.who];
  if (h.token.kind === 'value') auth.token = h.token.value;
  if (h.lastSeq.kind === 'value') auth.lastSeq = h.lastSeq.value;
  return auth;
}

/** Opens a console socket and waits until it is connected (with its sync event) or refused. */
async function open(env: FuzzEnv, h: Handshake) {
  const received: string[] = [];
  const socket: Socket = io(env.url!, {
    auth: authOf(env, h) as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 5000,
    ...(h.cookie ? { extraHeaders: { cookie: h.cookie } } : {}),
  });
  socket.onAny((event: string) => received.push(event));
  const outcome = await new Promise<'connected' | 'refused' | 'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), 5000);
    socket.once('sync:ready', () => {
      clearTimeout(timer);
      resolve('connected');
    });
    socket.once('sync:reload', () => {
      clearTimeout(timer);
      resolve('connected');
    });
    socket.once('connect_error', () => {
      clearTimeout(timer);
      resolve('refused');
    });
    // An auth that is not an object is a malformed CONNECT packet: the server closes the transport.
    socket.io.once('close', () => {
      clearTimeout(timer);
      resolve('refused');
    });
  });
  return { socket, received, outcome };
}

/** JSON for a message, whatever the value (objects with `toString: null`, bigints, cycles). */
function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch {
    return '<unprintable>';
  }
}

/** engine.io's `maxHttpBufferSize` on the server: a bigger packet closes that connection. */
const MAX_PACKET_BYTES = 100_000;

async function healthy(env: FuzzEnv, what: () => string) {
  const res = await env.t.app.inject({ method: 'GET', url: '/api/health' });
  if (res.statusCode !== 200) throw new Error(`${what()}: health answered ${res.statusCode}`);
  assertNoCrash(env, what);
}

/** Any handshake: a valid session connects and syncs; anything else is refused and gets no data. */
export function handshakeProperty(env: FuzzEnv) {
  return fc.asyncProperty(handshakeArb, async (h) => {
    env.count('socket handshakes');
    const what = () => `handshake ${safeJson(h).slice(0, 1000)}`;
    const before = env.snapshot();
    const { socket, received, outcome } = await open(env, h);
    socket.close();
    const authenticated = h.wholeAuth === undefined && h.token.kind === 'valid';
    if (outcome === 'timeout') throw new Error(`${what()}: neither connected nor refused`);
    if (authenticated && outcome !== 'connected') throw new Error(`${what()}: a valid session was refused`);
    if (!authenticated && outcome === 'connected' && !(h.cookie ?? '').includes('hotline_session='))
      throw new Error(`${what()}: connected without a session`);
    if (outcome === 'refused' && received.length > 0)
      throw new Error(`${what()}: a refused socket received ${received.join(', ')}`);
    env.expectUnchanged(before, what());
    await healthy(env, what);
  });
}

const eventName = fc.oneof(
  nastyString.filter((s) => s.length < 2000),
  fc.constantFrom(
    'ping',
    'ticket:event',
    'sync:ready',
    'wallboard:update',
    'call:offered',
    'join',
    'admin',
    '__proto__',
    'constructor',
    'hasOwnProperty',
  ),
);

/** A connected console emitting anything: nothing written, no crash, and it still answers `ping`. */
export function emitProperty(env: FuzzEnv) {
  return fc.asyncProperty(
    fc.constantFrom(...WHO),
    fc.array(fc.tuple(eventName, fc.array(nastyValue, { maxLength: 3 }), fc.boolean()), {
      minLength: 1,
      maxLength: 5,
    }),
    async (who, emits) => {
      const h: Handshake = {
        token: { kind: 'valid', who },
        lastSeq: { kind: 'absent' },
        cookie: null,
        wholeAuth: undefined,
      };
      const { socket, outcome } = await open(env, h);
      const what = () => `${who} emitting ${safeJson(emits).slice(0, 600)}`;
      try {
        if (outcome !== 'connected') throw new Error(`${what()}: could not connect (${outcome})`);
        const before = env.snapshot();
        for (const [event, args, withAck] of emits) {
          env.count('socket emits');
          try {
            if (withAck) socket.emit(event, ...args, () => {});
            else socket.emit(event, ...args);
          } catch {
            // socket.io-client refuses reserved names (connect, disconnect…) before sending: not the server's doing.
          }
        }
        // A packet over the server's limit closes that connection (engine.io's protection): then the
        // server must still take a new console, and nothing was written.
        const oversize = emits.some(
          ([e, args]) => Buffer.byteLength(safeJson([e, ...args])) > MAX_PACKET_BYTES / 2,
        );
        if (oversize) {
          await new Promise((r) => setTimeout(r, 50));
          const again = await open(env, h);
          again.socket.close();
          if (again.outcome !== 'connected')
            throw new Error(`${what()}: no console connects after an oversize packet`);
          env.expectUnchanged(before, what());
          await healthy(env, what);
          return;
        }
        const pong = await new Promise<unknown>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${what()}: no answer to ping`)), 5000);
          socket.emit('ping', (r: unknown) => {
            clearTimeout(timer);
            resolve(r);
          });
        });
        if (!pong || typeof pong !== 'object') throw new Error(`${what()}: odd ping answer ${String(pong)}`);
        env.expectUnchanged(before, what());
        await healthy(env, what);
      } finally {
        socket.close();
      }
    },
  );
}
