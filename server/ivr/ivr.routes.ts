import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../auth/auth.plugin.js';
import { errors, Nullable } from '../core/http.js';
import { LINE_PATTERN } from './ivr.flow.js';
import type { LineRegistry } from './ivr.lines.js';

const LineView = Type.Object({
  line: Type.String({ description: '热线号码' }),
  flowId: Type.String({ description: '现在接听它的流程' }),
  description: Nullable(Type.String()),
  file: Nullable(Type.String()),
  choices: Type.Array(Type.Object({ flowId: Type.String(), description: Nullable(Type.String()) })),
  chosenBy: Nullable(Type.String({ description: '管理员最近一次选择（否则为配置的默认）' })),
  chosenAt: Nullable(Type.String({ format: 'date-time' })),
});

/** `/api/ivr/lines`: 热线号码, which IVR flow answers each dialled line; admins choose among a line's flows. */
export const ivrLinesRoutes: FastifyPluginAsyncTypebox<{ lines: LineRegistry }> = async (app, { lines }) => {
  const admins = { roles: ['admin'] as const };
  app.get(
    '/api/ivr/lines',
    {
      config: admins,
      schema: {
        tags: ['calls'],
        summary: '热线号码及其语音导航流程',
        response: { 200: Type.Array(LineView), ...errors(401, 403) },
      },
    },
    async () => lines.list(),
  );
  app.put(
    '/api/ivr/lines/:line',
    {
      config: admins,
      schema: {
        tags: ['calls'],
        summary: '选择接听某号码的流程（如 89000 并线方式），下一通来电起生效',
        params: Type.Object({ line: Type.String({ pattern: LINE_PATTERN }) }),
        body: Type.Object(
          { flowId: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: LineView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => lines.choose(requireUser(request), request.params.line, request.body.flowId),
  );
};
