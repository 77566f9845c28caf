// The realtime benchmark's load, shared by the app run and the bare socket.io run: who listens, and
// which action is committed in each 10 ms slot, on which ticket, for which department.
import type { AuthUser } from '../../server/auth/auth.service.js';
import { audienceOf } from '../../server/realtime/realtime.audience.js';
import type { Committed } from '../../server/tickets/tickets.hooks.js';

export const RATE = Number(process.env.BENCH_RT_RATE ?? 100);
export const SECONDS = Number(process.env.BENCH_RT_SECONDS ?? 30);
/** 1,000 consoles (fewer with BENCH_RT_CONSOLES): 90 % department, 5 % dispatcher, 5 % supervisor. */
const CONSOLE_COUNT = Number(process.env.BENCH_RT_CONSOLES ?? 1000);
export const CONSOLES = {
  department: Math.round(CONSOLE_COUNT * 0.9),
  dispatcher: Math.max(1, Math.round(CONSOLE_COUNT * 0.05)),
  supervisor: Math.max(1, Math.round(CONSOLE_COUNT * 0.05)),
} as const;
export const DEPARTMENTS = 40;
/** Slots between a ticket's successive actions, in groups of four (one second at 100/s). */
export const LAG = RATE / 4;
/** Fresh tickets the app must have in `registered`: the run's, plus those staged ahead of it. */
export const FRESH_NEEDED = (RATE * SECONDS) / 4 + 3 * LAG;

export type Kind = 'submit' | 'dispatch' | 'sign' | 'urge';
const KINDS: Kind[] = ['submit', 'dispatch', 'sign', 'urge'];

export interface Slot {
  kind: Kind;
  /** Index of the ticket in the run; negative ones are staged before it. */
  ticket: number;
  /** Index (0..39) of the ticket's lead department. */
  dept: number;
}

export const deptOf = (ticket: number) => ((ticket % DEPARTMENTS) + DEPARTMENTS) % DEPARTMENTS;

/**
 * Slot n takes action n % 4 on a ticket: submit ticket m, dispatch ticket m - LAG, sign ticket m - 2 LAG,
 * urge ticket m - 3 LAG (m = n / 4), so each ticket moves on once a second, round-robin over departments.
 */
export function plan(): Slot[] {
  return Array.from({ length: RATE * SECONDS }, (_, n) => {
    const k = n % 4;
    const ticket = Math.floor(n / 4) - k * LAG;
    return { kind: KINDS[k]!, ticket, dept: deptOf(ticket) };
  });
}

/** What staged ticket i (negative) must have been through before the run starts. */
export function stagedActions(i: number): Kind[] {
  const done: Kind[] = ['submit'];
  if (i + LAG < 0) done.push('dispatch');
  if (i + 2 * LAG < 0) done.push('sign');
  return done;
}

/** The rooms the app pushes a slot's event to, from the app's own audience rule. */
export function roomsOfSlot(slot: Slot, deptIds: number[], operatorId: number): string[] {
  const from = {
    submit: 'registered',
    dispatch: 'pending_dispatch',
    sign: 'dispatched',
    urge: 'in_progress',
  };
  const to = { submit: 'pending_dispatch', dispatch: 'dispatched', sign: 'in_progress', urge: 'in_progress' };
  const status = { submit: null, dispatch: 'pending_sign', sign: 'in_progress', urge: 'in_progress' };
  const a = status[slot.kind];
  return audienceOf({
    ticket: { channel: 'phone', registeredBy: operatorId },
    event: { fromStatus: from[slot.kind], toStatus: to[slot.kind], assignmentId: null },
    assignments: a === null ? [] : [{ id: 1, status: a, departmentId: deptIds[slot.dept] }],
  } as unknown as Committed);
}

export type ConsoleUser = Pick<AuthUser, 'id' | 'role' | 'departmentId'>;

/** Usernames of the consoles, in order: department handlers round-robin, then dispatchers, then supervisors. */
export function consoleUsernames(): string[] {
  const staff = (role: string, n: number) =>
    Array.from({ length: n }, (_, i) => (i === 0 ? role : `${role}.${i + 1}`));
  return [
    ...Array.from({ length: CONSOLES.department }, (_, i) => `handler.d${(i % DEPARTMENTS) + 1}`),
    ...staff('dispatcher', CONSOLES.dispatcher),
    ...staff('supervisor', CONSOLES.supervisor),
  ];
}

/** How many deliveries the plan makes to consoles sitting in `roomsPerConsole`. */
export function expectedDeliveries(slotRooms: string[][], roomsPerConsole: string[][]): number {
  const members = new Map<string, Set<number>>();
  roomsPerConsole.forEach((rooms, i) => {
    for (const r of rooms) members.set(r, (members.get(r) ?? new Set()).add(i));
  });
  let total = 0;
  for (const rooms of slotRooms) {
    const hit = new Set<number>();
    for (const r of rooms) for (const i of members.get(r) ?? []) hit.add(i);
    total += hit.size;
  }
  return total;
}
