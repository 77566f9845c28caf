// The load driver, run as its own process (`node --import tsx driver.ts`, config in DRIVER_CONFIG): signed
// Yantai orders walked through accept → dispatch → sign → report_progress → reply → approve_reply by
// demo users, several orders at a time, while a prober times `/api/health`. Every 2xx goes to the journal
// before the next request. When the server is gone (killed), it waits for it, reads the ticket back and
// carries on from what was committed. SIGTERM: finish the requests in flight, print a summary line, exit.
import { randomUUID } from 'node:crypto';
import { quantile } from '../../bench/load.js';
import { type HotlineClient, hotlineClient, NoAnswer, orderBody, type TicketView } from './client.js';
import { openJournal } from './journal.js';

export interface DriverConfig {
  baseUrl: string;
  secret: string;
  journal: string;
  /** Orders in flight at once. */
  pipelines: number;
  /** Prefix of the orderNos (unique per run). */
  prefix: string;
  /** Department codes the orders are dispatched to (their `handler.<code>` signs and replies). */
  departments: string[];
  /** Pause between health probes (0: no prober). */
  healthEveryMs: number;
}

export interface DriverSummary {
  orders: number;
  actions: number;
  noAnswer: number;
  refused: Record<string, number>;
  health: { count: number; errors: number; p50: number; p99: number; max: number };
}

type Step = 'accept' | 'dispatch' | 'sign' | 'report_progress' | 'reply' | 'approve_reply' | 'done';
const ACTOR: Record<Exclude<Step, 'done'>, 'dispatcher' | 'handler' | 'supervisor'> = {
  accept: 'dispatcher',
  dispatch: 'dispatcher',
  sign: 'handler',
  report_progress: 'handler',
  reply: 'handler',
  approve_reply: 'supervisor',
};

const AFTER: Record<Exclude<Step, 'done'>, Step> = {
  accept: 'dispatch',
  dispatch: 'sign',
  sign: 'report_progress',
  report_progress: 'reply',
  reply: 'approve_reply',
  approve_reply: 'done',
};

