import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { SecurityConfig } from '../config.js';
import type { Clock } from '../core/clock.js';
import { AppError, badRequest, tooManyRequests } from '../core/errors.js';
import { errors, Nullable, PlainText, StringEnum } from '../core/http.js';
import { phoneKey } from '../core/phone.js';
import { addressKey, createWindowLimiter } from '../core/window-limiter.js';
import type { WriteBatcher } from '../core/write-batch.js';
import { APPEAL_TYPES } from '../tickets/tickets.machine.js';
import { PROGRESS_STAGES } from './web.progress.js';
import type { WebAppeals } from './web.service.js';

const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/** A mobile number, or a landline with its area code (0535-1234567). */
const CitizenPhone = Type.String({
  pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$',
  description: '手机号码，或带区号的固定电话',
});

export const AppealBody = Type.Object(
  {
    appealType: StringEnum(APPEAL_TYPES, { description: '诉求类型' }),
    title: PlainText(100, { description: '诉求标题' }),
    content: PlainText(2000, { description: '诉求内容' }),
    name: Type.Optional(PlainText(32, { description: '姓名（可不填）' })),
    phone: CitizenPhone,
    address: Type.Optional(PlainText(200, { description: '事发地址' })),
    town: Type.Optional(PlainText(32, { description: '所在镇街' })),
    confidential: Type.Optional(Type.Boolean({ description: '要求为来电人信息保密' })),
  },
  { additionalProperties: false },
);

export type AppealBodyInput = Static<typeof AppealBody>;

const ProgressBody = Type.Object(
  {
    ticketNo: Type.String({ pattern: '^PL[0-9]{14}$', description: '工单编号' }),
    phone: Type.String({ pattern: '^\\+?[0-9-]{3,20}$', description: '登记时留的电话' }),
  },
  { additionalProperties: false },
);

const Progress = Type.Object({
  ticketNo: Type.String(),
  title: Type.String(),
  submittedAt: Type.String({ format: 'date-time' }),
  stage: StringEnum(PROGRESS_STAGES),
  stageLabel: Type.String(),
  department: Nullable(Type.String({ description: '承办单位' })),
  reply: Nullable(Type.String({ description: '答复内容' })),
  declineReason: Nullable(Type.String({ description: '不予受理的理由' })),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
});

/**
 * `/api/public/appeals`: the citizens' web form (网上诉求) and progress lookup (办理进度查询). No login; each client
 * address is limited in how often it may submit and look up (SecurityConfig), and a lookup needs the caller's
 * phone number with the ticket's number.
 */
export const webRoutes: FastifyPluginAsyncTypebox<{
  web: WebAppeals;
  batcher: WriteBatcher;
  clock: Clock;
  security: SecurityConfig;
}> = async (app, { web, batcher, clock, security }) => {
  const appeals = createWindowLimiter(security.webAppealsPerHour, 3_600_000, clock);
  const lookups = createWindowLimiter(security.webLookupsPer10Min, 600_000, clock);
  // Failed lookups per ticket number and per phone, from any address: trying many phones on one number, or many
  // numbers (they run in order within a day) on one phone, stops after a few, wherever the tries come from.
  const misses = createWindowLimiter(security.webLookupMissesPerHour, 3_600_000, clock);
  const within = (limiter: ReturnType<typeof createWindowLimiter>, ip: string) => {
    const wait = limiter.take(addressKey(ip));
    if (wait > 0) throw tooManyRequests(wait);
  };

  app.post(
    '/api/public/appeals',
    {
      config: { public: true },
      schema: {
        tags: ['web'],
        summary: '市民网上提交诉求（无需登录）',
        security: [],
        body: AppealBody,
        response: {
          201: Type.Object({ ticketNo: Type.String(), submittedAt: Type.String({ format: 'date-time' }) }),
          ...errors(400, 429),
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      // Every text shows something (PlainText: a field of only blanks, optional ones too, is a 400 naming it).
      within(appeals, request.ip);
      const input = {
        appealType: b.appealType,
        title: b.title.trim(),
        content: b.content.trim(),
        // Kept as digits (0535-5651234 → 05355651234), as the telephony gateway gives callers' numbers.
        caller: { phone: digitsOf(b.phone), ...(b.name === undefined ? {} : { name: b.name.trim() }) },
        ...(b.address === undefined ? {} : { address: b.address.trim() }),
        ...(b.town === undefined ? {} : { town: b.town.trim() }),
        confidential: b.confidential ?? false,
      };
      const submitted = await batcher.run(() => web.submit(input));
      return reply.code(201).send(submitted);
    },
  );

  app.post(
    '/api/public/appeals/progress',
    {
      config: { public: true },
      schema: {
        tags: ['web'],
        summary: '办理进度查询：工单编号 + 登记电话（无需登录）',
        security: [],
        body: ProgressBody,
        response: { 200: Progress, ...errors(400, 404, 429) },
      },
    },
    async (request) => {
      const { ticketNo } = request.body;
      const phone = digitsOf(request.body.phone);
      if (phone.length < 7) throw badRequest('phone', '请填写完整的电话号码');
      within(lookups, request.ip);
      // A phone is counted by its key, as it is matched (web.progress.ts samePhone): writing one number in
      // another form (+86…, 0…) would otherwise start a new count on the same line.
      const keys = [`no:${ticketNo}`, `phone:${phoneKey(phone)}`];
      const wait = Math.max(...keys.map((k) => misses.wait(k)));
      if (wait > 0) throw tooManyRequests(wait);
      const progress = web.progress(ticketNo, phone);
      if (!progress) {
        for (const k of keys) misses.take(k);
        throw new AppError(404, 'NOT_FOUND', '没有找到这张工单，或电话与登记时留的不一致');
      }
      return progress;
    },
  );
};
