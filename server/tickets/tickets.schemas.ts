import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { CallerPhone, Nullable, StringEnum, Text } from '../core/http.js';
import { LINE_PATTERN } from '../ivr/ivr.flow.js';
import {
  APPEAL_TYPES,
  SATISFACTION,
  TICKET_STATUSES,
  URGENCIES,
  type USER_ACTIONS,
} from './tickets.machine.js';

export const AppealTypeSchema = StringEnum(APPEAL_TYPES);
export const UrgencySchema = StringEnum(URGENCIES);
export const TicketStatusSchema = StringEnum(TICKET_STATUSES);
// Every text a person writes (title, content, answer, reply, reason, note, message) must show something:
// `Text` refuses one of only blanks (spaces, U+3000, tabs, zero-width spaces) with a 400 naming the field.
// An optional one (a note, the caller's name, the address) follows the same rule when it is given.
const Phone = CallerPhone({ description: '来电号码：数字与连字符，可带 +，至少 3 位数字' });
const Id = Type.Integer({ minimum: 1 });

/** `POST /api/tickets` */
export const RegisterBody = Type.Object({
  appealType: AppealTypeSchema,
  title: Text(200),
  content: Text(10_000),
  caller: Type.Object({ name: Type.Optional(Text(64)), phone: Phone }),
  categoryId: Type.Optional(Id),
  address: Type.Optional(Text(500)),
  town: Type.Optional(Text(64)),
  urgency: Type.Optional(UrgencySchema),
  confidential: Type.Optional(Type.Boolean()),
  channel: Type.Optional(Type.String({ pattern: '^[a-z0-9_]{2,20}$' })),
  line: Type.Optional(Type.String({ pattern: LINE_PATTERN })),
  callId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  action: Type.Optional(
    StringEnum(['submit', 'answer'] as const, {
      description:
        '登记后在同一事务中：submit 提交派单，answer 直办答复（须带 answer）；任一步失败则都不发生',
    }),
  ),
  answer: Type.Optional(Text(10_000)),
  knowledgeId: Type.Optional(
    Type.Integer({ minimum: 1, description: '直办答复引用的知识条目（只与 action=answer 同用）' }),
  ),
});
export type RegisterBodyInput = Static<typeof RegisterBody>;
export type RegisterInput = Omit<RegisterBodyInput, 'action' | 'answer' | 'knowledgeId'>;

const Note = Type.Optional(Text(2000));
const Empty = Type.Object({});

/** The body of each user action (DESIGN.md §3, "API names"). */
export const ACTION_BODIES = {
  answer: Type.Object({
    answer: Text(10_000),
    knowledgeId: Type.Optional(Type.Integer({ minimum: 1, description: 'the knowledge article quoted' })),
  }),
  submit: Empty,
  reject: Type.Object({ reason: Text(2000) }),
  dispatch: Type.Object({
    lead: Id,
    assists: Type.Optional(Type.Array(Id, { maxItems: 10, uniqueItems: true })),
  }),
  accept: Empty,
  return_upstream: Type.Object({ reason: Text(2000) }),
  sign: Empty,
  request_return: Type.Object({ reason: Text(2000) }),
  approve_return: Type.Object({ note: Note }),
  deny_return: Type.Object({ note: Note }),
  pass_down: Type.Object({ departmentId: Id }),
  request_extension: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 30 }), reason: Text(2000) }),
  approve_extension: Type.Object({ note: Note }),
  deny_extension: Type.Object({ note: Note }),
  reply: Type.Object({
    publicReply: Text(10_000),
    internalNotes: Type.Optional(Text(10_000)),
    solved: Type.Boolean(),
  }),
  approve_reply: Type.Object({ note: Note }),
  reject_reply: Type.Object({ reason: Text(2000) }),
  revisit: Type.Object({
    reached: Type.Boolean(),
    solved: Type.Optional(Type.Boolean()),
    satisfaction: Type.Optional(StringEnum(SATISFACTION)),
    note: Note,
  }),
  report_progress: Type.Object({ note: Text(2000) }),
  urge: Type.Object({ message: Text(2000) }),
  supervise: Type.Object({ message: Text(2000) }),
  caller_urge: Type.Object({
    message: Text(2000),
    /** The call it came in on, linked to the ticket (its history and survey follow). */
    callId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  }),
  merge: Type.Object({ into: Type.String({ pattern: '^PL[0-9]{14}$' }) }),
} satisfies Record<(typeof USER_ACTIONS)[number], TSchema>;

export type ActionBodies = { [K in keyof typeof ACTION_BODIES]: Static<(typeof ACTION_BODIES)[K]> };

