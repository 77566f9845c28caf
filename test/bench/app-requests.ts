// The requests `npm run bench` (run.ts) sends to the app server (app-server.ts), shared with its smoke test
// (test/integration/bench/bench-server.test.ts).
import { login } from './child.js';
import type { Req } from './load.js';

export interface AppTokens {
  operator: string;
  dispatcher: string;
  /** One per department, in the order of `departmentIds` (handler.d1, handler.d2…). */
  handlers: string[];
}

/** Logs in the operator, the dispatcher and every department's handler (password `bench-password`). */
export async function loginAll(port: number, departmentIds: number[]): Promise<AppTokens> {
  const token = async (username: string) => (await login(port, username)).token;
  return {
    operator: await token('operator'),
    dispatcher: await token('dispatcher'),
    handlers: await Promise.all(departmentIds.map((_, i) => token(`handler.d${i + 1}`))),
  };
}

/** Each fresh ticket goes submit → dispatch → sign → reply: four phases of real actions, one per ticket each. */
export function actionPhases(fresh: string[], departmentIds: number[], tokens: AppTokens): Req[][] {
  const dept = (i: number) => i % departmentIds.length;
  return [
    fresh.map((no) => ({
      method: 'POST',
      path: `/api/tickets/${no}/actions/submit`,
      token: tokens.operator,
      body: {},
    })),
    fresh.map((no, i) => ({
      method: 'POST',
      path: `/api/tickets/${no}/actions/dispatch`,
      token: tokens.dispatcher,
      body: { lead: departmentIds[dept(i)] },
    })),
    fresh.map((no, i) => ({
      method: 'POST',
      path: `/api/tickets/${no}/actions/sign`,
      token: tokens.handlers[dept(i)],
      body: {},
    })),
    fresh.map((no, i) => ({
      method: 'POST',
      path: `/api/tickets/${no}/actions/reply`,
      token: tokens.handlers[dept(i)],
      body: { publicReply: '已处理完毕', solved: true },
    })),
  ];
}

/** `n` department inbox pages, the handlers in turn. */
export const inboxRequests = (n: number, tokens: AppTokens): Req[] =>
  Array.from({ length: n }, (_, i) => ({
    method: 'GET',
    path: '/api/tickets?status=dispatched,in_progress,return_requested&pageSize=20',
    token: tokens.handlers[i % tokens.handlers.length],
  }));

/** `n` pages of 工单查询 by 受理线路 (the tickets of 89000: one in twenty of the fixture), as the dispatcher. */
export const lineRequests = (n: number, tokens: AppTokens): Req[] =>
  Array.from({ length: n }, () => ({
    method: 'GET',
    path: '/api/tickets?line=89000&pageSize=20',
    token: tokens.dispatcher,
  }));
