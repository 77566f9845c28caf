// Validation errors in Chinese (server/core/validation-messages.ts), from both validators of the server: the
// routes' Ajv, set up as app.ts does (server/core/validation.ts), and TypeBox's compiler (tickets.service.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import {
  CallerPhone,
  MonthString,
  Nullable,
  PlainText,
  SHOWS_SOMETHING,
  StringEnum,
  Text,
} from '../../../server/core/http.js';
import { buildValidator } from '../../../server/core/validation.js';
import {
  type AjvErrorItem,
  ajvMessage,
  allowedMessage,
  FALLBACK_MESSAGE,
  formatMessage,
  patternMessage,
  typeboxMessage,
  typeMessage,
  valueAt,
} from '../../../server/core/validation-messages.js';
import { LINE_PATTERN } from '../../../server/ivr/ivr.flow.js';

const compile = buildValidator()({}, {
  customOptions: { removeAdditional: false, allErrors: false },
} as never);

/** What a route's body validation answers for `body`, as the error plugin words it. */
function byAjv(schema: TSchema, body: unknown): string {
  const fn = compile({ schema, method: 'POST', url: '/x', httpPart: 'body' } as never) as ((
    v: unknown,
  ) => boolean) & { errors?: AjvErrorItem[] };
  expect(fn(body), 'Ajv took it').toBe(false);
  return ajvMessage(fn.errors ?? [], body);
}

/** What tickets.service.ts `validateBody` answers for `body` with `typeboxMessage`. */
function byTypeBox(schema: TSchema, body: unknown): string {
  const first = TypeCompiler.Compile(schema).Errors(body).First();
  expect(first, 'TypeBox took it').toBeDefined();
  return typeboxMessage(first!);
}

const one = (f: TSchema) => Type.Object({ f });
type Case = [name: string, schema: TSchema, body: unknown, said: string | { ajv: string; typebox: string }];

const LEVELS = StringEnum(['city', 'town', 'village'] as const);
const cases: Case[] = [
  ['Text: spaces', one(Text(200)), { f: '   ' }, '不能为空或只有空白'],
  ['Text: ideographic space', one(Text(200)), { f: '\u3000' }, '不能为空或只有空白'],
  ['Text: zero-width space', one(Text(200)), { f: '\u200b' }, '不能为空或只有空白'],
  ['Text: empty', one(Text(200)), { f: '' }, '不能为空'],
  ['Text: too long', one(Text(5)), { f: '六个字的标题' }, '不能超过 5 个字符'],
  ['Text: a number', one(Text(5)), { f: 12 }, '类型应为字符串'],
  ['PlainText: blanks', one(PlainText(100)), { f: ' \u3000\t' }, '不能为空或只有空白'],
  [
    'PlainText: a control character',
    one(PlainText(100)),
    { f: '路灯\u0007不亮' },
    '不能含控制字符（制表符和换行除外）',
  ],
  ['CallerPhone', one(CallerPhone()), { f: '1-2' }, '号码须为数字与连字符，可带 +，至少 3 位数字'],
  ['CallerPhone: too long', one(CallerPhone()), { f: '1'.repeat(22) }, '不能超过 21 个字符'],
  ['MonthString', one(MonthString()), { f: '2024-13' }, '月份须为 YYYY-MM，2000–2099 年'],
  [
    'ticket number',
    one(Type.String({ pattern: '^PL[0-9]{14}$' })),
    { f: 'PL1' },
    '工单编号须为 PL 加 14 位数字',
  ],
  ['unknown pattern', one(Type.String({ pattern: '^x$' })), { f: 'y' }, FALLBACK_MESSAGE],
  ['minLength 2', one(Type.String({ minLength: 2 })), { f: 'a' }, '至少 2 个字符'],
  ['required', one(Text(10)), {}, '必填'],
  ['additional property', Type.Object({}, { additionalProperties: false }), { x: 1 }, '不允许的字段'],
  ['integer', one(Type.Integer()), { f: 1.5 }, '类型应为整数'],
  ['number', one(Type.Number()), { f: '1' }, '类型应为数字'],
  ['boolean', one(Type.Boolean()), { f: 'false' }, '类型应为布尔值（true 或 false）'],
  ['object', one(Type.Object({})), { f: [] }, '类型应为对象'],
  ['array', one(Type.Array(Type.Integer())), { f: {} }, '类型应为数组'],
  ['minimum', one(Type.Integer({ minimum: 1 })), { f: 0 }, '不能小于 1'],
  ['maximum', one(Type.Integer({ minimum: 1, maximum: 30 })), { f: 31 }, '不能大于 30'],
  ['exclusiveMinimum', one(Type.Number({ exclusiveMinimum: 0 })), { f: 0 }, '须大于 0'],
  ['minItems', one(Type.Array(Type.Integer(), { minItems: 1 })), { f: [] }, '至少 1 项'],
  ['maxItems', one(Type.Array(Type.Integer(), { maxItems: 2 })), { f: [1, 2, 3] }, '不能超过 2 项'],
  ['uniqueItems', one(Type.Array(Type.Integer(), { uniqueItems: true })), { f: [1, 1] }, '不能有重复项'],
  [
    'minProperties',
    Type.Object({ a: Type.Optional(Type.Integer()) }, { minProperties: 1 }),
    {},
    '至少填写一项',
  ],
  ['StringEnum', one(LEVELS), { f: 'county' }, '取值须为 city、town、village 之一'],
  ['Nullable(StringEnum)', one(Nullable(LEVELS)), { f: 'county' }, '取值须为 city、town、village 之一'],
  [
    'StringEnum given a number',
    one(LEVELS),
    { f: 1 },
    { ajv: '类型应为字符串', typebox: '取值须为 city、town、village 之一' },
  ],
  ['Nullable given a number', one(Nullable(Type.String())), { f: 1 }, '类型应为字符串或空值（null）'],
  ['Nullable(Text) given blanks', one(Nullable(Text(10))), { f: '  ' }, '不能为空或只有空白'],
  ['Literal', one(Type.Literal('yes')), { f: 'no' }, '取值须为 yes'],
  ['date-time', one(Type.String({ format: 'date-time' })), { f: '2025-01-31' }, formatMessage('date-time')],
];

