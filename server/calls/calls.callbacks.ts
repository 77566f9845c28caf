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
 * before calling back. A task closed and opened again for the number starts a new list. The number is matched
 * by its key, as the calls were folded into the task (`recordCallback`).
 */
export function voicemailsOf(db: Db, task: CallbackTaskRow): Voicemail[] {
  const first = db.select({ at: calls.offeredAt }).from(calls).where(eq(calls.id, task.firstCallId)).get();
  const rows = db
    .select({ id: calls.id, at: calls.offeredAt, url: calls.recordingUrl, seconds: calls.recordingSeconds })
    .from(calls)
    .where(
      and(
        eq(calls.fromKey, task.phoneKey),
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

/**
 * The task still to be done (open or claimed) for a number, given by its key (a call's `fromKey`), if any: there
 * is at most one (two, oldest first, only where migration 0009 found two open ones whose numbers share a key).
 */
export function openCallbackOf(db: Db, phoneKey: string): CallbackTaskRow | undefined {
  return db
    .select()
    .from(callbackTasks)
    .where(and(eq(callbackTasks.phoneKey, phoneKey), inArray(callbackTasks.status, ['open', 'claimed'])))
    .orderBy(asc(callbackTasks.id))
    .get();
}

/**
 * 漏接回拨: a callback task for the caller's number; one open task per number, later attempts fold into it.
 * The number is matched by its key (the gateway may send 013812345678 for one call and 13812345678 for the
 * next); the task keeps the first call's number as it was sent, to call back. Returns the task as it is now.
 *
 * A withheld number (no digits, key `''`) cannot be called back: its hang-ups and callback requests make no
 * task (they stay in the call records). Only its voicemails do, folded into one task: the message is still there
 * to hear, and to register a ticket from. Returns null when no task was made.
 */
export function recordCallback(db: Db, now: number, call: CallRow, reason: string): CallbackTaskRow | null {
  if (call.fromKey === '' && reason !== CALLBACK_REASON.voicemail) return null;
  const open = openCallbackOf(db, call.fromKey);
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
      phoneKey: call.fromKey,
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
