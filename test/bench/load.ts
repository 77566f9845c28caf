import http from 'node:http';

export interface LoadResult {
  count: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export interface Req {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
  /** Sent as is instead of `body` (signed requests). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Value at quantile q of sorted millisecond samples. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Sends `requests` to 127.0.0.1:port over keep-alive connections, `concurrency` at a time; times each. */
export async function runLoad(port: number, requests: Req[], concurrency: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const one = (r: Req) =>
    new Promise<void>((resolve) => {
      const payload = r.rawBody ?? (r.body === undefined ? undefined : JSON.stringify(r.body));
      const started = process.hrtime.bigint();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: r.method,
          path: r.path,
          agent,
          headers: {
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
            ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
            ...r.headers,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            if ((res.statusCode ?? 500) >= 300) errors += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(payload);
    });
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        await one(r);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    count: requests.length,
    errors,
    seconds,
    perSecond: requests.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}
