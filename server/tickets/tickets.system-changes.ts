import type { Clock } from '../core/clock.js';
import { toIso } from '../core/clock.js';
import type { Db, Tx } from '../core/db.js';
import type { WorkingCalendar } from '../sla/calendar.js';
import { scanStep } from './tickets.cards.js';
import type { createCommitter } from './tickets.commit.js';
import type { CommitHooks, Committed } from './tickets.hooks.js';
import type { Satisfaction } from './tickets.machine.js';
import { ticketsRepo } from './tickets.repo.js';
import { assignmentNotices } from './tickets.tables.js';
import {
  clockKey,
  orderSignClock,
  revisitClock,
  type TicketClock,
  ticketCardStep,
  ticketClock,
} from './tickets.ticket-cards.js';

/**
 * The changes no person makes through the ticket actions: the deadline scanner's cards and the caller's
 * post-call survey. Each is one transaction with its one event, like any other change.
 */
export function createSystemChanges(deps: {
  db: Db;
  clock: Clock;
  hooks: CommitHooks;
  finish: ReturnType<typeof createCommitter>['finish'];
  withNextCheck: ReturnType<typeof createCommitter>['withNextCheck'];
  calendar: () => WorkingCalendar;
}) {
  const { db, clock, hooks, finish, withNextCheck, calendar } = deps;
  /**
   * Tickets whose own clock's red card is raised, by the run it was raised on (`clockKey`): nothing is left to
   * raise on them until their clock moves, so the scanner stops taking a write lock for each of them every pass.
   * Only a shortcut: a restart empties it, and the event log still decides.
   */
  let settled = new Map<number, string>();
  return {
    /** Assignments the deadline scanner must look at now (oldest bookmark first). */
    dueForScan: (now: number, limit: number): number[] => ticketsRepo.dueForScan(db, now, limit),

    /**
     * The deadline scanner's step for one assignment, in one transaction: raise its yellow or red card
     * (one event each, at most once per due time, so overlapping or repeated runs change nothing), put a
     * red one on the notice list 5 working days past due, or just move its bookmark.
     */
    scanAssignment(assignmentId: number, noticeDueAt: (dueAt: number) => number): Committed | null {
      let committed: Committed | null = null;
      db.transaction(
        (tx: Tx) => {
          const a = ticketsRepo.assignmentById(tx, assignmentId);
          if (!a) return;
          const now = clock.now();
          const step = scanStep(a, now);
          if (step.kind === 'none') {
            withNextCheck(tx, a);
            return;
          }
          if (step.kind === 'notice') {
            withNextCheck(tx, { ...a, noticedAt: now });
            ticketsRepo.updateAssignment(tx, a.id, { noticedAt: now });
            tx.insert(assignmentNotices)
              .values({ assignmentId: a.id, dueAt: step.dueAt, noticedAt: now })
              .run();
            return;
          }
          const notice = step.kind === 'red' && step.clock === 'handle' ? noticeDueAt(step.dueAt) : null;
          ticketsRepo.setCard(tx, a.id, step.kind, step.dueAt, notice);
          const ticket = ticketsRepo.byId(tx, a.ticketId)!;
          committed = finish(tx, ticket.id, {
            ticketId: ticket.id,
            action: step.kind,
            fromStatus: ticket.status,
            toStatus: ticket.status,
            actorId: null,
            actorName: '时限监控',
            actorDepartmentId: null,
            assignmentId: a.id,
            note: null,
            data: { clock: step.clock, dueAt: toIso(step.dueAt), departmentId: a.departmentId },
            at: now,
          });
        },
        { behavior: 'immediate' },
      );
      if (committed) hooks.runAfterCommit(committed);
      return committed;
    },

    /**
     * Tickets whose own clock (tickets.ticket-cards.ts) is in its warning time or past due at `now`, for the
     * scanner: Yantai's orders waiting for their receipt (签收), then tickets waiting for their revisit (回访). Both
     * queues are short, so all of their tickets are read.
     */
    ticketsDueForClockScan(now: number): number[] {
      const cal = calendar();
      const running: [number, TicketClock | null][] = [
        ...ticketsRepo
          .ordersAwaitingReceipt(db)
          .map((o): [number, TicketClock | null] => [
            o.id,
            orderSignClock({ ...o, status: 'pending_dispatch', acceptedAt: null }, cal),
          ]),
        ...ticketsRepo
          .revisitsDueForScan(db, now)
          .map((r): [number, TicketClock | null] => [
            r.id,
            revisitClock({ ...r, status: 'pending_revisit' }),
          ]),
      ];
      const due: number[] = [];
      const still = new Map<number, string>();
      for (const [id, c] of running) {
        if (c === null || now < c.yellowAt) continue;
        const key = clockKey(c);
        if (settled.get(id) === key) still.set(id, key);
        else due.push(id);
      }
      settled = still;
      return due;
    },

    /**
     * The scanner's step for a ticket's own clock (Yantai's receipt clock, or the revisit clock), in one
     * transaction: raise its yellow or red card, once per due time (the event log says which were raised, so a
     * repeated or overlapping run, or a restart, raises nothing twice). No department holds the ticket on either
     * clock, so a red card raises no 督办单: the card reaches the centre's staff, whose work the clock is.
     */
    scanTicketClock(ticketId: number): Committed | null {
      const committed = db.transaction(
        (tx: Tx): Committed | null => {
          const ticket = ticketsRepo.byId(tx, ticketId);
          const running = ticket && ticketClock(ticket, calendar());
          if (!ticket || !running) return null;
          const dueAt = toIso(running.dueAt);
          const raised = ticketsRepo.ticketCardsRaised(tx, ticket.id, running.kind, dueAt, running.since);
          const card = ticketCardStep(running, raised, clock.now());
          if (card === 'red' || raised.has('red')) settled.set(ticket.id, clockKey(running));
          if (card === null) return null;
          return finish(tx, ticket.id, {
            ticketId: ticket.id,
            action: card,
            fromStatus: ticket.status,
            toStatus: ticket.status,
            actorId: null,
            actorName: '时限监控',
            actorDepartmentId: null,
            assignmentId: null,
            note: null,
            data: { clock: running.kind, dueAt },
            at: clock.now(),
          });
        },
        { behavior: 'immediate' },
      );
      if (committed) hooks.runAfterCommit(committed);
      return committed;
    },

    /**
     * The caller's post-call survey answer lands on every ticket registered from that call, as one `survey`
     * event each. It rates the call: it is the first satisfaction only of a matter answered on the call (直办)
     * and not rated yet. A ticket sent on for handling gets its first satisfaction at its revisit (回访), from
     * which the monthly ledger counts 首次满意率.
     */
    recordSurvey(callId: string, satisfaction: Satisfaction): Committed[] {
      const done: Committed[] = [];
      for (const ticketId of ticketsRepo.ticketIdsOfCall(db, callId)) {
        const committed = db.transaction(
          (tx: Tx) => {
            const ticket = ticketsRepo.byId(tx, ticketId)!;
            if (ticket.satisfactionFirst === null && ticket.directAnswer !== null) {
              ticketsRepo.updateTicket(tx, ticket.id, {
                satisfactionFirst: satisfaction,
                updatedAt: clock.now(),
              });
            }
            return finish(tx, ticket.id, {
              ticketId: ticket.id,
              action: 'survey',
              fromStatus: ticket.status,
              toStatus: ticket.status,
              actorId: null,
              actorName: '来电满意度评价',
              actorDepartmentId: null,
              assignmentId: null,
              note: null,
              data: { callId, satisfaction },
              at: clock.now(),
            });
          },
          { behavior: 'immediate' },
        );
        hooks.runAfterCommit(committed);
        done.push(committed);
      }
      return done;
    },
  };
}
