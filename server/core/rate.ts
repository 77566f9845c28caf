/** A share rounded to 0.1 %, or null when there is nothing to take it of (never 0 % of nothing). */
export const rate = (n: number, of: number): number | null =>
  of === 0 ? null : Math.round((n / of) * 1000) / 1000;
