import { describe, expect, it } from 'vitest';
import { OFFICIAL_YEARS } from '../../../server/sla/calendar.js';
import { client } from '../../helpers/app.js';
import { admin, operator, t, useSlaApp } from './sla-setup.js';

useSlaApp();

describe('GET/PUT /api/calendar/hours', () => {
  const DEFAULT_HOURS = [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ];

  it('shows the default working hours to any logged-in user', async () => {
    const res = await operator.get('/api/calendar/hours');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(DEFAULT_HOURS);
  });

  it('lets an admin change the working hours', async () => {
    const hours = [
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ];
    const res = await admin.put('/api/calendar/hours', hours);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(hours);
    expect((await operator.get('/api/calendar/hours')).json()).toEqual(hours);
  });

  it('refuses a non-admin changing the working hours (403)', async () => {
    const res = await operator.put('/api/calendar/hours', [{ start: '09:00', end: '17:00' }]);
    expect(res.statusCode).toBe(403);
    expect((await operator.get('/api/calendar/hours')).json()).toEqual(DEFAULT_HOURS);
  });

  it.each([
    ['a period that ends before it starts', [{ start: '17:00', end: '09:00' }]],
    [
      'overlapping periods',
      [
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ],
    ],
    ['a time past midnight', [{ start: '09:00', end: '24:30' }]],
  ])('refuses %s (400 naming hours)', async (_name, hours) => {
    const res = await admin.put('/api/calendar/hours', hours);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('hours');
    expect((await admin.get('/api/calendar/hours')).json()).toEqual(DEFAULT_HOURS);
  });

  it('refuses no periods at all or a malformed time (400)', async () => {
    expect((await admin.put('/api/calendar/hours', [])).statusCode).toBe(400);
    expect((await admin.put('/api/calendar/hours', [{ start: '9:00', end: '17:00' }])).statusCode).toBe(400);
  });
});

