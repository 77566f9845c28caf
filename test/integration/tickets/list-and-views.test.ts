import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';

type Page = { items: TicketView[]; total: number; page: number; pageSize: number };
type Detail = TicketView & { events: { action: string; from: string | null; to: string; actor: string }[] };

let t: TestApp;
let as: Record<string, ReturnType<typeof client>>;

beforeEach(async () => {
  t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
  as = {};
  for (const name of [
    'operator1',
    'dispatcher1',
    'supervisor1',
    'handler.zjj',
    'handler.jtj',
    'handler.scjg',
    'handler.ljgz',
    'handler.ljgzA',
  ]) {
    as[name] = client(t, await t.login(name));
  }
});
afterEach(async () => t.close());

async function act(who: string, no: string, action: string, body: object = {}) {
  const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
async function register(overrides = {}) {
  return ((await as.operator1!.post('/api/tickets', buildTicketInput(overrides))).json() as TicketView).no;
}
async function list(who: string, query = ''): Promise<Page> {
  const res = await as[who]!.get(`/api/tickets${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
}
const nos = (p: Page) => p.items.map((i) => i.no).sort();

describe('the ticket list', () => {
  it('filters by status, department, appeal type, category, urgency, phone, text and date', async () => {
    const a = await register({
      appealType: 'consult',
      title: '咨询供暖时间',
      caller: { phone: '13900000001' },
    });
    t.clock.set('2026-11-24T09:00:00+08:00');
    const b = await register({ urgency: 'urgent', categoryId: t.dir.categoryId, title: '渣土车沿路遗撒' });
    const c = await register({ content: '小区门口井盖缺失，很危险' });
    await act('operator1', b, 'submit');
    await act('operator1', c, 'submit');
    await act('dispatcher1', c, 'dispatch', { lead: t.dir.dept.jtj });

    expect(nos(await list('supervisor1', '?status=registered'))).toEqual([a]);
    expect(nos(await list('supervisor1', '?status=pending_dispatch,dispatched'))).toEqual([b, c].sort());
    expect(nos(await list('supervisor1', `?department=${t.dir.dept.jtj}`))).toEqual([c]);
    expect(nos(await list('supervisor1', '?appealType=consult'))).toEqual([a]);
    expect(nos(await list('supervisor1', `?category=${t.dir.categoryId}`))).toEqual([b]);
    expect(nos(await list('supervisor1', '?urgency=urgent'))).toEqual([b]);
    expect(nos(await list('supervisor1', '?phone=13900000001'))).toEqual([a]);
    expect(nos(await list('supervisor1', `?q=${encodeURIComponent('井盖')}`))).toEqual([c]);
    expect(nos(await list('supervisor1', `?q=${encodeURIComponent('渣土')}`))).toEqual([b]);
    expect(nos(await list('supervisor1', '?q=%25'))).toEqual([]);
    expect(nos(await list('supervisor1', '?from=2026-11-24'))).toEqual([b, c].sort());
    expect(nos(await list('supervisor1', '?to=2026-11-23'))).toEqual([a]);
  });

  it('filters by the hotline line a ticket was taken on (受理线路), never matching a ticket without one', async () => {
    const on12345 = await register();
    const on89000 = await register({ line: '89000' });
    const walkIn = await register({ channel: 'visit' });
    const submitted = await register({ line: '89000' });
    await act('operator1', submitted, 'submit');
    await act('dispatcher1', submitted, 'dispatch', { lead: t.dir.dept.zjj });

    expect(nos(await list('supervisor1', '?line=89000'))).toEqual([on89000, submitted].sort());
    expect(nos(await list('supervisor1', '?line=12345'))).toEqual([on12345]);
    expect(nos(await list('supervisor1', '?line=96120'))).toEqual([]);
    // With the other filters, and for a department within its own tickets only.
    expect(nos(await list('supervisor1', '?line=89000&status=registered'))).toEqual([on89000]);
    expect(nos(await list('handler.zjj', '?line=89000'))).toEqual([submitted]);
    expect(nos(await list('handler.zjj', '?line=89000&status=dispatched'))).toEqual([submitted]);
    expect(nos(await list('handler.zjj', '?line=12345'))).toEqual([]);
    // Without the filter, every ticket, the walk-in (no line) too.
    expect(nos(await list('supervisor1'))).toEqual([on12345, on89000, walkIn, submitted].sort());
  });

  it('finds a caller’s tickets by phone however the number was written (its key: core/phone.ts)', async () => {
    const landline = await register({ caller: { phone: '0535-5651234' } });
    const mobile = await register({ caller: { phone: '+86-138-1234-5678' } });
    const other = await register({ caller: { phone: '13812345679' } });
    const sameTail = await register({ caller: { phone: '13805651234' } });
    for (const phone of ['05355651234', '0535-5651234', '5651234', '+865355651234']) {
      expect(nos(await list('operator1', `?phone=${encodeURIComponent(phone)}`)), phone).toEqual([landline]);
    }
    for (const phone of ['13812345678', '013812345678', '8613812345678', '+86-138-1234-5678']) {
      expect(nos(await list('operator1', `?phone=${encodeURIComponent(phone)}`)), phone).toEqual([mobile]);
    }
    expect(nos(await list('operator1', '?phone=138-1234-5679'))).toEqual([other]);
    expect(nos(await list('operator1', '?phone=13805651234'))).toEqual([sameTail]);
    // No digits, no number: nothing, not every ticket whose number has none.
    expect(await list('operator1', '?phone=---')).toMatchObject({ items: [], total: 0 });
    // The number is shown as it was registered.
    const shown = (await as.operator1!.get(`/api/tickets/${mobile}`)).json() as TicketView;
    expect(shown.caller.phone).toBe('+86-138-1234-5678');
  });

  it('pages newest first with the total', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(await register());
      t.clock.advance(60_000);
    }
    const first = await list('operator1', '?pageSize=2');
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((i) => i.no)).toEqual([made[4], made[3]]);
    const last = await list('operator1', '?pageSize=2&page=3');
    expect(last.items.map((i) => i.no)).toEqual([made[0]]);
    expect(last.total).toBe(5);
    // Past the last page: no rows, and still the total.
    expect(await list('operator1', '?pageSize=2&page=4')).toMatchObject({ items: [], total: 5, page: 4 });
    expect(await list('operator1', '?status=closed')).toMatchObject({ items: [], total: 0 });
    // Oldest first on request (the dispatch queue works from the oldest).
    const oldest = await list('operator1', '?pageSize=2&sort=oldest');
    expect(oldest.items.map((i) => i.no)).toEqual([made[0], made[1]]);
    expect(oldest.total).toBe(5);
    expect((await list('operator1', '?pageSize=2&page=3&sort=oldest')).items.map((i) => i.no)).toEqual([
      made[4],
    ]);
  });

  it('pages a department’s list by status newest first, each ticket once, from its assignments’ copy of the status', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const no = await register();
      await act('operator1', no, 'submit');
      await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.ljgz });
      made.push(no);
      t.clock.advance(60_000);
    }
    // Signed and passed down to a village: the town holds two assignments on it, and lists it once.
    await act('handler.ljgz', made[1]!, 'sign');
    await act('handler.ljgz', made[1]!, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    await act('handler.ljgz', made[3]!, 'sign');
    const other = await register();
    await act('operator1', other, 'submit');
    await act('dispatcher1', other, 'dispatch', { lead: t.dir.dept.zjj });

    const inbox = '?status=dispatched,in_progress,return_requested&pageSize=2';
    const first = await list('handler.ljgz', inbox);
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((i) => i.no)).toEqual([made[4], made[3]]);
    expect((await list('handler.ljgz', `${inbox}&page=3`)).items.map((i) => i.no)).toEqual([made[0]]);
    expect(await list('handler.ljgz', `${inbox}&page=4`)).toMatchObject({ items: [], total: 5, page: 4 });
    expect((await list('handler.ljgz', `${inbox}&sort=oldest`)).items.map((i) => i.no)).toEqual([
      made[0],
      made[1],
    ]);
    expect(nos(await list('handler.ljgz', '?status=in_progress'))).toEqual([made[1], made[3]].sort());
    // A status named twice counts once.
    expect(nos(await list('handler.ljgz', '?status=in_progress,in_progress'))).toEqual(
      [made[1], made[3]].sort(),
    );
    // The village sees only what was passed down to it.
    expect(nos(await list('handler.ljgzA', '?status=in_progress'))).toEqual([made[1]]);

    // Returned and approved: it leaves the town's list at once.
    await act('handler.ljgz', made[4]!, 'request_return', { reason: '不属本镇' });
    await act('dispatcher1', made[4]!, 'approve_return');
    expect((await list('handler.ljgz', inbox)).total).toBe(4);
    expect(nos(await list('handler.zjj', inbox))).toEqual([other]);
  });

  it('finds yellow and red cards from the due times', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', no, 'sign');
    expect((await list('supervisor1', '?deadline=yellow')).total).toBe(0);
    // Due Monday 11-30 09:00, yellow from Friday 11-27 09:00.
    t.clock.set('2026-11-27T09:30:00+08:00');
    expect(nos(await list('supervisor1', '?deadline=yellow'))).toEqual([no]);
    expect((await list('supervisor1', '?deadline=red')).total).toBe(0);
    t.clock.set('2026-11-30T09:30:00+08:00');
    expect(nos(await list('supervisor1', '?deadline=red'))).toEqual([no]);
    expect((await list('handler.zjj', '?deadline=red')).items[0]?.assignments[0]?.deadline).toBe('red');
  });

  it('lists the tickets with an extension request waiting (延期审核), each department only its own', async () => {
    const tickets: string[] = [];
    for (const lead of [t.dir.dept.zjj, t.dir.dept.zjj, t.dir.dept.jtj]) {
      const no = await register();
      await act('operator1', no, 'submit');
      await act('dispatcher1', no, 'dispatch', { lead });
      await act(lead === t.dir.dept.zjj ? 'handler.zjj' : 'handler.jtj', no, 'sign');
      tickets.push(no);
    }
    const [asked, , other] = tickets as [string, string, string];
    await act('handler.zjj', asked, 'request_extension', { days: 2, reason: '等待检测报告' });
    await act('handler.jtj', other, 'request_extension', { days: 1, reason: '需协调施工单位' });
    expect(nos(await list('supervisor1', '?pendingExtension=true'))).toEqual([asked, other].sort());
    expect(nos(await list('handler.zjj', '?pendingExtension=true'))).toEqual([asked]);
    // Decided, it leaves the list; a ticket without a request was never on it.
    await act('supervisor1', asked, 'approve_extension');
    expect(nos(await list('supervisor1', '?pendingExtension=true'))).toEqual([other]);
    expect(nos(await list('supervisor1', '?pendingExtension=false')).length).toBe(3);
  });

  it('shows a department only its own tickets, whatever filter it asks for', async () => {
    const mine = await register();
    const theirs = await register();
    await act('operator1', mine, 'submit');
    await act('operator1', theirs, 'submit');
    await act('dispatcher1', mine, 'dispatch', { lead: t.dir.dept.zjj });
    await act('dispatcher1', theirs, 'dispatch', { lead: t.dir.dept.jtj });
    expect(nos(await list('handler.zjj'))).toEqual([mine]);
    expect(nos(await list('handler.zjj', `?department=${t.dir.dept.jtj}`))).toEqual([]);
    expect(nos(await list('handler.jtj', '?status=dispatched'))).toEqual([theirs]);
    expect((await list('supervisor1')).total).toBe(2);
  });

  it('answers 400 naming a bad filter', async () => {
    for (const [query, field] of [
      ['?deadline=purple', 'deadline'],
      ['?pageSize=1000', 'pageSize'],
      [`?status=${'closed,'.repeat(60)}`, 'status'],
      ['?from=yesterday', 'from'],
      ['?urgency=x', 'urgency'],
      ['?pendingExtension=maybe', 'pendingExtension'],
      ['?sort=sideways', 'sort'],
      // A page past 2^63 rows broke SQLite's offset (500); a NUL in the search matched every ticket.
      ['?page=1000000000000000000', 'page'],
      ['?status=bogus', 'status'],
      ['?status=in_progress,bogus', 'status'],
      ['?q=%00', 'q'],
      // A line is a number dialled: digits only, 3 to 20 of them (as the IVR flows list them).
      ['?line=8900x', 'line'],
      ['?line=12', 'line'],
      [`?line=${'1'.repeat(21)}`, 'line'],
      ['?line=%2B89000', 'line'],
      ['?line=', 'line'],
    ]) {
      const res = await as.supervisor1!.get(`/api/tickets${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ field });
    }
  });
});

