// 月度台账's 分线路 (per hotline line) table, as the console shows it. Pure, for tests. Which lines there are and
// every figure come from the server (docs/reports.md); this only lays them out and says what is not in any line.
import type { CentreFigures, LineFigures, MonthlyReport } from '../../api/supervision.js';
import { formatRate } from './supervision.logic.js';

/** The columns of 分线路 after the line, in order, with their heads: the centre's figures, line by line. */
export const LINE_COLUMNS = [
  ['registered', '受理'],
  ['directAnswers', '直办'],
  ['directAnswerRate', '直办率'],
  ['offered', '呼入'],
  ['queued', '转人工'],
  ['answered', '接通'],
  ['answered15', '15秒接通'],
  ['answerRate', '接通率'],
  ['answeredWithin15sRate', '15秒接通率'],
] as const satisfies readonly (readonly [keyof CentreFigures, string])[];

export type LineColumn = (typeof LINE_COLUMNS)[number][0];

/** One line of the table: its number and each column's text (a rate with nothing to take it of is `—`). */
export interface LineRow {
  line: string;
  cells: Record<LineColumn, string>;
}

/** The table's rows, in the server's order (the configured lines first). */
export function lineRows(lines: readonly LineFigures[]): LineRow[] {
  return lines.map((l) => ({
    line: l.line,
    cells: Object.fromEntries(
      LINE_COLUMNS.map(([key]) => [key, key.endsWith('Rate') ? formatRate(l[key]) : String(l[key])]),
    ) as Record<LineColumn, string>,
  }));
}

/**
 * The centre's tickets that are in no line (a walk-in, a letter, a citizen's web appeal: taken on no hotline
 * number): the centre's figures less the lines'. Every call has a line, so there is no such remainder of calls.
 */
export function ticketsWithoutLine(centre: MonthlyReport['centre']): {
  registered: number;
  directAnswers: number;
} {
  const sum = (key: 'registered' | 'directAnswers') =>
    centre[key] - centre.lines.reduce((n, l) => n + l[key], 0);
  return { registered: sum('registered'), directAnswers: sum('directAnswers') };
}
