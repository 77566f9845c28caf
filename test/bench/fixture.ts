import type Database from 'better-sqlite3';

const STATES = [
  'closed',
  'closed',
  'closed',
  'closed',
  'in_progress',
  'dispatched',
  'replied',
  'pending_revisit',
];
const ASSIGNMENT_STATE: Record<string, string> = {
  closed: 'closed',
  in_progress: 'in_progress',
  dispatched: 'pending_sign',
  replied: 'replied',
  pending_revisit: 'replied',
};

/**
 * Fills the database with `count` historical tickets spread over `departmentIds` and the past 90 days,
 * each with its lead assignment and a register event, plus `fresh` tickets in `registered` for the
 * action benchmark. Raw SQL in one transaction: this is test data, not application code.
 */
export function fillTickets(
  sqlite: Database.Database,
  opts: { count: number; fresh: number; departmentIds: number[]; now: number; operatorId: number },
): string[] {
  const ticket = sqlite.prepare(
    `insert into tickets (no, status, appeal_type, title, content, caller_name, caller_phone, caller_phone_key,
       urgency, confidential, channel, line, registered_by, created_at, updated_at)
     values (?, ?, 'complaint', ?, '楼下商铺夜间施工，噪声很大，影响休息。', '张三', ?, ?, 'normal', 0, 'phone', ?, ?, ?, ?)`,
  );
  const assignment = sqlite.prepare(
    `insert into assignments (ticket_id, department_id, role, status, dispatched_at, sign_due_at, sign_yellow_at,
       due_at, yellow_at, return_due_at, signed_at, finished_at, ticket_status, ticket_created_at)
     values (?, ?, 'lead', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const event = sqlite.prepare(
    `insert into ticket_events (seq, ticket_id, action, from_status, to_status, actor_id, actor_name, at)
     values (?, ?, 'register', null, 'registered', ?, 'bench', ?)`,
  );
  const seqStart =
    (sqlite.prepare('select coalesce(max(seq), 0) as s from ticket_events').get() as { s: number }).s + 1;
  const fresh: string[] = [];
  const perDay = new Map<string, number>();
  const DAY = 86_400_000;
  sqlite.transaction(() => {
    for (let i = 0; i < opts.count + opts.fresh; i++) {
      const isFresh = i >= opts.count;
      const at = isFresh
        ? opts.now - (opts.count + opts.fresh - i) * 1000
        : opts.now - 90 * DAY + i * ((89 * DAY) / opts.count);
      const day = new Date(at + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
      const n = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, n);
      const no = `PL${day}${String(n).padStart(6, '0')}`;
      const status = isFresh ? 'registered' : STATES[i % STATES.length]!;
      const phone = `138${String(i % 10_000_000).padStart(8, '0')}`;
      // A plain mobile is its own key (core/phone.ts).
      const id = Number(
        // One ticket in twenty taken on the 89000 line (工单查询 by 受理线路 is measured on it).
        ticket.run(
          no,
          status,
          `工单 ${i}`,
          phone,
          phone,
          i % 20 === 0 ? '89000' : '12345',
          opts.operatorId,
          at,
          at,
        ).lastInsertRowid,
      );
      event.run(seqStart + i, id, opts.operatorId, at);
      if (isFresh) fresh.push(no);
      else {
        // Departments advance once per full cycle of states too, so every department gets every state.
        const d = (i + Math.floor(i / STATES.length)) % opts.departmentIds.length;
        const dept = opts.departmentIds[d]!;
        const aStatus = ASSIGNMENT_STATE[status]!;
        const due = at + 7 * DAY;
        const done = aStatus === 'closed' || aStatus === 'replied' ? at + 3 * DAY : null;
        const signed = aStatus === 'pending_sign' ? null : at + 3_600_000;
        assignment.run(
          id,
          dept,
          aStatus,
          at,
          at + DAY,
          at + 0.75 * DAY,
          due,
          due - DAY,
          at + 2 * DAY,
          signed,
          done,
          status,
          at,
        );
      }
    }
  })();
  return fresh;
}
