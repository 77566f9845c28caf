import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../core/clock.js';
import type { SlaService } from '../sla/sla.service.js';
import type { TicketsService } from '../tickets/tickets.service.js';

const BATCH = 500;
const NOTICE_WORKING_DAYS = 5;

/**
 * The deadline scanner: at start and every interval, it reads the assignments whose bookmark is due (an
 * indexed range, never a full scan) and raises their yellow and red cards, one event per transition.
 */
export function createDeadlineScanner(deps: {
  tickets: Pick<TicketsService, 'dueForScan' | 'scanAssignment'>;
  sla: Pick<SlaService, 'calendar'>;
  clock: Clock;
  intervalMs: number;
  log: FastifyBaseLogger;
}) {
  const { tickets, sla, clock, log } = deps;
  let timer: NodeJS.Timeout | null = null;

  /** One pass; returns how many cards and notices it raised. */
  function runOnce(): number {
    const noticeDueAt = (dueAt: number) => sla.calendar().addWorkingDays(dueAt, NOTICE_WORKING_DAYS);
    let raised = 0;
    for (let round = 0; round < 1000; round++) {
      const ids = tickets.dueForScan(clock.now(), BATCH);
      for (const id of ids) if (tickets.scanAssignment(id, noticeDueAt)) raised += 1;
      if (ids.length < BATCH) break;
    }
    return raised;
  }

  return {
    runOnce,
    start(): void {
      const pass = () => {
        try {
          const raised = runOnce();
          if (raised > 0) log.info({ raised }, 'deadline scan raised cards');
        } catch (err) {
          log.error({ err }, 'deadline scan failed');
        }
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
