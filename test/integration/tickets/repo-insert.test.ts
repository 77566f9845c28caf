import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../server/core/db.js';
import { type TicketInsert, ticketsRepo } from '../../../server/tickets/tickets.repo.js';

// insertTicket binds only the columns whose value is not the table's own default: what it returns must still be
// exactly what a read of the row gives, whichever columns were left out.
let database: DatabaseHandle;
beforeEach(() => {
  database = openDatabase(':memory:');
  // Category and user ids below point nowhere: this is about columns, not references.
  database.sqlite.pragma('foreign_keys = OFF');
});
afterEach(() => database.close());

const required = {
  no: 'PL20261203000001',
  status: 'registered',
  appealType: 'consult',
  title: '咨询',
  content: '内容',
  callerPhone: '13905350001',
  urgency: 'normal',
  confidential: false,
  channel: 'phone',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
} satisfies TicketInsert;

const cases: [string, TicketInsert][] = [
  ['only what is required', required],
  [
    'every column away from its default',
    {
      ...required,
      no: 'PL20261203000002',
      status: 'closed',
      statusBeforeReturn: 'in_progress',
      categoryId: 7,
      callerName: '刘女士',
      address: '登州街道',
      town: '登州街道',
      urgency: 'urgent',
      confidential: true,
      channel: 'upstream',
      line: '89000',
      upstreamOrderNo: 'YT1',
      upstreamSignDueAt: 1,
      upstreamDueAt: 2,
      upstreamCategory: '城市综合',
      attachments: [{ name: 'a.jpg', url: 'https://example.org/a.jpg' }],
      mergedInto: 'PL20261203000001',
      acceptedAt: 3,
      directAnswer: '答复',
      publicReply: '公开答复',
      internalNotes: '内部',
      satisfactionFirst: 'satisfied',
      satisfactionFinal: 'unsatisfied',
      returnCount: 1,
      extensionCount: 2,
      reworkCount: 3,
      revisitCount: 4,
      urgeCount: 5,
      superviseCount: 6,
      revisitDueAt: 4,
      registeredBy: 9,
      closedAt: 5,
    },
  ],
  [
    'nullable columns given as null, counters as 0',
    { ...required, no: 'PL20261203000003', callerName: null, address: null, attachments: null, urgeCount: 0 },
  ],
  [
    'an empty attachment list (not the same as none)',
    { ...required, no: 'PL20261203000004', attachments: [] },
  ],
];

describe('ticketsRepo.insertTicket', () => {
  it.each(cases)('returns the row as stored: %s', (_, values) => {
    const returned = ticketsRepo.insertTicket(database.db, values);
    expect(returned.id).toBeGreaterThan(0);
    expect(ticketsRepo.byId(database.db, returned.id)).toEqual(returned);
    // And the values given are the values kept.
    for (const [key, value] of Object.entries(values)) {
      expect(returned[key as keyof typeof returned], key).toEqual(value);
    }
  });

  it('keeps each set of columns apart: tickets inserted one after another with different sets', () => {
    const ids = cases.map(([, values]) => ticketsRepo.insertTicket(database.db, values).id);
    for (const [i, id] of ids.entries()) {
      expect(ticketsRepo.byId(database.db, id)?.no).toBe(cases[i]![1].no);
    }
    expect(ticketsRepo.byId(database.db, ids[0]!)?.closedAt).toBeNull();
    expect(ticketsRepo.byId(database.db, ids[1]!)?.closedAt).toBe(5);
  });
});

describe('a ticket caller’s phone key', () => {
  it('is computed from the phone on insert (a given one is ignored) and on a change of phone', () => {
    const row = ticketsRepo.insertTicket(database.db, {
      ...required,
      callerPhone: '+86-138-1234-5678',
      callerPhoneKey: 'whatever',
    });
    expect(row).toMatchObject({ callerPhone: '+86-138-1234-5678', callerPhoneKey: '13812345678' });
    expect(ticketsRepo.byId(database.db, row.id)).toEqual(row);
    ticketsRepo.updateTicket(database.db, row.id, { callerPhone: '0535-5651234' });
    expect(ticketsRepo.byId(database.db, row.id)).toMatchObject({ callerPhoneKey: '05355651234' });
  });

  it('finds a caller’s tickets since a time, newest first, by the key of any form of the number', () => {
    const at = required.createdAt;
    const insert = (no: string, callerPhone: string, createdAt: number) =>
      ticketsRepo.insertTicket(database.db, {
        ...required,
        no,
        callerPhone,
        createdAt,
        updatedAt: createdAt,
      });
    insert('PL20261203000011', '0535-5651234', at);
    insert('PL20261203000012', '05355651234', at + 1);
    insert('PL20261203000013', '13805651234', at + 2);
    insert('PL20261203000014', '5651234', at - 1);
    insert('PL20261203000015', '---', at);
    const since = (phone: string, from: number) =>
      ticketsRepo.byPhoneSince(database.db, phone, from).map((t) => t.no);
    expect(since('+86 535 565 1234', at)).toEqual(['PL20261203000012', 'PL20261203000011']);
    expect(since('5651234', 0)).toEqual(['PL20261203000012', 'PL20261203000011', 'PL20261203000014']);
    // A withheld number: none, not the ticket whose phone has no digits either.
    expect(since('', 0)).toEqual([]);
    expect(since('anonymous', 0)).toEqual([]);
  });
});
