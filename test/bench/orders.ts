// Signed Yantai orders for the benchmarks, and the CPU time a server process spends on them.
import { readdirSync, readFileSync } from 'node:fs';
import { signedHeaders } from '../../server/upstream/upstream.signature.js';
import { yantaiOrder } from '../helpers/order.js';
import { BENCH_UPSTREAM_SECRET } from './bench-secret.js';
import type { Req } from './load.js';

const STARTED = Date.now();

/** A new order from Yantai, numbered `i` in this run (numbers in order, as Yantai's are). */
export const benchOrder = (i: number) =>
  yantaiOrder(STARTED, {
    messageId: `bench-${STARTED}-${i}`,
    orderNo: `YTB${STARTED}${String(i).padStart(6, '0')}`,
  });

let next = 0;
/** `n` new orders, each with a fresh nonce and timestamp, signed now: build them just before their run. */
export const signedOrders = (n: number): Req[] =>
  Array.from({ length: n }, () => {
    const raw = JSON.stringify(benchOrder(next++));
    return {
      method: 'POST',
      path: '/api/upstream/v1/orders',
      rawBody: raw,
      headers: signedHeaders(BENCH_UPSTREAM_SECRET, raw, Date.now()),
    };
  });

/** Clock ticks per second in /proc (USER_HZ; 100 on Linux). */
const TICKS = 100;
const ticksOf = (stat: string) => {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

/** CPU time (ms) a process has used so far, all threads, from /proc; NaN where there is none. */
export function cpuMs(pid: number | undefined): number {
  try {
    return (ticksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) * 1000) / TICKS;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (ms) of each thread of a process (by thread id), from /proc; empty where there is none. */
export function threadCpuMs(pid: number | undefined): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      out.set(Number(tid), (ticksOf(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')) * 1000) / TICKS);
    }
  } catch {
    // not Linux, or the process is gone
  }
  return out;
}
