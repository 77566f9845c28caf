import { type Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { StringEnum } from '../core/http.js';
import type { GatewayCommand } from '../ivr/ivr.engine.js';
import { AGENT_STATES } from './calls.tables.js';

const Id = Type.String({ minLength: 1, maxLength: 128 });
const Time = Type.String({ minLength: 1, maxLength: 40 });

/** Gateway → server frames (CTI v1, DESIGN.md §6). */
export const GatewayFrame = Type.Union([
  Type.Object({
    type: Type.Literal('call.offered'),
    callId: Id,
    from: Type.String({ maxLength: 32 }),
    to: Type.String({ maxLength: 32 }),
    at: Time,
  }),
  Type.Object({
    type: Type.Literal('call.input'),
    callId: Id,
    digits: Type.String({ maxLength: 64, pattern: '^[0-9*#]*$' }),
  }),
  Type.Object({ type: Type.Literal('call.answered'), callId: Id, agent: Id }),
  Type.Object({
    type: Type.Literal('call.bridge_failed'),
    callId: Id,
    agent: Id,
    reason: Type.String({ maxLength: 200 }),
  }),
  Type.Object({ type: Type.Literal('call.agent_left'), callId: Id }),
  Type.Object({
    type: Type.Literal('call.ended'),
    callId: Id,
    reason: Type.String({ maxLength: 200 }),
    at: Time,
  }),
  Type.Object({
    type: Type.Literal('call.recording'),
    callId: Id,
    // Shown to staff as a link to listen: only a web address, never `javascript:` or a file path.
    url: Type.String({ maxLength: 2000, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' }),
    seconds: Type.Integer({ minimum: 0 }),
  }),
  Type.Object({ type: Type.Literal('agent.state'), agent: Id, state: StringEnum(AGENT_STATES) }),
  Type.Object({ type: Type.Literal('ack'), cmdId: Id }),
]);
export type GatewayFrame = Static<typeof GatewayFrame>;

const check = TypeCompiler.Compile(GatewayFrame);

/** Parses one frame; a malformed or unknown one gives the reason to send back in an `error` frame. */
export function parseFrame(raw: string): { ok: true; frame: GatewayFrame } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (check.Check(value)) return { ok: true, frame: value };
  const type = (value as { type?: unknown } | null)?.type;
  const known = GatewayFrame.anyOf.some((s) => s.properties.type.const === type);
  if (!known) return { ok: false, reason: `unknown frame type ${JSON.stringify(type ?? null)}` };
  const schema = GatewayFrame.anyOf.find((s) => s.properties.type.const === type)!;
  const first = TypeCompiler.Compile(schema).Errors(value).First();
  return {
    ok: false,
    reason: `${String(type)}: ${first ? `${first.path || '/'} ${first.message}` : 'invalid'}`,
  };
}

/** Server → gateway commands; `cmdId` is added when sent. */
export type GatewayCommandFrame =
  | { type: 'play'; callId: string; text: string }
  | {
      type: 'collect';
      callId: string;
      text: string;
      maxDigits: number;
      timeoutSec: number;
      terminator: string;
    }
  | { type: 'enqueue'; callId: string; queue: string }
  | { type: 'bridge'; callId: string; agent: string }
  | { type: 'forward'; callId: string; to: string }
  | { type: 'voicemail'; callId: string }
  | { type: 'hangup'; callId: string };

/** The gateway frame of an IVR command for one call (the IVR's own `callback_task`/`survey_result` excluded). */
export function gatewayFrameOf(callId: string, cmd: GatewayCommand): GatewayCommandFrame {
  switch (cmd.type) {
    case 'enqueue':
      return { type: 'enqueue', callId, queue: cmd.queue };
    case 'collect':
      return {
        type: 'collect',
        callId,
        text: cmd.text,
        maxDigits: cmd.maxDigits,
        timeoutSec: cmd.timeoutSec,
        terminator: cmd.terminator,
      };
    case 'play':
      return { type: 'play', callId, text: cmd.text };
    case 'forward':
      return { type: 'forward', callId, to: cmd.to };
    case 'voicemail':
      return { type: 'voicemail', callId };
    case 'hangup':
      return { type: 'hangup', callId };
  }
}
