// Every way a ticket comes in stores its caller's phone key (server/core/phone.ts `phoneKey`) beside the number as
// given, and migration 0009 gave the tickets, calls and callback tasks already on record theirs.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/core/db.js';
import { phoneKey } from '../../../server/core/phone.js';
import { ticketsRepo } from '../../../server/tickets/tickets.repo.js';
import { buildTestApp, client } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';
import { buildOrder, createYantai, postSigned } from '../../helpers/yantai.js';

const yantai = createYantai();
beforeAll(() => yantai.listen());
afterAll(() => yantai.close());

describe('a new ticket', () => {
  it('keeps the number as given and its key, whichever way it came in', async () => {
    const t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
    try {
      const operator = client(t, await t.login('operator1'));
      const desk = await operator.post(
        '/api/tickets',
        buildTicketInput({ caller: { phone: '0535-5651234' } }),
      );
      const web = await t.app.inject({
        method: 'POST',
        url: '/api/public/appeals',
        payload: {
          appealType: 'complaint',
          title: '路灯不亮',
          content: '门口路灯坏了。',
          phone: '0535-5651234',
        },
      });
      const upstream = await postSigned(
        t,
        '/api/upstream/v1/orders',
        buildOrder(t, { caller: { name: '刘女士', phone: '+86-535-5651234' } }),
      );
      const nos = [
        (desk.json() as { no: string }).no,
        (web.json() as { ticketNo: string }).ticketNo,
        (upstream.json() as { ticketNo: string }).ticketNo,
      ];
      const stored = nos.map((no) =>
        t.database.sqlite.prepare('select caller_phone, caller_phone_key from tickets where no = ?').get(no),
      );
      expect(stored).toEqual([
        { caller_phone: '0535-5651234', caller_phone_key: '05355651234' },
        // The web form keeps digits (server/web/web.routes.ts).
        { caller_phone: '05355651234', caller_phone_key: '05355651234' },
        { caller_phone: '+86-535-5651234', caller_phone_key: '05355651234' },
      ]);
      const found = (await operator.get('/api/tickets?phone=5651234')).json() as { items: { no: string }[] };
      expect(found.items.map((i) => i.no).sort()).toEqual([...nos].sort());
    } finally {
      await t.close();
    }
  });
});

describe('migration 0009 (phone keys)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'phone-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A database as the version before 0009 left it: migrated from a copy of the migrations up to 0008. */
  function databaseBefore0009(file: string): Database.Database {
    const folder = join(dir, 'migrations-0008');
    cpSync(join(import.meta.dirname, '../../../migrations'), folder, { recursive: true });
    const journalFile = join(folder, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const upTo = journal.entries.findIndex((e) => e.tag.startsWith('0009_'));
    expect(upTo).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, upTo);
    writeFileSync(journalFile, JSON.stringify(journal));
    const sqlite = new Database(file);
    migrate(drizzle(sqlite), { migrationsFolder: folder });
    return sqlite;
  }

  it('gives every ticket, call and callback task on record the key of its number', () => {
    const file = join(dir, 'before.db');
    const old = databaseBefore0009(file);
    const phones = [
      '0535-5651234',
      '+86-138-1234-5678',
      '8613812345678',
      '013812345678',
      '5651234',
      '12345',
      '---',
      'anonymous',
    ];
    const ticket = old.prepare(
      `insert into tickets (no, status, appeal_type, title, content, caller_phone, urgency, confidential, channel,
         created_at, updated_at) values (?, 'registered', 'consult', 't', 'c', ?, 'normal', 0, 'phone', ?, ?)`,
    );
    const call = old.prepare(
      `insert into calls (id, from_number, line, ivr_path, offered_at, outcome)
         values (?, ?, '12345', '[]', ?, 'abandoned_queue')`,
    );
    const task = old.prepare(
      `insert into callback_tasks (phone, line, reason, status, attempts, first_call_id, last_call_at, created_at,
         updated_at) values (?, '12345', '排队中挂断', 'open', 1, ?, 1, 1, 1)`,
    );
    for (const [i, phone] of phones.entries()) {
      ticket.run(`PL20261120${String(i + 1).padStart(6, '0')}`, phone, 1000 + i, 1000 + i);
      call.run(`old-${i}`, phone, 1000 + i);
      task.run(phone, `old-${i}`);
    }
    old.close();

    const database = openDatabase(file);
    try {
      const keys = (sql: string) =>
        (database.sqlite.prepare(sql).all() as { phone: string; key: string }[]).map((r) => [r.phone, r.key]);
      const want = phones.map((p) => [p, phoneKey(p)]);
      expect(keys('select caller_phone as phone, caller_phone_key as key from tickets order by id')).toEqual(
        want,
      );
      expect(keys('select from_number as phone, from_key as key from calls order by offered_at')).toEqual(
        want,
      );
      expect(keys('select phone, phone_key as key from callback_tasks order by id')).toEqual(want);
      expect(want.slice(0, 5).map(([, key]) => key)).toEqual([
        '05355651234',
        '13812345678',
        '13812345678',
        '13812345678',
        '05355651234',
      ]);
      // And the tickets are found by them.
      expect(ticketsRepo.byPhoneSince(database.db, '13812345678', 0).map((t) => t.no)).toEqual([
        'PL20261120000004',
        'PL20261120000003',
        'PL20261120000002',
      ]);
    } finally {
      database.close();
    }
  });
});
