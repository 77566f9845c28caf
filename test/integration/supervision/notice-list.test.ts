// The notice list (通报) after a rework: each listing keeps the due it ran out, and an assignment late again on its
// new due is listed again. It once showed the new due beside the old listing day, counted the department on time
// and overdue at once, and never listed it again (found by a review, 2026-12-04).
import { describe, expect, it } from 'vitest';
import { act, as, register, t, useLifecycleApp } from '../tickets/lifecycle-setup.js';

useLifecycleApp();

async function days(n: number) {
  for (let day = 0; day < n; day++) {
    t.clock.advance(86_400_000);
    await t.app.services.scanner.runOnce();
  }
}
const notices = async () =>
  (await as.supervisor1!.get('/api/supervision/notices?month=2026-12')).json() as {
    ticketNo: string;
    dueAt: string;
    noticedAt: string;
  }[];
async function zjjOverview() {
  const overview = (await as.supervisor1!.get('/api/supervision/overview')).json() as {
    departments: { departmentId: number; overdue: number; red: number }[];
  };
  return overview.departments.find((d) => d.departmentId === t.dir.dept.zjj)!;
}

describe('the notice list after a rework', () => {
  it('keeps each listing with the due it ran out, and lists the assignment again when it runs out again', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    const first = (await act('handler.zjj', no, 'sign')).assignments[0]!;
    await days(14);
    expect(await notices()).toEqual([
      expect.objectContaining({
        ticketNo: no,
        dueAt: first.dueAt,
        noticedAt: '2026-12-07T09:00:00.000+08:00',
      }),
    ]);
    expect(await zjjOverview()).toMatchObject({ overdue: 1 });

    await act('handler.zjj', no, 'reply', { publicReply: '已处理。', solved: true });
    const reworked = (await act('supervisor1', no, 'reject_reply', { reason: '未说明处理结果' }))
      .assignments[0]!;
    expect(Date.parse(reworked.dueAt)).toBeGreaterThan(t.clock.now());
    // On its new due, it is on time: not overdue for the listing of the old one.
    expect(await zjjOverview()).toMatchObject({ overdue: 0, red: 0 });
    expect((await notices()).map((n) => n.dueAt)).toEqual([first.dueAt]);

    await days(14);
    expect(await notices()).toEqual([
      expect.objectContaining({ dueAt: first.dueAt, noticedAt: '2026-12-07T09:00:00.000+08:00' }),
      expect.objectContaining({
        ticketNo: no,
        dueAt: reworked.dueAt,
        noticedAt: '2026-12-21T09:00:00.000+08:00',
      }),
    ]);
    expect(await zjjOverview()).toMatchObject({ overdue: 1 });
  });
});