export const ListQuery = Type.Object({
  status: Type.Optional(Type.String({ maxLength: 300, description: '状态，可逗号分隔多个' })),
  department: Type.Optional(Id),
  appealType: Type.Optional(AppealTypeSchema),
  category: Type.Optional(Id),
  urgency: Type.Optional(UrgencySchema),
  channel: Type.Optional(
    Type.String({ pattern: '^[a-z0-9_]{2,20}$', description: '受理渠道：phone、upstream、web（网上诉求）…' }),
  ),
  line: Type.Optional(
    Type.String({ pattern: LINE_PATTERN, description: '受理线路（拨入的热线号码）：12345、89000…' }),
  ),
  deadline: Type.Optional(Type.Union([Type.Literal('yellow'), Type.Literal('red')])),
  pendingExtension: Type.Optional(Type.Boolean({ description: '只列有待审核延期申请的工单（延期审核）' })),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f\\u007f]+$' })),
  from: Type.Optional(Type.String({ format: 'date', description: '登记日期起 (含)' })),
  to: Type.Optional(Type.String({ format: 'date', description: '登记日期止 (含)' })),
  sort: Type.Optional(
    StringEnum(['newest', 'oldest'] as const, {
      description: '登记时间排序：newest 最新在前（默认），oldest 最早在前',
    }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});
export type ListQueryInput = Static<typeof ListQuery>;

const Time = Type.String({ format: 'date-time' });
const AssignmentSchema = Type.Object({
  id: Type.Integer(),
  departmentId: Type.Integer(),
  role: Type.String(),
  status: Type.String(),
  parentId: Nullable(Type.Integer()),
  dispatchedAt: Time,
  signDueAt: Time,
  signedAt: Nullable(Time),
  dueAt: Time,
  yellowAt: Time,
  returnDueAt: Time,
  finishedAt: Nullable(Time),
  extensionDays: Type.Integer(),
  extensionCount: Type.Integer(),
  returnCount: Type.Integer(),
  pendingExtension: Nullable(Type.Object({ days: Type.Integer(), reason: Type.String() })),
  reply: Nullable(Type.String()),
  deadline: StringEnum(['green', 'yellow', 'red'] as const),
  /** Working minutes left to the running deadline (negative: overdue by that much); a working day's minutes. */
  workLeft: Type.Union([
    Type.Object({
      minutes: Type.Integer(),
      perDay: Type.Integer(),
      /** working: through working hours only; wall: real time (a clock set in minutes or hours). */
      unit: StringEnum(['working', 'wall'] as const),
      overdue: Type.Boolean(),
    }),
    Type.Null(),
  ]),
});
const EventSchema = Type.Object({
  seq: Type.Integer(),
  action: Type.String(),
  from: Nullable(Type.String()),
  to: Type.String(),
  actor: Type.String(),
  actorId: Nullable(Type.Integer()),
  departmentId: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  data: Nullable(Type.Record(Type.String(), Type.Unknown())),
  at: Time,
});
const NullableString = Nullable(Type.String());
export const TicketSchema = Type.Object({
  no: Type.String(),
  status: TicketStatusSchema,
  appealType: AppealTypeSchema,
  categoryId: Nullable(Type.Integer()),
  title: Type.String(),
  content: Type.String(),
  caller: Type.Object({ name: NullableString, phone: Type.String() }),
  address: NullableString,
  town: NullableString,
  urgency: UrgencySchema,
  confidential: Type.Boolean(),
  channel: Type.String(),
  line: NullableString,
  upstreamOrderNo: NullableString,
  attachments: Type.Array(Type.Object({ name: Type.String(), url: Type.String() })),
  upstreamSignDueAt: Nullable(Time),
  upstreamDueAt: Nullable(Time),
  upstreamSignDeadline: Nullable(StringEnum(['green', 'yellow', 'red'] as const)),
  mergedInto: NullableString,
  directAnswer: NullableString,
  publicReply: NullableString,
  internalNotes: NullableString,
  solved: Nullable(Type.Boolean()),
  satisfaction: Type.Object({ first: NullableString, final: NullableString }),
  counters: Type.Object({
    returns: Type.Integer(),
    extensions: Type.Integer(),
    reworks: Type.Integer(),
    revisits: Type.Integer(),
    urges: Type.Integer(),
    supervisions: Type.Integer(),
  }),
  revisitDueAt: Nullable(Time),
  revisitDeadline: Nullable(StringEnum(['green', 'yellow', 'red'] as const)),
  acceptedAt: Nullable(Time),
  assignments: Type.Array(AssignmentSchema),
  callIds: Type.Optional(Type.Array(Type.String())),
  /** In the detail: the tickets merged into this one (并入本单的工单) that the user may see, oldest first. */
  mergedFrom: Type.Optional(
    Type.Array(Type.Object({ no: Type.String(), title: Type.String(), createdAt: Time })),
  ),
  events: Type.Optional(Type.Array(EventSchema)),
  /** In the detail: the actions the state machine lets this user take now (the console's buttons). */
  allowedActions: Type.Optional(Type.Array(Type.String())),
  createdAt: Time,
  updatedAt: Time,
  closedAt: Nullable(Time),
});
export const TicketPage = Type.Object({
  items: Type.Array(TicketSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
