// The invariants of a reliability run, as a pure function of three records: the driver's journal (what got
// a 2xx), a snapshot of the database after the run, and what the Yantai stub received. Unit-tested with
// doctored records in test/reliability/checker.test.ts.
import type { JournalEntry } from './journal.js';
import type { StubRequest } from './stub.js';

export interface DbSnapshot {
  integrity: string;
  events: { seq: number; ticketNo: string; action: string; note: string | null }[];
  tickets: { no: string; orderNo: string | null }[];
  outbox: {
    id: number;
    messageId: string;
    orderNo: string;
    ticketNo: string;
    kind: string;
    state: string;
    sourceSeq: number;
  }[];
}

export interface RunCounts {
  ordersAcked: number;
  ordersPresentOnce: number;
  actionsAcked: number;
  actionsPresentOnce: number;
  events: number;
  maxSeq: number;
  seqGaps: number;
  outboxMessages: number;
  outboxDelivered: number;
  outboxDead: number;
  outboxWaiting: number;
  stubRequests: number;
  messagesAcked: number;
  redeliveries: number;
  orderViolations: number;
  badSignatures: number;
  integrity: string;
}

/** Actions the driver takes at most once per ticket: the event log must never hold two. */
const ONCE = ['register', 'accept', 'dispatch', 'sign', 'report_progress', 'reply', 'approve_reply'];
/** Events of an upstream order that must queue exactly one message to Yantai. */
const MESSAGE_EVENTS = ['accept', 'report_progress', 'approve_reply', 'return_upstream'];

/**
 * Checks every invariant and counts. `drained`: the outbox must be empty (every message delivered).
 * Problems are human-readable; an empty list means the run kept every promise.
 */
