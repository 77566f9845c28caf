import type { AuthUser } from '../auth/auth.service.js';
import { type Clock, compactLocalDate } from '../core/clock.js';
import { type Db, type DbOrTx, withinTransaction } from '../core/db.js';
import { badRequest } from '../core/errors.js';
import type { DirectoryService } from '../directory/directory.service.js';
import type { Finish } from './tickets.commit.js';
import type { CommitHooks, Committed } from './tickets.hooks.js';
import type { AppealType, Urgency } from './tickets.machine.js';
import { type TicketInsert, ticketsRepo } from './tickets.repo.js';
import type { RegisterInput } from './tickets.schemas.js';

/** Who the Yantai platform is in a ticket's history. */
export const UPSTREAM_ACTOR = '烟台市12345平台';

/** Who a citizen's own web submission (网上诉求) is in a ticket's history. */
export const WEB_ACTOR = '市民网上诉求';

/** A citizen's appeal from the public web form (server/web), validated there. */
export interface WebAppealInput {
  appealType: AppealType;
  title: string;
  content: string;
  caller: { name?: string; phone: string };
  address?: string;
  town?: string;
  confidential: boolean;
}

/** An order from Yantai, validated and mapped by the upstream module. */
export interface UpstreamOrderInput {
  messageId: string;
  orderNo: string;
  title: string;
  content: string;
  appealType: AppealType;
  /** Yantai's category label, and ours when it matched one. */
  category: string;
  categoryId: number | null;
  caller: { name?: string; phone: string };
  address?: string;
  town?: string;
  urgency: Urgency;
  confidential: boolean;
  createdAt: string;
  signDueAt: number;
  dueAt: number;
  attachments: { name: string; url: string }[];
}

/** The caller and the place of a new ticket, as every way in gives them. */
const callerAndPlace = (x: {
  caller: { name?: string; phone: string };
  address?: string;
  town?: string;
}) => ({
  callerName: x.caller.name ?? null,
  callerPhone: x.caller.phone,
  address: x.address ?? null,
  town: x.town ?? null,
});

/** How tickets come into being: registered by an operator, or transferred down by Yantai. */
export function createRegistration(deps: {
  db: Db;
  clock: Clock;
  directory: Pick<DirectoryService, 'getCategory'>;
  finish: Finish;
  hooks: CommitHooks;
  /** The dialled line of a call on record (a ticket from an 89000 call keeps 89000). */
  lineOfCall: (callId: string) => string | null;
}) {
  const { db, clock, directory, finish, hooks } = deps;

  /**
   * Numbers and inserts a new ticket with its one `register` event, in the open transaction: every way in
   * differs only in the row's values and who the event names.
   */
  function create(
    tx: DbOrTx,
    values: Omit<TicketInsert, 'no' | 'createdAt' | 'updatedAt'>,
    by: { actorId: number | null; actorName: string; actorDepartmentId: number | null },
    data: Record<string, unknown>,
    beforeEvent?: (ticketId: number) => void,
  ): Committed {
    const now = clock.now();
    const { no } = ticketsRepo.nextNumber(tx, compactLocalDate(now));
    const ticket = ticketsRepo.insertTicket(tx, { ...values, no, createdAt: now, updatedAt: now });
    beforeEvent?.(ticket.id);
    return finish(tx, ticket, {
      ticketId: ticket.id,
      action: 'register',
      fromStatus: null,
      toStatus: ticket.status,
      ...by,
      assignmentId: null,
      note: null,
      data,
      at: now,
    });
  }

  return {
    /** Registers a ticket from a call or a walk-in (operator). */
    register(user: AuthUser, input: RegisterInput): Committed {
      // `web` is the citizens' own channel (网上诉求, registerFromWeb): listed for every operator to review.
      if (input.channel === 'web')
        throw badRequest('channel', '网上诉求由市民在网上提交，话务员登记请选其他渠道');
      // `upstream` is Yantai's orders, which come with their order number through the signed API only.
      if (input.channel === 'upstream')
        throw badRequest('channel', '市平台转办工单由烟台市平台推送，话务员登记请选其他渠道');
      if (input.categoryId !== undefined && !directory.getCategory(input.categoryId)) {
        throw badRequest('categoryId', `诉求分类 ${input.categoryId} 不存在或已停用`);
      }
      // A ticket is linked only to a call on record (its survey answer and the call's history follow the link).
      const callLine = input.callId ? deps.lineOfCall(input.callId) : null;
      if (input.callId && callLine === null) throw badRequest('callId', `没有这通来电（${input.callId}）`);
      const channel = input.channel ?? 'phone';
      const committed = withinTransaction(db, (tx) =>
        create(
          tx,
          {
            status: 'registered',
            appealType: input.appealType,
            categoryId: input.categoryId ?? null,
            title: input.title,
            content: input.content,
            ...callerAndPlace(input),
            urgency: input.urgency ?? 'normal',
            confidential: input.confidential ?? false,
            channel,
            line: input.line ?? callLine ?? (channel === 'phone' ? '12345' : null),
            registeredBy: user.id,
          },
          { actorId: user.id, actorName: user.displayName, actorDepartmentId: user.departmentId },
          { channel, callId: input.callId ?? null },
          (ticketId) => {
            if (input.callId) ticketsRepo.linkCall(tx, ticketId, input.callId);
          },
        ),
      );
      hooks.runAfterCommit(committed);
      return committed;
    },

    /**
     * Registers a citizen's web appeal in `registered` (channel `web`, nobody's registration): an operator
     * reviews it as one taken on the phone, and submits it for dispatch, answers it or declines it.
     */
    registerFromWeb(input: WebAppealInput): Committed {
      const committed = withinTransaction(db, (tx) =>
        create(
          tx,
          {
            status: 'registered',
            appealType: input.appealType,
            title: input.title,
            content: input.content,
            ...callerAndPlace(input),
            urgency: 'normal',
            confidential: input.confidential,
            channel: 'web',
          },
          { actorId: null, actorName: WEB_ACTOR, actorDepartmentId: null },
          { channel: 'web' },
        ),
      );
      hooks.runAfterCommit(committed);
      return committed;
    },

    /**
     * Registers an order transferred down by Yantai, straight into `pending_dispatch`. The same orderNo
     * again returns the ticket it already became and writes nothing (`created: false`).
     */
    registerFromUpstream(order: UpstreamOrderInput): { ticketNo: string; created: boolean } {
      const committed = withinTransaction(db, (tx): Committed | string => {
        const existing = ticketsRepo.noOfOrder(tx, order.orderNo);
        if (existing !== undefined) return existing;
        return create(
          tx,
          {
            status: 'pending_dispatch',
            appealType: order.appealType,
            categoryId: order.categoryId,
            upstreamCategory: order.category,
            title: order.title,
            content: order.content,
            ...callerAndPlace(order),
            urgency: order.urgency,
            confidential: order.confidential,
            channel: 'upstream',
            line: null,
            upstreamOrderNo: order.orderNo,
            upstreamSignDueAt: order.signDueAt,
            upstreamDueAt: order.dueAt,
            upstreamReceivedAt: clock.now(),
            attachments: order.attachments,
          },
          { actorId: null, actorName: UPSTREAM_ACTOR, actorDepartmentId: null },
          {
            channel: 'upstream',
            orderNo: order.orderNo,
            messageId: order.messageId,
            upstreamCreatedAt: order.createdAt,
          },
        );
      });
      if (typeof committed === 'string') return { ticketNo: committed, created: false };
      hooks.runAfterCommit(committed);
      return { ticketNo: committed.ticket.no, created: true };
    },
  };
}
