// The clock readings and calendars the working-calendar tests share.
import { createWorkingCalendar, type DayOverride, localTime } from '../../../server/sla/calendar.js';

/** 'YYYY-MM-DD HH:MM[:SS]' (UTC+8) → epoch ms. */
export function at(local: string): number {
  const [date, time] = local.split(' ');
  const [hh, mm, ss = '00'] = (time ?? '').split(':');
  return localTime(date ?? '', `${hh}:${mm}`) + Number(ss) * 1000;
}

/** epoch ms → 'YYYY-MM-DD HH:MM:SS' (UTC+8), so failures read as local times. */
export function show(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The calendar of the official schedule and the default hours. */
export const cal = createWorkingCalendar({});

/** A calendar with its own day overrides. */
export function withOverrides(entries: Array<[string, DayOverride]>) {
  return createWorkingCalendar({ overrides: new Map(entries) });
}