export function checkRun(input: {
  journal: JournalEntry[];
  db: DbSnapshot;
  stub: StubRequest[];
  drained: boolean;
}): { counts: RunCounts; problems: string[] } {
  const { journal, db, stub, drained } = input;
  const problems: string[] = [];

  if (db.integrity !== 'ok') problems.push(`integrity_check: ${db.integrity}`);

  // The event log: seq 1..max without a gap or a repeat.
  const seqs = db.events.map((e) => e.seq).sort((a, b) => a - b);
  const maxSeq = seqs.at(-1) ?? 0;
  let seqGaps = 0;
  for (let i = 0; i < seqs.length; i++) {
    if (seqs[i] !== i + 1) {
      seqGaps += 1;
      if (seqGaps <= 3) problems.push(`event seq: expected ${i + 1} at position ${i + 1}, found ${seqs[i]}`);
    }
  }
  if (seqs.length !== maxSeq) problems.push(`event seq: ${seqs.length} events but max seq ${maxSeq}`);

  const eventsOf = new Map<string, DbSnapshot['events']>();
  for (const e of db.events) {
    const list = eventsOf.get(e.ticketNo) ?? [];
    list.push(e);
    eventsOf.set(e.ticketNo, list);
  }

  // Orders: each acknowledged order is exactly one ticket, the one that was answered (also on a resend).
  const orders = new Map<string, string>();
  for (const j of journal) {
    if (j.k !== 'order') continue;
    const known = orders.get(j.orderNo);
    if (known && known !== j.ticketNo)
      problems.push(`order ${j.orderNo} was answered with two tickets: ${known} and ${j.ticketNo}`);
    orders.set(j.orderNo, j.ticketNo);
  }
  const ticketsByOrder = new Map<string, string[]>();
  for (const t of db.tickets) {
    if (t.orderNo === null) continue;
    ticketsByOrder.set(t.orderNo, [...(ticketsByOrder.get(t.orderNo) ?? []), t.no]);
  }
  let ordersPresentOnce = 0;
  for (const [orderNo, ticketNo] of orders) {
    const found = ticketsByOrder.get(orderNo) ?? [];
    const registers = (eventsOf.get(ticketNo) ?? []).filter((e) => e.action === 'register').length;
    if (found.length === 1 && found[0] === ticketNo && registers === 1) ordersPresentOnce += 1;
    else
      problems.push(
        `order ${orderNo} (acknowledged as ${ticketNo}): ${found.length} ticket(s) [${found.join(', ')}], ${registers} register event(s)`,
      );
  }

  // Actions: each acknowledged action is exactly one event.
  const actionKeys = new Map<string, number>();
  for (const j of journal) {
    if (j.k !== 'action') continue;
    const key = `${j.ticketNo}|${j.action}|${j.note ?? ''}`;
    actionKeys.set(key, (actionKeys.get(key) ?? 0) + 1);
  }
  let actionsAcked = 0;
  let actionsPresentOnce = 0;
  for (const [key, acked] of actionKeys) {
    actionsAcked += acked;
    const [ticketNo, action, note] = key.split('|') as [string, string, string];
    if (acked > 1) problems.push(`action ${action} on ${ticketNo} was acknowledged ${acked} times`);
    const present = (eventsOf.get(ticketNo) ?? []).filter(
      (e) => e.action === action && (note === '' || e.note === note),
    ).length;
    if (present === 1) actionsPresentOnce += acked === 1 ? 1 : 0;
    else problems.push(`action ${action} on ${ticketNo}${note ? ` (${note})` : ''}: ${present} events`);
  }
  for (const ticketNo of new Set(orders.values())) {
    for (const action of ONCE) {
      const n = (eventsOf.get(ticketNo) ?? []).filter((e) => e.action === action).length;
      if (n > 1) problems.push(`ticket ${ticketNo} has ${n} ${action} events`);
    }
  }

  // The outbox: one message per message-causing event of an order, each tied to its event.
  const eventBySeq = new Map(db.events.map((e) => [e.seq, e]));
  const outboxBySeq = new Map<number, number>();
  const upstreamTickets = new Set(db.tickets.filter((t) => t.orderNo !== null).map((t) => t.no));
  for (const m of db.outbox) {
    const e = eventBySeq.get(m.sourceSeq);
    if (!e || e.ticketNo !== m.ticketNo)
      problems.push(`outbox ${m.messageId}: source event ${m.sourceSeq} is not an event of ${m.ticketNo}`);
    outboxBySeq.set(m.sourceSeq, (outboxBySeq.get(m.sourceSeq) ?? 0) + 1);
  }
  for (const e of db.events) {
    if (!upstreamTickets.has(e.ticketNo) || !MESSAGE_EVENTS.includes(e.action)) continue;
    const n = outboxBySeq.get(e.seq) ?? 0;
    if (n !== 1) problems.push(`event ${e.seq} (${e.action} on ${e.ticketNo}) queued ${n} messages`);
  }

  // Deliveries: every message reached the stub (acknowledged) once per messageId, in order per order.
  const badSignatures = stub.filter((r) => r.outcome === 'bad-signature').length;
  if (badSignatures > 0) problems.push(`${badSignatures} requests with a bad signature reached Yantai`);
  const firstAck = new Map<string, number>();
  const acks = new Map<string, number>();
  for (const r of stub) {
    if (r.ackN === undefined) continue;
    acks.set(r.messageId, (acks.get(r.messageId) ?? 0) + 1);
    if (!firstAck.has(r.messageId) || r.ackN < firstAck.get(r.messageId)!) firstAck.set(r.messageId, r.ackN);
  }
  const known = new Map(db.outbox.map((m) => [m.messageId, m]));
  for (const id of acks.keys()) {
    if (!known.has(id)) problems.push(`Yantai acknowledged ${id}, which is in no outbox row`);
  }
  let delivered = 0;
  let dead = 0;
  let waiting = 0;
  for (const m of db.outbox) {
    if (m.state === 'delivered') {
      delivered += 1;
      if (!acks.has(m.messageId))
        problems.push(`outbox ${m.messageId} is delivered but Yantai never took it`);
    } else if (m.state === 'dead') dead += 1;
    else waiting += 1;
    if (drained && m.state !== 'delivered')
      problems.push(`outbox ${m.messageId} (${m.kind} of ${m.orderNo}) is ${m.state}, not delivered`);
  }
  const queueOf = new Map<string, string[]>();
  for (const m of [...db.outbox].sort((a, b) => a.id - b.id)) {
    queueOf.set(m.orderNo, [...(queueOf.get(m.orderNo) ?? []), m.messageId]);
  }
  let orderViolations = 0;
  for (const r of stub) {
    const queue = queueOf.get(r.orderNo);
    const k = queue?.indexOf(r.messageId) ?? -1;
    if (k <= 0) continue;
    const before = firstAck.get(queue![k - 1]!);
    if (before === undefined || before > r.n) {
      orderViolations += 1;
      if (orderViolations <= 3)
        problems.push(
          `order ${r.orderNo}: ${r.messageId} (#${k + 1}) reached Yantai before ${queue![k - 1]} (#${k}) was acknowledged`,
        );
    }
  }
  if (orderViolations > 3) problems.push(`… ${orderViolations} order violations in all`);

  let redeliveries = 0;
  for (const n of acks.values()) redeliveries += n - 1;
  return {
    counts: {
      ordersAcked: orders.size,
      ordersPresentOnce,
      actionsAcked,
      actionsPresentOnce,
      events: db.events.length,
      maxSeq,
      seqGaps,
      outboxMessages: db.outbox.length,
      outboxDelivered: delivered,
      outboxDead: dead,
      outboxWaiting: waiting,
      stubRequests: stub.length,
      messagesAcked: acks.size,
      redeliveries,
      orderViolations,
      badSignatures,
      integrity: db.integrity,
    },
    problems,
  };
}
