import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { categories, departments, users } from '../directory/directory.tables.js';
import {
  APPEAL_TYPES,
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  SATISFACTION,
  TICKET_STATUSES,
  URGENCIES,
} from './tickets.machine.js';

/** Tickets (工单): the row is the current state; the event log below is the history. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    no: text('no').notNull().unique(),
    status: text('status', { enum: TICKET_STATUSES }).notNull(),
    /** Where to go back to when a return request is denied. */
    statusBeforeReturn: text('status_before_return', { enum: TICKET_STATUSES }),
    appealType: text('appeal_type', { enum: APPEAL_TYPES }).notNull(),
    categoryId: integer('category_id').references(() => categories.id),
    title: text('title').notNull(),
    content: text('content').notNull(),
    callerName: text('caller_name'),
    /** As registered, and shown so. */
    callerPhone: text('caller_phone').notNull(),
    /** What the caller is found by (screen pop, IVR, phone filter): `phoneKey` of callerPhone (core/phone.ts). */
    callerPhoneKey: text('caller_phone_key').notNull().default(''),
    address: text('address'),
    town: text('town'),
    urgency: text('urgency', { enum: URGENCIES }).notNull(),
    confidential: integer('confidential', { mode: 'boolean' }).notNull(),
    channel: text('channel').notNull(),
    line: text('line'),
    upstreamOrderNo: text('upstream_order_no').unique(),
    /** Yantai's own deadlines for an order; ours are kept inside them (DESIGN §5). */
    upstreamSignDueAt: integer('upstream_sign_due_at'),
    upstreamDueAt: integer('upstream_due_at'),
    /** When the order, or Yantai's latest transfer of it again, reached us: its receipt clock runs from here. */
    upstreamReceivedAt: integer('upstream_received_at'),
    /** Yantai's category label, kept as sent when it matches none of ours. */
    upstreamCategory: text('upstream_category'),
    attachments: text('attachments', { mode: 'json' }).$type<{ name: string; url: string }[]>(),
    mergedInto: text('merged_into'),
    /** When a dispatcher accepted (签收) an upstream order. */
    acceptedAt: integer('accepted_at'),
    directAnswer: text('direct_answer'),
    publicReply: text('public_reply'),
    internalNotes: text('internal_notes'),
    solved: integer('solved', { mode: 'boolean' }),
    satisfactionFirst: text('satisfaction_first', { enum: SATISFACTION }),
    satisfactionFinal: text('satisfaction_final', { enum: SATISFACTION }),
    returnCount: integer('return_count').notNull().default(0),
    extensionCount: integer('extension_count').notNull().default(0),
    reworkCount: integer('rework_count').notNull().default(0),
    revisitCount: integer('revisit_count').notNull().default(0),
    urgeCount: integer('urge_count').notNull().default(0),
    superviseCount: integer('supervise_count').notNull().default(0),
    revisitDueAt: integer('revisit_due_at'),
    /** When the revisit clock turns yellow (预警), stored with its due like an assignment's. */
    revisitYellowAt: integer('revisit_yellow_at'),
    registeredBy: integer('registered_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    closedAt: integer('closed_at'),
  },
  (t) => [
    index('tickets_status_idx').on(t.status, t.createdAt),
    // A caller's tickets, newest first (the screen pop reads the last 12 months).
    index('tickets_phone_key_idx').on(t.callerPhoneKey, t.createdAt),
    index('tickets_created_idx').on(t.createdAt),
    // 工单查询 by 受理线路 (`line=`): the list of one line's 5,000 tickets among 100,000 took 10 ms in process
    // without it, 2 ms with it (docs/performance.md). Partial, so that Yantai's orders (no line) put nothing in
    // it: the order intake does not pay for it.
    index('tickets_line_idx').on(t.line, t.createdAt).where(sql`${t.line} is not null`),
    // The tickets merged into one (并入本单的工单, on its detail); partial: most tickets are merged into none.
    index('tickets_merged_into_idx').on(t.mergedInto).where(sql`${t.mergedInto} is not null`),
  ],
);

/** Calls a ticket was registered from (the calls module owns the call rows). */
export const ticketCalls = sqliteTable(
  'ticket_calls',
  {
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    callId: text('call_id').notNull(),
  },
  (t) => [
    uniqueIndex('ticket_calls_pk').on(t.ticketId, t.callId),
    index('ticket_calls_call_idx').on(t.callId),
  ],
);

