// The console's DTOs (agent-console/src/api/types.ts) mirror the server's shapes by hand, so the browser
// bundle never pulls server code. These checks fail the type-check (`tsc -p .`) when the two drift.
import { describe, expectTypeOf, it } from 'vitest';
import type { Article } from '../../agent-console/src/api/knowledge.js';
import type { MonthlyReport as ConsoleMonthlyReport } from '../../agent-console/src/api/supervision.js';
import type {
  ActionBodies,
  LiveEvents,
  LiveTicketEvent,
  Ticket,
  TicketAction,
  User,
} from '../../agent-console/src/api/types.js';
import type { AppealInput, Progress as ConsoleProgress } from '../../agent-console/src/api/web.js';
import type { AuthUser } from '../../server/auth/auth.service.js';
import type { ArticleView } from '../../server/knowledge/knowledge.service.js';
import type { ServerToClientEvents, TicketEventPayload } from '../../server/realtime/realtime.contract.js';
import type { MonthlyReport } from '../../server/reports/reports.queries.js';
import type { ActionBodies as ServerActionBodies } from '../../server/tickets/tickets.schemas.js';
import type { TicketView } from '../../server/tickets/tickets.view.js';
import type { Progress } from '../../server/web/web.progress.js';
import type { AppealBodyInput } from '../../server/web/web.routes.js';

describe('console DTOs match the server', () => {
  it('a ticket as the server views it is a console Ticket, and the other way round', () => {
    expectTypeOf<TicketView>().toExtend<Ticket>();
    expectTypeOf<Omit<Ticket, 'events' | 'callIds' | 'allowedActions'>>().toExtend<TicketView>();
  });

  it('live events carry the same payloads', () => {
    expectTypeOf<TicketEventPayload>().toExtend<LiveTicketEvent>();
    expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<keyof LiveEvents>();
    expectTypeOf<Parameters<ServerToClientEvents['wallboard:update']>[0]>().toExtend<
      Parameters<LiveEvents['wallboard:update']>[0]
    >();
    expectTypeOf<Parameters<ServerToClientEvents['call:offered']>[0]>().toExtend<
      Parameters<LiveEvents['call:offered']>[0]
    >();
    expectTypeOf<Parameters<ServerToClientEvents['callback:update']>[0]>().toExtend<
      Parameters<LiveEvents['callback:update']>[0]
    >();
  });

  it('every action has the same body', () => {
    expectTypeOf<TicketAction>().toEqualTypeOf<keyof ServerActionBodies>();
    expectTypeOf<keyof ActionBodies>().toEqualTypeOf<keyof ServerActionBodies>();
    expectTypeOf<ActionBodies['dispatch']>().toExtend<ServerActionBodies['dispatch']>();
    expectTypeOf<ActionBodies['reply']>().toExtend<ServerActionBodies['reply']>();
    expectTypeOf<ActionBodies['revisit']>().toExtend<ServerActionBodies['revisit']>();
    expectTypeOf<ActionBodies['request_extension']>().toExtend<ServerActionBodies['request_extension']>();
  });

  it('the monthly ledger', () => {
    expectTypeOf<MonthlyReport>().toExtend<ConsoleMonthlyReport>();
    expectTypeOf<ConsoleMonthlyReport>().toExtend<MonthlyReport>();
  });

  it('a knowledge article', () => {
    expectTypeOf<ArticleView>().toEqualTypeOf<Article>();
  });

  it('a citizen’s web appeal and its progress', () => {
    expectTypeOf<AppealBodyInput>().toEqualTypeOf<AppealInput>();
    expectTypeOf<Progress>().toEqualTypeOf<ConsoleProgress>();
  });

  it('the logged-in user', () => {
    expectTypeOf<Pick<AuthUser, keyof User>>().toExtend<User>();
  });
});
