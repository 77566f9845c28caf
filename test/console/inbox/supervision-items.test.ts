// The department's 督办单 in the inbox: their order, the live events that change them, and what it reads of one
// no longer open (answered, or withdrawn once the ticket left it).
import { describe, expect, it } from 'vitest';
import {
  ITEM_STATE_SUFFIX,
  itemOutcome,
  opensTicket,
  type SupervisionItem,
  sortItems,
  touchesSupervision,
} from '../../../agent-console/src/views/inbox/inbox.js';
import {
  ITEM_STATUS_LABELS,
  ITEM_STATUS_TAGS,
} from '../../../agent-console/src/views/supervision/supervision.logic.js';
import { supervisionItemFixture } from '../fixtures.js';

const answered = supervisionItemFixture({
  id: 1,
  status: 'answered',
  response: '已安排专人处理',
  respondedBy: '张三',
  respondedAt: '2026-11-24T10:30:00+08:00',
});
const withdrawn = supervisionItemFixture({
  id: 2,
  status: 'withdrawn',
  response: '退单已批准，本单位不再办理，督办单撤销',
  respondedAt: '2026-11-24T11:00:00+08:00',
});
const open = supervisionItemFixture({ id: 3 });

describe('a 督办单 no longer open', () => {
  it.each([
    [answered, '张三 于 2026-11-24 10:30 答复：已安排专人处理'],
    [withdrawn, '2026-11-24 11:00 撤销：退单已批准，本单位不再办理，督办单撤销'],
  ])('says what became of it (%#)', (item, text) => {
    expect(itemOutcome(item)).toBe(text);
  });

  it('names its state on the tag and in the supervisors’ list, withdrawn in grey', () => {
    expect([open, answered, withdrawn].map((i) => ITEM_STATE_SUFFIX[i.status])).toEqual([
      '',
      ' · 已答复',
      ' · 已撤销',
    ]);
    expect(ITEM_STATUS_LABELS.withdrawn).toBe('已撤销');
    expect(ITEM_STATUS_TAGS).toEqual({ open: 'warning', answered: 'success', withdrawn: 'info' });
  });

  it('opens its ticket unless withdrawn (the ticket is no longer the department’s to read)', () => {
    expect([open, answered, withdrawn].map(opensTicket)).toEqual([true, true, false]);
  });

  it('comes after the open ones, newest first', () => {
    expect(sortItems([answered, withdrawn, open]).map((i) => i.id)).toEqual([3, 2, 1]);
  });
});

describe('督办单', () => {
  const item = (id: number, status: SupervisionItem['status'], responseDueAt: string): SupervisionItem =>
    supervisionItemFixture({ id, status, responseDueAt });
  it('open first by answer due, then answered newest first', () => {
    const sorted = sortItems([
      item(1, 'answered', '2026-11-20T09:00:00+08:00'),
      item(2, 'open', '2026-11-25T09:00:00+08:00'),
      item(3, 'answered', '2026-11-21T09:00:00+08:00'),
      item(4, 'open', '2026-11-24T09:00:00+08:00'),
    ]);
    expect(sorted.map((i) => i.id)).toEqual([4, 2, 3, 1]);
  });
  it.each([
    ['red', true],
    ['supervise', true],
    ['approve_return', true],
    ['recall', true],
    ['merge', true],
    ['urge', false],
    ['deny_return', false],
    ['yellow', false],
  ])('%s touches the 督办单: %s', (action, yes) => {
    expect(touchesSupervision(action)).toBe(yes);
  });
});
