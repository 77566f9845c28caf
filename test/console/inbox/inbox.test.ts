import { describe, expect, it } from 'vitest';
import type {
  Assignment,
  AssignmentStatus,
  DeadlineColor,
  Department,
  Ticket,
  TicketEvent,
  TicketPage,
} from '../../../agent-console/src/api/types.js';
import { applyEvent } from '../../../agent-console/src/lib/live.js';
import { loadAllPages, MAX_PAGE_SIZE } from '../../../agent-console/src/lib/pages.js';
import {
  bucketOf,
  compareInbox,
  countInbox,
  filterInbox,
  inInbox,
  myAssignment,
  rowDeadline,
  rowInfo,
  urgesOf,
  villagesOf,
  visibleRange,
} from '../../../agent-console/src/views/inbox/inbox.js';
import { assignmentFixture, eventFixture, ticketFixture } from '../fixtures.js';

const ME = 25; // 刘家沟镇
const VILLAGE = 26; // 刘家沟村

let nextId = 1;
const assignment = (over: Partial<Assignment> = {}): Assignment =>
  assignmentFixture({ id: nextId++, departmentId: ME, ...over });

const ticket = (no: string, over: Partial<Ticket> = {}): Ticket =>
  ticketFixture(no, { address: '登州路 1 号', town: '登州街道', ...over });

/** A ticket whose only assignment is ours, in a given state and light. */
const mine = (
  no: string,
  status: AssignmentStatus,
  deadline: DeadlineColor = 'green',
  over: Partial<Assignment> = {},
) =>
  ticket(no, {
    status: status === 'pending_sign' ? 'dispatched' : status === 'replied' ? 'replied' : 'in_progress',
    assignments: [assignment({ status, deadline, ...over })],
  });

describe('myAssignment / bucketOf / inInbox', () => {
  const town = assignment({ id: 100, status: 'in_progress' });
  const village = assignment({ id: 101, departmentId: VILLAGE, parentId: 100, status: 'pending_sign' });
  const passed = ticket('PL1', { status: 'in_progress', assignments: [town, village] });
  const returned = ticket('PL2', {
    status: 'in_progress',
    assignments: [assignment({ status: 'returned' })],
  });
  const reworked = ticket('PL3', {
    status: 'in_progress',
    assignments: [assignment({ id: 200, status: 'replied' }), assignment({ id: 201, status: 'in_progress' })],
  });
  const assist = ticket('PL4', {
    status: 'in_progress',
    assignments: [assignment({ departmentId: 1, status: 'in_progress' }), assignment({ role: 'assist' })],
  });

  const cases: [string, Ticket, number | null, number | null, string | null, boolean][] = [
    ['town sees its own assignment, not the village child', passed, ME, 100, 'handle', true],
    ['the village sees its child assignment', passed, VILLAGE, 101, 'sign', true],
    ['another department has none', passed, 1, null, null, false],
    ['no department (not a handler)', passed, null, null, null, false],
    ['a returned assignment is not ours any more', returned, ME, null, null, false],
    ['the open assignment wins over an older replied one', reworked, ME, 201, 'handle', true],
    ['an assisting department signs its own', assist, ME, assist.assignments[1]?.id ?? 0, 'sign', true],
    ['a replied ticket stays (已回复待审核)', mine('PL5', 'replied'), ME, -1, 'replied', true],
    [
      'a closed ticket is not in the inbox',
      { ...mine('PL6', 'closed'), status: 'closed' },
      ME,
      -1,
      'replied',
      false,
    ],
    ['return asked', mine('PL7', 'return_requested'), ME, -1, 'return', true],
  ];
  it.each(cases)('%s', (_name, t, dept, id, bucket, shown) => {
    const a = myAssignment(t, dept);
    if (id === null) expect(a).toBeNull();
    else if (id > 0) expect(a?.id).toBe(id);
    else expect(a).not.toBeNull();
    expect(bucketOf(t, dept)).toBe(bucket);
    expect(inInbox(t, dept)).toBe(shown);
  });
});

describe('rowDeadline', () => {
  it.each([
    ['pending_sign', 'sign due', '2026-11-24T09:00:00+08:00', '签收'],
    ['in_progress', 'handle due', '2026-11-30T09:00:00+08:00', '办结'],
    ['return_requested', 'handle due', '2026-11-30T09:00:00+08:00', '办结'],
    ['replied', 'none', null, ''],
  ] as const)('%s shows the %s', (status, _what, dueAt, label) => {
    const d = rowDeadline(mine('PL1', status, 'yellow'), ME);
    expect(d).toEqual({ color: 'yellow', dueAt, label });
  });
  it('is green and empty without an assignment of ours', () => {
    expect(rowDeadline(ticket('PL1'), ME)).toEqual({ color: 'green', dueAt: null, label: '' });
  });
});

