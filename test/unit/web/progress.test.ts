import { describe, expect, it } from 'vitest';
import { addressKey, createWindowLimiter, MAX_KEYS } from '../../../server/core/window-limiter.js';
import type { TicketStatus } from '../../../server/tickets/tickets.machine.js';
import type { AssignmentRow } from '../../../server/tickets/tickets.repo.js';
import { leadDepartmentId, samePhone, stageOf } from '../../../server/web/web.progress.js';
import { FakeClock } from '../../helpers/clock.js';

describe('the stage a citizen is told', () => {
  it.each<[TicketStatus, boolean, string]>([
    ['registered', false, 'received'],
    ['pending_dispatch', false, 'handling'],
    ['dispatched', false, 'handling'],
    ['in_progress', false, 'handling'],
    ['return_requested', false, 'handling'],
    // A reply under review is not an answer yet.
    ['replied', false, 'handling'],
    ['pending_revisit', false, 'answered'],
    ['awaiting_upstream', false, 'answered'],
    ['closed', false, 'answered'],
    ['closed', true, 'declined'],
    ['merged', false, 'merged'],
    ['returned_upstream', false, 'transferred'],
    ['cancelled', false, 'withdrawn'],
  ])('%s (declined: %s) is %s', (status, declined, stage) => {
    expect(stageOf(status, declined)).toBe(stage);
  });
});

const assignment = (a: Partial<AssignmentRow> & Pick<AssignmentRow, 'id' | 'departmentId'>) =>
  ({ role: 'lead', parentId: null, status: 'in_progress', ...a }) as AssignmentRow;

describe('the department a citizen is told', () => {
  it.each<[string, AssignmentRow[], number | null]>([
    ['none yet', [], null],
    [
      'the lead, not an assist',
      [assignment({ id: 1, departmentId: 7 }), assignment({ id: 2, departmentId: 8, role: 'assist' })],
      7,
    ],
    [
      'the newer lead after a return',
      [assignment({ id: 1, departmentId: 7, status: 'returned' }), assignment({ id: 3, departmentId: 9 })],
      9,
    ],
    [
      'not a village the town passed it down to',
      [assignment({ id: 1, departmentId: 7 }), assignment({ id: 2, departmentId: 70, parentId: 1 })],
      7,
    ],
    [
      'nobody while its only lead returned it',
      [assignment({ id: 1, departmentId: 7, status: 'returned' })],
      null,
    ],
  ])('%s', (_, list, id) => {
    expect(leadDepartmentId(list)).toBe(id);
  });
});

describe('a caller’s number', () => {
  it.each<[string, string, boolean]>([
    ['13905351234', '13905351234', true],
    ['0535-5651234', '05355651234', true],
    ['13905351234', '13905351235', false],
    ['13905351234', '3905351234', false],
    // The same line in the forms the desk, Yantai and the gateway write it (core/phone.ts phoneKey).
    ['+86-139-0535-1234', '13905351234', true],
    ['013905351234', '13905351234', true],
    ['5651234', '0535-5651234', true],
    ['5651234', '0631-5651234', false],
    // Fewer than 7 digits is no number: a stored "---" must not match a typed "-".
    ['---', '-', false],
    ['123456', '123456', false],
  ])('%s and %s are the same line: %s', (a, b, same) => {
    expect(samePhone(a, b)).toBe(same);
  });
});

describe('the window limiter', () => {
  it('lets max requests through a window per key, then says how long to wait', () => {
    const clock = new FakeClock(Date.parse('2026-12-03T08:00:00Z'));
    const limiter = createWindowLimiter(2, 60_000, clock);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([0, 0, 0]);
    clock.advance(15_000);
    expect(limiter.take('a')).toBe(45);
    clock.advance(45_000);
    expect(limiter.take('a')).toBe(0);
  });

  it('tells how long a key waits without counting it', () => {
    const clock = new FakeClock(Date.parse('2026-12-03T08:00:00Z'));
    const limiter = createWindowLimiter(1, 60_000, clock);
    expect(limiter.wait('a')).toBe(0);
    expect(limiter.wait('a')).toBe(0);
    limiter.take('a');
    clock.advance(20_000);
    expect(limiter.wait('a')).toBe(40);
    expect(limiter.wait('b')).toBe(0);
  });

  it('keeps at most 100,000 addresses: never drops a live count, refuses newcomers until windows end', () => {
    const clock = new FakeClock(0);
    const limiter = createWindowLimiter(1, 60_000, clock);
    limiter.take('first');
    for (let i = 1; i < MAX_KEYS; i++) limiter.take(`a${i}`);
    // Full of live windows: the first one's count stays, and a newcomer waits.
    expect(limiter.take('newcomer')).toBe(60);
    expect(limiter.wait('first')).toBeGreaterThan(0);
    clock.advance(60_000);
    expect(limiter.take('newcomer')).toBe(0);
  });

  it('is off at 0', () => {
    const limiter = createWindowLimiter(0, 60_000, new FakeClock(0));
    for (let i = 0; i < 100; i++) expect(limiter.take('a')).toBe(0);
  });
});

describe('the address a limit counts', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['2408:8207:1850:7a60:1c2d:3e4f:5a6b:7c8d', '2408:8207:1850:7a60::/64'],
    ['2408:8207:1850:7a60::1', '2408:8207:1850:7a60::/64'],
    ['2408:8207:1850:7A60:0:0:0:2', '2408:8207:1850:7a60::/64'],
    ['2408:8207::1', '2408:8207:0:0::/64'],
    ['2408:0db8:0000:0001::5%eth0', '2408:db8:0:1::/64'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8:a::b:c:d:1.2.3.4', '2001:db8:a:b::/64'],
  ])('%s counts as %s', (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });

  it('counts two addresses of one IPv6 /64 together', () => {
    const limiter = createWindowLimiter(1, 60_000, new FakeClock(0));
    expect(limiter.take(addressKey('2408:8207:1850:7a60::1'))).toBe(0);
    expect(limiter.take(addressKey('2408:8207:1850:7a60::2'))).toBeGreaterThan(0);
    expect(limiter.take(addressKey('2408:8207:1850:7a61::1'))).toBe(0);
  });
});
