// The call centre's figures per hotline line (分线路, docs/reports.md): DESIGN §3 wants each line merged into the
// one desk (12345, and the legacy 89000) measurable on its own. A ticket belongs to the line it was taken on
// (`tickets.line`), a call to the line dialled (`calls.line`); the counting is the centre's (its tickets here,
// its calls in reports.calls.ts), only grouped by line, so the lines and the centre cannot drift apart.
import { sql } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { type CallCounts, NO_CALLS } from './reports.calls.js';
import { type CentreCounts, centreLine, type LineFigures } from './reports.kpi.js';

const NO_TICKETS: CentreCounts = { registered: 0, directAnswers: 0 };

/**
 * The centre's tickets in [from, to), by the line they were taken on; `null` for those with none (a walk-in,
 * a letter, a citizen's web appeal). 受理数: tickets registered in the month, Yantai's orders left out (they are
 * not the operators'); 直办数: `answer` events in the month, by their ticket's line.
 */
export function ticketCountsByLine(db: Db, from: number, to: number): Map<string | null, CentreCounts> {
  const byLine = new Map<string | null, CentreCounts>();
  const at = (line: string | null) => {
    const counts = byLine.get(line) ?? { ...NO_TICKETS };
    byLine.set(line, counts);
    return counts;
  };
  const registered = db.all<{ line: string | null; n: number }>(sql`
    select line, count(*) as n from tickets
    where created_at >= ${from} and created_at < ${to} and channel != 'upstream'
    group by line`);
  for (const r of registered) at(r.line).registered = r.n;
  const answered = db.all<{ line: string | null; n: number }>(sql`
    select t.line as line, count(*) as n
    from ticket_events e join tickets t on t.id = e.ticket_id
    where e.at >= ${from} and e.at < ${to} and e.action = 'answer'
    group by t.line`);
  for (const r of answered) at(r.line).directAnswers = r.n;
  return byLine;
}

/** Counts summed: the whole centre's tickets, whatever line they have or lack. */
export function sumTickets(parts: Iterable<CentreCounts>): CentreCounts {
  const sum = { ...NO_TICKETS };
  for (const p of parts) {
    sum.registered += p.registered;
    sum.directAnswers += p.directAnswers;
  }
  return sum;
}

/**
 * The lines of the ledger: every configured line (the IVR flows', in their order) even with nothing that month,
 * then any other that had tickets or calls (a line no flow answers any more, one typed on a ticket), sorted;
 * each with its tickets and calls and the centre's rates of them. Tickets without a line are in none.
 */
export function lineFigures(
  configured: readonly string[],
  tickets: ReadonlyMap<string | null, CentreCounts>,
  calls: ReadonlyMap<string, CallCounts>,
): LineFigures[] {
  const others = new Set<string>();
  for (const line of [...tickets.keys(), ...calls.keys()]) {
    if (line !== null && !configured.includes(line)) others.add(line);
  }
  const lines = [...new Set(configured), ...[...others].sort()];
  return lines.map((line) => ({
    line,
    ...centreLine(tickets.get(line) ?? NO_TICKETS, calls.get(line) ?? NO_CALLS),
  }));
}
