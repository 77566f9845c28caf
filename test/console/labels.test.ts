import { describe, expect, it } from 'vitest';
import {
  ACTION_LABELS,
  APPEAL_TYPE_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  actionLabel,
  callerWords,
  roleLabel,
  STATUS_LABELS,
  statusLabel,
  yesNo,
} from '../../agent-console/src/lib/labels.js';
import {
  ACTIONS,
  APPEAL_TYPES,
  ASSIGNMENT_STATUSES,
  TICKET_STATUSES,
} from '../../server/tickets/tickets.machine.js';

const CJK = /[\u4e00-\u9fff]/;

describe('labels', () => {
  it.each([
    ['ticket statuses', TICKET_STATUSES, STATUS_LABELS],
    ['assignment statuses', ASSIGNMENT_STATUSES, ASSIGNMENT_STATUS_LABELS],
    ['actions', [...ACTIONS, 'register', 'yellow', 'red'], ACTION_LABELS],
    ['appeal types', APPEAL_TYPES, APPEAL_TYPE_LABELS],
  ] as const)('every one of the server %s has a Chinese label', (_, codes, table) => {
    for (const code of codes) expect((table as Record<string, string>)[code], code).toMatch(CJK);
  });

  it.each([
    [statusLabel('dispatched'), '待签收'],
    [actionLabel('sign'), '签收'],
    [actionLabel('request_return'), '申请退单'],
    [actionLabel('request_extension'), '申请延期'],
    [actionLabel('urge'), '催办'],
    [actionLabel('supervise'), '督办'],
    [actionLabel('answer'), '直办'],
    [actionLabel('dispatch'), '派单'],
    [actionLabel('revisit'), '回访'],
    [roleLabel('handler'), '承办人员'],
    [actionLabel('something_new'), 'something_new'],
    [statusLabel(null), ''],
    [yesNo(true), '是'],
    [yesNo(false), '否'],
    [yesNo(null), '—'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('what the caller and the number are called', () => {
  it.each([
    ['phone', '来电人', '来电号码'],
    ['110', '来电人', '来电号码'],
    ['visit', '诉求人', '联系电话'],
    ['letter', '诉求人', '联系电话'],
    ['web', '诉求人', '联系电话'],
    ['upstream', '诉求人', '联系电话'],
  ])('%s: %s, %s', (channel, name, phone) => expect(callerWords(channel)).toEqual({ name, phone }));
});
