import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../core/clock.js';
import type { WriteBatcher } from '../core/write-batch.js';
import type { SlaService } from '../sla/sla.service.js';
import type { TicketsService } from '../tickets/tickets.service.js';

const BATCH = 200;
const NOTICE_WORKING_DAYS = 5;

/**
 * The deadline scanner: at start and every interval, it reads the assignments whose bookmark is due (an
 * indexed range, never a full scan) and raises their yellow and red cards, one event per transition; then
 * the same for the clocks of tickets no department holds: Yantai's receipt clock (`signDueAt`) of the orders
 * waiting in the dispatch queue, and the revisit clock of the tickets waiting for their revisit.
 */
export function createDeadlineScanner(deps: {
  tickets: Pick<
    TicketsService,
    'dueForScan' | 'scanAssignment' | 'ticketsDueForClockScan' | 'scanTicketClock'
  >;
  sla: Pick<SlaService, 'calendar'>;
  batcher: Pick<WriteBatcher, 'atomically'>;
  clock: Clock;
  intervalMs: number;
  log: FastifyBaseLogger;
}) {
  const { tickets, sla, clock, log } = deps;
  let timer: NodeJS.Timeout | null = null;

  let running: Promise<number> | null = null;

  /**
   * One pass; resolves with how many cards it raised. Due assignments are taken in batches, each batch in
   * one transaction (one fsync), and the event loop gets a turn between batches, so a backlog after downtime
   * does not stall requests. Overlapping calls share one pass.
   */
  function runOnce(): Promise<number> {
    running ??= (async () => {
      const noticeDueAt = (dueAt: number) => sla.calendar().addWorkingDays(dueAt, NOTICE_WORKING_DAYS);
      let raised = 0;
      for (let round = 0; round < 10_000; round++) {
        const ids = tickets.dueForScan(clock.now(), BATCH);
        raised += deps.batcher.atomically(
          () => ids.filter((id) => tickets.scanAssignment(id, noticeDueAt) !== null).length,
        );
        if (ids.length < BATCH) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      const own = tickets.ticketsDueForClockScan(clock.now());
      for (let i = 0; i < own.length; i += BATCH) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        const batch = own.slice(i, i + BATCH);
        raised += deps.batcher.atomically(
          () => batch.filter((id) => tickets.scanTicketClock(id) !== null).length,
        );
      }
      return raised;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    runOnce,
    start(): void {
      const pass = () => {
        runOnce()
          .then((raised) => {
            if (raised > 0) log.info({ raised }, 'deadline scan raised cards');
          })
          .catch((err: unknown) => log.error({ err }, 'deadline scan failed'));
      };
      pass();
      if (deps.intervalMs > 0) {
        timer = setInterval(pass, deps.intervalMs);
        timer.unref();
      }
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
