import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../auth/auth.plugin.js';
import { errors, IdParams, MonthString, Nullable, StringEnum, Text } from '../core/http.js';
import type { SupervisionService } from './supervision.service.js';
import { ITEM_STATUSES } from './supervision.tables.js';

const Item = Type.Object({
  id: Type.Integer(),
  ticketNo: Type.String(),
  departmentId: Type.Integer(),
  kind: StringEnum(['overdue', 'supervise'] as const),
  reason: Type.String(),
  status: StringEnum(ITEM_STATUSES),
  responseDueAt: Type.String(),
  response: Nullable(Type.String()),
  respondedBy: Nullable(Type.String()),
  respondedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
const Rate = Nullable(Type.Number());
export const Overview = Type.Object({
  at: Type.String(),
  month: Type.String(),
  departments: Type.Array(
    Type.Object({
      departmentId: Type.Integer(),
      name: Type.String(),
      open: Type.Integer(),
      onTime: Type.Integer(),
      yellow: Type.Integer(),
      red: Type.Integer(),
      overdue: Type.Integer(),
      supervisionOpen: Type.Integer(),
      onTimeSignRate: Rate,
      onTimeCompletionRate: Rate,
    }),
  ),
});

/** `/api/supervision/*`: 督办单 and their answers, the overview per department, the month's notice list. */
export const supervisionRoutes: FastifyPluginAsyncTypebox<{ supervision: SupervisionService }> = async (
  app,
  { supervision },
) => {
  const staff = { roles: ['supervisor', 'admin'] as const };
  app.get(
    '/api/supervision/items',
    {
      config: { roles: ['supervisor', 'admin', 'handler'] as const },
      schema: {
        tags: ['supervision'],
        summary: '督办单（承办单位只看到本单位的）',
        querystring: Type.Object({ status: Type.Optional(StringEnum(ITEM_STATUSES)) }),
        response: { 200: Type.Array(Item), ...errors(400, 401, 403) },
      },
    },
    async (request) => supervision.listItems(requireUser(request), request.query),
  );
  app.post(
    '/api/supervision/items/:id/respond',
    {
      config: { roles: ['handler'] as const },
      schema: {
        tags: ['supervision'],
        summary: '承办单位答复督办单',
        params: IdParams,
        body: Type.Object({ response: Text(5000) }),
        response: { 200: Item, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => supervision.respond(requireUser(request), request.params.id, request.body.response),
  );
  app.get(
    '/api/supervision/overview',
    {
      config: staff,
      schema: {
        tags: ['supervision'],
        summary: '各单位办理情况总览',
        response: { 200: Overview, ...errors(401, 403) },
      },
    },
    async () => supervision.overview(),
  );
  app.get(
    '/api/supervision/notices',
    {
      config: staff,
      schema: {
        tags: ['supervision'],
        summary: '月度通报名单（超期 5 个工作日）',
        querystring: Type.Object({ month: MonthString() }),
        response: {
          200: Type.Array(
            Type.Object({
              ticketNo: Type.String(),
              title: Type.String(),
              departmentId: Type.Integer(),
              department: Type.String(),
              dueAt: Type.String(),
              noticedAt: Type.String(),
              status: Type.String(),
            }),
          ),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => supervision.notices(request.query.month),
  );
};
