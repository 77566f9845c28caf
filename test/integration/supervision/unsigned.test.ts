// A department that never signs is as late on the work as one that signed and did nothing: past its handling due
// it goes red on the handling clock (a 督办单), 5 working days later onto the month's 通报 list, and it counts as
// 超期未办结 in the ledger. It once stopped at the red sign card and scored better than a department that signed.
import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { act, as, register, t, useLifecycleApp } from '../tickets/lifecycle-setup.js';

useLifecycleApp();

type Detail = TicketView & { events: { action: string; data: { clock?: string } | null }[] };

describe('an assignment never signed', () => {
  it('goes red on the handling clock at its due, onto the notice list, and counts as 超期未办结', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    const lead = (await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj })).assignments[0]!;

    for (let day = 0; day < 20; day++) {
      t.clock.advance(86_400_000);
      await t.app.services.scanner.runOnce();
    }
    const detail = (await as.supervisor1!.get(`/api/tickets/${no}`)).json() as Detail;
    expect(
      detail.events
        .filter((e) => e.action === 'yellow' || e.action === 'red')
        .map((e) => `${e.action}/${e.data?.clock}`),
    ).toEqual(['yellow/sign', 'red/sign', 'red/handle']);

    const items = (await as['handler.zjj']!.get('/api/supervision/items')).json() as { reason: string }[];
    expect(items.map((i) => i.reason).sort()).toEqual([
      `工单 ${no} 已超过办理时限`,
      `工单 ${no} 已超过签收时限`,
    ]);

    const notices = (await as.supervisor1!.get('/api/supervision/notices?month=2026-12')).json() as {
      ticketNo: string;
      dueAt: string;
      status: string;
    }[];
    expect(notices).toEqual([
      expect.objectContaining({ ticketNo: no, dueAt: lead.dueAt, status: 'pending_sign' }),
    ]);

    const report = (await as.supervisor1!.get('/api/reports/monthly?month=2026-11')).json() as {
      departments: {
        departmentId: number;
        handleOverdue: number;
        signOverdue: number;
        onTimeCompletionRate: number | null;
      }[];
    };
    const zjj = report.departments.find((d) => d.departmentId === t.dir.dept.zjj)!;
    expect(zjj).toMatchObject({ signOverdue: 1, handleOverdue: 1, onTimeCompletionRate: 0 });

    // Signed at last, it is in progress with the red card it earned, and is not listed or carded again.
    await act('handler.zjj', no, 'sign');
    t.clock.advance(86_400_000);
    await t.app.services.scanner.runOnce();
    const after = (await as.supervisor1!.get(`/api/tickets/${no}`)).json() as Detail;
    expect(after.events.filter((e) => e.action === 'red')).toHaveLength(2);
    expect((await as.supervisor1!.get('/api/supervision/notices?month=2026-12')).json()).toHaveLength(1);
  });
});
