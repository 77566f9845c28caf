import { describe, expect, it } from 'vitest';
import type { Ticket, TicketPage, TicketQuery } from '../../../agent-console/src/api/types.js';
import {
  comparePending,
  compareReturns,
  filterQueue,
  inTab,
  loadQueue,
} from '../../../agent-console/src/views/dispatch/queue.js';
import { ticket } from './queue-setup.js';

describe('queue order', () => {
  const cases: { name: string; tickets: Ticket[]; pending: string[]; returns: string[] }[] = [
    {
      name: 'urgent before normal, whatever their age',
      tickets: [
        ticket('PL20261127000001', { createdAt: '2026-11-27T08:00:00.000+08:00' }),
        ticket('PL20261127000002', { urgency: 'urgent', createdAt: '2026-11-27T11:00:00.000+08:00' }),
      ],
      pending: ['PL20261127000002', 'PL20261127000001'],
      returns: ['PL20261127000002', 'PL20261127000001'],
    },
    {
      name: 'oldest registration first within an urgency (pending); oldest change first (returns)',
      tickets: [
        ticket('PL20261127000003', {
          createdAt: '2026-11-27T10:00:00.000+08:00',
          updatedAt: '2026-11-27T10:05:00.000+08:00',
        }),
        ticket('PL20261127000004', {
          createdAt: '2026-11-27T09:00:00.000+08:00',
          updatedAt: '2026-11-27T12:00:00.000+08:00',
        }),
        ticket('PL20261127000005', {
          urgency: 'urgent',
          createdAt: '2026-11-27T12:00:00.000+08:00',
          updatedAt: '2026-11-27T12:00:00.000+08:00',
        }),
        ticket('PL20261127000006', {
          urgency: 'urgent',
          createdAt: '2026-11-27T11:00:00.000+08:00',
          updatedAt: '2026-11-27T13:00:00.000+08:00',
        }),
      ],
      pending: ['PL20261127000006', 'PL20261127000005', 'PL20261127000004', 'PL20261127000003'],
      returns: ['PL20261127000005', 'PL20261127000006', 'PL20261127000003', 'PL20261127000004'],
    },
    {
      name: 'same time: by number',
      tickets: [ticket('PL20261127000008'), ticket('PL20261127000007')],
      pending: ['PL20261127000007', 'PL20261127000008'],
      returns: ['PL20261127000007', 'PL20261127000008'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect([...c.tickets].sort(comparePending).map((t) => t.no)).toEqual(c.pending);
      expect([...c.tickets].sort(compareReturns).map((t) => t.no)).toEqual(c.returns);
    });
  }

  it('tabs hold their status only', () => {
    expect(inTab('pending')(ticket('PL20261127000001'))).toBe(true);
    expect(inTab('pending')(ticket('PL20261127000001', { status: 'dispatched' }))).toBe(false);
    expect(inTab('returns')(ticket('PL20261127000001', { status: 'return_requested' }))).toBe(true);
    expect(inTab('returns')(ticket('PL20261127000001'))).toBe(false);
  });
});

describe('filterQueue', () => {
  const items = [
    ticket('PL20261127000001', { title: '路灯不亮', town: '登州街道' }),
    ticket('PL20261127000002', { urgency: 'urgent', title: '水管爆裂', address: '钟楼东路88号' }),
    ticket('PL20261127000003', {
      upstreamOrderNo: 'YT202611270001',
      title: '供暖不达标',
      caller: { name: null, phone: '13905350000' },
    }),
  ];
  const cases: { kind: Parameters<typeof filterQueue>[1]; text: string; want: string[] }[] = [
    { kind: 'all', text: '', want: ['PL20261127000001', 'PL20261127000002', 'PL20261127000003'] },
    { kind: 'urgent', text: '', want: ['PL20261127000002'] },
    { kind: 'upstream', text: '', want: ['PL20261127000003'] },
    { kind: 'local', text: '', want: ['PL20261127000001', 'PL20261127000002'] },
    { kind: 'all', text: '  登州 ', want: ['PL20261127000001'] },
    { kind: 'all', text: '钟楼', want: ['PL20261127000002'] },
    { kind: 'all', text: '1390535', want: ['PL20261127000003'] },
    { kind: 'all', text: 'yt2026', want: ['PL20261127000003'] },
    { kind: 'all', text: 'pl20261127000002', want: ['PL20261127000002'] },
    { kind: 'urgent', text: '路灯', want: [] },
  ];
  for (const c of cases) {
    it(`${c.kind} / "${c.text}"`, () => {
      expect(filterQueue(items, c.kind, c.text).map((t) => t.no)).toEqual(c.want);
    });
  }
});

