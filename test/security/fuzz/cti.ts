// CTI v1 frames from a gateway that misbehaves: garbage text, binary, JSON of the wrong shape, known
// types with mutated fields, big frames, unknown callIds and events out of order.
import fc from 'fast-check';
import { GatewayFrame, parseFrame } from '../../../server/calls/cti.protocol.js';
import { toIso } from '../../../server/core/clock.js';
import { connectGateway } from '../../helpers/gateway.js';
import { until } from '../../helpers/sockets.js';
import { type JsonSchema, mutated, nastyString, nastyValue } from './arbitraries.js';
import { assertNoCrash, type FuzzEnv } from './harness.js';

export const CTI_TOKEN = 'fuzz-cti-token-0123456789';
type Gateway = Awaited<ReturnType<typeof connectGateway>>;

const CALL_IDS = ['fz-a', 'fz-b', 'fz-c'];
/** An agent number nobody has. */
const UNKNOWN_AGENT = '9999';
const AGENTS = ['1001', '1002', UNKNOWN_AGENT];

/** A schema-valid frame about a small set of calls and agents, so sequences interleave and collide. */
export const validFrameArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({
    type: fc.constant('call.offered'),
    callId: fc.constantFrom(...CALL_IDS),
    from: fc.constantFrom('13900001111', '', '+86-535-1234567'),
    to: fc.constantFrom('12345', '89000', '110', ''),
    at: fc.constantFrom(toIso(Date.now()), 'not a time', '+275760-09-13T00:00:00.000Z'),
  }),
  fc.record({
    type: fc.constant('call.input'),
    callId: fc.constantFrom(...CALL_IDS),
    digits: fc.stringMatching(/^[0-9*#]{0,8}$/),
  }),
  fc.record({
    type: fc.constant('call.answered'),
    callId: fc.constantFrom(...CALL_IDS),
    agent: fc.constantFrom(...AGENTS),
  }),
  fc.record({
    type: fc.constant('call.bridge_failed'),
    callId: fc.constantFrom(...CALL_IDS),
    agent: fc.constantFrom(...AGENTS),
    reason: fc.constantFrom('no_answer', ''),
  }),
  fc.record({ type: fc.constant('call.agent_left'), callId: fc.constantFrom(...CALL_IDS) }),
  fc.record({
    type: fc.constant('call.ended'),
    callId: fc.constantFrom(...CALL_IDS),
    reason: fc.constantFrom('hangup', ''),
    at: fc.constant(toIso(Date.now())),
  }),
  fc.record({
    type: fc.constant('call.recording'),
    callId: fc.constantFrom(...CALL_IDS),
    url: fc.constantFrom('https://rec.example/a.wav', 'HTTP://rec.example/b.mp3'),
    seconds: fc.nat({ max: 100_000 }),
  }),
  fc.record({
    type: fc.constant('agent.state'),
    agent: fc.constantFrom(...AGENTS),
    state: fc.constantFrom('ready', 'not_ready', 'busy', 'wrap_up', 'offline'),
  }),
  fc.record({ type: fc.constant('ack'), cmdId: fc.oneof(fc.uuid(), fc.constant('unknown-cmd')) }),
);

/** A frame that is not a valid CTI v1 frame: the server must answer `{type:"error"}` and change nothing. */
export const invalidFrameArb: fc.Arbitrary<string | Buffer> = fc
  .oneof(
    // Under the server's 64 KiB frame limit in bytes (a frame over it closes the connection, tested apart).
    nastyString.filter((s) => Buffer.byteLength(s) < 60_000),
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    nastyValue.map((v) => JSON.stringify({ type: v })),
    ...(GatewayFrame.anyOf as unknown as JsonSchema[]).map((s) =>
      mutated(s)
        .map((m) => JSON.stringify(m.value) ?? 'undefined')
        .filter((raw) => Buffer.byteLength(raw) < 60_000),
    ),
    fc.integer({ min: 1000, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  )
  .filter((f) => (typeof f === 'string' ? Buffer.byteLength(f) : f.length) < 60_000);

/** The server's own check: a mutation may leave a frame valid after all. */
const isValid = (raw: string | Buffer) => parseFrame(raw.toString('utf8')).ok;

let sentinel = 0;
let sequence = 0;

/** Sends one frame, then a sentinel the server must refuse, and waits until that refusal and the batch after it. */
async function sendAndSettle(g: Gateway, frame: string | Buffer): Promise<{ errors: number }> {
  const start = g.frames.length;
  g.ws.send(frame);
  sentinel += 1;
  const mark = `fuzz-sentinel-${sentinel}`;
  g.send({ type: mark });
  await until(
    () => g.frames.slice(start).some((f) => f.type === 'error' && String(f.reason).includes(mark)),
    5000,
    `the refusal of ${mark}`,
  );
  // Valid frames are handled in the next group commit (setImmediate); let it run.
  await new Promise((r) => setTimeout(r, 2));
  const errors = g.frames
    .slice(start)
    .filter((f) => f.type === 'error' && !String(f.reason).includes(mark)).length;
  return { errors };
}

async function healthy(env: FuzzEnv, g: Gateway, what: () => string) {
  if (g.ws.readyState !== g.ws.OPEN) throw new Error(`${what()}: the gateway connection was closed`);
  const res = await env.t.app.inject({ method: 'GET', url: '/api/health' });
  if (res.statusCode !== 200) throw new Error(`${what()}: health answered ${res.statusCode}`);
  assertNoCrash(env, what);
}

const show = (f: string | Buffer) => {
  const s = typeof f === 'string' ? JSON.stringify(f) : `<binary ${f.toString('hex').slice(0, 80)}>`;
  return s.length > 300 ? `${s.slice(0, 300)}… (${s.length})` : s;
};

/** Invalid frames: one error frame each, the connection stays open, nothing written. */
export function invalidFrameProperty(env: FuzzEnv, g: () => Gateway) {
  return fc.asyncProperty(invalidFrameArb, async (frame) => {
    env.count('cti invalid frames');
    const valid = isValid(frame);
    const before = env.snapshot();
    const { errors } = await sendAndSettle(g(), frame);
    const what = () => `frame ${show(frame)}`;
    if (!valid) {
      if (errors !== 1) throw new Error(`${what()}: ${errors} error frames instead of 1`);
      env.expectUnchanged(before, what());
    }
    await healthy(env, g(), what);
  });
}

/**
 * Sequences of schema-valid frames in any order (answered before offered, ended twice, unknown agents and
 * commands): no logged failure, no crash; frames about calls never offered change nothing. The one error frame
 * a valid frame may get is the refusal of `call.answered` by an agent nobody has (9999), which changes nothing.
 */
export function frameSequenceProperty(env: FuzzEnv, g: () => Gateway) {
  return fc.asyncProperty(fc.array(validFrameArb, { minLength: 1, maxLength: 8 }), async (frames) => {
    // Each sequence is about calls nobody has heard of yet.
    sequence += 1;
    const offered = new Set<string>();
    for (const template of frames) {
      const frame =
        typeof template.callId === 'string'
          ? { ...template, callId: `${template.callId}-${sequence}` }
          : template;
      env.count('cti valid frame sequences');
      const what = () => `sequence ${JSON.stringify(frames)} at ${JSON.stringify(frame)}`;
      const callId = typeof frame.callId === 'string' ? frame.callId : null;
      const untouched = callId !== null && frame.type !== 'call.offered' && !offered.has(callId);
      const refusable = frame.type === 'call.answered' && frame.agent === UNKNOWN_AGENT;
      const before = env.snapshot();
      const { errors } = await sendAndSettle(g(), JSON.stringify(frame));
      if (errors !== 0 && !refusable)
        throw new Error(`${what()}: a valid frame was answered with an error frame`);
      if (untouched || errors !== 0)
        env.expectUnchanged(before, `${what()} (a call never offered, or refused)`);
      if (frame.type === 'call.offered' && callId) offered.add(callId);
      await healthy(env, g(), what);
    }
  });
}

/** Connects the gateway (the fixture's token) for the properties above. */
export async function gatewayFor(env: FuzzEnv): Promise<Gateway> {
  if (!env.url) throw new Error('the CTI fuzz needs a listening app');
  return connectGateway(env.url, CTI_TOKEN);
}

/** The app's settings for the CTI fuzz: its token, and timers long enough not to fire between two snapshots. */
export const CTI_ENV = { CTI_TOKEN, RING_TIMEOUT_SEC: '600', WRAP_UP_SEC: '600' };

/**
 * A frame over the 64 KiB limit: the websocket layer closes that connection (1009); the server goes on,
 * writes nothing, and the gateway can connect again and is answered.
 */
export async function hugeFrameCheck(env: FuzzEnv): Promise<void> {
  env.count('cti huge frames');
  const g = await gatewayFor(env);
  const before = env.snapshot();
  const closed = new Promise<number>((resolve) => g.ws.once('close', (code: number) => resolve(code)));
  g.ws.send(
    JSON.stringify({ type: 'call.offered', callId: 'huge', from: 'x'.repeat(70_000), to: '12345', at: '' }),
  );
  const code = await closed;
  if (code !== 1009) throw new Error(`a frame over the limit closed the connection with ${code}, not 1009`);
  env.expectUnchanged(before, 'a frame over the limit');
  // The refusal is the gateway's fault: logged as a warning. An error line would fail the health check below.
  const again = await gatewayFor(env);
  await sendAndSettle(again, 'still there?');
  await healthy(env, again, () => 'after a frame over the limit');
  again.close();
}
