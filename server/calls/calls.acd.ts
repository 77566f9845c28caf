import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { prepared } from '../core/prepared.js';
import { agents, calls } from './calls.tables.js';

export type AgentRow = typeof agents.$inferSelect;
export type CallRow = typeof calls.$inferSelect;

/** Automatic call distribution: which waiting call goes to which agent. Reads only; the service writes. */
export const acd = {
  /** The longest-idle ready agent with the queue's skill. */
  readyAgentFor(db: Db, queue: string): AgentRow | undefined {
    return prepared(db, 'acd.ready', (d) =>
      d.select().from(agents).where(eq(agents.state, 'ready')).orderBy(asc(agents.stateSince)).prepare(),
    )
      .all()
      .find((a) => a.skills.includes(queue));
  },
  /** Whether anyone who can take the queue is on duty (ready, talking or in wrap-up). */
  anyoneOnDuty(db: Db, queue: string): boolean {
    return db
      .select()
      .from(agents)
      .where(inArray(agents.state, ['ready', 'busy', 'wrap_up']))
      .all()
      .some((a) => a.skills.includes(queue));
  },
  /** The head of a queue: the call waiting longest that is not ringing an agent. */
  headOf(db: Db, queue: string): CallRow | undefined {
    return prepared(db, 'acd.head', (d) =>
      d
        .select()
        .from(calls)
        .where(
          and(
            eq(calls.outcome, 'in_progress'),
            eq(calls.queue, sql.placeholder('queue')),
            isNull(calls.ringingAgent),
            isNull(calls.answeredAt),
          ),
        )
        .orderBy(asc(calls.enqueuedAt))
        .limit(1)
        .prepare(),
    ).get({ queue });
  },
  /** Queues with calls waiting now. */
  waitingQueues(db: Db): string[] {
    return prepared(db, 'acd.waitingQueues', (d) =>
      d
        .selectDistinct({ queue: calls.queue })
        .from(calls)
        .where(and(eq(calls.outcome, 'in_progress'), isNull(calls.ringingAgent), isNull(calls.answeredAt)))
        .prepare(),
    )
      .all()
      .map((r) => r.queue)
      .filter((q): q is string => q !== null);
  },
};
