import type { Clock } from '../../server/core/clock.js';

/** A clock tests move by hand. Times are China Standard Time when given as local strings. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: string | number = '2026-11-23T09:00:00+08:00') {
    this.t = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): number {
    return this.t;
  }
  set(at: string | number): void {
    this.t = typeof at === 'number' ? at : Date.parse(at);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