describe('rowInfo', () => {
  it('is worked out once per ticket object and department', () => {
    const t = mine('PL1', 'in_progress', 'red');
    const first = rowInfo(t, ME);
    expect(rowInfo(t, ME)).toBe(first);
    expect(first).toMatchObject({
      bucket: 'handle',
      color: 'red',
      label: '办结',
      dueMs: Date.parse(first.dueAt ?? ''),
    });
    expect(rowInfo(t, VILLAGE)).toMatchObject({
      assignment: null,
      bucket: null,
      dueMs: Number.POSITIVE_INFINITY,
    });
    // A live event brings a new object: its info is its own.
    const next = { ...t, assignments: [{ ...(t.assignments[0] as Assignment), status: 'replied' as const }] };
    expect(rowInfo(next, ME)).toMatchObject({ bucket: 'replied', dueAt: null, label: '' });
  });
});

describe('compareInbox', () => {
  const rows = [
    mine('PL01', 'replied', 'red'),
    mine('PL02', 'in_progress', 'green', { dueAt: '2026-11-29T09:00:00+08:00' }),
    mine('PL03', 'in_progress', 'red'),
    mine('PL04', 'pending_sign', 'green', { signDueAt: '2026-11-24T10:00:00+08:00' }),
    mine('PL05', 'pending_sign', 'green', { signDueAt: '2026-11-24T08:00:00+08:00' }),
    mine('PL06', 'in_progress', 'yellow'),
    mine('PL07', 'return_requested', 'green'),
    mine('PL08', 'in_progress', 'green', { dueAt: '2026-11-29T09:00:00+08:00' }),
  ];
  it('orders: bucket, then red/yellow/green, then earliest due, then newest number', () => {
    expect([...rows].sort(compareInbox(ME)).map((t) => t.no)).toEqual([
      'PL05',
      'PL04',
      'PL03',
      'PL06',
      'PL08',
      'PL02',
      'PL07',
      'PL01',
    ]);
  });
  it('places a live arrival in order (applyEvent with the inbox order)', () => {
    const sorted = [...rows].sort(compareInbox(ME));
    const arrival = mine('PL09', 'pending_sign', 'green', { signDueAt: '2026-11-24T09:00:00+08:00' });
    const { items, change } = applyEvent(
      sorted,
      { ticket: arrival },
      {
        compare: compareInbox(ME),
        matches: (t) => inInbox(t, ME),
      },
    );
    expect(change).toBe('added');
    expect(items.map((t) => t.no).slice(0, 3)).toEqual(['PL05', 'PL09', 'PL04']);
  });
});

describe('filterInbox / countInbox', () => {
  const rows = [
    mine('PL11', 'pending_sign', 'red'),
    mine('PL12', 'pending_sign', 'green'),
    mine('PL13', 'in_progress', 'yellow'),
    mine('PL14', 'return_requested', 'green'),
    { ...mine('PL15', 'replied', 'red'), title: '路灯不亮' },
    ticket('PL16', { assignments: [assignment({ departmentId: 9 })] }),
  ];
  it.each([
    [{ bucket: 'open', deadline: '', q: '' }, ['PL11', 'PL12', 'PL13', 'PL14']],
    [{ bucket: 'all', deadline: '', q: '' }, ['PL11', 'PL12', 'PL13', 'PL14', 'PL15']],
    [{ bucket: 'sign', deadline: '', q: '' }, ['PL11', 'PL12']],
    [{ bucket: 'handle', deadline: '', q: '' }, ['PL13']],
    [{ bucket: 'return', deadline: '', q: '' }, ['PL14']],
    [{ bucket: 'replied', deadline: '', q: '' }, ['PL15']],
    [{ bucket: 'open', deadline: 'red', q: '' }, ['PL11']],
    [{ bucket: 'all', deadline: 'red', q: '' }, ['PL11', 'PL15']],
    [{ bucket: 'open', deadline: 'yellow', q: '' }, ['PL13']],
    [{ bucket: 'all', deadline: '', q: ' 路灯 ' }, ['PL15']],
    [{ bucket: 'all', deadline: '', q: 'pl12' }, ['PL12']],
    [{ bucket: 'all', deadline: '', q: '5678' }, ['PL11', 'PL12', 'PL13', 'PL14', 'PL15']],
  ] as const)('%j', (f, nos) => {
    expect(filterInbox(rows, ME, { ...f }).map((t) => t.no)).toEqual(nos);
  });
  it('counts tabs and open lights in one pass', () => {
    expect(countInbox(rows, ME)).toEqual({
      open: 4,
      all: 5,
      sign: 2,
      handle: 1,
      return: 1,
      replied: 1,
      yellow: 1,
      red: 1,
    });
  });
});

