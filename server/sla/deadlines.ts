/**
 * Deadline arithmetic for ticket clocks (签收, 办理, 退单, 回访 …): when a clock is due, when its
 * yellow card (预警) shows, and which color it has at a given instant. Pure; instants are epoch ms.
 */
import type { WorkingCalendar } from './calendar.js';

/** minutes/hours run on the wall clock; working_* count working time on the calendar. */
export type ClockUnit = 'minutes' | 'hours' | 'working_hours' | 'working_days';

export interface ClockSpec {
  unit: ClockUnit;
  amount: number;
}

export type DeadlineColor = 'green' | 'yellow' | 'red';

/** Share of a short clock after which its yellow card shows. */
export const DEFAULT_YELLOW_RATIO = 0.75;

const MINUTE_MS = 60_000;

/**
 * Due instant of a clock started at `from`: minutes/hours are wall-clock (an urgent ticket at 02:00 on
 * a Sunday is due 30 minutes later), working_* use the calendar.
 */
export function addClock(cal: WorkingCalendar, from: number, spec: ClockSpec): number {
  assertSpec(spec);
  switch (spec.unit) {
    case 'minutes':
      return from + Math.round(spec.amount * MINUTE_MS);
    case 'hours':
      return from + Math.round(spec.amount * 60 * MINUTE_MS);
    case 'working_hours':
      return cal.addWorkingMinutes(from, spec.amount * 60);
    case 'working_days':
      return cal.addWorkingDays(from, spec.amount);
    default:
      return unknownUnit(spec.unit);
  }
}

/**
 * Yellow-card (预警) instant for a clock running from `from` to `due`.
 * - Clocks longer than one working day (working_days > 1, working_hours above one day's working
 *   minutes): 1 working day before due.
 * - Every other clock: after `ratio` of its span. Wall-clock units take the wall-clock span; working
 *   units take the working time between `from` and `due` (so a 1-working-day clock started on Friday
 *   afternoon warns on Monday afternoon, not over the weekend).
 * The result lies between `from` and `due`.
 */
export function yellowAt(
  cal: WorkingCalendar,
  from: number,
  due: number,
  spec: ClockSpec,
  ratio: number = DEFAULT_YELLOW_RATIO,
): number {
  assertSpec(spec);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new RangeError(`yellow ratio must be between 0 and 1, got ${ratio}`);
  }
  if (due <= from) return from;
  let yellow: number;
  switch (spec.unit) {
    case 'minutes':
    case 'hours':
      yellow = from + Math.round((due - from) * ratio);
      break;
    case 'working_hours':
    case 'working_days': {
      const long = spec.unit === 'working_days' ? spec.amount > 1 : spec.amount * 60 > cal.minutesPerDay;
      yellow = long
        ? cal.subtractWorkingDays(due, 1)
        : cal.addWorkingMinutes(from, cal.workingMinutesBetween(from, due) * ratio);
      break;
    }
    default:
      return unknownUnit(spec.unit);
  }
  return Math.max(from, Math.min(due, yellow));
}

/** Color at instant `now`: red when now > due, yellow when now >= yellow, else green. */
export function deadlineColor(now: number, yellow: number, due: number): DeadlineColor {
  if (now > due) return 'red';
  if (now >= yellow) return 'yellow';
  return 'green';
}

function assertSpec(spec: ClockSpec): void {
  if (!Number.isFinite(spec.amount) || spec.amount < 0) {
    throw new RangeError(`clock amount must be a finite number >= 0, got ${spec.amount} ${spec.unit}`);
  }
}

function unknownUnit(unit: never): never {
  throw new Error(`unknown clock unit '${String(unit)}'`);
}

/**
 * The latest local due a Yantai order allows at `now`: Yantai's due less the margin (the centre's time to review
 * and feed back). When less than twice the margin is left, half of what is left, so a department is never given
 * a due that has already passed and the centre keeps the other half. When Yantai's due has passed no local due can
 * end before it, so nothing bounds the local clocks (Infinity): the order is late upstream whatever is done here.
 */
export function upstreamBound(now: number, upstreamDueAt: number, marginMs: number): number {
  const left = upstreamDueAt - now;
  if (left <= 0) return Number.POSITIVE_INFINITY;
  return left >= 2 * marginMs ? upstreamDueAt - marginMs : now + Math.floor(left / 2);
}
