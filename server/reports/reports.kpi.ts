// The monthly report's arithmetic (DESIGN §3: the KPIs per department and month), apart from the queries that
// count: what each rate is the share of, totals over departments, and the centre's own rates.
import { rate } from '../core/rate.js';
import { type CallCounts, callRates, ivrEnded } from './reports.calls.js';

/** What the month's event log and open assignments give for one department. */
export interface DepartmentCounts {
  departmentId: number;
  name: string;
  /** Assignments dispatched to it (派单), any role. */
  dispatched: number;
  /** Of those, as lead (主办): what a return (退单) is counted against. */
  leadDispatched: number;
  /** Signed (签收) this month, and of those within the sign clock. */
  signed: number;
  signedOnTime: number;
  /** Still unsigned now, their sign clock run out this month. */
  signOverdue: number;
  /** Replied (回复, 办结 for the department) this month, and of those within the handling clock. */
  replied: number;
  repliedOnTime: number;
  /** Still open now, their handling clock run out this month. */
  handleOverdue: number;
  /** Returns (退单) approved this month. */
  returned: number;
  /** Its work sent back to be done again (重办): a reply sent back, an unsatisfied revisit, Yantai's rework. */
  reworked: number;
  /**
   * Its replies approved this month that went to a revisit (应回访; a Yantai order's goes back to Yantai, which
   * revisits itself), and of those the ones whose caller has been reached since.
   */
  approved: number;
  approvedRevisited: number;
  /** Revisits this month that reached the caller, about its tickets. */
  revisited: number;
  solved: number;
  /** Of those, the ticket's first reached revisit, and the satisfied (满意 or 基本满意) among them. */
  firstRevisits: number;
  firstSatisfied: number;
  /** Of those, the ones that closed the ticket (the final satisfaction), and the satisfied among them. */
  finalRevisits: number;
  finalSatisfied: number;
}

/** The rates of DESIGN §3 for one department (or the total). */
export function departmentRates(c: DepartmentCounts) {
  return {
    /** 按时签收率: signed on time / (signed + run out unsigned). */
    onTimeSignRate: rate(c.signedOnTime, c.signed + c.signOverdue),
    /** 按时办结率: replied on time / (replied + run out open). */
    onTimeCompletionRate: rate(c.repliedOnTime, c.replied + c.handleOverdue),
    /** 退单率: approved returns / assignments dispatched as lead. */
    returnRate: rate(c.returned, c.leadDispatched),
    /** 重办率: sent back to be done again / replies. */
    reworkRate: rate(c.reworked, c.replied),
    /** 回访率: replies approved this month whose caller has been reached since / replies approved. */
    revisitRate: rate(c.approvedRevisited, c.approved),
    /** 解决率: solved / revisits that reached the caller. */
    solveRate: rate(c.solved, c.revisited),
    /** 满意率 (首次): satisfied at the ticket's first reached revisit. */
    firstSatisfactionRate: rate(c.firstSatisfied, c.firstRevisits),
    /** 满意率 (最终): satisfied at the revisit that closed the ticket. */
    finalSatisfactionRate: rate(c.finalSatisfied, c.finalRevisits),
  };
}

export const COUNT_KEYS = [
  'dispatched',
  'leadDispatched',
  'signed',
  'signedOnTime',
  'signOverdue',
  'replied',
  'repliedOnTime',
  'handleOverdue',
  'returned',
  'reworked',
  'approved',
  'approvedRevisited',
  'revisited',
  'solved',
  'firstRevisits',
  'firstSatisfied',
  'finalRevisits',
  'finalSatisfied',
] as const satisfies readonly (keyof DepartmentCounts)[];

/** Counts that are all zero: a department with nothing this month. */
export const noCounts = (departmentId: number, name: string): DepartmentCounts => ({
  departmentId,
  name,
  ...(Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Record<(typeof COUNT_KEYS)[number], number>),
});

/** The centre's line (合计): every count summed, the rates taken of the sums (not an average of rates). */
export function totalOf(rows: DepartmentCounts[]): DepartmentCounts {
  const total = noCounts(0, '合计');
  for (const r of rows) for (const k of COUNT_KEYS) total[k] += r[k];
  return total;
}

/** The call centre's own month: tickets taken and answered on the call (直办); its calls are in reports.calls.ts. */
export interface CentreCounts {
  /** Tickets the centre took in: every channel but Yantai's orders (the operators' and citizens' web appeals). */
  registered: number;
  /** Answered on the call (直办). */
  directAnswers: number;
}

