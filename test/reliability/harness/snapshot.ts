// Reads what the checker needs from a database file (the server stopped, or running: a WAL reader).
import Database from 'better-sqlite3';
import type { DbSnapshot } from './checker.js';

/** Integrity, every event with its ticket, every ticket's orderNo, every outbox row. */
export function readSnapshot(path: string): DbSnapshot {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const events = db
      .prepare(
        `select e.seq as seq, t.no as ticketNo, e.action as action, e.note as note
           from ticket_events e join tickets t on t.id = e.ticket_id order by e.seq`,
      )
      .all() as DbSnapshot['events'];
    const tickets = db
      .prepare('select no, upstream_order_no as orderNo from tickets')
      .all() as DbSnapshot['tickets'];
    const outbox = db
      .prepare(
        `select id, message_id as messageId, order_no as orderNo, ticket_no as ticketNo, kind, state,
                source_seq as sourceSeq from upstream_outbox order by id`,
      )
      .all() as DbSnapshot['outbox'];
    return { integrity, events, tickets, outbox };
  } finally {
    db.close();
  }
}

/** Outbox rows not yet delivered, by state (read while the server runs). */
export function outboxBacklog(path: string): Record<string, number> {
  const db = new Database(path, { fileMustExist: true, readonly: true });
  try {
    db.pragma('busy_timeout = 5000');
    const rows = db
      .prepare(`select state, count(*) as n from upstream_outbox where state <> 'delivered' group by state`)
      .all() as { state: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    db.close();
  }
}
