import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../auth/auth.plugin.js';
import { badRequest } from '../core/errors.js';
import { errors } from '../core/http.js';
import type { WriteBatcher } from '../core/write-batch.js';
import { USER_ACTIONS } from './tickets.machine.js';
import { ACTION_BODIES, ListQuery, RegisterBody, TicketPage, TicketSchema } from './tickets.schemas.js';
import type { TicketsService } from './tickets.service.js';

const NoParams = Type.Object({ no: Type.String({ pattern: '^PL[0-9]{14}$' }) });

/** `/api/tickets`: register, list, read, and every lifecycle action. */
export const ticketsRoutes: FastifyPluginAsyncTypebox<{
  tickets: TicketsService;
  batcher: WriteBatcher;
}> = async (app, { tickets, batcher }) => {
  app.post(
    '/api/tickets',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['tickets'],
        summary: '登记工单（话务员），可同时提交派单或直办',
        body: RegisterBody,
        response: { 201: TicketSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { action, answer, knowledgeId, ...input } = request.body;
      if (action === 'answer' && answer === undefined) throw badRequest('answer', '直办须填写答复内容');
      if (action !== 'answer' && answer !== undefined)
        throw badRequest('answer', '只有直办（action=answer）带答复内容');
      if (action !== 'answer' && knowledgeId !== undefined)
        throw badRequest('knowledgeId', '只有直办（action=answer）引用知识条目');
      // Registered and submitted (or answered) in one write: both happen, or neither does.
      const committed = await batcher.run(() => {
        const registered = tickets.register(user, input);
        if (!action) return registered;
        return tickets.act(
          user,
          registered.ticket.no,
          action,
          action === 'answer' ? { answer, knowledgeId } : {},
        );
      });
      return reply.status(201).send(tickets.viewOf(user, committed));
    },
  );

  app.get(
    '/api/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: '工单列表（承办单位只看到派给本单位的工单）',
        querystring: ListQuery,
        response: { 200: TicketPage, ...errors(400, 401) },
      },
    },
    async (request) => tickets.list(requireUser(request), request.query),
  );

  app.get(
    '/api/tickets/:no',
    {
      schema: {
        tags: ['tickets'],
        summary: '工单详情：承办记录与完整流转记录',
        params: NoParams,
        response: { 200: TicketSchema, ...errors(401, 404) },
      },
    },
    async (request) => tickets.detail(requireUser(request), request.params.no),
  );

  const Time = Type.String({ format: 'date-time' });
  app.get(
    '/api/tickets/:no/dispatch-preview',
    {
      config: { roles: ['dispatcher', 'supervisor', 'admin'] },
      schema: {
        tags: ['tickets'],
        summary: '派单预览：现在派单的签收、办结、预警与退单期限（工作日，市平台转办单不晚于其期限）',
        params: NoParams,
        response: {
          200: Type.Object({
            at: Time,
            signDueAt: Time,
            signYellowAt: Time,
            dueAt: Time,
            yellowAt: Time,
            returnDueAt: Time,
            upstreamDueAt: Type.Union([Time, Type.Null()]),
          }),
          ...errors(401, 403, 404, 409),
        },
      },
    },
    async (request) => tickets.dispatchPreview(requireUser(request), request.params.no),
  );

  app.post(
    '/api/tickets/:no/caller-phone',
    {
      schema: {
        tags: ['tickets'],
        summary: '查看来电号码：承办单位看到的号码均已脱敏，查看完整号码记入工单流转记录；保密工单不可查看',
        params: NoParams,
        response: { 200: Type.Object({ phone: Type.String() }), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { phone: await batcher.run(() => tickets.revealPhone(user, request.params.no)) };
    },
  );

  app.post(
    '/api/tickets/:no/actions/:action',
    {
      schema: {
        tags: ['tickets'],
        summary: '工单操作：派单、签收、退单、延期、回复、审核、回访、催办、督办、并单…',
        description: `action: ${USER_ACTIONS.join(', ')}. The body depends on the action.`,
        params: Type.Object({ no: NoParams.properties.no, action: Type.String({ maxLength: 40 }) }),
        // Validated per action in the service, so a 400 names the field of that action's body.
        body: Type.Optional(
          Type.Union(Object.values(ACTION_BODIES), { description: 'action-specific body' }),
        ),
        response: { 200: TicketSchema, ...errors(400, 401, 403, 404, 409) },
      },
      // The schema above documents the route; the service validates the body against the one schema of
      // this action (so a 400 names that action's field), and an unknown number simply is not found.
      validatorCompiler: () => (data) => ({ value: data }),
    },
    async (request) => {
      const user = requireUser(request);
      const { no, action } = request.params;
      const committed = await batcher.run(() => tickets.act(user, no, action, request.body));
      return tickets.viewOf(user, committed);
    },
  );
};
