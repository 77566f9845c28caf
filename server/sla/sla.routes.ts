import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../auth/auth.plugin.js';
import { notFound } from '../core/errors.js';
import { errors, Nullable, StringEnum } from '../core/http.js';
import { APPEAL_TYPES, URGENCIES } from '../tickets/tickets.machine.js';
import type { SlaService } from './sla.service.js';

const Clock = Type.Object({
  unit: StringEnum(['minutes', 'hours', 'working_hours', 'working_days'] as const),
  amount: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
});
const Rule = Type.Object({
  urgency: StringEnum(URGENCIES),
  appealType: Nullable(StringEnum(APPEAL_TYPES)),
  sign: Clock,
  handle: Clock,
  returnWindow: Clock,
  extensionCapDays: Type.Integer({ minimum: 0, maximum: 60 }),
  revisit: Clock,
});
const Policy = Type.Object({
  rules: Type.Array(Rule, { minItems: 2, maxItems: 50 }),
  directAnswerRevisitEvery: Type.Integer({ minimum: 0, maximum: 1000 }),
  upstreamMarginMinutes: Type.Integer({ minimum: 0, maximum: 7 * 24 * 60 }),
  revisitAttempts: Type.Integer({
    minimum: 0,
    maximum: 20,
    description: '回访未联系上的尝试次数上限，最后一次未联系上即以“回访不成功”结案；0 为不限',
  }),
});
const Hours = Type.Array(
  Type.Object({
    start: Type.String({ pattern: '^[0-2][0-9]:[0-5][0-9]$' }),
    end: Type.String({ pattern: '^[0-2][0-9]:[0-5][0-9]$' }),
  }),
  { minItems: 1, maxItems: 6 },
);
/** A calendar day this century: the working calendar has no business with other years. */
const DateString = Type.String({
  pattern: '^20[0-9]{2}-[0-9]{2}-[0-9]{2}$',
  format: 'date',
  description: 'YYYY-MM-DD, years 2000–2099',
});
const Day = Type.Object({
  date: Type.String(),
  work: Type.Boolean(),
  /** `weekday`: a year the official schedule does not cover yet, counted Monday–Friday until overridden. */
  source: StringEnum(['official', 'override', 'weekday'] as const),
  note: Nullable(Type.String()),
});

/** `/api/policy/deadlines` and `/api/calendar/*`: deadlines, working hours and the working calendar. */
export const slaRoutes: FastifyPluginAsyncTypebox<{ sla: SlaService }> = async (app, { sla }) => {
  app.get(
    '/api/policy/deadlines',
    { schema: { tags: ['sla'], summary: '时限规则', response: { 200: Policy, ...errors(401) } } },
    async () => sla.getPolicy(),
  );
  app.put(
    '/api/policy/deadlines',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['sla'], body: Policy, response: { 200: Policy, ...errors(400, 401, 403) } },
    },
    async (request) => sla.setPolicy(request.body),
  );
  app.get(
    '/api/calendar/hours',
    { schema: { tags: ['sla'], summary: '工作时间', response: { 200: Hours, ...errors(401) } } },
    async () => [...sla.getHours()],
  );
  app.put(
    '/api/calendar/hours',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['sla'], body: Hours, response: { 200: Hours, ...errors(400, 401, 403) } },
    },
    async (request) => [...sla.setHours(request.body)],
  );
  app.get(
    '/api/calendar/days',
    {
      schema: {
        tags: ['sla'],
        summary: '工作日历（法定节假日、调休与管理员调整）',
        querystring: Type.Object({ from: DateString, to: DateString }),
        response: { 200: Type.Array(Day), ...errors(400, 401) },
      },
    },
    async (request) => sla.listDays(request.query.from, request.query.to),
  );
  app.put(
    '/api/calendar/days/:date',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['sla'],
        summary: '设置某日是否为工作日（覆盖官方安排）',
        params: Type.Object({ date: DateString }),
        body: Type.Object({ work: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 100 })) }),
        response: { 200: Day, ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      sla.setDay(request.params.date, request.body.work, request.body.note ?? null, requireUser(request).id),
  );
  app.delete(
    '/api/calendar/days/:date',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['sla'],
        summary: '撤销对某日的调整',
        params: Type.Object({ date: DateString }),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!sla.removeDay(request.params.date)) throw notFound(`${request.params.date} 的调整`);
      return reply.status(204).send(null);
    },
  );
};
