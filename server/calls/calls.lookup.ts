import { eq } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { calls } from './calls.tables.js';

/** The dialled line of a call on record, or null: how the tickets module learns a ticket's line from its call. */
export const lineOfCall =
  (db: Db) =>
  (callId: string): string | null =>
    db.select({ line: calls.line }).from(calls).where(eq(calls.id, callId)).get()?.line ?? null;
