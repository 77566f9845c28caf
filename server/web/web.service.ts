import { toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { DirectoryService } from '../directory/directory.service.js';
import type { WebAppealInput } from '../tickets/tickets.register.js';
import { ticketsRepo } from '../tickets/tickets.repo.js';
import type { TicketsService } from '../tickets/tickets.service.js';
import { leadDepartmentId, type Progress, progressView, samePhone } from './web.progress.js';

/** The citizens' web channel (网上诉求): an appeal in, and the progress of a ticket out to its caller. */
export function createWebAppeals(deps: {
  db: Db;
  tickets: Pick<TicketsService, 'registerFromWeb'>;
  directory: Pick<DirectoryService, 'getDepartment'>;
}) {
  const { db, tickets, directory } = deps;
  return {
    /** Registers the appeal as a ticket in `registered`, for an operator to review. Run it in the write batcher. */
    submit(input: WebAppealInput): { ticketNo: string; submittedAt: string } {
      const { ticket } = tickets.registerFromWeb(input);
      return { ticketNo: ticket.no, submittedAt: toIso(ticket.createdAt) };
    },

    /**
     * A ticket's progress for the person who gave `phone` with it, whatever the channel it came by. Null when
     * there is no such ticket or the number is not its caller's: the two are not told apart.
     */
    progress(ticketNo: string, phone: string): Progress | null {
      const t = ticketsRepo.byNo(db, ticketNo);
      if (!t || !samePhone(t.callerPhone, phone)) return null;
      const leadId = leadDepartmentId(ticketsRepo.assignmentsOf(db, [t.id]));
      // A reason is told only for a web appeal: its operator wrote it for the citizen (不予受理 in 网上诉求). Other
      // tickets' reasons were written for the centre, and the citizen reads only that it was declined.
      const reject =
        t.status === 'closed'
          ? ticketsRepo
              .eventsOf(db, t.id)
              .filter((e) => e.action === 'reject')
              .at(-1)
          : undefined;
      return progressView(t, {
        department: leadId === null ? null : (directory.getDepartment(leadId)?.name ?? null),
        declineReason: reject ? (t.channel === 'web' ? (reject.note ?? '') : '') : null,
      });
    },
  };
}

export type WebAppeals = ReturnType<typeof createWebAppeals>;
