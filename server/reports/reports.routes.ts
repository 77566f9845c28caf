import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { errors, Nullable, StringEnum } from '../core/http.js';
import { monthOf } from '../supervision/supervision.service.js';
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
export const MonthlyReportSchema = Type.Object({
  month: Type.String(),
  from: Type.String(),
  to: Type.String(),
  at: Type.String(),
  departments: Type.Array(LedgerRow),
  total: LedgerRow,
  centre: Type.Object({
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
  }),
});

/** `/api/reports/*`: the monthly ledger (月度台账) of DESIGN §3, for supervisors and admins. */
export const reportsRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock }> = async (
  app,
  { db, clock },
) => {
  app.get(
    '/api/reports/monthly',
    {
      config: { roles: ['supervisor', 'admin'] as const },
      schema: {
        tags: ['reports'],
        summary:
          '月度台账：各承办单位按时签收率、按时办结率、退单率、重办率、回访率、解决率、满意率；直办率与接通率（按进入人工队列的来电计）',
        description: 'Definitions: docs/reports.md. `format=csv` answers the ledger as a CSV file for Excel.',
        querystring: Type.Object({
          month: Type.Optional(
            Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM, local' }),
          ),
          format: Type.Optional(StringEnum(['json', 'csv'] as const)),
        }),
        response: { 200: MonthlyReportSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const now = clock.now();
      const report = monthlyReport(db, request.query.month ?? monthOf(now), now);
      if (request.query.format !== 'csv') return report;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="12345-ledger-${report.month}.csv"`)
        .serializer((payload: unknown) => payload as string)
        .send(ledgerCsv([...report.departments, report.total], report.centre) as never);
    },
  );
};
