import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { badRequest } from '../core/errors.js';
import type { AppealType, Urgency } from '../tickets/tickets.machine.js';
import {
  createWorkingCalendar,
  type DayOverride,
  DEFAULT_WORKING_HOURS,
  OFFICIAL_YEARS,
  officialDayName,
  type WorkingCalendar,
  type WorkingHours,
} from './calendar.js';
import { addClock, upstreamBound, yellowAt } from './deadlines.js';
import { DEFAULT_POLICY, type DeadlinePolicy, policyProblems, resolveRule } from './policy.js';
import { calendarOverrides, settings } from './sla.tables.js';

const POLICY_KEY = 'deadline_policy';
/** The clocks of a rule that count from dispatch; no real 12345 clock runs for more than a year. */
const CLOCKS = ['sign', 'handle', 'returnWindow', 'revisit'] as const;
const MAX_CLOCK_MS = 366 * 86_400_000;
const HOURS_KEY = 'working_hours';
/** The clocks' names as the 办理时限 page shows them. */
const CLOCK_WORDS: Record<(typeof CLOCKS)[number], string> = {
  sign: '签收时限',
  handle: '办理时限',
  returnWindow: '退单时限',
  revisit: '回访时限',
};

/** A policy problem (`rules.2: 与另一条规则…重复`) as a 400 naming its field, the reason said once. */
function problemError(problem: string) {
  const at = problem.indexOf(': ');
  return badRequest(problem.slice(0, at), problem.slice(at + 2));
}

/** The clocks of a fresh assignment, in epoch ms. */
export interface AssignmentClocks {
  signDueAt: number;
  signYellowAt: number;
  dueAt: number;
  yellowAt: number;
  returnDueAt: number;
  /** The handling due the policy gives, when Yantai's due cut `dueAt` shorter; null when `dueAt` is it. */
  uncappedDueAt: number | null;
}

/** The clocks of an assignment a change of Yantai's due may move. */
export type AssignmentDues = Pick<
  AssignmentClocks,
  'signDueAt' | 'signYellowAt' | 'dueAt' | 'yellowAt' | 'returnDueAt' | 'uncappedDueAt'
> & { dispatchedAt: number; signedAt: number | null };

export interface CalendarDay {
  date: string;
  work: boolean;
  /** `weekday`: a year the official schedule does not cover yet, counted Monday–Friday until overridden. */
  source: 'official' | 'override' | 'weekday';
  note: string | null;
}