describe('GET /api/calendar/days', () => {
  it('lists the official National Day holiday and its make-up working Saturday', async () => {
    const res = await operator.get('/api/calendar/days?from=2026-10-01&to=2026-10-11');
    expect(res.statusCode).toBe(200);
    const days = res.json() as { date: string; work: boolean; source: string; note: string | null }[];
    expect(days.map((d) => d.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-11',
    ]);
    expect(days[0]).toEqual({ date: '2026-10-01', work: false, source: 'official', note: '国庆节' });
    expect(days.slice(0, 7).every((d) => !d.work)).toBe(true);
    expect(days[7]).toEqual({ date: '2026-10-08', work: true, source: 'official', note: null });
    expect(days[9]).toEqual({ date: '2026-10-10', work: true, source: 'official', note: '国庆节' });
    expect(days[10]).toMatchObject({ date: '2026-10-11', work: false });
  });

  it('marks the days of a year the official schedule does not cover (weekday), and an override as before', async () => {
    const year = Math.max(...OFFICIAL_YEARS) + 1;
    expect(
      (await admin.put(`/api/calendar/days/${year}-01-04`, { work: false, note: '元旦' })).statusCode,
    ).toBe(200);
    const days = (await operator.get(`/api/calendar/days?from=${year}-01-01&to=${year}-01-04`)).json() as {
      source: string;
    }[];
    expect(days.map((d) => d.source)).toEqual(['weekday', 'weekday', 'weekday', 'override']);
    const before = (
      await operator.get(`/api/calendar/days?from=${year - 1}-12-31&to=${year - 1}-12-31`)
    ).json();
    expect(before).toMatchObject([{ source: 'official' }]);
  });

  it('lists a plain weekend as days off and weekdays as working days', async () => {
    const days = (await operator.get('/api/calendar/days?from=2026-11-27&to=2026-11-30')).json();
    expect(days.map((d: { work: boolean }) => d.work)).toEqual([true, false, false, true]);
  });

  it('lists the official schedule the same whatever the server’s time zone', async () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      const days = (await operator.get('/api/calendar/days?from=2026-10-01&to=2026-10-11')).json() as {
        date: string;
        work: boolean;
      }[];
      expect(days.filter((d) => d.work).map((d) => d.date)).toEqual([
        '2026-10-08',
        '2026-10-09',
        '2026-10-10',
      ]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('answers 401 without a login', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/calendar/days?from=2026-10-01&to=2026-10-02',
    });
    expect(res.statusCode).toBe(401);
  });

  it.each([
    ['from=2026-10-01', 'to'],
    ['to=2026-10-01', 'from'],
    ['from=2026-10-01&to=2026-13-01', 'to'],
    ['from=2026-02-30&to=2026-03-01', 'from'],
    ['from=2026-10-10&to=2026-10-01', 'to'],
    ['from=2026-01-01&to=2027-12-31', 'to'],
    ['from=0000-01-01&to=0000-01-03', 'from'],
    ['from=2026-01-01&to=2126-01-01', 'to'],
  ])('answers 400 for ?%s, naming %s', async (query, field) => {
    const res = await operator.get(`/api/calendar/days?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
  });
});

describe('PUT/DELETE /api/calendar/days/{date}', () => {
  it('lets an admin make a working day a day off, with a note', async () => {
    const res = await admin.put('/api/calendar/days/2026-11-30', { work: false, note: '暴雪停工' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-11-30', work: false, source: 'override', note: '暴雪停工' });
    const days = (await operator.get('/api/calendar/days?from=2026-11-30&to=2026-12-01')).json();
    expect(days).toEqual([
      { date: '2026-11-30', work: false, source: 'override', note: '暴雪停工' },
      { date: '2026-12-01', work: true, source: 'official', note: null },
    ]);
  });

  it('lets an admin make a Sunday a working day without a note', async () => {
    const res = await admin.put('/api/calendar/days/2026-11-29', { work: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-11-29', work: true, source: 'override', note: null });
  });

  it('overrides an official holiday, and changes an override when set again', async () => {
    await admin.put('/api/calendar/days/2026-10-02', { work: true, note: '值班' });
    const again = await admin.put('/api/calendar/days/2026-10-02', { work: false, note: '恢复放假' });
    expect(again.statusCode).toBe(200);
    const [day] = (await operator.get('/api/calendar/days?from=2026-10-02&to=2026-10-02')).json();
    expect(day).toEqual({ date: '2026-10-02', work: false, source: 'override', note: '恢复放假' });
  });

  it('removes an override (204), going back to the official schedule', async () => {
    await admin.put('/api/calendar/days/2026-10-10', { work: false });
    const res = await admin.delete('/api/calendar/days/2026-10-10');
    expect(res.statusCode).toBe(204);
    const [day] = (await operator.get('/api/calendar/days?from=2026-10-10&to=2026-10-10')).json();
    expect(day).toEqual({ date: '2026-10-10', work: true, source: 'official', note: '国庆节' });
  });

  it('answers 404 for removing an override that does not exist', async () => {
    expect((await admin.delete('/api/calendar/days/2026-11-30')).statusCode).toBe(404);
  });

  it.each(['operator1', 'dispatcher1', 'supervisor1', 'handler.zjj'])(
    'refuses %s setting or removing a day (403)',
    async (username) => {
      await admin.put('/api/calendar/days/2026-11-30', { work: false });
      const c = client(t, await t.login(username));
      expect((await c.put('/api/calendar/days/2026-12-01', { work: false })).statusCode).toBe(403);
      expect((await c.delete('/api/calendar/days/2026-11-30')).statusCode).toBe(403);
      const days = (await c.get('/api/calendar/days?from=2026-11-30&to=2026-12-01')).json();
      expect(days.map((d: { source: string }) => d.source)).toEqual(['override', 'official']);
    },
  );

  it('refuses a date that does not exist or a body without work (400)', async () => {
    expect((await admin.put('/api/calendar/days/2026-02-30', { work: false })).statusCode).toBe(400);
    expect((await admin.put('/api/calendar/days/20261130', { work: false })).statusCode).toBe(400);
    // A day in the years 0–99 was stored, and every deadline read after it answered 500.
    const ancient = await admin.put('/api/calendar/days/0050-06-01', { work: true });
    expect(ancient.statusCode).toBe(400);
    expect(ancient.json().field).toBe('date');
    expect((await operator.get('/api/tickets')).statusCode).toBe(200);
    const noWork = await admin.put('/api/calendar/days/2026-11-30', { note: 'x' });
    expect(noWork.statusCode).toBe(400);
    expect(noWork.json().field).toBe('work');
  });
});
