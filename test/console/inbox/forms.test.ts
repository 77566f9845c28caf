// The inbox's buttons (what the server allows, in toolbar order) and its dialogs' forms turned into request bodies.
import { describe, expect, it } from 'vitest';
import {
  extensionBody,
  offeredActions,
  passDownBody,
  reasonBody,
  replyBody,
} from '../../../agent-console/src/views/inbox/inbox.js';

describe('offeredActions', () => {
  it.each([
    [
      ['reply', 'sign', 'urge'],
      ['sign', 'reply'],
    ],
    [
      ['request_extension', 'pass_down', 'request_return', 'reply'],
      ['request_return', 'request_extension', 'pass_down', 'reply'],
    ],
    [['report_progress'], ['report_progress']],
    [[], []],
    [undefined, []],
  ] as const)('%j → %j', (allowed, buttons) => {
    expect(offeredActions(allowed)).toEqual(buttons);
  });
});

describe('forms → bodies', () => {
  it.each([
    [
      { publicReply: ' 已修复 ', internalNotes: '  ', solved: true },
      { publicReply: '已修复', solved: true },
    ],
    [
      { publicReply: '已协调', internalNotes: ' 内部 ', solved: false },
      { publicReply: '已协调', internalNotes: '内部', solved: false },
    ],
    [
      { publicReply: 'x', internalNotes: '', solved: undefined },
      { publicReply: 'x', solved: false },
    ],
  ] as const)('reply %j', (form, body) => {
    expect(replyBody({ ...form })).toEqual(body);
  });
  it('trims reasons, rounds days, passes the village id', () => {
    expect(reasonBody({ reason: ' 不属本单位职责 ' })).toEqual({ reason: '不属本单位职责' });
    expect(extensionBody({ days: 2.6, reason: ' 需勘查 ' })).toEqual({ days: 3, reason: '需勘查' });
    expect(passDownBody({ departmentId: 26 })).toEqual({ departmentId: 26 });
    expect(passDownBody({ departmentId: null })).toEqual({ departmentId: 0 });
  });
});
