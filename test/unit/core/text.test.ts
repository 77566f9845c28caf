// The shared text schemas of server/core/http.ts, checked the two ways the server checks bodies: the routes'
// Ajv, with unicode regexes (server/core/validation.ts, as app.ts sets it up) and TypeBox's compiler, without
// (the per-action bodies of tickets.service.ts).
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { CallerPhone, MonthString, PlainText, SHOWS_SOMETHING, Text } from '../../../server/core/http.js';
import { buildValidator } from '../../../server/core/validation.js';

const compile = buildValidator()({}, {
  customOptions: { removeAdditional: false, allErrors: false },
} as never);
const routeCheck = new Map<TSchema, (value: unknown) => boolean>();
/** What a route's body validation says of `value` for `schema`. */
function byRoute(schema: TSchema, value: unknown): boolean {
  let check = routeCheck.get(schema);
  if (!check) {
    const fn = compile({ schema, method: 'POST', url: '/x', httpPart: 'body' } as never) as (
      v: unknown,
    ) => boolean;
    check = (v) => fn(v) === true;
    routeCheck.set(schema, check);
  }
  return check(value);
}
/** Whether both validators take `value`; they must agree. */
function accepts(schema: TSchema, value: unknown): boolean {
  const byAjv = byRoute(schema, value);
  const byTypeBox = TypeCompiler.Compile(schema).Check(value);
  expect(byTypeBox, `Ajv and TypeBox disagree on ${JSON.stringify(value)}`).toBe(byAjv);
  return byAjv;
}

/** Blank, by definition: what trim() removes, or a zero-width space or joiner. */
const isBlankChar = (c: string) => c.trim() === '' || /^[\u200b-\u200d\u2060]$/.test(c);
/** Control characters but tab and line breaks (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+007F). */
const isControl = (c: string) => {
  const u = c.charCodeAt(0);
  return u <= 0x08 || u === 0x0b || u === 0x0c || (u >= 0x0e && u <= 0x1f) || u === 0x7f;
};

const BLANKS = [
  ' ',
  '   ',
  '\u3000',
  '\u3000\u3000',
  '\t',
  '\n',
  ' \r\n\t ',
  '\u00a0',
  '\ufeff',
  '\u200b',
  '\u200b \u2060',
];
const SHOWING = ['a', ' 路灯不亮 ', '\u3000诉求内容', '已处理。\n', '😀', '\u200b字', '1'];

describe('Text: what a person must write', () => {
  const text = Text(20);
  it.each(BLANKS.map((b) => [JSON.stringify(b), b]))('refuses %s: only blanks', (_, b) => {
    expect(accepts(text, b)).toBe(false);
  });
  it.each(SHOWING.map((s) => [JSON.stringify(s), s]))('takes %s', (_, s) => {
    expect(accepts(text, s)).toBe(true);
  });
  it('refuses the empty string and keeps its length limit', () => {
    expect(accepts(text, '')).toBe(false);
    expect(accepts(text, 'x'.repeat(20))).toBe(true);
    expect(accepts(text, 'x'.repeat(21))).toBe(false);
  });
  it('calls blank exactly what trim() removes and the zero-width spaces, for every UTF-16 unit', () => {
    const shows = new RegExp(SHOWS_SOMETHING);
    const wrong: string[] = [];
    for (let u = 0; u <= 0xffff; u++) {
      const c = String.fromCharCode(u);
      if (shows.test(c) === isBlankChar(c)) wrong.push(u.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe('PlainText: Text without control characters', () => {
  const plain = PlainText(20);
  it.each(BLANKS.map((b) => [JSON.stringify(b), b]))('refuses %s: only blanks', (_, b) => {
    expect(accepts(plain, b)).toBe(false);
  });
  it.each(SHOWING.map((s) => [JSON.stringify(s), s]))('takes %s', (_, s) => {
    expect(accepts(plain, s)).toBe(true);
  });
  it('refuses control characters wherever they are, but not tabs and line breaks', () => {
    for (const s of ['王\u0007', '\u0000王', ' \u000b王', '王\u007f '])
      expect(accepts(plain, s), s).toBe(false);
    expect(accepts(plain, '\t王\r\n')).toBe(true);
  });
  it('agrees with the definition for every UTF-16 unit, alone, before text and after it', () => {
    const wrong: string[] = [];
    for (let u = 0; u <= 0xffff; u++) {
      const c = String.fromCharCode(u);
      const ajvOnly = (s: string) => byRoute(plain, s);
      if (ajvOnly(c) !== (!isBlankChar(c) && !isControl(c))) wrong.push(`alone ${u.toString(16)}`);
      if (ajvOnly(`${c}字`) !== !isControl(c)) wrong.push(`before ${u.toString(16)}`);
      if (ajvOnly(`字${c}`) !== !isControl(c)) wrong.push(`after ${u.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });
  it('is checked in linear time, whatever the length (no backtracking blow-up)', () => {
    const pattern = new RegExp(plain.pattern as string, 'u');
    const started = performance.now();
    for (const s of [
      `${'字'.repeat(200_000)}\u0001`,
      ' '.repeat(200_000),
      `${' 字'.repeat(100_000)}\u0001`,
    ]) {
      expect(pattern.test(s)).toBe(false);
    }
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('CallerPhone', () => {
  const phone = CallerPhone();
  it.each([
    '139',
    '110',
    '12345',
    '13812345678',
    '0535-5651234',
    '05355651234',
    '+86-535-5651234',
    '0535-5651234-801',
  ])('takes %s', (p) => expect(accepts(phone, p)).toBe(true));
  it.each([
    '---',
    '-',
    '+',
    '+--',
    '1--',
    '1-2',
    '12',
    '',
    '138****5678',
    '139 0535 0001',
    'not a phone',
    `+${'1'.repeat(21)}`,
  ])('refuses %j', (p) => expect(accepts(phone, p)).toBe(false));
});

describe('MonthString', () => {
  it.each(['2000-01', '2026-11', '2099-12'])('takes %s', (m) => expect(accepts(MonthString(), m)).toBe(true));
  it.each(['0000-01', '1900-01', '1999-12', '2100-01', '2026-00', '2026-13', '2026-1', '26-11'])(
    'refuses %s',
    (m) => expect(accepts(MonthString(), m)).toBe(false),
  );
});
