import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { CallRow } from './calls.acd.js';
import { type CALL_OUTCOMES, callbackTasks, calls } from './calls.tables.js';

export type CallbackTaskRow = typeof callbackTasks.$inferSelect;

/** Who sees callback tasks and hears of every change to them (`callback:update`, ephemeral). */
export const CALLBACK_ROOMS = ['role:operator', 'role:dispatcher', 'role:supervisor', 'role:admin'];

/** A message a caller left in the IVR (留言): the recording is `null` until the gateway has sent it. */
export interface Voicemail {
  callId: string;
  at: string;
  recording: { url: string; seconds: number | null } | null;
}

/** Voicemails one task's calls may show, at most (a caller leaving more is listed by the latest ones). */
const MAX_VOICEMAILS = 10;

/**
 * The voicemails left from a task's number since its first call, oldest first: what the caller said, to hear
 * before calling back. A task closed and opened again for the number starts a new list.
 */
export function voicemailsOf(db: Db, task: CallbackTaskRow): Voicemail[] {
  const first = db.select({ at: calls.offeredAt }).from(calls).where(eq(calls.id, task.firstCallId)).get();
  const rows = db
    .select({ id: calls.id, at: calls.offeredAt, url: calls.recordingUrl, seconds: calls.recordingSeconds })
    .from(calls)
    .where(
      and(
        eq(calls.fromNumber, task.phone),
        gte(calls.offeredAt, first?.at ?? task.createdAt),
        eq(calls.outcome, 'voicemail'),
      ),
    )
    .orderBy(asc(calls.offeredAt))
    .all();
  return rows.slice(-MAX_VOICEMAILS).map((r) => ({
    callId: r.id,
    at: toIso(r.at),
    recording: r.url === null ? null : { url: r.url, seconds: r.seconds },
  }));
}

/** A callback task as the API and the live event show it; `claimedByName` is the claimer's display name. */
export function callbackView(
  t: CallbackTaskRow,
  nameOf: (userId: number) => string | null,
  voicemails: Voicemail[],
) {
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
    voicemails,
    createdAt: toIso(t.createdAt),
  };
}

export type CallbackTaskView = ReturnType<typeof callbackView>;

/**
 * The calls that end with a callback task, by how they ended, and the reason the task shows. A caller who
 * asked for a callback in the IVR gets one from the flow's `callback` node (its own reason) instead.
 */
export const CALLBACK_REASON: Partial<Record<(typeof CALL_OUTCOMES)[number], string>> = {
  abandoned_queue: '排队中挂断',
  abandoned_ivr: '语音导航中挂断',
  voicemail: '语音留言',
};

/** The number's task still to be done (open or claimed), if any: there is at most one. */
export function openCallbackOf(db: Db, phone: string): CallbackTaskRow | undefined {
  return db
    .select()
    .from(callbackTasks)
    .where(and(eq(callbackTasks.phone, phone), inArray(callbackTasks.status, ['open', 'claimed'])))
    .get();
}

/**
 * 漏接回拨: a callback task for the caller's number; one open task per number, later attempts fold into it.
 * Returns the task as it is now.
 */
export function recordCallback(db: Db, now: number, call: CallRow, reason: string): CallbackTaskRow {
  const open = openCallbackOf(db, call.fromNumber);
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
