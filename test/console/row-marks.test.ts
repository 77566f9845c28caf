import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref, shallowRef } from 'vue';
import type { LiveTicketEvent, Ticket } from '../../agent-console/src/api/types.js';
import { useRowMarks } from '../../agent-console/src/composables/useRowMarks.js';
import { ticketFixture } from './fixtures.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const event = (no: string, action: string): LiveTicketEvent => ({
  seq: 1,
  action,
  ticketNo: no,
  ticket: ticketFixture(no),
  at: '2026-11-23T09:00:00.000+08:00',
});

function setup() {
  const items = shallowRef<Ticket[]>([]);
  const open = ref<string | null>(null);
  const scope = effectScope();
  const marks = scope.run(() =>
    useRowMarks({ items, loading: ref(false), isArrival: (e) => e.action === 'dispatch', open }),
  )!;
  return { items, open, scope, marks };
}

describe('the rows a live list shows, and their marks', () => {
  it('shows the first load at once, then follows the list at most every 100 ms', async () => {
    const { items, scope, marks } = setup();
    items.value = [ticketFixture('PL20261123000001')];
    await nextTick();
    expect(marks.shown.value).toHaveLength(1);
    items.value = [...items.value, ticketFixture('PL20261123000002')];
    items.value = [...items.value, ticketFixture('PL20261123000003')];
    await nextTick();
    expect(marks.shown.value).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(marks.shown.value).toHaveLength(3);
    scope.stop();
  });

  it('marks an arrival 新 until it is opened, and flashes a change for 2.5 s', async () => {
    const { scope, marks } = setup();
    marks.mark(event('PL20261123000001', 'dispatch'), 'added');
    marks.mark(event('PL20261123000002', 'urge'), 'updated');
    await vi.advanceTimersByTimeAsync(100);
    expect([...marks.marks.value]).toEqual([
      ['PL20261123000001', 'new'],
      ['PL20261123000002', 'changed'],
    ]);
    // A later change to a new row leaves it new.
    marks.mark(event('PL20261123000001', 'urge'), 'updated');
    await vi.advanceTimersByTimeAsync(3000);
    expect([...marks.marks.value]).toEqual([['PL20261123000001', 'new']]);
    marks.seen('PL20261123000001');
    expect(marks.marks.value.size).toBe(0);
    scope.stop();
  });

  it('only flashes what arrives for the row that is open, and drops the mark of a row that left', async () => {
    const { open, scope, marks } = setup();
    open.value = 'PL20261123000001';
    marks.mark(event('PL20261123000001', 'dispatch'), 'added');
    marks.mark(event('PL20261123000002', 'dispatch'), 'added');
    await vi.advanceTimersByTimeAsync(100);
    expect(marks.marks.value.get('PL20261123000001')).toBe('changed');
    marks.mark(event('PL20261123000002', 'approve_return'), 'removed');
    await vi.advanceTimersByTimeAsync(100);
    expect(marks.marks.value.has('PL20261123000002')).toBe(false);
    scope.stop();
  });
});
