import { describe, expect, it } from 'vitest';
import {
  type DispatchPreview,
  formatDue,
  PREVIEW_MAX_AGE_MS,
  previewCaption,
  previewRows,
  previewStale,
} from '../../../agent-console/src/views/dispatch/preview.js';
import type { TicketsService } from '../../../server/tickets/tickets.service.js';

// The console's mirror of the preview must have exactly the server's fields (checked by tsc).
type ServerPreview = ReturnType<TicketsService['dispatchPreview']>;
const mirror = (p: ServerPreview): DispatchPreview => p;
const back = (p: DispatchPreview): ServerPreview => p;
void mirror;
void back;

// As the server answers it: ISO times with the China offset.
const local: DispatchPreview = {
  at: '2026-11-27T16:05:12.000+08:00',
  signDueAt: '2026-11-30T16:05:12.000+08:00',
  signYellowAt: '2026-11-30T12:05:12.000+08:00',
  dueAt: '2026-12-04T16:05:12.000+08:00',
  yellowAt: '2026-12-03T16:05:12.000+08:00',
  returnDueAt: '2026-12-01T16:05:12.000+08:00',
  upstreamDueAt: null,
};

describe('formatDue: China time with the weekday', () => {
  const cases: [string, string][] = [
    ['2026-11-30T16:05:12.000+08:00', '2026-11-30 16:05 周一'],
    ['2026-11-29T16:30:00.000Z', '2026-11-30 00:30 周一'], // UTC evening is the next China day
    ['2026-12-05T09:00:00+08:00', '2026-12-05 09:00 周六'],
    ['not a time', '—'],
  ];
  for (const [at, want] of cases) it(`${at} → ${want}`, () => expect(formatDue(at)).toBe(want));
});

describe('previewRows', () => {
  const cases: { name: string; preview: DispatchPreview; want: [string, string, string, string | null][] }[] =
    [
      {
        name: 'a local ticket: sign, due, return window; yellow cards beside',
        preview: local,
        want: [
          ['sign-due', '签收期限', '2026-11-30 16:05 周一', '12:05 起预警'],
          ['due', '办结期限', '2026-12-04 16:05 周五', '12-03 16:05 起预警'],
          ['return-due', '退单期限', '2026-12-01 16:05 周二', '此前承办单位可申请退单'],
        ],
      },
      {
        name: 'a Yantai order adds Yantai’s due',
        preview: {
          ...local,
          dueAt: '2026-12-02T13:00:00.000+08:00',
          upstreamDueAt: '2026-12-02T17:00:00.000+08:00',
        },
        want: [
          ['sign-due', '签收期限', '2026-11-30 16:05 周一', '12:05 起预警'],
          ['due', '办结期限', '2026-12-02 13:00 周三', '12-03 16:05 起预警'],
          ['return-due', '退单期限', '2026-12-01 16:05 周二', '此前承办单位可申请退单'],
          ['upstream-due', '市平台办结时限', '2026-12-02 17:00 周三', '本区各项期限不晚于此'],
        ],
      },
    ];
  for (const c of cases)
    it(c.name, () =>
      expect(previewRows(c.preview).map((r) => [r.key, r.label, r.text, r.note])).toEqual(c.want),
    );
  it('keeps the server’s instant on each row', () => {
    expect(previewRows(local).map((r) => r.at)).toEqual([local.signDueAt, local.dueAt, local.returnDueAt]);
  });
  it('says when it was computed', () => expect(previewCaption(local)).toBe('按 16:05 派单计算'));
});

describe('previewStale: fetched again once a minute old', () => {
  const cases: [number | null, number, boolean][] = [
    [null, 0, true],
    [1_000, 1_000, false],
    [1_000, 1_000 + PREVIEW_MAX_AGE_MS - 1, false],
    [1_000, 1_000 + PREVIEW_MAX_AGE_MS, true],
    [1_000, 1_000 + 5 * PREVIEW_MAX_AGE_MS, true],
  ];
  for (const [loadedAt, now, want] of cases)
    it(`loaded ${loadedAt}, now ${now} → ${want}`, () => expect(previewStale(loadedAt, now)).toBe(want));
});
