import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { Category, Department } from '../../../agent-console/src/api/types.js';
import { callOutcomeLabel } from '../../../agent-console/src/views/desk/agent.logic.js';
import {
  buildCategoryTree,
  DEFAULT_LINE,
  DESK_CHANNELS,
  DESK_LINES,
  duplicateQuery,
  matchCategory,
  townNames,
} from '../../../agent-console/src/views/desk/desk.js';
import { RegisterBody } from '../../../server/tickets/tickets.schemas.js';

const cat = (id: number, name: string, parentId: number | null, disabled = false): Category => ({
  id,
  code: `C${String(id).padStart(2, '0')}`,
  name,
  parentId,
  disabled,
});

describe('categories', () => {
  const cats = [
    cat(1, '城市综合', null),
    cat(5, '噪声扰民', 1),
    cat(2, '市容环境', 1),
    cat(8, '社会事业', null),
    cat(9, '教育', 8, true),
    cat(10, '幼儿园', 9),
    cat(11, '停用大类', null, true),
    cat(12, '其下小类', 11),
  ];
  it('builds the enabled tree in code order with paths', () => {
    expect(buildCategoryTree(cats)).toEqual([
      {
        value: 1,
        label: '城市综合',
        code: 'C01',
        path: '城市综合',
        children: [
          { value: 2, label: '市容环境', code: 'C02', path: '城市综合 / 市容环境' },
          { value: 5, label: '噪声扰民', code: 'C05', path: '城市综合 / 噪声扰民' },
        ],
      },
      { value: 8, label: '社会事业', code: 'C08', path: '社会事业' },
    ]);
  });
  it.each([
    ['', true],
    ['噪声', true],
    ['城市 噪声', true],
    ['c05', true],
    ['教育', false],
  ])('matchCategory %s', (q, want) =>
    expect(matchCategory(q, { path: '城市综合 / 噪声扰民', code: 'C05' })).toBe(want),
  );
  it('lists enabled towns', () => {
    const d = (id: number, name: string, level: Department['level'], disabled = false): Department => ({
      id,
      code: `d${id}`,
      name,
      level,
      parentId: null,
      disabled,
    });
    expect(
      townNames([
        d(1, '区住建局', 'city'),
        d(2, '登州街道', 'town'),
        d(3, '某村', 'village'),
        d(4, '旧镇', 'town', true),
      ]),
    ).toEqual(['登州街道']);
  });
});

describe('duplicateQuery', () => {
  const now = Date.parse('2026-11-28T01:00:00+08:00');
  it.each([
    ['13805351001', { phone: '13805351001', from: '2026-10-29' }],
    [' 0535-5651234 ', { phone: '0535-5651234', from: '2026-10-29' }],
    ['', null],
    ['138', null],
    ['13a05351001', null],
  ])('%s', (phone, want) => {
    const q = duplicateQuery(phone, now);
    if (want === null) expect(q).toBeNull();
    else {
      expect(q).toMatchObject(want);
      expect(q?.status?.split(',')).toContain('pending_dispatch');
      expect(q?.status?.split(',')).not.toContain('closed');
    }
  });
});

describe('mirrors of the server', () => {
  it('open statuses are the state machine’s', async () => {
    const machine = await import('../../../server/tickets/tickets.machine.js');
    const { OPEN_STATUSES } = await import('../../../agent-console/src/views/desk/desk.js');
    expect([...OPEN_STATUSES]).toEqual([...machine.OPEN_STATUSES]);
  });
  it('the desk’s lines are the lines the shipped IVR flows answer, 12345 (the default) first', async () => {
    const { loadFlows, mergeModeLineFlows, LEGACY_LINE, MERGE_MODES } = await import(
      '../../../server/ivr/ivr.flow.js'
    );
    const shipped = new URL('../../../ivr-flows', import.meta.url).pathname;
    for (const mode of MERGE_MODES) {
      const set = loadFlows(shipped, { lineFlows: mergeModeLineFlows(mode) });
      expect([...set.byLine.keys()].sort()).toEqual([...DESK_LINES].sort());
    }
    expect(DESK_LINES).toContain(LEGACY_LINE);
    expect(DESK_LINES[0]).toBe(DEFAULT_LINE);
  });
  it('the desk’s channels and lines are codes the server takes', () => {
    const { channel, line } = RegisterBody.properties;
    for (const c of DESK_CHANNELS) expect(Value.Check(channel, c)).toBe(true);
    for (const l of DESK_LINES) expect(Value.Check(line, l)).toBe(true);
  });
  it('call outcome labels cover every outcome', async () => {
    const { CALL_OUTCOMES } = await import('../../../server/calls/calls.tables.js');
    for (const o of CALL_OUTCOMES) expect(callOutcomeLabel(o)).not.toBe(o);
  });
});
