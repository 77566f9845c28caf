import { describe, expect, it } from 'vitest';
import type { Committed } from '../../../server/tickets/tickets.hooks.js';
import type { AssignmentRow, EventRow, TicketRow } from '../../../server/tickets/tickets.repo.js';
import {
  MESSAGE_FIELDS,
  type MessageKind,
  messageFor,
  NOT_GIVEN,
  type Outbound,
} from '../../../server/upstream/upstream.messages.js';

const AT = Date.parse('2026-11-25T10:00:00+08:00');
const ZJJ = 7;
const names: Record<number, string> = { [ZJJ]: '区住房和城乡建设局' };
const departmentName = (id: number) => names[id];

/** A committed change to order YT1 (ticket PL1) whose lead, assignment 1, is 区住建局 and has replied. */
function change(
  action: string,
  over: { event?: Partial<EventRow>; ticket?: Partial<TicketRow>; lead?: Partial<AssignmentRow> } = {},
): Committed {
  const lead = {
    id: 1,
    departmentId: ZJJ,
    role: 'lead',
    parentId: null,
    reply: '已维修，供水恢复。',
    repliedBy: '张工',
    ...over.lead,
  } as AssignmentRow;
  return {
    ticket: {
      no: 'PL1',
      upstreamOrderNo: 'YT1',
      publicReply: '已维修，供水恢复。',
      ...over.ticket,
    } as TicketRow,
    assignments: [lead],
    event: { seq: 1, action, at: AT, note: null, data: {}, assignmentId: 1, ...over.event } as EventRow,
  };
}

const extension = (data: Record<string, unknown>, note: string | null = null) =>
  change('approve_extension', {
    event: { note, data: { exceedsUpstream: true, requestedDueAt: AT + 86_400_000, days: 5, ...data } },
  });
const feedback = (data: Record<string, unknown>, over: Parameters<typeof change>[1] = {}) =>
  change('approve_reply', {
    ...over,
    event: { data: { departmentId: ZJJ, repliedBy: '张工', repliedAt: AT, ...data }, ...over.event },
  });

/** Every required field of the kind is there, and a text that shows something. */
function expectComplete(m: Outbound | null): asserts m is Outbound {
  expect(m).not.toBeNull();
  expect(Object.keys(m!.fields).sort()).toEqual([...MESSAGE_FIELDS[m!.kind]].sort());
  for (const field of MESSAGE_FIELDS[m!.kind]) {
    const value = m!.fields[field];
    expect(typeof value, `${m!.kind}.${field}`).toBe('string');
    expect(String(value).trim(), `${m!.kind}.${field}`).not.toBe('');
  }
}

describe('messageFor, with the data the ticket actions write', () => {
  it.each<[MessageKind, Committed]>([
    ['receipt', change('accept')],
    ['receipt', change('dispatch', { event: { data: { accepted: true } } })],
    ['return', change('return_upstream', { event: { note: '该地址属于福山区' } })],
    ['progress', change('report_progress', { event: { note: '已派员现场查看' } })],
    ['extension', extension({ reason: '需更换设备' })],
    ['feedback', feedback({})],
  ])('sends a complete %s, with nothing filled in', (kind, c) => {
    const m = messageFor(c, departmentName, 0);
    expectComplete(m);
    expect(m.kind).toBe(kind);
    expect(m.notGiven).toBeUndefined();
  });

  it('sends the feedback with the department’s name from the directory and who replied', () => {
    expect(messageFor(feedback({}), departmentName, 0)?.fields).toMatchObject({
      result: '已维修，供水恢复。',
      department: '区住房和城乡建设局',
      handler: '张工',
    });
  });
});

describe('messageFor, when the data lacks a required text', () => {
  it('asks for the extension with the supervisor’s note, else with the days asked for, never an empty reason', () => {
    const noted = messageFor(extension({ reason: null }, '同意延期，设备到货需一周'), departmentName, 0);
    expectComplete(noted);
    expect(noted.fields.reason).toBe('同意延期，设备到货需一周');
    const bare = messageFor(extension({ reason: null }), departmentName, 0);
    expectComplete(bare);
    expect(bare.fields.reason).toBe('承办单位申请延期 5 个工作日');
    expect(bare.notGiven).toBeUndefined();
  });

  it('takes the feedback’s department, handler and result from the lead assignment when the event lacks them', () => {
    const m = messageFor(
      feedback({ departmentId: undefined, repliedBy: undefined }, { ticket: { publicReply: null } }),
      departmentName,
      0,
    );
    expectComplete(m);
    expect(m.fields).toMatchObject({
      result: '已维修，供水恢复。',
      department: '区住房和城乡建设局',
      handler: '张工',
    });
    expect(m.notGiven).toBeUndefined();
  });

  it.each<[string, Committed, string[]]>([
    ['a return without a reason', change('return_upstream', { event: { note: null } }), ['reason']],
    [
      'a progress report whose note is blank',
      change('report_progress', { event: { note: ' \u3000' } }),
      ['note'],
    ],
    ['an extension without reason, note or days', extension({ reason: '', days: null }), ['reason']],
    [
      'a feedback with no reply, no replier and a department missing from the directory',
      feedback(
        { departmentId: 99, repliedBy: '' },
        { ticket: { publicReply: null }, lead: { reply: null, repliedBy: null, departmentId: 99 } },
      ),
      ['result', 'department', 'handler'],
    ],
  ])('sends %s with 未填写 and says which fields', (_case, c, fields) => {
    const m = messageFor(c, departmentName, 0);
    expectComplete(m);
    expect(m.notGiven).toEqual(fields);
    for (const f of fields) expect(m.fields[f]).toBe(NOT_GIVEN);
  });
});