describe('what each party sees of a ticket', () => {
  it('masks a confidential caller for departments but not for the centre', async () => {
    const no = await register({ confidential: true, caller: { name: '王小明', phone: '13812345678' } });
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    const dept = (await as['handler.zjj']!.get(`/api/tickets/${no}`)).json() as TicketView;
    expect(dept.caller).toEqual({ name: '王**', phone: '138****5678' });
    expect((await list('handler.zjj')).items[0]?.caller.phone).toBe('138****5678');
    const centre = (await as.dispatcher1!.get(`/api/tickets/${no}`)).json() as TicketView;
    expect(centre.caller).toEqual({ name: '王小明', phone: '13812345678' });
  });

  it('shows departments every number masked, and records each 查看号码 in the history', async () => {
    const no = await register({ caller: { name: '李先生', phone: '13955556666' } });
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    const views = async () => (await as.supervisor1!.get(`/api/tickets/${no}`)).json() as Detail;
    const reads = async () => (await views()).events.filter((e) => e.action === 'view_phone');

    const dept = (await as['handler.zjj']!.get(`/api/tickets/${no}`)).json() as TicketView;
    expect(dept.caller).toEqual({ name: '李先生', phone: '139****6666' });
    expect((await list('handler.zjj')).items.find((i) => i.no === no)?.caller.phone).toBe('139****6666');
    expect(await reads()).toEqual([]);

    const revealed = await as['handler.zjj']!.post(`/api/tickets/${no}/caller-phone`, {});
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ phone: '13955556666' });
    await as['handler.zjj']!.post(`/api/tickets/${no}/caller-phone`, {});
    const recorded = await reads();
    expect(recorded).toHaveLength(2);
    // Who read it (the department user) and that the ticket did not move.
    expect(recorded[0]).toMatchObject({ from: 'dispatched', to: 'dispatched', actor: 'handler.zjj' });
    // The department's answers stay masked.
    expect(((await as['handler.zjj']!.get(`/api/tickets/${no}`)).json() as TicketView).caller.phone).toBe(
      '139****6666',
    );

    // Another department learns nothing; the centre's staff see the number anyway, and are not recorded.
    expect((await as['handler.jtj']!.post(`/api/tickets/${no}/caller-phone`, {})).statusCode).toBe(404);
    const centre = await as.dispatcher1!.post(`/api/tickets/${no}/caller-phone`, {});
    expect(centre.json()).toEqual({ phone: '13955556666' });
    expect(await reads()).toHaveLength(2);
  });

  it("never shows a department a confidential caller's number, and records nothing when it asks", async () => {
    const no = await register({ confidential: true, caller: { name: '王小明', phone: '13812345678' } });
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    const history = async () => ((await as.supervisor1!.get(`/api/tickets/${no}`)).json() as Detail).events;
    const before = (await history()).length;
    const res = await as['handler.zjj']!.post(`/api/tickets/${no}/caller-phone`, {});
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('13812345678');
    expect(await history()).toHaveLength(before);
  });
});