/** Assignments (承办记录): one per department a ticket is sent to, or passed down to. */
export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    role: text('role', { enum: ASSIGNMENT_ROLES }).notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => assignments.id),
    status: text('status', { enum: ASSIGNMENT_STATUSES }).notNull(),
    dispatchedAt: integer('dispatched_at').notNull(),
    signDueAt: integer('sign_due_at').notNull(),
    signYellowAt: integer('sign_yellow_at').notNull(),
    dueAt: integer('due_at').notNull(),
    yellowAt: integer('yellow_at').notNull(),
    /**
     * For a Yantai order: the handling due the policy and the approved extensions give, when Yantai's due cut
     * `dueAt` shorter (sla.service.ts `upstreamBound`); null when `dueAt` is it. When Yantai moves its due, the
     * local due moves back towards it; an extension request to Yantai builds on it.
     */
    uncappedDueAt: integer('uncapped_due_at'),
    returnDueAt: integer('return_due_at').notNull(),
    signedAt: integer('signed_at'),
    finishedAt: integer('finished_at'),
    extensionDays: integer('extension_days').notNull().default(0),
    extensionCount: integer('extension_count').notNull().default(0),
    returnCount: integer('return_count').notNull().default(0),
    pendingExtensionDays: integer('pending_extension_days'),
    pendingExtensionReason: text('pending_extension_reason'),
    reply: text('reply'),
    repliedBy: text('replied_by'),
    /** The card raised on the running clock (预警 yellow, 超期 red), and the due time it was raised against. */
    card: text('card', { enum: ['yellow', 'red'] }),
    cardDueAt: integer('card_due_at'),
    /**
     * 5 working days past the handling due of the red card: when the assignment goes on the month's notice list
     * (通报); and when it last did (listed for this card when not before `noticeDueAt`; each listing is a row of
     * `assignment_notices`).
     */
    noticeDueAt: integer('notice_due_at'),
    noticedAt: integer('noticed_at'),
    /** When the deadline scanner must look at this assignment next (null: nothing left to watch). */
    nextCheckAt: integer('next_check_at'),
    /**
     * The ticket's status and registration time, copied here and kept equal on every change (tickets.repo.ts
     * `updateTicket`), so that a department's list filtered by status reads only its matching assignments.
     */
    ticketStatus: text('ticket_status').notNull().default(''),
    ticketCreatedAt: integer('ticket_created_at').notNull().default(0),
  },
  (t) => [
    index('assignments_ticket_idx').on(t.ticketId),
    // Covers a department's inbox: the ticket ids come from the index alone.
    index('assignments_dept_idx').on(t.departmentId, t.status, t.ticketId),
    // A department's list by ticket status (承办工单: 待签收, 办理中…), newest first, without reading its history.
    index('assignments_inbox_idx').on(t.departmentId, t.ticketStatus, t.ticketCreatedAt, t.ticketId),
    index('assignments_due_idx').on(t.status, t.dueAt),
    index('assignments_yellow_idx').on(t.status, t.yellowAt),
    index('assignments_check_idx').on(t.nextCheckAt),
    // The monthly report counts a month's dispatches (server/reports/).
    index('assignments_dispatched_idx').on(t.dispatchedAt),
    // The few assignments with an extension request waiting (延期审核), without reading the others.
    index('assignments_pending_extension_idx')
      .on(t.ticketId)
      .where(sql`${t.pendingExtensionDays} is not null`),
  ],
);

/**
 * The notice list (通报): one row each time an assignment went on it, 5 working days past the handling due it ran
 * out, with that due. An assignment reworked or extended and late again is listed again, against its new due.
 */
export const assignmentNotices = sqliteTable(
  'assignment_notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assignmentId: integer('assignment_id')
      .notNull()
      .references(() => assignments.id),
    dueAt: integer('due_at').notNull(),
    noticedAt: integer('noticed_at').notNull(),
  },
  (t) => [index('assignment_notices_at_idx').on(t.noticedAt)],
);

/** The append-only event log: one row per change, `seq` global, gap-free and increasing. */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    seq: integer('seq').primaryKey(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    actorName: text('actor_name').notNull(),
    actorDepartmentId: integer('actor_department_id'),
    assignmentId: integer('assignment_id'),
    note: text('note'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    at: integer('at').notNull(),
  },
  (t) => [
    index('ticket_events_ticket_idx').on(t.ticketId, t.seq),
    // The monthly report reads one month of the log (server/reports/).
    index('ticket_events_at_idx').on(t.at),
  ],
);