export function centreRates(c: CentreCounts) {
  return {
    /** 直办率: answered on the call / tickets the centre registered. */
    directAnswerRate: rate(c.directAnswers, c.registered),
  };
}

/** The columns of the ledger, in order, with their Chinese heads (CSV export and the console's table). */
export const LEDGER_COLUMNS = [
  ['name', '承办单位'],
  ['dispatched', '派单数'],
  ['signed', '签收数'],
  ['signOverdue', '超期未签收'],
  ['onTimeSignRate', '按时签收率'],
  ['replied', '办结数'],
  ['handleOverdue', '超期未办结'],
  ['onTimeCompletionRate', '按时办结率'],
  ['returned', '退单数'],
  ['returnRate', '退单率'],
  ['reworked', '重办数'],
  ['reworkRate', '重办率'],
  ['revisitRate', '回访率'],
  ['revisited', '回访数'],
  ['solveRate', '解决率'],
  ['firstSatisfactionRate', '首次满意率'],
  ['finalSatisfactionRate', '最终满意率'],
] as const;

export type LedgerRow = DepartmentCounts & ReturnType<typeof departmentRates>;

/** One CSV field: a rate as a percentage (one decimal), a count as is, text quoted when it must be. */
function field(v: string | number | null, isRate: boolean): string {
  if (v === null) return '—';
  if (typeof v === 'number') return isRate ? `${(v * 100).toFixed(1)}%` : String(v);
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The centre's figures in the CSV, after the departments: head and value. */
const CENTRE_COLUMNS = [
  ['registered', '受理数'],
  ['directAnswers', '直办数'],
  ['directAnswerRate', '直办率'],
  ['offered', '呼入数'],
  ['ivrEnded', 'IVR结束数'],
  ['queued', '进入人工队列数'],
  ['answered', '接通数'],
  ['answerRate', '接通率'],
  ['answered15', '15秒接通数'],
  ['answeredWithin15sRate', '15秒接通率'],
] as const;

/** The centre's line of the ledger: its tickets and its calls, with their rates. */
export type CentreLine = CentreCounts &
  ReturnType<typeof centreRates> &
  CallCounts & { ivrEnded: number } & ReturnType<typeof callRates>;

/** The centre's figures from its counts; the same arithmetic for the whole centre and for each line (分线路). */
export const centreLine = (tickets: CentreCounts, calls: CallCounts): CentreLine => ({
  ...tickets,
  ...centreRates(tickets),
  ...calls,
  ivrEnded: ivrEnded(calls),
  ...callRates(calls),
});

/** One hotline line's figures (分线路): its tickets and the calls dialled to it. */
export type LineFigures = { line: string } & CentreLine;

/** The per-line rows in the CSV: the line, then the centre's columns. */
const LINE_COLUMNS = [['line', '线路'], ...CENTRE_COLUMNS] as const;

/** A section of figures after the centre's in the CSV: its title, then its heads and its one row. */
export interface CsvSection {
  title: string;
  columns: readonly (readonly [string, string])[];
  values: Readonly<Record<string, number | null>>;
}

/**
 * The month's ledger as CSV (UTF-8 with a BOM, so that Excel opens the Chinese right): the departments and 合计,
 * then, after a blank line, the centre's own figures, then (after a blank line and the title 分线路) one row per
 * hotline line, then each of `sections` the same way (市平台转办, 回访).
 */
export function ledgerCsv(
  rows: LedgerRow[],
  centre: CentreLine,
  lines: LineFigures[] = [],
  sections: readonly CsvSection[] = [],
): string {
  const out = [LEDGER_COLUMNS.map(([, head]) => head).join(',')];
  for (const r of rows) {
    out.push(LEDGER_COLUMNS.map(([key]) => field(r[key], key.endsWith('Rate'))).join(','));
  }
  out.push('', CENTRE_COLUMNS.map(([, head]) => head).join(','));
  out.push(CENTRE_COLUMNS.map(([key]) => field(centre[key], key.endsWith('Rate'))).join(','));
  if (lines.length > 0) {
    out.push('', '分线路', LINE_COLUMNS.map(([, head]) => head).join(','));
    for (const l of lines)
      out.push(LINE_COLUMNS.map(([key]) => field(l[key], key.endsWith('Rate'))).join(','));
  }
  for (const s of sections) {
    out.push('', s.title, s.columns.map(([, head]) => head).join(','));
    out.push(s.columns.map(([key]) => field(s.values[key] ?? null, key.endsWith('Rate'))).join(','));
  }
  return `\uFEFF${out.join('\r\n')}\r\n`;
}
