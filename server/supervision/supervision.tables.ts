import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A 督办单 waits for its answer, is answered, or is withdrawn once its department no longer handles the ticket. */
export const ITEM_STATUSES = ['open', 'answered', 'withdrawn'] as const;

/** 督办单: a formal item a department must answer, raised by a red card or by a supervisor's 督办. */
export const supervisionItems = sqliteTable(
  'supervision_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id').notNull(),
    ticketNo: text('ticket_no').notNull(),
    assignmentId: integer('assignment_id'),
    departmentId: integer('department_id').notNull(),
    kind: text('kind', { enum: ['overdue', 'supervise'] }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ITEM_STATUSES }).notNull(),
    responseDueAt: integer('response_due_at').notNull(),
    response: text('response'),
    respondedBy: text('responded_by'),
    respondedAt: integer('responded_at'),
    sourceSeq: integer('source_seq').notNull().unique(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('supervision_items_dept_idx').on(t.departmentId, t.status),
    index('supervision_items_status_idx').on(t.status),
  ],
);
