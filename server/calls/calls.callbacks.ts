import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import type { CallRow } from './calls.acd.js';
import { callbackTasks } from './calls.tables.js';

/** 漏接回拨: a callback task for the caller's number; one open task per number, later attempts fold into it. */
export function recordCallback(db: Db, now: number, call: CallRow, reason: string): void {
  const open = db
    .select()
    .from(callbackTasks)
    .where(and(eq(callbackTasks.phone, call.fromNumber), inArray(callbackTasks.status, ['open', 'claimed'])))
    .get();
  if (open) {
    db.update(callbackTasks)
      .set({ attempts: open.attempts + 1, lastCallAt: now, updatedAt: now })
      .where(eq(callbackTasks.id, open.id))
      .run();
    return;
  }
  db.insert(callbackTasks)
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
    .run();
}
