import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from '../directory/directory.tables.js';

export const CALL_OUTCOMES = [
  'in_progress',
  'answered',
  'abandoned_ivr',
  'abandoned_queue',
  'forwarded',
  'callback',
  'voicemail',
  'ended_in_ivr',
] as const;

/** Every call on record (DESIGN.md §6): from, line, IVR path, queue wait, agent, talk time, outcome, recording. */
export const calls = sqliteTable(
  'calls',
  {
    id: text('id').primaryKey(),
    /** As the gateway sent it. */
    fromNumber: text('from_number').notNull(),
    /** What the caller's other calls are found by: `phoneKey` of fromNumber (core/phone.ts). */
    fromKey: text('from_key').notNull().default(''),
    line: text('line').notNull(),
    flowId: text('flow_id'),
    /** The IVR's state between gateway events (JSON), so a reconnecting gateway finds its calls. */
    ivrState: text('ivr_state', { mode: 'json' }).$type<Record<string, unknown>>(),
    ivrPath: text('ivr_path', { mode: 'json' }).$type<string[]>().notNull(),
    queue: text('queue'),
    enqueuedAt: integer('enqueued_at'),
    offeredAt: integer('offered_at').notNull(),
    ringingAgent: text('ringing_agent'),
    answeredAt: integer('answered_at'),
    agentNo: text('agent_no'),
    agentUserId: integer('agent_user_id').references(() => users.id),
    endedAt: integer('ended_at'),
    endReason: text('end_reason'),
    outcome: text('outcome', { enum: CALL_OUTCOMES }).notNull(),
    recordingUrl: text('recording_url'),
    recordingSeconds: integer('recording_seconds'),
    satisfaction: text('satisfaction'),
  },
  (t) => [
    index('calls_from_key_idx').on(t.fromKey, t.offeredAt),
    index('calls_queue_idx').on(t.queue, t.enqueuedAt),
    // Calls still going on: the ACD's waiting calls are read through it, never a scan of every call.
    index('calls_live_idx').on(t.outcome, t.queue, t.enqueuedAt),
    index('calls_offered_idx').on(t.offeredAt),
  ],
);

export const AGENT_STATES = ['ready', 'not_ready', 'busy', 'wrap_up', 'offline'] as const;

/** Operators who take calls: their agent number, skills (queues) and state. */
export const agents = sqliteTable(
  'agents',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id),
    agentNo: text('agent_no').notNull().unique(),
    skills: text('skills', { mode: 'json' }).$type<string[]>().notNull(),
    state: text('state', { enum: AGENT_STATES }).notNull(),
    stateSince: integer('state_since').notNull(),
  },
  (t) => [index('agents_state_idx').on(t.state, t.stateSince)],
);

/** 漏接回拨: a number to call back (abandoned calls, callback requests), one open task per number. */
export const callbackTasks = sqliteTable(
  'callback_tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The first call's number, as the gateway sent it: the one to call back. */
    phone: text('phone').notNull(),
    /** What later calls fold in by: `phoneKey` of the number (0535-5651234 and 05355651234 are one task). */
    phoneKey: text('phone_key').notNull().default(''),
    line: text('line').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'claimed', 'closed'] }).notNull(),
    attempts: integer('attempts').notNull(),
    firstCallId: text('first_call_id').notNull(),
    lastCallAt: integer('last_call_at').notNull(),
    claimedBy: integer('claimed_by').references(() => users.id),
    outcome: text('outcome'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('callback_tasks_phone_key_idx').on(t.phoneKey, t.status),
    index('callback_tasks_status_idx').on(t.status),
  ],
);
