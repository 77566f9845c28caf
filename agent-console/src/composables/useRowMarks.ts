// What a live list shows, and which of its rows are marked: rows that just arrived (新, until opened) or just
// changed (a short flash). The shown rows follow the list at most every 100 ms, so a burst of live events (one
// socket message each) costs one re-render of the visible rows, not one per event; the first load shows at once.
import { onScopeDispose, type Ref, shallowRef, watch } from 'vue';
import type { LiveTicketEvent, Ticket } from '../api/types.js';
import type { ListChange } from '../lib/live.js';

export type RowMark = 'new' | 'changed';

const FLUSH_MS = 100;
const FLASH_MS = 2500;

export function useRowMarks(opts: {
  items: Ref<Ticket[]>;
  loading: Ref<boolean>;
  /** Whether an event brings the ticket into the list as new work (a dispatch, a return sent back, …). */
  isArrival: (e: LiveTicketEvent) => boolean;
  /** The row open right now: what arrives for it only flashes. */
  open: Ref<string | null>;
}) {
  const shown = shallowRef<Ticket[]>([]);
  const marks = shallowRef<ReadonlyMap<string, RowMark>>(new Map());
  const state = new Map<string, RowMark>();
  const flashUntil = new Map<string, number>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let sweep: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    shown.value = opts.items.value;
    marks.value = new Map(state);
  }
  function scheduleFlush(): void {
    if (!flushTimer) flushTimer = setTimeout(flush, FLUSH_MS);
  }
  watch(opts.items, (items) => {
    if (shown.value.length === 0 || items.length === 0 || opts.loading.value) flush();
    else scheduleFlush();
  });

  function sweepFlashes(): void {
    sweep = null;
    const now = Date.now();
    for (const [no, until] of flashUntil) {
      if (until > now) continue;
      flashUntil.delete(no);
      if (state.get(no) === 'changed') state.delete(no);
    }
    scheduleFlush();
    if (flashUntil.size) sweep = setTimeout(sweepFlashes, 1000);
  }

  onScopeDispose(() => {
    if (sweep) clearTimeout(sweep);
    if (flushTimer) clearTimeout(flushTimer);
  });

  return {
    /** The rows to show (the list, at most 100 ms behind). */
    shown,
    /** Row number → its mark. */
    marks,
    /** Marks a row after a live event changed the list (the list's `onChange`). */
    mark(e: LiveTicketEvent, change: ListChange): void {
      if (change === 'removed' || change === 'ignored') {
        if (state.delete(e.ticketNo)) scheduleFlush();
        return;
      }
      const arrival = change === 'added' || opts.isArrival(e);
      if (state.get(e.ticketNo) === 'new' && !arrival) return;
      const kind: RowMark = arrival && e.ticketNo !== opts.open.value ? 'new' : 'changed';
      state.set(e.ticketNo, kind);
      if (kind === 'changed') {
        flashUntil.set(e.ticketNo, Date.now() + FLASH_MS);
        if (!sweep) sweep = setTimeout(sweepFlashes, FLASH_MS + 100);
      }
      scheduleFlush();
    },
    /** A row was opened: it is no longer new. */
    seen(no: string): void {
      if (state.get(no) !== 'new') return;
      state.delete(no);
      marks.value = new Map(state);
    },
  };
}
