import { describe, expect, it } from 'vitest';
import { checkRun, type DbSnapshot } from './harness/checker.js';
import type { JournalEntry } from './harness/journal.js';
import type { StubRequest } from './harness/stub.js';

// The crash and fault tests are only as good as this checker: feed it doctored records and watch it object.
function consistent() {
  const journal: JournalEntry[] = [
    { k: 'order', orderNo: 'Y1', ticketNo: 'PL1', t: 1 },
    { k: 'action', ticketNo: 'PL1', action: 'accept', t: 2 },
    { k: 'action', ticketNo: 'PL1', action: 'report_progress', note: 'p-1', t: 3 },
    { k: 'order', orderNo: 'Y2', ticketNo: 'PL2', t: 4 },
  ];
  const db: DbSnapshot = {
    integrity: 'ok',
    tickets: [
      { no: 'PL1', orderNo: 'Y1' },
      { no: 'PL2', orderNo: 'Y2' },
      { no: 'PL3', orderNo: null },
    ],
    events: [
      { seq: 1, ticketNo: 'PL3', action: 'register', note: null },
      { seq: 2, ticketNo: 'PL1', action: 'register', note: null },
      { seq: 3, ticketNo: 'PL1', action: 'accept', note: null },
      { seq: 4, ticketNo: 'PL2', action: 'register', note: null },
      { seq: 5, ticketNo: 'PL1', action: 'report_progress', note: 'p-1' },
    ],
    outbox: [
      {
        id: 1,
        messageId: 'm1',
        orderNo: 'Y1',
        ticketNo: 'PL1',
        kind: 'receipt',
        state: 'delivered',
        sourceSeq: 3,
      },
      {
        id: 2,
        messageId: 'm2',
        orderNo: 'Y1',
        ticketNo: 'PL1',
        kind: 'progress',
        state: 'delivered',
        sourceSeq: 5,
      },
    ],
  };
  const stub: StubRequest[] = [
    { n: 1, at: 0, path: '/receipts', messageId: 'm1', orderNo: 'Y1', outcome: 'http500' },
    { n: 2, at: 0, path: '/receipts', messageId: 'm1', orderNo: 'Y1', outcome: 'acked', ackN: 3 },
    // A re-send of an acknowledged message (the server died before recording it): counted once.
    { n: 4, at: 0, path: '/receipts', messageId: 'm1', orderNo: 'Y1', outcome: 'acked', ackN: 5 },
    { n: 6, at: 0, path: '/progress', messageId: 'm2', orderNo: 'Y1', outcome: 'acked', ackN: 7 },
  ];
  return { journal, db, stub, drained: true };
}

describe('the invariant checker', () => {
  it('accepts a consistent run and counts it', () => {
    const r = checkRun(consistent());
    expect(r.problems).toEqual([]);
    expect(r.counts).toMatchObject({
      ordersAcked: 2,
      ordersPresentOnce: 2,
      actionsAcked: 2,
      actionsPresentOnce: 2,
      events: 5,
      maxSeq: 5,
      seqGaps: 0,
      messagesAcked: 2,
      redeliveries: 1,
      orderViolations: 0,
    });
  });

  it('catches an acknowledged order that is missing', () => {
    const run = consistent();
    run.journal.push({ k: 'order', orderNo: 'Y9', ticketNo: 'PL9', t: 9 });
    expect(checkRun(run).problems).toEqual([
      expect.stringContaining('order Y9 (acknowledged as PL9): 0 ticket(s)'),
    ]);
  });

  it('catches an acknowledged action that is missing, and one that is there twice', () => {
    const missing = consistent();
    missing.journal.push({ k: 'action', ticketNo: 'PL2', action: 'accept', t: 9 });
    expect(checkRun(missing).problems).toEqual(['action accept on PL2: 0 events']);

    const twice = consistent();
    twice.db.events.push({ seq: 6, ticketNo: 'PL1', action: 'accept', note: null });
    const problems = checkRun(twice).problems;
    expect(problems).toContain('action accept on PL1: 2 events');
    expect(problems).toContain('ticket PL1 has 2 accept events');
  });

  it('catches one order answered with two tickets, and a duplicated journal line', () => {
    const run = consistent();
    run.journal.push({ k: 'order', orderNo: 'Y1', ticketNo: 'PL7', t: 9 });
    run.journal.push({ k: 'action', ticketNo: 'PL1', action: 'accept', t: 9 });
    const problems = checkRun(run).problems;
    expect(problems).toContain('order Y1 was answered with two tickets: PL1 and PL7');
    expect(problems).toContain('action accept on PL1 was acknowledged 2 times');
  });

  it('catches a gap in the event seq', () => {
    const run = consistent();
    run.db.events = run.db.events.filter((e) => e.seq !== 4);
    run.journal = run.journal.filter((j) => j.k !== 'order' || j.orderNo !== 'Y2');
    expect(checkRun(run).problems).toEqual([
      'event seq: expected 4 at position 4, found 5',
      'event seq: 4 events but max seq 5',
    ]);
  });

  it('catches a message sent out of order, one never delivered, one lost from the outbox, and a bad signature', () => {
    const early = consistent();
    early.stub.splice(1, 0, {
      n: 2.5,
      at: 0,
      path: '/progress',
      messageId: 'm2',
      orderNo: 'Y1',
      outcome: 'code1',
    });
    expect(checkRun(early).problems).toEqual([
      'order Y1: m2 (#2) reached Yantai before m1 (#1) was acknowledged',
    ]);

    const never = consistent();
    never.stub = never.stub.filter((r) => r.messageId !== 'm2');
    expect(checkRun(never).problems).toEqual(['outbox m2 is delivered but Yantai never took it']);

    const pending = consistent();
    pending.db.outbox[1]!.state = 'pending';
    pending.stub = pending.stub.filter((r) => r.messageId !== 'm2');
    expect(checkRun(pending).problems).toEqual(['outbox m2 (progress of Y1) is pending, not delivered']);

    const lost = consistent();
    lost.db.outbox.pop();
    expect(checkRun(lost).problems).toEqual([
      'event 5 (report_progress on PL1) queued 0 messages',
      'Yantai acknowledged m2, which is in no outbox row',
    ]);

    const forged = consistent();
    forged.stub.push({
      n: 9,
      at: 0,
      path: '/receipts',
      messageId: 'm1',
      orderNo: 'Y1',
      outcome: 'bad-signature',
    });
    expect(checkRun(forged).problems).toEqual(['1 requests with a bad signature reached Yantai']);
  });

  it('reports a failed integrity check', () => {
    const run = consistent();
    run.db.integrity = '*** in database main *** Page 7: btree page has a bad header';
    expect(checkRun(run).problems).toEqual([
      expect.stringContaining('integrity_check: *** in database main'),
    ]);
  });
});
