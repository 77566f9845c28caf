// Which call the registration form is linked to (the ticket's `callId`): the call in hand only. A live call
// links every ticket registered during it (one caller, separate appeals); once the call has ended and its ticket
// is saved, the next form starts unlinked; a number typed that is not the linked call's is flagged, and asked
// about before the ticket is saved. No Vue, no DOM: unit-tested in test/console/desk.
import { phoneKey } from '../../../../server/core/phone.js';
import { type CurrentCall, callInHand, isLive } from './call.logic.js';
import { type DeskForm, isPristine, linkCall, resetForm } from './desk.js';

/** The form without its call; a form nothing was typed in also loses the number that came with the call. */
export function dropLink(f: DeskForm): DeskForm {
  const phoneFromCall = f.callFrom !== null && samePhone(f.callerPhone, f.callFrom);
  return {
    ...f,
    callId: null,
    line: null,
    callFrom: null,
    callAt: null,
    callerPhone: phoneFromCall && isPristine(f) ? '' : f.callerPhone,
  };
}

/** The form after a ticket was saved: linked again only while the caller is still on the line. */
export function afterSave(call: CurrentCall | null | undefined): DeskForm {
  return resetForm(call && isLive(call) ? call : null);
}

/** The form after 清空: linked to the call in hand, if any. */
export function afterClear(call: CurrentCall | null | undefined): DeskForm {
  return resetForm(callInHand(call));
}

/**
 * The form after the desk's call changed (`prev` → `next`: it rang, was answered, ended, was missed, was
 * cleared, or the desk opened with it). Only a form nothing was typed in follows the desk's call; one being
 * filled keeps its link (the operator is registering that call), except to a call that was never answered here.
 */
export function followCall(
  f: DeskForm,
  prev: CurrentCall | null | undefined,
  next: CurrentCall | null | undefined,
): DeskForm {
  const pristine = isPristine(f);
  if (next && next.callId !== prev?.callId && pristine) {
    const hand = callInHand(next);
    if (hand) return f.callId === hand.callId ? f : linkCall(f, hand);
  }
  if (!f.callId) return f;
  if (next && next.callId === f.callId) {
    // Rang here, then went to another agent: no ticket of this desk belongs to it.
    if (next.phase === 'missed') return dropLink(f);
    // Hung up after its tickets were saved: the form waiting for one more is not for this caller any more.
    const justEnded = next.phase === 'ended' && prev?.callId === next.callId && prev.phase !== 'ended';
    if (justEnded && pristine && next.registered.length > 0) return dropLink(f);
    return f;
  }
  // The linked call left the desk (cleared, or another call rang): an untouched form lets it go.
  if (prev?.callId === f.callId && pristine) return dropLink(f);
  return f;
}

/** A masked number's digits and stars, without China's country code (`+86 131-****-8364` → `131****8364`). */
export function phoneDigits(phone: string): string {
  const d = phone.replace(/[^\d*]/g, '');
  if (d.startsWith('0086')) return d.slice(4);
  if (d.startsWith('86') && d.length === 13) return d.slice(2);
  return d;
}

/**
 * The same number, however written: matched by the server's own key (server/core/phone.ts `phoneKey`: no
 * country code, no trunk 0 before a mobile, a bare local number taken as 0535), so the desk finds the same
 * callers the server does. `*` in a masked number (`138****5678`) stands for any digit.
 */
export function samePhone(a: string, b: string): boolean {
  if (a.includes('*') || b.includes('*')) {
    const x = phoneDigits(a);
    const y = phoneDigits(b);
    if (x.length !== y.length) return false;
    return [...x].every((c, i) => c === '*' || y[i] === '*' || c === y[i]);
  }
  return phoneKey(a) === phoneKey(b);
}

/**
 * The form is linked to a call, but the caller's number typed is another one: the ticket would carry one
 * caller's number and another caller's call. (Nothing typed, or a call with no number: nothing to compare.)
 */
export function phoneMismatch(f: Pick<DeskForm, 'callId' | 'callFrom' | 'callerPhone'>): boolean {
  if (!f.callId || !f.callFrom || !f.callerPhone.trim()) return false;
  if (!/\d/.test(f.callFrom)) return false;
  return !samePhone(f.callerPhone, f.callFrom);
}

/** What the operator said about a number that is not the call's: keep the call linked to this number anyway. */
export interface KeptLink {
  callId: string;
  phone: string;
}

/** Saving must first ask whether the ticket stays linked (a mismatch not already confirmed for this number). */
export function mustAskLink(
  f: Pick<DeskForm, 'callId' | 'callFrom' | 'callerPhone'>,
  kept: KeptLink | null,
): boolean {
  if (!phoneMismatch(f)) return false;
  return !(kept && kept.callId === f.callId && samePhone(kept.phone, f.callerPhone));
}
