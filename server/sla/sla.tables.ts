import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Admin overrides of the official working calendar (a holiday moved, a day announced late). */
export const calendarOverrides = sqliteTable('calendar_overrides', {
  date: text('date').primaryKey(),
  work: integer('work', { mode: 'boolean' }).notNull(),
  note: text('note'),
  updatedBy: integer('updated_by'),
  updatedAt: integer('updated_at').notNull(),
});

/** Small JSON settings documents (deadline policy, working hours), one row per key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});
