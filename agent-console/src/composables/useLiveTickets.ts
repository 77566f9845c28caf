// A ticket list that stays current: loads a page from the API, then applies every live event to it.
import { onScopeDispose, type Ref, ref, shallowRef } from 'vue';
import { errorMessage } from '../api/errors.js';
import type { LiveTicketEvent, Ticket, TicketPage } from '../api/types.js';
import { applyEvent, applyEvents, type ListChange, type ListOptions } from '../lib/live.js';
import { useLiveStore } from '../stores/live.js';

export interface LiveTicketsOptions extends ListOptions {
  /** Loads the list (a page or a plain array) from the API. */
  load: (signal: AbortSignal) => Promise<TicketPage | Ticket[]>;
  /** Told of each change live events made to the list (e.g. to flash a row). */
  onChange?: (event: LiveTicketEvent, change: ListChange) => void;
  /** Load at once (default true); false waits for `reload()`. */
  immediate?: boolean;
  /**
   * Read the list again this often, quietly (no spinner), while the page is visible: what the server works
   * out at read time (a row's working time left) stays current on a list left open for hours.
   */
  refreshEveryMs?: number;
}

export interface LiveTickets {
  items: Ref<Ticket[]>;
  total: Ref<number>;
  loading: Ref<boolean>;
  /** The Chinese error of the last failed load, or null. */
  error: Ref<string | null>;
  /** Loads again (after a filter change); events arriving meanwhile are applied after the answer. */
  reload: () => Promise<void>;
}

/**
 * A live list for a view: `const inbox = useLiveTickets({ load: (signal) => ticketsApi.list(query, signal),
 * matches: (t) => … })`. Unsubscribes when the component unmounts.
 */
export function useLiveTickets(opts: LiveTicketsOptions): LiveTickets {
  const live = useLiveStore();
  const items = shallowRef<Ticket[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let buffer: LiveTicketEvent[] | null = null;
  let controller: AbortController | null = null;

  async function reload(quiet = false): Promise<void> {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    if (!quiet) loading.value = true;
    buffer = [];
    try {
      // The first list of a login waits for the socket's replay point, so no event falls in between.
      if (live.needsReady()) await live.whenReady();
      const answer = await opts.load(mine.signal);
      if (controller !== mine) return;
      const page = Array.isArray(answer) ? { items: answer, total: answer.length } : answer;
      items.value = applyEvents(page.items, buffer ?? [], opts);
      total.value = page.total + (items.value.length - page.items.length);
      error.value = null;
    } catch (err) {
      if (controller !== mine || mine.signal.aborted) return;
      error.value = errorMessage(err);
    } finally {
      if (controller === mine) {
        buffer = null;
        loading.value = false;
      }
    }
  }

  const off = live.subscribe((e) => {
    if (buffer) {
      buffer.push(e);
      return;
    }
    const { items: next, change } = applyEvent(items.value, e, opts);
    if (change === 'ignored') return;
    items.value = next;
    if (change === 'added') total.value += 1;
    if (change === 'removed') total.value = Math.max(0, total.value - 1);
    opts.onChange?.(e, change);
  });
  const offReload = live.onReload(() => void reload());
  const refresh =
    opts.refreshEveryMs && opts.refreshEveryMs > 0
      ? setInterval(() => {
          if ((globalThis as { document?: { hidden?: boolean } }).document?.hidden) return;
          if (controller && !loading.value) void reload(true);
        }, opts.refreshEveryMs)
      : null;
  onScopeDispose(() => {
    off();
    offReload();
    if (refresh) clearInterval(refresh);
    controller?.abort();
  });
  if (opts.immediate !== false) void reload();
  return { items, total, loading, error, reload: () => reload() };
}