describe('other paths through the lifecycle', () => {
  it('closes a consultation answered on the call (直办)', async () => {
    const no = await register({ appealType: 'consult' });
    const answered = await act('operator1', no, 'answer', { answer: '居住证在区政务服务中心一楼办理。' });
    expect(answered.status).toBe('closed');
    expect(answered.directAnswer).toBe('居住证在区政务服务中心一楼办理。');
  });

  it('sends every tenth direct answer of the day to a revisit', async () => {
    const statuses: string[] = [];
    for (let i = 0; i < 10; i++) {
      const no = await register({ appealType: 'consult' });
      statuses.push((await act('operator1', no, 'answer', { answer: '已答复' })).status);
    }
    expect(statuses.filter((s) => s === 'pending_revisit')).toHaveLength(1);
    expect(statuses[9]).toBe('pending_revisit');
  });

  it('sends a sampled direct answer whose caller is not satisfied to dispatch (重办), then on to a department', async () => {
    let sampled = '';
    for (let i = 0; i < 10 && !sampled; i++) {
      const no = await register({ appealType: 'consult' });
      if ((await act('operator1', no, 'answer', { answer: '已答复' })).status === 'pending_revisit')
        sampled = no;
    }
    // It answered 409 (no lead to rework) and could only be closed as satisfied or left unreached.
    const again = await act('supervisor1', sampled, 'revisit', {
      reached: true,
      solved: false,
      satisfaction: 'unsatisfied',
    });
    expect(again.status).toBe('pending_dispatch');
    expect(again.counters).toMatchObject({ reworks: 1, revisits: 1 });
    expect(again.satisfaction).toEqual({ first: 'unsatisfied', final: 'unsatisfied' });
    const dispatched = await act('dispatcher1', sampled, 'dispatch', { lead: t.dir.dept.zjj });
    expect(dispatched.status).toBe('dispatched');
  });

  it('rejects an out-of-scope appeal with the route told', async () => {
    const no = await register();
    const rejected = await act('operator1', no, 'reject', { reason: '属于诉讼程序，已告知向法院起诉' });
    expect(rejected.status).toBe('closed');
  });

  it('reopens an unsatisfied revisit (重办) with a new due and keeps the first satisfaction', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', no, 'sign');
    await act('handler.zjj', no, 'reply', { publicReply: '已处理', solved: true });
    await act('supervisor1', no, 'approve_reply');
    const unreached = await act('supervisor1', no, 'revisit', { reached: false });
    expect(unreached.status).toBe('pending_revisit');
    // Reached, the revisit records whether it was solved (解决率) and how satisfied the caller is (满意率).
    const missing = await as.supervisor1!.post(`/api/tickets/${no}/actions/revisit`, { reached: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ field: 'solved' });
    const noSatisfaction = await as.supervisor1!.post(`/api/tickets/${no}/actions/revisit`, {
      reached: true,
      solved: true,
    });
    expect(noSatisfaction.statusCode).toBe(400);
    expect(noSatisfaction.json()).toMatchObject({ field: 'satisfaction' });
    t.clock.set('2026-11-25T09:00:00+08:00');
    const again = await act('supervisor1', no, 'revisit', {
      reached: true,
      solved: false,
      satisfaction: 'unsatisfied',
    });
    expect(again.status).toBe('in_progress');
    expect(again.counters).toMatchObject({ reworks: 1, revisits: 2 });
    expect(again.assignments[0]).toMatchObject({
      status: 'in_progress',
      dueAt: '2026-12-02T09:00:00.000+08:00',
    });
    await act('handler.zjj', no, 'reply', { publicReply: '重新处理完毕', solved: true });
    await act('supervisor1', no, 'approve_reply');
    const closed = await act('supervisor1', no, 'revisit', {
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    expect(closed.satisfaction).toEqual({ first: 'unsatisfied', final: 'satisfied' });
  });

  it('merges a duplicate into an open ticket and refuses merging into itself', async () => {
    const original = await register();
    const duplicate = await register();
    const self = await as.dispatcher1!.post(`/api/tickets/${duplicate}/actions/merge`, { into: duplicate });
    expect(self.statusCode).toBe(400);
    const merged = await act('dispatcher1', duplicate, 'merge', { into: original });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: original });
    const again = await as.dispatcher1!.post(`/api/tickets/${original}/actions/merge`, { into: duplicate });
    expect(again.statusCode).toBe(400);
  });

  it('records urging and supervision on an open ticket', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('supervisor1', no, 'urge', { message: '请尽快派单' });
    const supervised = await act('supervisor1', no, 'supervise', { message: '列入督办' });
    expect(supervised.counters).toMatchObject({ urges: 1, supervisions: 1 });
    expect(supervised.status).toBe('pending_dispatch');
  });

  it('refuses upstream-only actions on a local ticket (409)', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    const res = await as.dispatcher1!.post(`/api/tickets/${no}/actions/accept`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ state: 'pending_dispatch' });
  });
});
