// Sends the realtime benchmark's load: one POST per slot at RATE a second, on schedule, over loopback.
import http from 'node:http';
import { RATE } from './realtime-plan.js';

export interface Send {
  path: string;
  body: unknown;
  token?: string;
  /** Sends with the same key go in order, each once the one before it has been answered. */
  key?: number;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends `sends` to 127.0.0.1:port at RATE a second, on schedule; counts the answers that are not 2xx. */
export async function drive(port: number, sends: Send[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let errors = 0;
  let firstError: string | null = null;
  let behind = 0;
  const post = (s: Send) =>
    new Promise<void>((resolve) => {
      const payload = JSON.stringify(s.body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: s.path,
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...(s.token ? { authorization: `Bearer ${s.token}` } : {}),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString('utf8');
          });
          res.on('end', () => {
            if ((res.statusCode ?? 500) >= 300) {
              errors += 1;
              firstError ??= `${s.path}: ${res.statusCode} ${text.slice(0, 200)}`;
            }
            resolve();
          });
        },
      );
      req.on('error', (err) => {
        errors += 1;
        firstError ??= `${s.path}: ${err.message}`;
        resolve();
      });
      req.end(payload);
    });
  const chains = new Map<number, Promise<void>>();
  const all: Promise<void>[] = [];
  const t0 = performance.now() + 20;
  for (const [n, s] of sends.entries()) {
    const due = t0 + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const prev = s.key === undefined ? undefined : chains.get(s.key);
    const sent = (prev ?? Promise.resolve()).then(() => {
      behind = Math.max(behind, performance.now() - due);
      return post(s);
    });
    if (s.key !== undefined) chains.set(s.key, sent);
    all.push(sent);
  }
  await Promise.all(all);
  agent.destroy();
  return { errors, firstError, behind };
}
