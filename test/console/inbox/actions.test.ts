import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../../agent-console/src/api/types.js';
import {
  BUTTON_LABELS,
  bandUrges,
  buttonLabel,
  inboxButtons,
  REPLY_WORDS,
  rejectionOf,
  replyWordsOf,
} from '../../../agent-console/src/views/inbox/actions.js';
import { assignmentFixture, eventFixture, ticketFixture } from '../fixtures.js';

const lead = assignmentFixture({ id: 1, status: 'in_progress' });
const assist = assignmentFixture({ id: 2, role: 'assist', status: 'in_progress' });
const village = assignmentFixture({ id: 3, parentId: 1, status: 'in_progress' });

const e = (seq: number, action: string, note: string | null = `${action} ${seq}`): TicketEvent =>
  eventFixture({ seq, action, note });

describe('reply words and button labels', () => {
  it.each([
    ['the lead answers the caller', lead, 'lead'],
    ['an assisting department gives its opinion', assist, 'assist'],
    ['a village reports to its town', village, 'village'],
    ['no assignment (yet): the lead’s words', null, 'lead'],
  ] as const)('%s', (_name, own, kind) => {
    expect(replyWordsOf(own)).toBe(REPLY_WORDS[kind]);
    expect(buttonLabel('reply', own)).toBe(REPLY_WORDS[kind].button);
  });
  it('an assisting department submits 协办意见', () => {
    expect(buttonLabel('reply', assist)).toBe('提交协办意见');
    expect(buttonLabel('reply', lead)).toBe('回复办理结果');
  });
  it.each(['sign', 'request_return', 'request_extension', 'pass_down', 'report_progress'] as const)(
    '%s reads the same for everyone',
    (a) => {
      expect(buttonLabel(a, assist)).toBe(BUTTON_LABELS[a]);
      expect(buttonLabel(a, lead)).toBe(BUTTON_LABELS[a]);
    },
  );
});

describe('inboxButtons', () => {
  const allowed = ['reply', 'request_extension', 'sign', 'urge'];
  it('offers the server’s actions this view knows, in toolbar order', () => {
    expect(inboxButtons(allowed, lead)).toEqual(['sign', 'request_extension', 'reply']);
    expect(inboxButtons(allowed, null)).toEqual(['sign', 'request_extension', 'reply']);
    expect(inboxButtons(undefined, lead)).toEqual([]);
  });
  it('drops 申请延期 while our request waits for a decision', () => {
    const waiting = { ...lead, pendingExtension: { days: 3, reason: '需勘查' } };
    expect(inboxButtons(allowed, waiting)).toEqual(['sign', 'reply']);
  });
});

describe('rejectionOf', () => {
  const rejected = ticketFixture('PL1', {
    status: 'in_progress',
    events: [e(1, 'reply'), e(2, 'reject_reply', '答复不完整')],
  });
  it('shows the lead the reply sent back', () => {
    expect(rejectionOf(rejected, lead)?.seq).toBe(2);
  });
  it.each([
    ['an assisting department', assist],
    ['a village', village],
    ['nobody of ours', null],
  ] as const)('not to %s', (_name, own) => {
    expect(rejectionOf(rejected, own)).toBeNull();
  });
  it('not once replied again, nor before the ticket is loaded', () => {
    const again = { ...rejected, events: [...(rejected.events ?? []), e(3, 'reply')] };
    expect(rejectionOf(again, lead)).toBeNull();
    expect(rejectionOf(null, lead)).toBeNull();
  });
});

describe('bandUrges', () => {
  const events = [e(1, 'dispatch'), e(2, 'urge'), e(3, 'supervise'), e(4, 'urge')];
  it('shows 催办 and 督办 newest first when no 督办单 is known', () => {
    expect(bandUrges(events, 0).map((x) => x.seq)).toEqual([4, 3, 2]);
  });
  it('leaves the 督办 events to the ticket’s 督办单', () => {
    expect(bandUrges(events, 1).map((x) => x.seq)).toEqual([4, 2]);
  });
  it('is empty without events', () => {
    expect(bandUrges(undefined, 0)).toEqual([]);
  });
});
