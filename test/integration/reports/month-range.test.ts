// The ledger's month is one of the working calendar's years (2000–2099): `0000-01` was answered 200, labelled
// 0000-01 but covering January 1900 (Date.UTC reads years 0–99 as 1900–1999).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';

let t: TestApp;
let supervisor: ReturnType<typeof client>;
beforeEach(async () => {
  t = await buildTestApp({ start: '2026-11-20T10:00:00+08:00' });
  supervisor = client(t, await t.login('supervisor1'));
});
afterEach(async () => t.close());

describe('GET /api/reports/monthly?month=', () => {
  it.each(['0000-01', '0099-12', '1900-01', '1999-12', '2100-01', '9999-12', '2026-00', '2026-13', '2026-1'])(
    'answers 400 naming month for %s',
    async (month) => {
      for (const format of ['', '&format=csv']) {
        const res = await supervisor.get(`/api/reports/monthly?month=${month}${format}`);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', field: 'month' });
      }
    },
  );

  it.each(['2000-01', '2026-11', '2099-12'])(
    'answers the ledger of %s, labelled and dated as asked',
    async (month) => {
      const res = await supervisor.get(`/api/reports/monthly?month=${month}`);
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json() as { month: string; from: string };
      expect(report.month).toBe(month);
      expect(new Date(report.from).getTime()).toBe(new Date(`${month}-01T00:00:00+08:00`).getTime());
    },
  );
});
