// The floor under an order: only the SQLite statements one new Yantai order runs (a random nonce, lookup by orderNo,
// ticket number, the ticket row, the event), prepared, 64 orders to a transaction and one fdatasync of the
// WAL per transaction, as the group commit does — no HTTP, no JSON, no validation, no application code.
import { randomBytes } from 'node:crypto';
import { fdatasyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/core/db.js';

/** Orders per second the database alone sustains, measured over `count` orders. */
export function orderFloor(count = 20_000, batch = 64): { perSecond: number; microsPerOrder: number } {
  const dir = mkdtempSync(join(tmpdir(), 'order-floor-'));
  const { sqlite, close } = openDatabase(join(dir, 'floor.db'));
  try {
    const cols = [
      'no',
      'status',
      'appeal_type',
      'title',
      'content',
      'caller_name',
      'caller_phone',
      'caller_phone_key',
      'address',
      'town',
      'urgency',
      'confidential',
      'channel',
      'upstream_order_no',
      'upstream_sign_due_at',
      'upstream_due_at',
      'upstream_category',
      'attachments',
      'created_at',
      'updated_at',
    ];
    const s = {
      nonce: sqlite.prepare('insert into upstream_nonces (nonce, seen_at) values (?, ?)'),
      byOrder: sqlite.prepare('select id from tickets where upstream_order_no = ?'),
      lastNo: sqlite.prepare('select no from tickets where no >= ? and no < ? order by no desc limit 1'),
      ticket: sqlite.prepare(
        `insert into tickets (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
      ),
      seq: sqlite.prepare('select coalesce(max(seq), 0) + 1 as seq from ticket_events'),
      event: sqlite.prepare(
        `insert into ticket_events (seq, ticket_id, action, to_status, actor_name, data, at)
         values (?, ?, 'register', 'pending_dispatch', '烟台市12345平台', ?, ?)`,
      ),
      begin: sqlite.prepare('BEGIN IMMEDIATE'),
      commit: sqlite.prepare('COMMIT'),
      normal: sqlite.prepare('PRAGMA synchronous = NORMAL'),
    };
    s.normal.run();
    const now = Date.now();
    let wal: number | null = null;
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i += batch) {
      s.begin.run();
      for (let j = i; j < Math.min(count, i + batch); j++) {
        const orderNo = `YTF${now}${j}`;
        s.nonce.run(randomBytes(12).toString('hex'), now);
        s.byOrder.get(orderNo);
        const prior = s.lastNo.get('PL20261128', 'PL20261128~') as { no: string } | undefined;
        const last = prior ? Number(prior.no.slice(10)) + 1 : 1;
        const ticketId = s.ticket.run(
          `PL20261128${String(last).padStart(6, '0')}`,
          'pending_dispatch',
          'complaint',
          '小区供暖温度不达标',
          '来电人反映所住小区室温仅 14 度，要求供热公司尽快处理。',
          '刘女士',
          '13905350001',
          '13905350001',
          '蓬莱区登州街道某小区',
          '登州街道',
          'normal',
          0,
          'upstream',
          orderNo,
          now,
          now,
          '城市综合',
          '[]',
          now,
          now,
        ).lastInsertRowid;
        const { seq } = s.seq.get() as { seq: number };
        s.event.run(seq, ticketId, JSON.stringify({ channel: 'upstream', orderNo }), now);
      }
      s.commit.run();
      wal ??= openSync(join(dir, 'floor.db-wal'), 'r');
      fdatasyncSync(wal);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { perSecond: count / seconds, microsPerOrder: (seconds / count) * 1e6 };
  } finally {
    close();
    rmSync(dir, { recursive: true, force: true });
  }
}
