import { describe, expect, it } from 'vitest';
import {
  type InboxCounts,
  inboxEmptyText,
  inboxTabs,
  itemsByTicket,
  replaceItem,
  type SupervisionItem,
} from '../../../agent-console/src/views/inbox/inbox.js';
import { supervisionItemFixture } from '../fixtures.js';

describe('inboxTabs', () => {
  it('lists the buckets with their counts, then the 督办单 still to answer', () => {
    const counts: InboxCounts = {
      open: 9,
      all: 12,
      sign: 2,
      handle: 5,
      return: 2,
      replied: 3,
      yellow: 1,
      red: 4,
    };
    expect(inboxTabs(counts, 7)).toEqual([
      { value: 'open', label: '全部待办', count: 9 },
      { value: 'sign', label: '待签收', count: 2 },
      { value: 'handle', label: '办理中', count: 5 },
      { value: 'return', label: '退单审核中', count: 2 },
      { value: 'replied', label: '已回复待审核', count: 3 },
      { value: 'supervision', label: '督办单', count: 7 },
    ]);
  });
});

describe('inboxEmptyText', () => {
  it.each([
    [{ bucket: 'open', deadline: '', q: '' }, '暂无待办工单'],
    [{ bucket: 'sign', deadline: '', q: '' }, '没有符合条件的工单'],
    [{ bucket: 'open', deadline: 'red', q: '' }, '没有符合条件的工单'],
    [{ bucket: 'open', deadline: '', q: '登州路' }, '没有符合条件的工单'],
  ] as const)('%j → %s', (filter, text) => {
    expect(inboxEmptyText(filter)).toBe(text);
  });
});

describe('督办单 by ticket, answered in place', () => {
  const item = (
    id: number,
    ticketNo: string,
    status: SupervisionItem['status'] = 'open',
    responseDueAt = `2026-11-${20 + id}T09:00:00+08:00`,
  ): SupervisionItem => supervisionItemFixture({ id, ticketNo, status, responseDueAt });
  it('groups by ticket number, keeping the order given', () => {
    const map = itemsByTicket([item(1, 'A'), item(2, 'B'), item(3, 'A')]);
    expect([...map.keys()]).toEqual(['A', 'B']);
    expect(map.get('A')?.map((i) => i.id)).toEqual([1, 3]);
    expect(map.get('B')?.map((i) => i.id)).toEqual([2]);
    expect(itemsByTicket([]).size).toBe(0);
  });
  it('replaces the answered item and sorts again (open ones first)', () => {
    const items = [item(1, 'A'), item(2, 'B'), item(3, 'A')];
    const answered = { ...item(1, 'A', 'answered'), response: '已处理', respondedBy: '张伟' };
    const next = replaceItem(items, answered);
    expect(next.map((i) => i.id)).toEqual([2, 3, 1]);
    expect(next[2]).toBe(answered);
    expect(items[0]?.status).toBe('open');
  });
});
