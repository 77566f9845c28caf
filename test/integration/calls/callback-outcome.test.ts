// 漏接回拨: closing a task records what came of the call back (回拨结果), which someone must write: an outcome of only
// blanks is refused with 400 naming it, and the task stays open.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

function openTask(): number {
  const now = t.clock.now();
  const row = t.database.sqlite
    .prepare(
      `insert into callback_tasks (phone, phone_key, line, reason, status, attempts, first_call_id, last_call_at,
         created_at, updated_at)
       values ('13500004444', '13500004444', '12345', 'abandoned_queue', 'open', 1, 'c1', ?, ?, ?) returning id`,
    )
    .get(now, now, now) as { id: number };
  return row.id;
}
const statusOf = (id: number) =>
  t.database.sqlite.prepare('select status, outcome from callback_tasks where id = ?').get(id) as object;

describe('POST /api/callbacks/{id}/close', () => {
  it('refuses an outcome of only blanks (400 naming outcome), then closes with words', async () => {
    const operator = client(t, await t.login('operator1'));
    const id = openTask();
    for (const outcome of ['   ', '\u3000', '\t\n', '\u200b', '']) {
      const res = await operator.post(`/api/callbacks/${id}/close`, { outcome });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', field: 'outcome' });
    }
    expect(statusOf(id)).toEqual({ status: 'open', outcome: null });
    const res = await operator.post(`/api/callbacks/${id}/close`, { outcome: '已回拨，问题已登记工单' });
    expect(res.statusCode, res.body).toBe(200);
    expect(statusOf(id)).toEqual({ status: 'closed', outcome: '已回拨，问题已登记工单' });
  });
});
