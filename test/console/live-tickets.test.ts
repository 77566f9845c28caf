import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import type { TicketPage } from '../../agent-console/src/api/types.js';
import { useLiveTickets } from '../../agent-console/src/composables/useLiveTickets.js';
import { ticketFixture } from './fixtures.js';

declare global {
  // A browser global the console's live store reads (the last seq of the tab); the root type-check has no DOM.
  var sessionStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  setActivePinia(createPinia());
});
afterEach(() => vi.useRealTimers());

describe('a live ticket list', () => {
  it('reads itself again quietly every refreshEveryMs, and stops when its view goes away', async () => {
    let loads = 0;
    const page = (): TicketPage => ({
      items: [ticketFixture(`PL20261123${String(++loads).padStart(6, '0')}`)],
      total: 1,
      page: 1,
      pageSize: 20,
    });
    const scope = effectScope();
    const list = scope.run(() => useLiveTickets({ load: async () => page(), refreshEveryMs: 60_000 }))!;
    // The first load waits (at most 2 s) for the socket's replay point; no socket here.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(loads).toBe(1);
    const spinner: boolean[] = [];
    const poll = setInterval(() => spinner.push(list.loading.value), 100);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    clearInterval(poll);
    expect(loads).toBe(4);
    expect(list.items.value.map((t) => t.no)).toEqual(['PL20261123000004']);
    expect(spinner.every((shown) => !shown)).toBe(true);
    scope.stop();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(loads).toBe(4);
  });

  it('does not read itself again unless asked to', async () => {
    let loads = 0;
    const scope = effectScope();
    scope.run(() =>
      useLiveTickets({
        load: async () => {
          loads += 1;
          return { items: [], total: 0, page: 1, pageSize: 20 };
        },
      }),
    );
    await vi.advanceTimersByTimeAsync(2_000);
    expect(loads).toBe(1);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(loads).toBe(1);
    scope.stop();
  });
});
