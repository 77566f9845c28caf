// A ticket taken through the lifecycle by the API, for tests that start from a later state.
import { expect } from 'vitest';
import type { TicketView } from '../../server/tickets/tickets.view.js';
import type { client, TestApp } from './app.js';
import { buildTicketInput } from './factories.js';

type Client = ReturnType<typeof client>;

/**
 * A new ticket of ours taken to 待回访 now: registered and submitted by operator1, dispatched to 住建局 by
 * dispatcher1, signed and replied (solved) by handler.zjj, the reply approved by supervisor1, each through the
 * client `as` holds for that login. Answers the ticket as the approval left it.
 */
export async function replyApproved(t: TestApp, as: Record<string, Client>): Promise<TicketView> {
  const act = async (who: string, no: string, action: string, body: object = {}) => {
    const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
    expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
    return res.json() as TicketView;
  };
  const no = ((await as.operator1!.post('/api/tickets', buildTicketInput())).json() as TicketView).no;
  await act('operator1', no, 'submit');
  await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
  await act('handler.zjj', no, 'sign');
  await act('handler.zjj', no, 'reply', { publicReply: '已处理。', solved: true });
  return act('supervisor1', no, 'approve_reply');
}
