// The official schedule (chinese-days) covers some years; a year it does not is counted Monday–Friday until an
// admin enters its holidays. The server says so at start when deadlines are about to reach such a year.
import { describe, expect, it } from 'vitest';
import { localDate, localTime, OFFICIAL_YEARS, yearsWithoutSchedule } from '../../../server/sla/calendar.js';

const last = Math.max(...OFFICIAL_YEARS);
const at = (date: string) => localTime(date, '09:00');

describe('the years of the official schedule', () => {
  it('covers the years this product has run in, each with its holidays', () => {
    expect(OFFICIAL_YEARS.has(2025)).toBe(true);
    expect(OFFICIAL_YEARS.has(2026)).toBe(true);
    expect(localDate(at(`${last}-10-01`))).toBe(`${last}-10-01`);
  });

  it.each<[string, string, number[]]>([
    ['mid-year of a covered year', `${last}-06-01`, []],
    ['the last day of October', `${last}-10-31`, []],
    ['from November on, the next year is near', `${last}-11-01`, [last + 1]],
    ['in December', `${last}-12-20`, [last + 1]],
    ['inside the uncovered year itself', `${last + 1}-03-01`, [last + 1]],
    ['November of the uncovered year: that one and the next', `${last + 1}-11-15`, [last + 1, last + 2]],
  ])('%s (%s) → %j', (_name, date, years) => {
    expect(yearsWithoutSchedule(at(date))).toEqual(years);
  });
});
