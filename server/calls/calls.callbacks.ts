import { and, eq, inArray } from 'drizzle-orm';
import { toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { CallRow } from './calls.acd.js';
import { callbackTasks } from './calls.tables.js';

export type CallbackTaskRow = typeof callbackTasks.$inferSelect;

/** Who sees callback tasks and hears of every change to them (`callback:update`, ephemeral). */
export const CALLBACK_ROOMS = ['role:operator', 'role:dispatcher', 'role:supervisor', 'role:admin'];

/** A callback task as the API and the live event show it; `claimedByName` is the claimer's display name. */
export function callbackView(t: CallbackTaskRow, nameOf: (userId: number) => string | null) {
  return {
    id: t.id,
    phone: t.phone,
    line: t.line,
    reason: t.reason,
    status: t.status,
    attempts: t.attempts,
    lastCallAt: toIso(t.lastCallAt),
    claimedBy: t.claimedBy,
    claimedByName: t.claimedBy === null ? null : nameOf(t.claimedBy),
    outcome: t.outcome,
    createdAt: toIso(t.createdAt),
  };
}

export type CallbackTaskView = ReturnType<typeof callbackView>;

/**
 * 漏接回拨: a callback task for the caller's number; one open task per number, later attempts fold into it.
 * Returns the task as it is now.
 */
export function recordCallback(db: Db, now: number, call: CallRow, reason: string): CallbackTaskRow {
  const open = db
    .select()
    .from(callbackTasks)
    .where(and(eq(callbackTasks.phone, call.fromNumber), inArray(callbackTasks.status, ['open', 'claimed'])))
    .get();
  if (open) {
    return db
      .update(callbackTasks)
      .set({ attempts: open.attempts + 1, lastCallAt: now, updatedAt: now })
      .where(eq(callbackTasks.id, open.id))
      .returning()
      .get()!;
  }
  return db
    .insert(callbackTasks)
    .values({
      phone: call.fromNumber,
      line: call.line,
      reason,
      status: 'open',
      attempts: 1,
      firstCallId: call.id,
      lastCallAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
}