/** Deadline policy, working hours and the working calendar (official schedule + admin overrides). */
export function createSlaService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  let cached: WorkingCalendar | null = null;

  const readSetting = <T>(key: string, fallback: T): T => {
    const row = db.select().from(settings).where(eq(settings.key, key)).get();
    return row ? (row.value as T) : fallback;
  };
  const writeSetting = (key: string, value: unknown) => {
    const updatedAt = clock.now();
    db.insert(settings)
      .values({ key, value, updatedAt })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } })
      .run();
  };

  const getHours = (): WorkingHours => readSetting(HOURS_KEY, DEFAULT_WORKING_HOURS);
  let policy: DeadlinePolicy | null = null;
  // Stored policies are completed with defaults, so a field added later has its default value.
  const getPolicy = (): DeadlinePolicy => {
    policy ??= { ...DEFAULT_POLICY, ...readSetting<Partial<DeadlinePolicy>>(POLICY_KEY, {}) };
    return policy;
  };

  const overrides = () =>
    new Map<string, DayOverride>(
      db
        .select()
        .from(calendarOverrides)
        .all()
        .map((r) => [r.date, { work: r.work, ...(r.note ? { note: r.note } : {}) }]),
    );
  const calendar = (): WorkingCalendar => {
    cached ??= createWorkingCalendar({ overrides: overrides(), hours: getHours() });
    return cached;
  };
  const boundAt = (now: number, upstreamDueAt: number) =>
    upstreamBound(now, upstreamDueAt, getPolicy().upstreamMarginMinutes * 60_000);

  /**
   * The first clock of `next` that cannot be worked out from now under `hours`, or that ends more than a year
   * away (with its extensions): such a setting would make every dispatch fail, so it is refused instead.
   */
  const unworkable = (
    next: DeadlinePolicy,
    hours: WorkingHours,
  ): { field: string; rule: number; clock: string } | null => {
    const cal = createWorkingCalendar({ overrides: overrides(), hours });
    const now = clock.now();
    for (const [i, rule] of next.rules.entries()) {
      for (const key of CLOCKS) {
        try {
          let end = addClock(cal, now, rule[key]);
          if (key === 'handle') end = cal.addWorkingDays(end, rule.extensionCapDays);
          if (end - now <= MAX_CLOCK_MS) continue;
        } catch {
          // beyond what the calendar can count: the same answer
        }
        return { field: `rules.${i}.${key}`, rule: i + 1, clock: CLOCK_WORDS[key] };
      }
    }
    return null;
  };

  return {
    calendar,
    getPolicy,
    setPolicy(next: DeadlinePolicy): DeadlinePolicy {
      const problems = policyProblems(next);
      // The first problem: the page marks its cell; the next save tells the next one.
      if (problems.length > 0) throw problemError(problems[0]!);
      const problem = unworkable(next, getHours());
      if (problem) throw badRequest(problem.field, '按现在的工作时间，该时限要一年以后才到期');
      writeSetting(POLICY_KEY, next);
      policy = null;
      return getPolicy();
    },
    getHours,
    setHours(hours: WorkingHours): WorkingHours {
      try {
        createWorkingCalendar({ hours });
      } catch (err) {
        throw badRequest('hours', err instanceof Error ? err.message : String(err));
      }
      const problem = unworkable(getPolicy(), hours);
      if (problem) {
        throw badRequest(
          'hours',
          `工作时间太短：按此工作时间，第 ${problem.rule} 条时限规则的${problem.clock}要一年以后才到期`,
        );
      }
      writeSetting(HOURS_KEY, hours);
      cached = null;
      return hours;
    },
    /** Every day from `from` to `to` (inclusive, at most a year) with whether it is worked and why. */
    listDays(from: string, to: string): CalendarDay[] {
      const overrides = new Map(
        db
          .select()
          .from(calendarOverrides)
          .where(and(gte(calendarOverrides.date, from), lte(calendarOverrides.date, to)))
          .orderBy(asc(calendarOverrides.date))
          .all()
          .map((r) => [r.date, r]),
      );
      const days: CalendarDay[] = [];
      const start = Date.parse(`${from}T00:00:00Z`);
      const end = Date.parse(`${to}T00:00:00Z`);
      if (end < start) throw badRequest('to', '结束日期不能早于开始日期');
      if (end - start > 366 * 86_400_000) throw badRequest('to', '一次最多查询一年');
      for (let t = start; t <= end; t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        const o = overrides.get(date);
        if (o) {
          days.push({ date, work: o.work, source: 'override', note: o.note });
        } else {
          // Not chinese-days' getDayDetail(): it reads dates in the process time zone (see calendar.ts).
          days.push({
            date,
            work: calendar().isWorkday(date),
            // A year the official schedule does not cover yet: Monday–Friday, until overridden.
            source: OFFICIAL_YEARS.has(Number(date.slice(0, 4))) ? 'official' : 'weekday',
            note: officialDayName(date),
          });
        }
      }
      return days;
    },
    setDay(date: string, work: boolean, note: string | null, actorId: number): CalendarDay {
      const updatedAt = clock.now();
      db.insert(calendarOverrides)
        .values({ date, work, note, updatedBy: actorId, updatedAt })
        .onConflictDoUpdate({
          target: calendarOverrides.date,
          set: { work, note, updatedBy: actorId, updatedAt },
        })
        .run();
      cached = null;
      return { date, work, source: 'override', note };
    },
    removeDay(date: string): boolean {
      const res = db.delete(calendarOverrides).where(eq(calendarOverrides.date, date)).run();
      cached = null;
      return res.changes > 0;
    },

    /**
     * Sign, handling and return clocks for an assignment dispatched at `now`. For a Yantai order
     * (`upstreamDueAt`), every clock ends within `upstreamBound`: the policy's margin before Yantai's due, or half
     * the time left when it is short.
     */
    assignmentClocks(
      now: number,
      urgency: Urgency,
      appealType: AppealType,
      upstreamDueAt?: number | null,
    ): AssignmentClocks {
      const cal = calendar();
      const rule = resolveRule(getPolicy(), urgency, appealType);
      const bound = upstreamDueAt == null ? Number.POSITIVE_INFINITY : boundAt(now, upstreamDueAt);
      const own = addClock(cal, now, rule.handle);
      const dueAt = Math.min(own, bound);
      const signDueAt = Math.min(addClock(cal, now, rule.sign), dueAt);
      return {
        signDueAt,
        signYellowAt: Math.min(yellowAt(cal, now, signDueAt, rule.sign), signDueAt),
        dueAt,
        yellowAt: Math.min(yellowAt(cal, now, dueAt, rule.handle), dueAt),
        returnDueAt: Math.min(addClock(cal, now, rule.returnWindow), dueAt),
        uncappedDueAt: own > dueAt ? own : null,
      };
    },
    /** The latest local due a Yantai order due at `upstreamDueAt` allows now (deadlines.ts `upstreamBound`). */
    upstreamBound: (upstreamDueAt: number, now: number = clock.now()) => boundAt(now, upstreamDueAt),
    /**
     * A handling due moved by `days` working days (延期), with its new yellow card. The days count from the due
     * the department would have without Yantai's cap (`uncappedDueAt`), so a second request builds on the first;
     * `bound` (Yantai's, for an order) keeps the due inside, never below the current one. `requestedDueAt` is
     * the due the extension asks for, `uncappedDueAt` what it stores.
     */
    extendDue(
      a: { dueAt: number; uncappedDueAt: number | null; startedAt: number },
      days: number,
      bound: number = Number.POSITIVE_INFINITY,
    ): { dueAt: number; yellowAt: number; uncappedDueAt: number | null; requestedDueAt: number } {
      const cal = calendar();
      const requestedDueAt = cal.addWorkingDays(a.uncappedDueAt ?? a.dueAt, days);
      const dueAt = Math.max(a.dueAt, Math.min(requestedDueAt, bound));
      return {
        dueAt,
        yellowAt: yellowAt(cal, a.startedAt, dueAt, { unit: 'working_days', amount: days + 1 }),
        uncappedDueAt: requestedDueAt > dueAt ? requestedDueAt : null,
        requestedDueAt,
      };
    },
    /**
     * An assignment's clocks when Yantai's due for the order becomes `upstreamDueAt` (a notice bringing one): the
     * handling due goes back towards the one the department would have without the cap, or down to the new bound,
     * with a new yellow card; a sign or return window only ever shortens to fit. Null when nothing moves.
     */
    reboundClocks(
      a: AssignmentDues,
      upstreamDueAt: number,
      now: number,
      urgency: Urgency,
      appealType: AppealType,
      parentDueAt: number = Number.POSITIVE_INFINITY,
    ): Partial<AssignmentDues> | null {
      const own = a.uncappedDueAt ?? a.dueAt;
      const dueAt = Math.max(Math.min(own, boundAt(now, upstreamDueAt), parentDueAt), Math.min(a.dueAt, now));
      if (dueAt === a.dueAt) return null;
      const cal = calendar();
      const rule = resolveRule(getPolicy(), urgency, appealType);
      const startedAt = a.signedAt ?? a.dispatchedAt;
      const signDueAt = Math.min(a.signDueAt, dueAt);
      return {
        dueAt,
        yellowAt: Math.min(yellowAt(cal, startedAt, dueAt, rule.handle), dueAt),
        uncappedDueAt: own > dueAt ? own : null,
        signDueAt,
        signYellowAt: Math.min(a.signYellowAt, signDueAt),
        returnDueAt: Math.min(a.returnDueAt, dueAt),
      };
    },
    /** Whether a ticket's sign or handling clock counts wall-clock time (minutes, hours) rather than working time. */
    isWallClock(urgency: Urgency, appealType: AppealType, kind: 'sign' | 'handle'): boolean {
      const unit = resolveRule(getPolicy(), urgency, appealType)[kind].unit;
      return unit === 'minutes' || unit === 'hours';
    },
    extensionCapDays: (urgency: Urgency, appealType: AppealType) =>
      resolveRule(getPolicy(), urgency, appealType).extensionCapDays,
    /** The revisit clock (回访) started now: its due, and its yellow card as any clock's (1 working day before, or 75 %). */
    revisitClock(
      now: number,
      urgency: Urgency,
      appealType: AppealType,
    ): { revisitDueAt: number; revisitYellowAt: number } {
      const cal = calendar();
      const spec = resolveRule(getPolicy(), urgency, appealType).revisit;
      const due = addClock(cal, now, spec);
      return { revisitDueAt: due, revisitYellowAt: yellowAt(cal, now, due, spec) };
    },
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
