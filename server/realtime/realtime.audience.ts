import type { AuthUser } from '../auth/auth.service.js';
import type { Committed } from '../tickets/tickets.hooks.js';
import { showsTicket } from '../tickets/tickets.visibility.js';

/** The rooms a user's sockets join: a department's people are only ever in their own department's room. */
export function roomsOf(user: AuthUser): string[] {
  switch (user.role) {
    case 'handler':
      return user.departmentId === null ? [] : [`dept:${user.departmentId}`];
    case 'operator':
      // `role:operator` carries the desk's ephemeral events (callback tasks) and the events of citizens' web
      // appeals, which every operator may review (网上诉求待受理).
      return ['role:operator', `user:${user.id}`];
    default:
      return [`role:${user.role}`, `user:${user.id}`];
  }
}

/** Who watches the wallboard (监控大屏) live: its figures, calls waiting, agent states, calls answered and ended. */
export const WALLBOARD_ROOMS: readonly string[] = ['role:supervisor', 'role:admin'];

/** Rooms that receive every ticket event: not written down per event, replayed from the event log itself. */
export const EVERY_EVENT_ROOMS: readonly string[] = ['role:supervisor', 'role:admin', 'role:dispatcher'];

/** Whether a socket in these rooms sees every event. */
export const seesEverything = (rooms: readonly string[]) => rooms.some((r) => EVERY_EVENT_ROOMS.includes(r));

/** Where the events of citizens' web appeals go: every operator's desk. */
export const WEB_APPEAL_ROOM = 'role:operator';

/**
 * Who may see a committed ticket event: supervisors, admins and dispatchers always (they may read every
 * ticket); each department with a live assignment on the ticket, and the department the event is about
 * (told its return was approved); the operator who registered it, or every operator for a citizen's web
 * appeal (nobody registered it). A card on the ticket's own clock (the deadline scanner's yellow or red with no
 * assignment: Yantai's receipt clock, the revisit clock) is the centre's own lateness, and reaches no department.
 */
export function audienceOf(c: Committed): string[] {
  const { ticket, event, assignments } = c;
  const rooms = new Set(EVERY_EVENT_ROOMS);
  const centreCard = (event.action === 'yellow' || event.action === 'red') && event.assignmentId === null;
  for (const a of assignments) {
    if (centreCard) break;
    if (showsTicket(a, assignments) || a.id === event.assignmentId) rooms.add(`dept:${a.departmentId}`);
  }
  if (ticket.registeredBy !== null) rooms.add(`user:${ticket.registeredBy}`);
  else if (ticket.channel === 'web') rooms.add(WEB_APPEAL_ROOM);
  return [...rooms];
}

/** Rooms whose members see the caller masked (the departments). */
export const isMaskedRoom = (room: string) => room.startsWith('dept:');
