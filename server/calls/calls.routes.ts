import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { requireUser } from '../auth/auth.plugin.js';
import { toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { badRequest, conflict, forbidden, notFound, uniqueOrConflict } from '../core/errors.js';
import { errors, StringEnum, Text } from '../core/http.js';
import { phoneKey } from '../core/phone.js';
import { callMetrics } from './calls.metrics.js';
import type { CallsService } from './calls.service.js';
import { CALL_OUTCOMES, callbackTasks, calls } from './calls.tables.js';

type CallRow = typeof calls.$inferSelect;
type TaskRow = typeof callbackTasks.$inferSelect;

const callView = (c: CallRow) => ({
  id: c.id,
  from: c.fromNumber,
  line: c.line,
  ivrPath: c.ivrPath,
  queue: c.queue,
  offeredAt: toIso(c.offeredAt),
  waitSeconds:
    c.enqueuedAt === null
      ? null
      : Math.round(((c.answeredAt ?? c.endedAt ?? c.enqueuedAt) - c.enqueuedAt) / 1000),
  agent: c.agentNo,
  answeredAt: c.answeredAt === null ? null : toIso(c.answeredAt),
  talkSeconds:
    c.answeredAt === null || c.endedAt === null ? null : Math.round((c.endedAt - c.answeredAt) / 1000),
  endedAt: c.endedAt === null ? null : toIso(c.endedAt),
  outcome: c.outcome,
  recording: c.recordingUrl === null ? null : { url: c.recordingUrl, seconds: c.recordingSeconds },
  satisfaction: c.satisfaction,
});

const CallSchema = Type.Object(
  { id: Type.String(), from: Type.String(), line: Type.String(), outcome: StringEnum(CALL_OUTCOMES) },
  { additionalProperties: true },
);
const TaskSchema = Type.Object(
  { id: Type.Integer(), phone: Type.String(), status: Type.String(), attempts: Type.Integer() },
  { additionalProperties: true },
);
const Staff = ['operator', 'supervisor', 'admin', 'dispatcher'] as const;

/** `/api/calls`, `/api/agents/me/state`, `/api/callbacks` (漏接回拨). The calls tables are this module's own. */
export const callsRoutes: FastifyPluginAsyncTypebox<{
  db: Db;
  calls: CallsService;
  now: () => number;
  /** A user by id (the directory's), to check that an agent is an operator. */
  users: (id: number) => { role: string } | undefined;
}> = async (app, { db, calls: service, now, users }) => {
  app.get(
    '/api/calls',
    {
      config: { roles: Staff },
      schema: {
        tags: ['calls'],
        summary: '通话记录',
        querystring: Type.Object({
          line: Type.Optional(Type.String({ maxLength: 12 })),
          from: Type.Optional(Type.String({ maxLength: 32 })),
          outcome: Type.Optional(StringEnum(CALL_OUTCOMES)),
          date: Type.Optional(Type.String({ format: 'date' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: Type.Array(CallSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      const conds = [];
      if (q.line) conds.push(eq(calls.line, q.line));
      if (q.from) {
        // By its key, as a caller's calls are found everywhere (+86 138 1234 5678 finds 13812345678's calls);
        // a `from` without digits (anonymous) as the gateway sent it, among the calls keyed '' (the key's index).
        const key = phoneKey(q.from);
        conds.push(eq(calls.fromKey, key));
        if (key === '') conds.push(eq(calls.fromNumber, q.from));
      }
      if (q.outcome) conds.push(eq(calls.outcome, q.outcome));
      if (q.date) {
        const start = Date.parse(`${q.date}T00:00:00+08:00`);
        conds.push(gte(calls.offeredAt, start), lt(calls.offeredAt, start + 86_400_000));
      }
      return db
        .select()
        .from(calls)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(desc(calls.offeredAt))
        .limit(q.limit ?? 100)
        .all()
        .map(callView);
    },
  );
  app.get(
    '/api/calls/metrics',
    {
      config: { roles: ['supervisor', 'admin'] as const },
      schema: {
        tags: ['calls'],
        summary: '话务指标：接通率、15秒接通率、平均/最长等待、放弃率（按线路、按小时）',
        querystring: Type.Object({ date: Type.Optional(Type.String({ format: 'date' })) }),
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const day = request.query.date ? Date.parse(`${request.query.date}T00:00:00+08:00`) : undefined;
      return callMetrics(db, now(), day);
    },
  );
  app.get(
    '/api/calls/:id',
    {
      config: { roles: Staff },
      schema: {
        tags: ['calls'],
        params: Type.Object({ id: Type.String({ maxLength: 128 }) }),
        response: { 200: CallSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const row = db.select().from(calls).where(eq(calls.id, request.params.id)).get();
      if (!row) throw notFound(`通话 ${request.params.id}`);
      return callView(row);
    },
  );
  const AgentSchema = Type.Object({
    userId: Type.Integer(),
    agentNo: Type.String(),
    skills: Type.Array(Type.String()),
    state: Type.String(),
    stateSince: Type.String(),
  });
  const agentView = (a: ReturnType<CallsService['listAgents']>[number]) => ({
    ...a,
    stateSince: toIso(a.stateSince),
  });
  app.get(
    '/api/agents',
    {
      config: { roles: ['supervisor', 'admin'] as const },
      schema: {
        tags: ['calls'],
        summary: '坐席与状态',
        response: { 200: Type.Array(AgentSchema), ...errors(401, 403) },
      },
    },
    async () => service.listAgents().map(agentView),
  );
  app.put(
    '/api/agents/:userId',
    {
      config: { roles: ['admin'] as const },
      schema: {
        tags: ['calls'],
        summary: '设置话务员的坐席工号与技能队列',
        params: Type.Object({ userId: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({
          agentNo: Type.String({ pattern: '^[0-9]{3,8}$' }),
          skills: Type.Array(Type.String({ pattern: '^[a-z_]{1,32}$' }), {
            minItems: 1,
            maxItems: 10,
            uniqueItems: true,
          }),
        }),
        response: { 200: AgentSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { userId } = request.params;
      const user = users(userId);
      if (user?.role !== 'operator') throw notFound(`话务员 ${userId}`);
      const queues = service.queues();
      const unknown = request.body.skills.findIndex((q) => !queues.includes(q));
      if (unknown >= 0) {
        throw badRequest(
          `skills.${unknown}`,
          `没有「${request.body.skills[unknown]}」这个队列（语音导航中的队列：${queues.join('、')}）`,
        );
      }
      uniqueOrConflict(`坐席工号 ${request.body.agentNo} 已被使用`, () =>
        service.upsertAgent(userId, request.body.agentNo, request.body.skills),
      );
      return agentView(service.listAgents().find((a) => a.userId === userId)!);
    },
  );
  app.get(
    '/api/agents/me',
    {
      config: { roles: ['operator'] as const },
      schema: {
        tags: ['calls'],
        summary: '本人的坐席：工号、技能队列、当前状态，以及正在接听或振铃的来电（含弹屏）',
        response: {
          200: Type.Composite([
            AgentSchema,
            Type.Object({
              currentCall: Type.Union([
                Type.Object({
                  answered: Type.Boolean(),
                  pop: Type.Object(
                    { callId: Type.String(), from: Type.String(), line: Type.String() },
                    { additionalProperties: true },
                  ),
                }),
                Type.Null(),
              ]),
            }),
          ]),
          ...errors(401, 403, 404),
        },
      },
    },
    async (request) => {
      const agent = service.myAgent(requireUser(request).id);
      if (!agent) throw notFound('坐席');
      return { ...agentView(agent), currentCall: service.currentCallOf(agent.agentNo) };
    },
  );
  app.post(
    '/api/agents/me/state',
    {
      config: { roles: ['operator'] as const },
      schema: {
        tags: ['calls'],
        summary: '坐席状态：就绪 / 小休 / 话后整理',
        body: Type.Object({ state: StringEnum(['ready', 'not_ready', 'wrap_up'] as const) }),
        response: {
          200: Type.Object({
            agent: Type.String(),
            state: Type.String(),
            stateSince: Type.String(),
            skills: Type.Array(Type.String()),
          }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const agent = service.setMyState(requireUser(request).id, request.body.state);
      if (!agent) throw notFound('坐席');
      return {
        agent: agent.agentNo,
        state: agent.state,
        stateSince: toIso(agent.stateSince),
        skills: agent.skills,
      };
    },
  );
  app.get(
    '/api/callbacks',
    {
      config: { roles: Staff },
      schema: {
        tags: ['calls'],
        summary: '漏接回拨任务',
        querystring: Type.Object({
          status: Type.Optional(StringEnum(['open', 'claimed', 'closed'] as const)),
        }),
        response: { 200: Type.Array(TaskSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const status = request.query.status;
      return db
        .select()
        .from(callbackTasks)
        .where(status ? eq(callbackTasks.status, status) : inArray(callbackTasks.status, ['open', 'claimed']))
        .orderBy(desc(callbackTasks.lastCallAt))
        .all()
        .map(service.callbackView);
    },
  );
  const transition = (
    id: number,
    from: TaskRow['status'][],
    set: Partial<TaskRow> | ((task: TaskRow) => Partial<TaskRow>),
  ) => {
    const task = db.select().from(callbackTasks).where(eq(callbackTasks.id, id)).get();
    if (!task) throw notFound(`回拨任务 ${id}`);
    if (!from.includes(task.status)) throw conflict('回拨任务状态不允许此操作', { state: task.status });
    if (typeof set === 'function') set = set(task);
    db.update(callbackTasks)
      .set({ ...set, updatedAt: now() })
      .where(eq(callbackTasks.id, id))
      .run();
    const changed = db.select().from(callbackTasks).where(eq(callbackTasks.id, id)).get()!;
    service.callbackChanged(changed);
    return service.callbackView(changed);
  };
  app.post(
    '/api/callbacks/:id/claim',
    {
      config: { roles: Staff },
      schema: {
        tags: ['calls'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: TaskSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) =>
      transition(request.params.id, ['open'], { status: 'claimed', claimedBy: requireUser(request).id }),
  );
  app.post(
    '/api/callbacks/:id/close',
    {
      config: { roles: Staff },
      schema: {
        tags: ['calls'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ outcome: Text(500, { description: '回拨结果' }) }),
        response: { 200: TaskSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return transition(request.params.id, ['open', 'claimed'], (task) => {
        // Someone else's claimed task is theirs to close, unless a supervisor or an admin steps in.
        if (
          task.claimedBy !== null &&
          task.claimedBy !== user.id &&
          user.role !== 'supervisor' &&
          user.role !== 'admin'
        ) {
          // Not this user's to act on (DESIGN §3: an actor who may not act answers 403).
          const view = service.callbackView(task);
          throw forbidden(`该回拨任务已由${view.claimedByName ?? '他人'}认领，只有认领人或班长可以关闭`);
        }
        // An open task closed straight away was handled by whoever closed it.
        return { status: 'closed', outcome: request.body.outcome, claimedBy: task.claimedBy ?? user.id };
      });
    },
  );
};