describe('validation messages of both validators', () => {
  it.each(cases)('%s', (_name, schema, body, said) => {
    const { ajv, typebox } = typeof said === 'string' ? { ajv: said, typebox: said } : said;
    expect(byAjv(schema, body)).toBe(ajv);
    // TypeBox checks formats only when registered (the action bodies have none): Ajv's alone.
    if (!JSON.stringify(schema).includes('"format"')) expect(byTypeBox(schema, body)).toBe(typebox);
  });

  it('says something readable for an Ajv error it has no words for, or none', () => {
    expect(ajvMessage([{ keyword: 'if', instancePath: '/f', params: {} }])).toBe(FALLBACK_MESSAGE);
    expect(ajvMessage([])).toBe(FALLBACK_MESSAGE);
    expect(ajvMessage([{ keyword: 'maxLength', instancePath: '/f', params: {} }])).toBe(FALLBACK_MESSAGE);
  });
});

describe('the pieces', () => {
  it.each<[unknown[], string]>([
    [['a'], '取值须为 a'],
    [['a', 'b', 'a'], '取值须为 a、b 之一'],
    [[1, true], '取值须为 1、true 之一'],
    [[], FALLBACK_MESSAGE],
  ])('allowedMessage(%j)', (values, said) => expect(allowedMessage(values)).toBe(said));

  it.each<[string | string[], string]>([
    ['string', '类型应为字符串'],
    ['string,null', '类型应为字符串或空值（null）'],
    [['integer', 'integer'], '类型应为整数'],
    ['bigint', '类型应为bigint'],
  ])('typeMessage(%j)', (types, said) => expect(typeMessage(types)).toBe(said));

  it.each<[unknown, string]>([
    ['date', '日期须为 YYYY-MM-DD'],
    ['uri', '须为有效的网址'],
    ['hostname', FALLBACK_MESSAGE],
    [undefined, FALLBACK_MESSAGE],
  ])('formatMessage(%j)', (format, said) => expect(formatMessage(format)).toBe(said));

  it('tells PlainText faults apart only when the value is known', () => {
    const pattern = PlainText(1).pattern!;
    expect(patternMessage(pattern, '\u3000')).toBe('不能为空或只有空白');
    expect(patternMessage(pattern, 'a\u0000')).toBe('不能含控制字符（制表符和换行除外）');
    expect(patternMessage(pattern)).toBe('不能只有空白，也不能含控制字符（制表符和换行除外）');
    expect(patternMessage(SHOWS_SOMETHING)).toBe('不能为空或只有空白');
    expect(patternMessage(LINE_PATTERN)).toBe('线路号码须为 3–20 位数字');
  });

  it('follows JSON pointers, escapes included', () => {
    const data = { caller: { phone: '1-2' }, 'a/b': { '~': 1 }, list: ['x'] };
    expect(valueAt(data, '/caller/phone')).toBe('1-2');
    expect(valueAt(data, '/a~1b/~0')).toBe(1);
    expect(valueAt(data, '/list/0')).toBe('x');
    expect(valueAt(data, '/caller/none/deeper')).toBeUndefined();
    expect(valueAt(data, '/toString')).toBeUndefined();
    expect(valueAt(data, '')).toBe(data);
  });
});

/** Every `pattern: '…'` literal of server/, as the regex source it is. */
function serverPatterns(): string[] {
  const root = join(import.meta.dirname, '../../../server');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.flatMap((file) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/pattern: '((?:[^'\\]|\\.)*)'/g)].map(
      (m) => JSON.parse(`"${(m[1] ?? '').replace(/"/g, '\\"')}"`) as string,
    ),
  );
}

describe('the patterns of the routes', () => {
  it('each has words of its own, not the fallback (add a new pattern to PATTERN_MESSAGES)', () => {
    const patterns = serverPatterns();
    expect(patterns.length).toBeGreaterThan(20);
    for (const pattern of patterns) {
      expect(patternMessage(pattern), pattern).not.toBe(FALLBACK_MESSAGE);
    }
  });
});
