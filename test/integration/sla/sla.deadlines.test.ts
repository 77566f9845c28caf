import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../server/sla/policy.js';
import { admin, cst, dispatchTicket, policyWith, t, useSlaApp } from './sla-setup.js';

useSlaApp();

describe('deadlines of dispatched tickets', () => {
  beforeEach(() => {
    // Friday 09:00: a normal ticket's clocks run over the weekend into the next week.
    t.clock.set('2026-11-27T09:00:00+08:00');
  });

  it('gives a normal ticket 1 working day to sign and 5 to handle, skipping the weekend', async () => {
    const due = await dispatchTicket();
    expect(due.signDueAt).toBe(cst('2026-11-30T09:00'));
    expect(due.dueAt).toBe(cst('2026-12-04T09:00'));
  });

  it('skips a normal Monday made a holiday by override', async () => {
    expect(
      (await admin.put('/api/calendar/days/2026-11-30', { work: false, note: '临时放假' })).statusCode,
    ).toBe(200);
    const due = await dispatchTicket();
    expect(due.signDueAt).toBe(cst('2026-12-01T09:00'));
    expect(due.dueAt).toBe(cst('2026-12-07T09:00'));
  });

  it('counts the Monday again once the override is removed', async () => {
    await admin.put('/api/calendar/days/2026-11-30', { work: false });
    await admin.delete('/api/calendar/days/2026-11-30');
    const due = await dispatchTicket();
    expect(due.signDueAt).toBe(cst('2026-11-30T09:00'));
  });

  it('counts a Saturday made a working day by override', async () => {
    await admin.put('/api/calendar/days/2026-11-28', { work: true, note: '加班' });
    const due = await dispatchTicket();
    expect(due.signDueAt).toBe(cst('2026-11-28T09:00'));
    expect(due.dueAt).toBe(cst('2026-12-03T09:00'));
  });

  it('follows a changed policy: normal tickets handled in 3 working days', async () => {
    await admin.put('/api/calendar/days/2026-11-30', { work: false });
    const put = await admin.put(
      '/api/policy/deadlines',
      policyWith('normal', { handle: { unit: 'working_days', amount: 3 } }),
    );
    expect(put.statusCode).toBe(200);
    const due = await dispatchTicket();
    expect(due.signDueAt).toBe(cst('2026-12-01T09:00'));
    expect(due.dueAt).toBe(cst('2026-12-03T09:00'));
  });

  it('uses an appeal type’s own rule over the general one', async () => {
    const policy = structuredClone(DEFAULT_POLICY);
    policy.rules.push({
      ...structuredClone(policy.rules[0]!),
      appealType: 'consult',
      handle: { unit: 'working_days', amount: 2 },
    });
    expect((await admin.put('/api/policy/deadlines', policy)).statusCode).toBe(200);
    const consult = await dispatchTicket({ appealType: 'consult' });
    const complaint = await dispatchTicket({ appealType: 'complaint' });
    expect(consult.dueAt).toBe(cst('2026-12-01T09:00'));
    expect(complaint.dueAt).toBe(cst('2026-12-04T09:00'));
  });

  it('runs an urgent ticket’s clocks on the wall clock, holidays or not', async () => {
    await admin.put('/api/calendar/days/2026-11-27', { work: false });
    const due = await dispatchTicket({ urgency: 'urgent' });
    expect(due.signDueAt).toBe(cst('2026-11-27T09:30'));
    expect(due.dueAt).toBe(cst('2026-11-28T09:00'));
  });

  it('counts working hours with the configured hours', async () => {
    const policy = policyWith('normal', { sign: { unit: 'working_hours', amount: 2 } });
    expect((await admin.put('/api/policy/deadlines', policy)).statusCode).toBe(200);
    t.clock.set('2026-11-27T17:00:00+08:00');
    // 08:30–12:00, 13:30–17:30: half an hour on Friday, an hour and a half on Monday.
    expect((await dispatchTicket()).signDueAt).toBe(cst('2026-11-30T10:00'));
    expect((await admin.put('/api/calendar/hours', [{ start: '09:00', end: '17:00' }])).statusCode).toBe(200);
    // 09:00–17:00: Friday is over, two hours on Monday.
    expect((await dispatchTicket()).signDueAt).toBe(cst('2026-11-30T11:00'));
  });

  it('follows the official National Day holiday and its make-up Saturday', async () => {
    t.clock.set('2026-09-30T09:00:00+08:00');
    const due = await dispatchTicket();
    // 10-01…10-07 off; 10-08 Thu, 10-09 Fri, 10-10 Sat (make-up), 10-12 Mon, 10-13 Tue.
    expect(due.signDueAt).toBe(cst('2026-10-08T09:00'));
    expect(due.dueAt).toBe(cst('2026-10-13T09:00'));
  });
});
