import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../auth/auth.plugin.js';
import { forbidden } from '../core/errors.js';
import { errors, IdParams, Nullable, PlainText } from '../core/http.js';
import type { KnowledgeService } from './knowledge.service.js';

const Closed = { additionalProperties: false } as const;
const Title = PlainText(100);
const Answer = PlainText(4000);
const Keywords = Type.String({ maxLength: 200 });
const Source = Nullable(Type.String({ maxLength: 100 }));
const CategoryId = Nullable(Type.Integer({ minimum: 1 }));

const Article = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  answer: Type.String(),
  keywords: Type.String(),
  categoryId: Nullable(Type.Integer()),
  source: Nullable(Type.String()),
  disabled: Type.Boolean(),
  useCount: Type.Integer({ description: '直办引用次数' }),
  lastUsedAt: Nullable(Type.String()),
  updatedBy: Type.String(),
  updatedAt: Type.String(),
});

/** `/api/knowledge`: the knowledge base (知识库) operators answer from (直办); admins keep it. */
export const knowledgeRoutes: FastifyPluginAsyncTypebox<{ knowledge: KnowledgeService }> = async (
  app,
  { knowledge },
) => {
  const admin = { roles: ['admin'] as const };
  app.get(
    '/api/knowledge',
    {
      schema: {
        tags: ['knowledge'],
        summary: '知识库检索：每个词都须出现（标题优先）；all=true 含已停用条目（管理员）',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          categoryId: Type.Optional(Type.Integer({ minimum: 1 })),
          all: Type.Optional(Type.Boolean()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: { 200: Type.Array(Article), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (request.query.all && user.role !== 'admin') throw forbidden('只有管理员能查看已停用的知识条目');
      return knowledge.search(request.query);
    },
  );
  app.post(
    '/api/knowledge',
    {
      config: admin,
      schema: {
        tags: ['knowledge'],
        summary: '新增知识条目（管理员）',
        body: Type.Object(
          {
            title: Title,
            answer: Answer,
            keywords: Type.Optional(Keywords),
            categoryId: Type.Optional(CategoryId),
            source: Type.Optional(Source),
          },
          Closed,
        ),
        response: { 201: Article, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(knowledge.create(requireUser(request), request.body)),
  );
  app.patch(
    '/api/knowledge/:id',
    {
      config: admin,
      schema: {
        tags: ['knowledge'],
        summary: '修改或停用知识条目（管理员）',
        params: IdParams,
        body: Type.Object(
          {
            title: Type.Optional(Title),
            answer: Type.Optional(Answer),
            keywords: Type.Optional(Keywords),
            categoryId: Type.Optional(CategoryId),
            source: Type.Optional(Source),
            disabled: Type.Optional(Type.Boolean()),
          },
          { minProperties: 1, ...Closed },
        ),
        response: { 200: Article, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => knowledge.update(requireUser(request), request.params.id, request.body),
  );
};