describe('loadAllPages', () => {
  const all = Array.from({ length: 450 }, (_, i) => ticket(`PL${String(i).padStart(14, '0')}`));
  const server = (data: Ticket[], shiftOnPage2 = 0) => {
    const calls: [number, number][] = [];
    const fetchPage = async (page: number, pageSize: number): Promise<TicketPage> => {
      calls.push([page, pageSize]);
      // Rows shifting between pages (a new ticket on top) repeat a row; it must appear once.
      const start = (page - 1) * pageSize - (page >= 2 ? shiftOnPage2 : 0);
      return { items: data.slice(start, start + pageSize), total: data.length, page, pageSize };
    };
    return { calls, fetchPage };
  };
  it('fetches every page of at most 200, the first one alone, then the others', async () => {
    const s = server(all);
    const page = await loadAllPages(s.fetchPage);
    expect(s.calls).toEqual([
      [1, MAX_PAGE_SIZE],
      [2, MAX_PAGE_SIZE],
      [3, MAX_PAGE_SIZE],
    ]);
    expect(page.items).toHaveLength(450);
    expect(page.total).toBe(450);
  });
  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
    [10, 4],
  ])('parallel %i keeps at most %i pages in flight after the first', async (parallel, most) => {
    const data = Array.from({ length: 1000 }, (_, i) => ticket(`PL${String(i).padStart(14, '0')}`));
    let inFlight = 0;
    let peak = 0;
    const fetchPage = async (page: number, pageSize: number): Promise<TicketPage> => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5 * ((page * 7) % 3)));
      inFlight -= 1;
      return { items: data.slice((page - 1) * pageSize, page * pageSize), total: 1000, page, pageSize };
    };
    const page = await loadAllPages(fetchPage, { parallel });
    expect(peak).toBe(most);
    expect(page.items.map((t) => t.no)).toEqual(data.map((t) => t.no));
  });
  it('hands over the first page only when more pages follow', async () => {
    const seen: number[] = [];
    await loadAllPages(server(all).fetchPage, { onFirstPage: (p) => seen.push(p.items.length) });
    await loadAllPages(server(all.slice(0, 12)).fetchPage, { onFirstPage: (p) => seen.push(p.items.length) });
    expect(seen).toEqual([200]);
  });
  it('stops after one page when everything fits', async () => {
    const s = server(all.slice(0, 12));
    expect((await loadAllPages(s.fetchPage)).items).toHaveLength(12);
    expect(s.calls).toEqual([[1, 200]]);
  });
  it('drops a ticket seen twice when rows shift', async () => {
    const s = server(all, 3);
    const page = await loadAllPages(s.fetchPage);
    expect(new Set(page.items.map((t) => t.no)).size).toBe(page.items.length);
    expect(page.items).toHaveLength(450);
  });
  it('caps the page size at the server maximum and stops at maxPages', async () => {
    const s = server(all);
    const page = await loadAllPages(s.fetchPage, { pageSize: 1000, maxPages: 1 });
    expect(s.calls).toEqual([[1, 200]]);
    expect(page.items).toHaveLength(200);
    expect(page.total).toBe(450);
  });
});

describe('urgesOf', () => {
  const e = (seq: number, action: string): TicketEvent =>
    eventFixture({ seq, action, note: `${action} ${seq}` });
  it('keeps 催办 (the supervisor’s and the caller’s) and 督办, newest first', () => {
    expect(
      urgesOf([
        e(1, 'dispatch'),
        e(2, 'urge'),
        e(3, 'sign'),
        e(4, 'supervise'),
        e(5, 'urge'),
        e(6, 'caller_urge'),
        e(7, 'report_progress'),
      ]).map((x) => x.seq),
    ).toEqual([6, 5, 4, 2]);
    expect(urgesOf(undefined)).toEqual([]);
  });
});

describe('villagesOf', () => {
  const d = (
    id: number,
    parentId: number | null,
    level: Department['level'],
    disabled = false,
  ): Department => ({
    id,
    code: `d${id}`,
    name: `单位${id}`,
    level,
    parentId,
    disabled,
  });
  const deps = [
    d(25, null, 'town'),
    d(26, 25, 'village'),
    d(27, 25, 'village', true),
    d(28, 25, 'village'),
    d(18, 17, 'village'),
  ];
  it.each([
    [25, [26, 28]],
    [17, [18]],
    [1, []],
    [null, []],
  ] as const)('town %s → %j', (town, ids) => {
    expect(villagesOf(deps, town).map((x) => x.id)).toEqual(ids);
  });
});

describe('visibleRange', () => {
  it.each([
    ['top of a long list', 0, 600, 1000, { start: 0, end: 21 }],
    ['scrolled to row 100', 4400, 600, 1000, { start: 94, end: 121 }],
    ['half a row scrolled', 4422, 600, 1000, { start: 94, end: 121 }],
    ['the end', 44 * 1000 - 600, 600, 1000, { start: 980, end: 1000 }],
    ['past the end after the list shrank', 44 * 1000, 600, 10, { start: 0, end: 10 }],
    ['short list', 0, 600, 3, { start: 0, end: 3 }],
    ['empty', 0, 600, 0, { start: 0, end: 0 }],
    ['no height yet', 0, 0, 1000, { start: 0, end: 8 }],
    ['negative scroll (overscroll bounce)', -50, 600, 1000, { start: 0, end: 21 }],
  ])('%s', (_name, scrollTop, height, count, range) => {
    expect(visibleRange(scrollTop, height, 44, count)).toEqual(range);
  });
});
