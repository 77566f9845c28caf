/** Source of the current time; injected everywhere so tests can move time. */
export interface Clock {
  now(): number;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** China Standard Time is UTC+8 all year (no daylight saving): local dates and times shift by this. */
export const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** ISO-8601 with the China Standard Time offset (+08:00), as every API answer shows times. */
export function toIso(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** Local (UTC+8) calendar day as `yyyymmdd`, used in ticket numbers. */
export function compactLocalDate(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}
