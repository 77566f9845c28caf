import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../server/sla/policy.js';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { replyApproved } from '../../helpers/flows.js';

type Detail = TicketView & { events: { action: string; to: string }[] };

let t: TestApp;
let as: Record<string, ReturnType<typeof client>>;
beforeEach(async () => {
  t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
  as = {};
  for (const name of ['operator1', 'dispatcher1', 'supervisor1', 'handler.zjj', 'admin']) {
    as[name] = client(t, await t.login(name));
  }
});
afterEach(async () => t.close());

async function act(who: string, no: string, action: string, body: object = {}) {
  const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
/** A ticket whose reply was approved: waiting for its revisit (待回访). */
const awaitingRevisit = async () => (await replyApproved(t, as)).no;
const missed = (no: string) => act('supervisor1', no, 'revisit', { reached: false, note: '无人接听' });

describe('回访 that cannot reach the caller', () => {
  it('closes as 回访不成功 at the policy’s last attempt (3 by default), with no satisfaction', async () => {
    const no = await awaitingRevisit();
    expect((await missed(no)).status).toBe('pending_revisit');
    expect((await missed(no)).status).toBe('pending_revisit');
    const third = await missed(no);
    expect(third.status).toBe('closed');
    expect(third.satisfaction).toEqual({ first: null, final: null });
    expect(third.counters.revisits).toBe(3);
    expect(third.assignments.every((a) => a.status === 'closed')).toBe(true);
    const detail = (await as.supervisor1!.get(`/api/tickets/${no}`)).json() as Detail;
    expect(detail.events.at(-1)).toMatchObject({ action: 'revisit', to: 'closed' });
  });

  it('counts the attempts of the current round only: a rework starts again', async () => {
    const no = await awaitingRevisit();
    await missed(no);
    await missed(no);
    // Reached at last, and not satisfied: back to the department (重办).
    await act('supervisor1', no, 'revisit', { reached: true, solved: false, satisfaction: 'unsatisfied' });
    await act('handler.zjj', no, 'reply', { publicReply: '已重新处理。', solved: true });
    await act('supervisor1', no, 'approve_reply');
    expect((await missed(no)).status).toBe('pending_revisit');
    expect((await missed(no)).status).toBe('pending_revisit');
    expect((await missed(no)).status).toBe('closed');
  });

  it('follows the policy an admin sets: 0 never closes, 1 closes at the first miss', async () => {
    const put = (revisitAttempts: number) =>
      as.admin!.put('/api/policy/deadlines', { ...DEFAULT_POLICY, revisitAttempts });
    expect((await put(0)).statusCode).toBe(200);
    const waiting = await awaitingRevisit();
    for (let i = 0; i < 5; i++) expect((await missed(waiting)).status).toBe('pending_revisit');

    expect((await put(1)).statusCode).toBe(200);
    expect((await missed(await awaitingRevisit())).status).toBe('closed');

    const bad = await put(-1);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'revisitAttempts' });
  });
});
