// Checks shared by the end-to-end tests: a ticket page showing a status and its whole timeline.
import { expect } from 'vitest';
import { actionLabel, statusLabel } from '../../../agent-console/src/lib/labels.js';
import { tid, type UserPage } from './browser.js';
import type { E2EServer, Ticket } from './server.js';

/** Waits until the user's page shows ticket `no` in `status` (live: the page is not reloaded). */
export async function expectStatus(u: UserPage, no: string, status: string, timeout = 10_000): Promise<void> {
  const detail = u.el(`ticket-detail-${no}`);
  await expect
    .poll(async () => (await detail.locator(tid('ticket-status')).first().textContent())?.trim(), { timeout })
    .toBe(statusLabel(status));
}

/**
 * The ticket's timeline on the user's page has every event the API gives that user, each with its label,
 * once the history has caught up (it refetches shortly after a live event).
 */
export async function expectTimeline(u: UserPage, server: E2EServer, no: string): Promise<string[]> {
  const api = await server.api(u.username);
  const ticket = await api.get<Ticket>(`/api/tickets/${no}`);
  const events = ticket.events ?? [];
  const detail = u.el(`ticket-detail-${no}`);
  for (const e of events) {
    const item = detail.locator(tid(`event-${e.seq}`));
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain(actionLabel(e.action));
  }
  await expect.poll(() => detail.locator('[data-test^="event-"]').count()).toBe(events.length);
  return events.map((e) => e.action);
}

/**
 * A ticket made through the API (setup, not under test): registered and submitted by operator1, then
 * dispatched by dispatcher1 to `dispatchTo` (a department id) and signed by `signAs` when given.
 */
export async function apiTicket(
  server: E2EServer,
  opts: { title: string; dispatchTo?: number; signAs?: string },
): Promise<string> {
  const op = await server.api('operator1');
  const { no } = await op.post<Ticket>('/api/tickets', {
    appealType: 'complaint',
    title: opts.title,
    content: `${opts.title}：来电人反映情况属实，请尽快处理。`,
    caller: { name: '李女士', phone: '13905350002' },
    categoryId: server.t.dir.categoryId,
  });
  await op.act(no, 'submit');
  if (opts.dispatchTo !== undefined) {
    await (await server.api('dispatcher1')).act(no, 'dispatch', { lead: opts.dispatchTo });
    if (opts.signAs) await (await server.api(opts.signAs)).act(no, 'sign');
  }
  return no;
}
