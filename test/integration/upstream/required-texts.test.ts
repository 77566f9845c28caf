import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildOrder, createYantai, postSigned } from '../../helpers/yantai.js';

/*
 * DESIGN.md §5 marks no field of an outbound body optional: Penglai never sends an empty text. The ticket actions
 * require every such text, so here the rows are emptied by hand, as an older version or a hand edit could leave
 * them, to see what goes out then.
 */

const yantai = createYantai();
beforeAll(() => yantai.listen());
afterAll(() => yantai.close());

let t: TestApp;
let warnings: { msg: string; fields?: string[]; kind?: string }[];
beforeEach(async () => {
  yantai.reset();
  warnings = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      const line = JSON.parse(chunk.toString('utf8')) as { level: number; msg: string; fields?: string[] };
      if (line.level === 40 && line.msg.includes('upstream message sends')) warnings.push(line);
      done();
    },
  });
  t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00', env: { LOG_LEVEL: 'warn' }, logStream });
});
afterEach(async () => t.close());

async function act(who: string, no: string, action: string, body: object = {}) {
  const res = await client(t, await t.login(who)).post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
}
const sql = (text: string, ...params: unknown[]) => t.database.sqlite.prepare(text).run(...params);

/** An order dispatched to 区住建局 and signed there: in progress, with a deadline Yantai bounds. */
async function orderAtWork() {
  const order = buildOrder(t, { dueAt: '2026-11-28T09:00:00+08:00' });
  const { ticketNo } = (await postSigned(t, '/api/upstream/v1/orders', order)).json() as { ticketNo: string };
  await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.zjj });
  await act('handler.zjj', ticketNo, 'sign');
  return ticketNo;
}
const sent = (path: string) => yantai.received.find((r) => r.path === path)?.body;

describe('required texts going to Yantai', () => {
  it('asks for an extension with the days asked for when the request’s reason is gone', async () => {
    const ticketNo = await orderAtWork();
    await act('handler.zjj', ticketNo, 'request_extension', { days: 5, reason: '需更换小区换热站设备' });
    sql('update assignments set pending_extension_reason = null');
    await act('supervisor1', ticketNo, 'approve_extension');
    await t.app.services.upstream!.worker.drain();
    expect(sent('/extensions')).toMatchObject({ reason: '承办单位申请延期 5 个工作日' });
    expect(warnings).toEqual([]);
  });

  it('sends the feedback with 未填写 for a reply and replier that are gone, and warns which fields', async () => {
    const ticketNo = await orderAtWork();
    await act('handler.zjj', ticketNo, 'reply', { publicReply: '已处理', solved: true });
    sql("update tickets set public_reply = '  ' where no = ?", ticketNo);
    sql('update assignments set reply = null, replied_by = null');
    await act('supervisor1', ticketNo, 'approve_reply');
    await t.app.services.upstream!.worker.drain();
    expect(sent('/feedback')).toMatchObject({
      result: '未填写',
      department: '区住房和城乡建设局',
      handler: '未填写',
    });
    expect(warnings).toMatchObject([{ kind: 'feedback', fields: ['result', 'handler'] }]);
  });
});
