import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { errors, MonthString, Nullable, StringEnum } from '../core/http.js';
import { monthOf } from '../supervision/supervision.service.js';
import { REVISIT_COLUMNS, UPSTREAM_COLUMNS } from './reports.centre-work.js';
import { ledgerCsv } from './reports.kpi.js';
import { monthlyReport } from './reports.queries.js';

const Rate = Nullable(Type.Number({ description: '0–1, null when there is nothing to take it of' }));
const Int = Type.Integer();
const LedgerRow = Type.Object({
  departmentId: Int,
  name: Type.String(),
  dispatched: Int,
  leadDispatched: Int,
  signed: Int,
  signedOnTime: Int,
  signOverdue: Int,
  replied: Int,
  repliedOnTime: Int,
  handleOverdue: Int,
  returned: Int,
  reworked: Int,
  approved: Int,
  approvedRevisited: Int,
  revisited: Int,
  solved: Int,
  firstRevisits: Int,
  firstSatisfied: Int,
  finalRevisits: Int,
  finalSatisfied: Int,
  onTimeSignRate: Rate,
  onTimeCompletionRate: Rate,
  returnRate: Rate,
  reworkRate: Rate,
  revisitRate: Rate,
  solveRate: Rate,
  firstSatisfactionRate: Rate,
  finalSatisfactionRate: Rate,
});
/** The call centre's figures: the whole centre's, and each hotline line's (分线路). */
const centreFigures = {
  registered: Int,
  directAnswers: Int,
  offered: Int,
  queued: Int,
  ivrEnded: Int,
  answered: Int,
  answered15: Int,
  directAnswerRate: Rate,
  answerRate: Nullable(
    Type.Number({
      description: '接通率: answered / calls that entered the agent queue; null when none did',
    }),
  ),
  answeredWithin15sRate: Nullable(
    Type.Number({
      description:
        '15秒接通率: answered within 15 s of entering the queue / calls that entered it; null when none did',
    }),
  ),
};
export const MonthlyReportSchema = Type.Object({
  month: Type.String(),
  from: Type.String(),
  to: Type.String(),
  at: Type.String(),
  departments: Type.Array(LedgerRow),
  total: LedgerRow,
  centre: Type.Object({
    ...centreFigures,
    lines: Type.Array(
      Type.Object({
        line: Type.String({ description: '受理线路：12345、89000…' }),
        ...centreFigures,
      }),
      {
        description:
          '分线路：每个已配置的热线号码（即使本月为零），以及本月有工单或来电的其他号码；无线路的工单（来访、网上诉求…）不在其中',
      },
    ),
  }),
  upstream: Type.Object(
    {
      orders: Int,
      accepted: Int,
      acceptedOnTime: Int,
      signOverdue: Int,
      returned: Int,
      onTimeSignRate: Rate,
      returnRate: Rate,
    },
    { description: '市平台转办：收到的转办、签收（按市平台签收时限）、超期未签收、退回市平台' },
  ),
  revisits: Type.Object(
    { made: Int, onTime: Int, overdue: Int, onTimeRate: Rate },
    { description: '回访：回访次数、在回访期限内的次数、超期未回访的工单、回访及时率' },
  ),
});

/** `/api/reports/*`: the monthly ledger (月度台账) of DESIGN §3, for supervisors and admins. */
export const reportsRoutes: FastifyPluginAsyncTypebox<{
  db: Db;
  clock: Clock;
  /** The hotline lines the IVR answers now (热线号码): each is in 分线路, even in a month without a call. */
  lines: () => readonly string[];
}> = async (app, { db, clock, lines }) => {
  app.get(
    '/api/reports/monthly',
    {
      config: { roles: ['supervisor', 'admin'] as const },
      schema: {
        tags: ['reports'],
        summary:
          '月度台账：各承办单位按时签收率、按时办结率、退单率、重办率、回访率、解决率、满意率；直办率与接通率（按进入人工队列的来电计），并分线路',
        description:
          'Definitions: docs/reports.md. `centre.lines`: the centre figures per hotline line (分线路). `format=csv` answers the ledger as a CSV file for Excel.',
        querystring: Type.Object({
          // Years 2000–2099 (the working calendar's): `0000-01` was read as 1900 (Date.UTC).
          month: Type.Optional(MonthString()),
          format: Type.Optional(StringEnum(['json', 'csv'] as const)),
        }),
        response: { 200: MonthlyReportSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const now = clock.now();
      const report = monthlyReport(db, request.query.month ?? monthOf(now), now, lines());
      if (request.query.format !== 'csv') return report;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="12345-ledger-${report.month}.csv"`)
        .serializer((payload: unknown) => payload as string)
        .send(
          ledgerCsv([...report.departments, report.total], report.centre, report.centre.lines, [
            { title: '市平台转办', columns: UPSTREAM_COLUMNS, values: report.upstream },
            { title: '回访', columns: REVISIT_COLUMNS, values: report.revisits },
          ]) as never,
        );
    },
  );
};