/** The next step of an order from what the server has committed (after an answer was lost). */
export function nextStep(t: TicketView): Step {
  const did = (a: string) => (t.events ?? []).some((e) => e.action === a);
  switch (t.status) {
    case 'pending_dispatch':
      return did('accept') ? 'dispatch' : 'accept';
    case 'dispatched':
      return 'sign';
    case 'in_progress':
      return did('report_progress') ? 'reply' : 'report_progress';
    case 'replied':
      return 'approve_reply';
    default:
      return 'done';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function main(config: DriverConfig) {
  const client: HotlineClient = hotlineClient(config.baseUrl, config.secret);
  const journal = openJournal(config.journal);
  let stopping = false;
  const summary: DriverSummary = {
    orders: 0,
    actions: 0,
    noAnswer: 0,
    refused: {},
    health: { count: 0, errors: 0, p50: 0, p99: 0, max: 0 },
  };
  const refused = (what: string, status: number) => {
    const key = `${what} ${status}`;
    summary.refused[key] = (summary.refused[key] ?? 0) + 1;
  };

  /** Retries `fn` until it answers; false when stopping first. */
  async function answered<T>(fn: () => Promise<T>): Promise<T | null> {
    for (;;) {
      if (stopping) return null;
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof NoAnswer)) throw err;
        summary.noAnswer += 1;
        await sleep(150);
      }
    }
  }

  // One login per user, shared by every pipeline (argon2 is slow on purpose); again after a 401.
  const tokens = new Map<string, Promise<string | null>>();
  function token(username: string, fresh = false): Promise<string | null> {
    const known = tokens.get(username);
    if (known && !fresh) return known;
    const pending = answered(() => client.login(username));
    tokens.set(username, pending);
    return pending;
  }
  const usernames = { dispatcher: 'dispatcher1', supervisor: 'supervisor1' };
  const sup = await token(usernames.supervisor);
  if (!sup) return;
  const deps = await answered(() =>
    client.request<{ id: number; code: string }[]>('GET', '/api/departments', { token: sup }),
  );
  const leads = config.departments.map((code) => {
    const d = deps?.body.find((x) => x.code === code);
    if (!d) throw new Error(`no department ${code}`);
    return { code, id: d.id };
  });

  async function readBack(no: string): Promise<TicketView | null> {
    for (;;) {
      const t = await token(usernames.supervisor);
      if (!t) return null;
      const res = await answered(() => client.ticket(t, no));
      if (!res) return null;
      if (res.status === 200) return res.body;
      if (res.status === 401) await token(usernames.supervisor, true);
      else {
        refused('read', res.status);
        await sleep(200);
      }
    }
  }

  async function walk(no: string, lead: { code: string; id: number }): Promise<void> {
    let step: Step = 'accept';
    while (step !== 'done' && !stopping) {
      const role = ACTOR[step];
      const username = role === 'handler' ? `handler.${lead.code}` : usernames[role];
      const t = await token(username);
      if (!t) return;
      const note = step === 'report_progress' ? `progress ${randomUUID()}` : undefined;
      const body =
        step === 'dispatch'
          ? { lead: lead.id }
          : step === 'report_progress'
            ? { note }
            : step === 'reply'
              ? { publicReply: '已协调供热公司上门检修，室温恢复正常。', solved: true }
              : {};
      let res: Awaited<ReturnType<HotlineClient['act']>>;
      try {
        res = await client.act(t, no, step, body);
      } catch (err) {
        if (!(err instanceof NoAnswer)) throw err;
        summary.noAnswer += 1;
        // The action may or may not have been committed: ask the server where the ticket is.
        await sleep(150);
        const back = await readBack(no);
        if (!back) return;
        step = nextStep(back);
        continue;
      }
      if (res.status >= 200 && res.status < 300) {
        journal.append({ k: 'action', ticketNo: no, action: step, ...(note ? { note } : {}), t: Date.now() });
        summary.actions += 1;
        step = AFTER[step];
      } else if (res.status === 401) {
        await token(username, true);
      } else {
        refused(step, res.status);
        await sleep(100);
        const back = await readBack(no);
        if (!back) return;
        step = nextStep(back);
      }
    }
  }

  async function pipeline(p: number): Promise<void> {
    for (let i = 1; !stopping; i++) {
      const orderNo = `${config.prefix}-${p}-${i}`;
      let ticketNo: string | null = null;
      while (!ticketNo && !stopping) {
        const res = await answered(() => client.postOrder(orderBody(orderNo)));
        if (!res) return;
        if (res.status === 200 && res.body.ticketNo) {
          ticketNo = res.body.ticketNo;
          journal.append({ k: 'order', orderNo, ticketNo, t: Date.now() });
          summary.orders += 1;
        } else {
          refused('order', res.status);
          await sleep(200);
        }
      }
      if (ticketNo) await walk(ticketNo, leads[(p + i) % leads.length]!);
    }
  }

  const latencies: number[] = [];
  async function prober(): Promise<void> {
    while (!stopping) {
      const started = performance.now();
      try {
        const res = await client.health();
        if (res.status === 200) latencies.push(performance.now() - started);
        else summary.health.errors += 1;
      } catch {
        summary.health.errors += 1;
      }
      await sleep(config.healthEveryMs);
    }
  }

  process.on('SIGTERM', () => {
    stopping = true;
  });
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  await Promise.all([
    ...Array.from({ length: config.pipelines }, (_, p) => pipeline(p)),
    ...(config.healthEveryMs > 0 ? [prober()] : []),
  ]);
  journal.close();
  latencies.sort((a, b) => a - b);
  summary.health = {
    ...summary.health,
    count: latencies.length,
    p50: latencies.length ? quantile(latencies, 0.5) : 0,
    p99: latencies.length ? quantile(latencies, 0.99) : 0,
    max: latencies.at(-1) ?? 0,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

const raw = process.env.DRIVER_CONFIG;
if (raw) {
  main(JSON.parse(raw) as DriverConfig).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(
        `driver failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
