import WebSocket from 'ws';
import { until } from './sockets.js';

export interface Frame {
  type: string;
  cmdId?: string;
  callId?: string;
  [k: string]: unknown;
}

/**
 * A telephony gateway for tests: connects to `/cti` with the bearer token, acknowledges every command
 * (unless told not to) and records what it got.
 */
export async function connectGateway(url: string, token: string, opts: { ack?: boolean } = {}) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/cti`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const frames: Frame[] = [];
  ws.on('message', (data: Buffer) => {
    const f = JSON.parse(data.toString('utf8')) as Frame;
    frames.push(f);
    if (opts.ack !== false && f.cmdId) ws.send(JSON.stringify({ type: 'ack', cmdId: f.cmdId }));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    send: (frame: Record<string, unknown>) => ws.send(JSON.stringify(frame)),
    sendRaw: (raw: string) => ws.send(raw),
    /** Commands for one call, in order. */
    commandsFor: (callId: string) => frames.filter((f) => f.callId === callId),
    close: () => ws.close(),
  };
}

export type TestGateway = Awaited<ReturnType<typeof connectGateway>>;

/**
 * A caller on 12345 who finds nobody on duty and leaves a message (the main flow: 0 at the menu, the queue has no
 * agents, 2 at the offer: 留言), then hangs up. Nobody may be ready when it is called.
 */
export async function leaveVoicemail(g: TestGateway, callId: string, from: string): Promise<void> {
  g.send({ type: 'call.offered', callId, from, to: '12345', at: new Date().toISOString() });
  g.send({ type: 'call.input', callId, digits: '0' });
  await until(
    () => g.commandsFor(callId).some((f) => f.type === 'collect' && /留言/.test(String(f.text))),
    3000,
    'the offer',
  );
  g.send({ type: 'call.input', callId, digits: '2' });
  await until(() => g.commandsFor(callId).some((f) => f.type === 'voicemail'), 3000, 'the voicemail command');
  g.send({ type: 'call.ended', callId, reason: 'caller_hangup', at: new Date().toISOString() });
}
