import { classifyPrompt, replyTo } from './calls-callers.js';
import type { ServerFrame } from './calls-gateway.js';
import type { SimCall } from './calls-record.js';
import { clip } from './output.js';

/** Seconds (before --speed) for what callers do. */
export const CALLER_TIMES = {
  key: [1, 4],
  survey: [1, 3],
  patience: [2, 8],
  afterStatus: [0.5, 1.5],
  hangup: [0.3, 1],
  forward: [0.5, 1.5],
  message: [5, 15],
} as const satisfies Record<string, readonly [number, number]>;

type Range = readonly [number, number];

/**
 * The caller's side of each gateway command: answer a `collect` as this kind of caller would, wait
 * in the queue (or give up), and end the call after a `hangup`, `forward` or `voicemail`.
 * `bridge` goes to the agents.
 */
export function callerHandlers(deps: {
  send(frame: Record<string, unknown>): void;
  say(call: SimCall, what: string): void;
  after(call: SimCall, range: Range, fn: () => void): unknown;
  now(): number;
  random(): number;
  end(call: SimCall, reason: string, what?: string): void;
  bridge(call: SimCall, agent: string): void;
}): Record<string, (call: SimCall, f: ServerFrame) => void> {
  const { send, say, after, now, end } = deps;
  const T = CALLER_TIMES;

  function collect(call: SimCall, f: ServerFrame): void {
    const text = String(f.text ?? '');
    const prompt = classifyPrompt(text);
    if (call.phase === 'queued') call.phase = 'ivr';
    const reply = replyTo(call.kind, prompt, text, { waits: call.waits, random: deps.random, now: now() });
    const timeoutSec = typeof f.timeoutSec === 'number' ? f.timeoutSec : 5;
    let range: Range = prompt === 'survey' ? T.survey : T.key;
    if ('hangup' in reply) range = prompt === 'after_status' ? T.afterStatus : T.hangup;
    else if (reply.digits === '') range = [timeoutSec, timeoutSec]; // the collect times out
    after(call, range, () => {
      if ('hangup' in reply) return end(call, 'caller_hangup', reply.note);
      if (prompt === 'survey') call.survey = reply.digits;
      send({ type: 'call.input', callId: call.id, digits: reply.digits });
      say(call, reply.note);
    });
  }

  return {
    play: (call, f) => {
      const text = String(f.text ?? '');
      if (text.includes('登记回拨')) {
        call.callback = true;
        say(call, 'callback registered');
      } else if (text.includes('工单当前状态') || text.includes('未查询到')) {
        call.selfService = true;
        say(call, `status: ${clip(text, 40)}`);
      } else if (text.includes('暂未开通')) say(call, `line not in service: ${clip(text, 40)}`);
    },
    collect,
    enqueue: (call, f) => {
      if (call.answeredAt !== null) return;
      call.phase = 'queued';
      call.enqueuedAt ??= now();
      say(call, `queued (${String(f.queue)})`);
      if (call.kind !== 'hangup-in-queue' || call.impatient) return;
      call.impatient = true;
      after(call, T.patience, () => {
        if (call.answeredAt !== null) return;
        const waited = ((now() - (call.enqueuedAt ?? now())) / 1000).toFixed(1);
        end(call, 'caller_hangup', `hung up in the queue after ${waited} s`);
      });
    },
    bridge: (call, f) => deps.bridge(call, String(f.agent)),
    forward: (call, f) => {
      call.forwarded = true;
      say(call, `forwarded to ${String(f.to)}`);
      after(call, T.forward, () => end(call, 'forwarded'));
    },
    voicemail: (call) => {
      call.voicemail = true;
      say(call, 'leaves a voice message');
      after(call, T.message, () => end(call, 'voicemail_done'));
    },
    hangup: (call) => {
      after(call, T.hangup, () => end(call, 'hangup'));
    },
  };
}
