// Once the lead's reply is approved, an assist or a village still at work has nothing left to do (its reply is
// refused from then on): its part is closed then, as closing the ticket would, and its clock stops. Left running,
// it went red, got a 督办单 and went on the 通报 list for work it could no longer do (found by a review, 2026-12-04).
import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { act, as, register, t, useLifecycleApp } from '../tickets/lifecycle-setup.js';

useLifecycleApp();

type Detail = TicketView & { events: { action: string; departmentId?: number | null }[] };

async function dispatched(body: object): Promise<string> {
  const no = await register();
  await act('operator1', no, 'submit');
  await act('dispatcher1', no, 'dispatch', body);
  return no;
}
type Row = { departmentId: number; open: number; red: number };
async function overviewRow(departmentId: number): Promise<Row> {
  const overview = (await as.supervisor1!.get('/api/supervision/overview')).json() as { departments: Row[] };
  return overview.departments.find((d) => d.departmentId === departmentId)!;
}

describe('an approved reply', () => {
  it('ends the part of an assist still at work: no red card, no 督办单, not open on the overview', async () => {
    const no = await dispatched({ lead: t.dir.dept.zjj, assists: [t.dir.dept.scjg] });
    await act('handler.zjj', no, 'sign');
    await act('handler.scjg', no, 'sign');
    await act('handler.zjj', no, 'reply', { publicReply: '已修复路灯。', solved: true });
    const approved = await act('supervisor1', no, 'approve_reply');
    expect(approved.status).toBe('pending_revisit');
    const assist = approved.assignments.find((a) => a.departmentId === t.dir.dept.scjg)!;
    expect(assist.status).toBe('closed');

    t.clock.advance(8 * 86_400_000);
    await t.app.services.scanner.runOnce();
    const detail = (await as.supervisor1!.get(`/api/tickets/${no}`)).json() as Detail;
    expect(detail.events.filter((e) => e.action === 'red')).toMatchObject([{ data: { clock: 'revisit' } }]);
    expect((await as['handler.scjg']!.get('/api/supervision/items')).json()).toEqual([]);
    expect(await overviewRow(t.dir.dept.scjg)).toMatchObject({ open: 0, red: 0 });
    // It still reads the ticket it worked on, and is told why it can no longer act.
    expect((await as['handler.scjg']!.get(`/api/tickets/${no}`)).statusCode).toBe(200);
    const late = await as['handler.scjg']!.post(`/api/tickets/${no}/actions/reply`, {
      publicReply: '已配合',
      solved: true,
    });
    expect(late.statusCode).toBe(409);
  });

  it('keeps an assist that has replied as it was, and ends a village its town left at work', async () => {
    const no = await dispatched({ lead: t.dir.dept.ljgz, assists: [t.dir.dept.scjg] });
    await act('handler.ljgz', no, 'sign');
    await act('handler.scjg', no, 'sign');
    await act('handler.scjg', no, 'reply', { publicReply: '已配合排查。', solved: true });
    await act('handler.ljgz', no, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    await act('handler.ljgz', no, 'reply', { publicReply: '镇里已处理。', solved: true });
    const approved = await act('supervisor1', no, 'approve_reply');
    const status = (id: number) => approved.assignments.find((a) => a.departmentId === id)?.status;
    expect(status(t.dir.dept.scjg)).toBe('replied');
    expect(status(t.dir.dept.ljgzA)).toBe('closed');
    expect(status(t.dir.dept.ljgz)).toBe('replied');

    // Sent back after an unsatisfied revisit, the lead alone works again.
    const reworked = await act('supervisor1', no, 'revisit', {
      reached: true,
      solved: false,
      satisfaction: 'unsatisfied',
    });
    expect(reworked.status).toBe('in_progress');
    expect(reworked.assignments.find((a) => a.departmentId === t.dir.dept.ljgz)?.status).toBe('in_progress');
    t.clock.advance(20 * 86_400_000);
    await t.app.services.scanner.runOnce();
    expect((await as['handler.ljgzA']!.get('/api/supervision/items')).json()).toEqual([]);
    expect(await overviewRow(t.dir.dept.ljgzA)).toMatchObject({ open: 0, red: 0 });
  });
});
