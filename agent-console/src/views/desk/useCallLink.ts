// The registration form's link to a call (the ticket's `callId`): it follows the desk's call while the form is
// untouched, is set from the call panel (登记此来电) and dropped by 取消关联 or a callback's number; when the
// number typed is not the linked call's, saving first asks whether the ticket stays linked (the "number differs"
// dialog). Which call and when is pure logic in link.logic.ts; this is its Vue side.
import { ElMessageBox } from 'element-plus';
import { computed, ref, watch } from 'vue';
import { useNow } from '../../composables/useNow.js';
import { formatShort } from '../../lib/time.js';
import type { CurrentCall } from './call.logic.js';
import { type DeskForm, linkCall } from './desk.js';
import { followCall, type KeptLink, mustAskLink, phoneMismatch } from './link.logic.js';

const UNLINKED = { callId: null, line: null, callFrom: null, callAt: null } as const;

/** `form`: the form's reactive state (changed in place); `call`: the call on the desk. */
export function useCallLink(form: DeskForm, call: () => CurrentCall | null) {
  const now = useNow();

  // The call on the desk changed (rang, ended, missed, cleared): an untouched form follows the call in hand
  // (a new call's number as the caller's phone); a form being filled keeps its link (link.logic.ts).
  watch(
    call,
    (next, prev) => {
      Object.assign(form, followCall(form, prev, next));
    },
    { immediate: true },
  );

  /** The operator chose to keep the call linked although the number typed is another one (asked once per number). */
  const kept = ref<KeptLink | null>(null);
  const mismatch = computed(() => phoneMismatch(form));
  const linkedAt = computed(() => (form.callAt === null ? '' : formatShort(form.callAt, now.value)));

  /** Links the form to the call on the desk (the call panel's 登记此来电), whatever is typed. */
  function useCall(): void {
    const c = call();
    if (c) Object.assign(form, linkCall(form, c));
  }

  /** Puts a number in the form (a callback being registered), unlinking any call. */
  function usePhone(phone: string): void {
    Object.assign(form, { ...UNLINKED, callerPhone: phone });
  }

  /** 取消关联: the ticket will not be linked to the call; what is typed stays. */
  function unlink(): void {
    Object.assign(form, UNLINKED);
  }

  /** 改回: the linked call's number as the caller's phone again. */
  function restorePhone(): void {
    if (form.callFrom) form.callerPhone = form.callFrom;
  }

  /**
   * The number typed is not the linked call's: keep the link (the caller left another number to reach them) or
   * drop it (another caller's matter). False: neither, back to the form.
   */
  async function confirmLink(): Promise<boolean> {
    const callId = form.callId;
    const phone = form.callerPhone.trim();
    try {
      await ElMessageBox.confirm(
        `登记的来电号码 ${phone} 与关联来电 ${form.callFrom}（${linkedAt.value}）不同。` +
          '来电人另留了联系号码，请选「仍关联此来电」；不是这通来电的诉求，请选「不关联此来电」。',
        '来电号码与关联来电不一致',
        {
          type: 'warning',
          confirmButtonText: '不关联此来电',
          cancelButtonText: '仍关联此来电',
          distinguishCancelAndClose: true,
          customClass: 'desk-link-confirm',
        },
      );
      if (form.callId === callId) unlink();
      return true;
    } catch (action) {
      if (action !== 'cancel') return false;
      if (callId) kept.value = { callId, phone };
      return true;
    }
  }

  /** Before saving: asks about a number that differs from the call's, unless already answered. False: don't save. */
  async function settleLink(): Promise<boolean> {
    return !mustAskLink(form, kept.value) || (await confirmLink());
  }

  /** A ticket was saved: the next number that differs is asked about again. */
  function forgetKept(): void {
    kept.value = null;
  }

  return { mismatch, linkedAt, useCall, usePhone, unlink, restorePhone, settleLink, forgetKept };
}