describe('loadQueue', () => {
  /** A fake `GET /api/tickets`: newest first, or oldest first with sort=oldest, like the server. */
  function server(total: number, urgentEvery = 0) {
    const all = Array.from({ length: total }, (_, i) =>
      ticket(`PL2026112700${String(total - i).padStart(4, '0')}`, {
        urgency: urgentEvery && (total - i) % urgentEvery === 0 ? 'urgent' : 'normal',
      }),
    );
    const calls: TicketQuery[] = [];
    const load = async (q: TicketQuery): Promise<TicketPage> => {
      calls.push(q);
      const matching = q.urgency ? all.filter((t) => t.urgency === q.urgency) : all;
      const rows = q.sort === 'oldest' ? [...matching].reverse() : matching;
      const size = q.pageSize ?? 20;
      const page = q.page ?? 1;
      return { items: rows.slice((page - 1) * size, page * size), total: rows.length, page, pageSize: size };
    };
    return { load, calls };
  }
  const no = (n: number) => `PL2026112700${String(n).padStart(4, '0')}`;
  const cases: {
    total: number;
    pageSize: number;
    maxPages: number;
    pages: number[];
    items: number;
    truncated: boolean;
  }[] = [
    { total: 0, pageSize: 10, maxPages: 3, pages: [1], items: 0, truncated: false },
    { total: 7, pageSize: 10, maxPages: 3, pages: [1], items: 7, truncated: false },
    { total: 25, pageSize: 10, maxPages: 3, pages: [1, 2, 3], items: 25, truncated: false },
    { total: 30, pageSize: 10, maxPages: 3, pages: [1, 2, 3], items: 30, truncated: false },
    { total: 45, pageSize: 10, maxPages: 3, pages: [1, 2, 3], items: 30, truncated: true },
  ];
  for (const c of cases) {
    it(`${c.total} tickets, ${c.pageSize} a page, at most ${c.maxPages} pages`, async () => {
      const { load, calls } = server(c.total);
      const got = await loadQueue(
        load,
        { status: 'pending_dispatch' },
        { pageSize: c.pageSize, maxPages: c.maxPages },
      );
      expect(calls.filter((q) => !q.urgency).map((q) => q.page)).toEqual(c.pages);
      expect(
        calls.every(
          (q) => q.status === 'pending_dispatch' && q.pageSize === c.pageSize && q.sort === 'oldest',
        ),
      ).toBe(true);
      expect(got.items).toHaveLength(c.items);
      expect(got.total).toBe(c.total);
      expect(got.truncated).toBe(c.truncated);
      expect(new Set(got.items.map((t) => t.no)).size).toBe(got.items.length);
    });
  }
  it('when cut, keeps the oldest tickets and the oldest urgent ones, however far back they are', async () => {
    // 100 waiting, every 5th urgent (20: more than a page); at most 3 pages of 10 of each.
    const { load } = server(100, 5);
    const got = await loadQueue(load, { status: 'pending_dispatch' }, { pageSize: 10, maxPages: 3 });
    const nos = new Set(got.items.map((t) => t.no));
    for (let n = 1; n <= 30; n++) expect(nos.has(no(n)), no(n)).toBe(true); // the 30 oldest
    for (let n = 5; n <= 100; n += 5) expect(nos.has(no(n)), no(n)).toBe(true); // every urgent one
    expect(nos.has(no(99))).toBe(false); // a newest normal one
  });
});
