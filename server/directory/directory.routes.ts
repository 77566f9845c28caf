import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errors, IdParams, Nullable, StringEnum } from '../core/http.js';
import type { DirectoryService } from './directory.service.js';
import { ROLES } from './directory.tables.js';

const Level = StringEnum(['city', 'town', 'village']);
const RoleSchema = StringEnum(ROLES);
const Code = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' });
const Name = Type.String({ minLength: 1, maxLength: 64 });

const DepartmentSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  level: Level,
  parentId: Nullable(Type.Integer()),
  disabled: Type.Boolean(),
});
const CategorySchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  parentId: Nullable(Type.Integer()),
  disabled: Type.Boolean(),
});
const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  departmentId: Nullable(Type.Integer()),
  disabled: Type.Boolean(),
});
/**
 * An id or null in a request body. A type list, not `Nullable` (anyOf): Fastify's Ajv coerces types and
 * would turn `null` into `0` on the integer branch of an anyOf, so `parentId: null` failed as "department 0".
 */
const NullableId = Type.Unsafe<number | null>({ type: ['integer', 'null'] });
/**
 * Request bodies name every field they take: the service writes a body into its row, so a field the API
 * does not have (`id`, `username` on a patch, `passwordHash`) must be refused, not stored.
 */
const Closed = { additionalProperties: false } as const;
const ListQuery = Type.Object({ includeDisabled: Type.Optional(Type.Boolean()) });
const Password = Type.String({ minLength: 8, maxLength: 256 });

/** `/api/departments`, `/api/categories`, `/api/users`: read by everyone logged in, changed by admins. */
export const directoryRoutes: FastifyPluginAsyncTypebox<{ directory: DirectoryService }> = async (
  app,
  { directory },
) => {
  const admin = { roles: ['admin'] as const };

  app.get(
    '/api/departments',
    {
      schema: {
        tags: ['directory'],
        summary: '部门树（市直部门、镇街、村居）',
        querystring: ListQuery,
        response: { 200: Type.Array(DepartmentSchema), ...errors(401) },
      },
    },
    async (request) => directory.listDepartments(request.query),
  );
  app.post(
    '/api/departments',
    {
      config: admin,
      schema: {
        tags: ['directory'],
        body: Type.Object(
          {
            code: Code,
            name: Name,
            level: Level,
            parentId: Type.Optional(NullableId),
          },
          Closed,
        ),
        response: { 201: DepartmentSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(directory.createDepartment(request.body)),
  );
  app.patch(
    '/api/departments/:id',
    {
      config: admin,
      schema: {
        tags: ['directory'],
        summary: '修改或停用部门（有在办工单时不能改层级、所属镇街或停用：409）',
        params: IdParams,
        body: Type.Object(
          {
            code: Type.Optional(Code),
            name: Type.Optional(Name),
            level: Type.Optional(Level),
            parentId: Type.Optional(NullableId),
            disabled: Type.Optional(Type.Boolean()),
          },
          { minProperties: 1, ...Closed },
        ),
        response: { 200: DepartmentSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => directory.updateDepartment(request.params.id, request.body),
  );

  app.get(
    '/api/categories',
    {
      schema: {
        tags: ['directory'],
        summary: '诉求分类树（一级为烟台八大类）',
        querystring: ListQuery,
        response: { 200: Type.Array(CategorySchema), ...errors(401) },
      },
    },
    async (request) => directory.listCategories(request.query),
  );
  app.post(
    '/api/categories',
    {
      config: admin,
      schema: {
        tags: ['directory'],
        body: Type.Object({ code: Code, name: Name, parentId: Type.Optional(NullableId) }, Closed),
        response: { 201: CategorySchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(directory.createCategory(request.body)),
  );
  app.patch(
    '/api/categories/:id',
    {
      config: admin,
      schema: {
        tags: ['directory'],
        params: IdParams,
        body: Type.Object(
          {
            code: Type.Optional(Code),
            name: Type.Optional(Name),
            parentId: Type.Optional(NullableId),
            disabled: Type.Optional(Type.Boolean()),
          },
          { minProperties: 1, ...Closed },
        ),
        response: { 200: CategorySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => directory.updateCategory(request.params.id, request.body),
  );

  app.get(
    '/api/users',
    {
      config: admin,
      schema: { tags: ['directory'], response: { 200: Type.Array(UserSchema), ...errors(401, 403) } },
    },
    async () => directory.listUsers(),
  );
  app.post(
    '/api/users',
    {
      config: admin,
      schema: {
        tags: ['directory'],
        body: Type.Object(
          {
            username: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
            displayName: Name,
            role: RoleSchema,
            departmentId: Type.Optional(NullableId),
            password: Password,
          },
          Closed,
        ),
        response: { 201: UserSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await directory.createUser(request.body)),
  );
  app.patch(
    '/api/users/:id',
    {
      config: admin,
      schema: {
        tags: ['directory'],
        summary: '修改或停用用户（disabled: true 立即使其会话失效）',
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(Name),
            role: Type.Optional(RoleSchema),
            departmentId: Type.Optional(NullableId),
            password: Type.Optional(Password),
            disabled: Type.Optional(Type.Boolean()),
          },
          { minProperties: 1, ...Closed },
        ),
        response: { 200: UserSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => directory.updateUser(request.params.id, request.body),
  );
};
