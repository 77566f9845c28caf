import WebSocket from 'ws';

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
