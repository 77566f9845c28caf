import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../core/http.js';
import { APPEAL_TYPES, URGENCIES } from '../tickets/tickets.machine.js';
import { OUTBOX_STATES } from './upstream.tables.js';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Time = Type.String({ format: 'date-time', description: 'ISO-8601 with offset' });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });

/** `POST /api/upstream/v1/orders`: an order transferred down (转办). */
export const OrderBody = Type.Object({
  messageId: Id,
  orderNo: Id,
  title: Text(200),
  content: Text(10_000),
  appealType: StringEnum(APPEAL_TYPES),
  category: Type.String({ maxLength: 64 }),
  caller: Type.Object({
    name: Type.Optional(Type.String({ maxLength: 64 })),
    phone: Type.String({ pattern: '^\\+?[0-9-]{3,20}$' }),
  }),
  address: Type.Optional(Type.String({ maxLength: 500 })),
  town: Type.Optional(Type.String({ maxLength: 64 })),
  urgency: StringEnum(URGENCIES),
  confidential: Type.Boolean(),
  createdAt: Time,
  signDueAt: Time,
  dueAt: Time,
  attachments: Type.Array(
    Type.Object({
      name: Text(200),
      // http(s) only: the console shows these as links (a javascript: URI is a valid URI too).
      url: Type.String({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', maxLength: 2000 }),
    }),
    {
      maxItems: 50,
    },
  ),
});
export type OrderInput = Static<typeof OrderBody>;

export const NOTICE_KINDS = ['urge', 'supervise', 'rework', 'recall', 'close'] as const;

/** `POST /api/upstream/v1/notices`: urge, supervise, rework, recall or close an order. */
export const NoticeBody = Type.Object({
  messageId: Id,
  orderNo: Id,
  kind: StringEnum(NOTICE_KINDS),
  reason: Type.String({ maxLength: 2000 }),
  dueAt: Type.Optional(Time),
  at: Time,
});
export type NoticeInput = Static<typeof NoticeBody>;

export const Accepted = Type.Object({ code: Type.Literal(0), ticketNo: Type.String() });

export const OutboxQuery = Type.Object({
  state: Type.Optional(StringEnum(OUTBOX_STATES)),
  orderNo: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});

export const OutboxItem = Type.Object({
  id: Type.Integer(),
  messageId: Type.String(),
  orderNo: Type.String(),
  ticketNo: Type.String(),
  kind: Type.String(),
  state: StringEnum(OUTBOX_STATES),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
  body: Type.Record(Type.String(), Type.Unknown()),
});
