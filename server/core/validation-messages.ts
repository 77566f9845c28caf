// Schema validation errors in Chinese for the staff who read them: `title: 不能为空或只有空白`, not Ajv's
// `title: must match pattern "[^\s…]"`. Both validators of the server are covered: the routes' Ajv (through
// server/core/error-plugin.ts) and TypeBox's compiler (the per-action bodies of tickets.service.ts). Only the text
// after `field: ` is made here; the field and the 400 stay as they were.
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';
import { CallerPhone, MonthString, PlainText, SHOWS_SOMETHING } from './http.js';

/** What any rule this module cannot say better answers. */
export const FALLBACK_MESSAGE = '格式不正确';

const BLANK_MESSAGE = '不能为空或只有空白';
const CONTROL_MESSAGE = '不能含控制字符（制表符和换行除外）';
const showsSomething = new RegExp(SHOWS_SOMETHING, 'u');
const PLAIN_TEXT_PATTERN = PlainText(1).pattern!;

/**
 * The patterns of the schemas (grep `pattern:` in server/), each with what it asks for. A pattern missing here
 * says FALLBACK_MESSAGE; test/unit/core/validation-messages.test.ts fails when a route's pattern has no entry.
 */
const PATTERN_MESSAGES: ReadonlyMap<string, string> = new Map([
  // server/core/http.ts
  [SHOWS_SOMETHING, BLANK_MESSAGE],
  [PLAIN_TEXT_PATTERN, `不能只有空白，也${CONTROL_MESSAGE}`],
  [CallerPhone().pattern!, '号码须为数字与连字符，可带 +，至少 3 位数字'],
  [MonthString().pattern!, '月份须为 YYYY-MM，2000–2099 年'],
  // Numbers, codes and times of the routes and schemas.
  ['^[^\\u0000-\\u001f\\u007f]+$', '不能含控制字符'],
  ['^[0-9]{4}-(0[1-9]|1[0-2])$', '月份须为 YYYY-MM'],
  ['^20[0-9]{2}-[0-9]{2}-[0-9]{2}$', '日期须为 YYYY-MM-DD，2000–2099 年'],
  ['^[0-2][0-9]:[0-5][0-9]$', '时间须为 HH:MM'],
  ['^PL[0-9]{14}$', '工单编号须为 PL 加 14 位数字'],
  ['^\\+?[0-9-]{3,20}$', '号码须为 3–20 位数字与连字符，可带 +'],
  ['^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$', '须为 11 位手机号码，或带区号的固定电话（如 0535-1234567）'],
  ['^[0-9]{3,20}$', '线路号码须为 3–20 位数字'],
  ['^[a-z0-9_]{2,20}$', '须为 2–20 位小写字母、数字或下划线'],
  ['^[A-Za-z0-9_.-]+$', '只能含字母、数字、下划线、点和连字符'],
  ['^[A-Za-z0-9_.:-]+$', '只能含字母、数字、下划线、点、冒号和连字符'],
  ['^[A-Za-z0-9_-]{1,64}$', '须为 1–64 位字母、数字、下划线或连字符'],
  ['^[Hh][Tt][Tt][Pp][Ss]?://', '须为 http:// 或 https:// 开头的网址'],
  ['^[0-9*#]*$', '只能含数字、* 和 #'],
  ['^[0-9*#]$', '按键须为一位数字、* 或 #'],
  ['^\\+?[0-9*#-]{3,32}$', '号码须为 3–32 位数字、*、# 或连字符，可带 +'],
  ['^[0-9]{3,8}$', '工号须为 3–8 位数字'],
  ['^[a-z_]{1,32}$', '须为 1–32 位小写字母或下划线'],
  ['^[A-Z]{0,8}$', '须为至多 8 位大写字母'],
]);

/**
 * What a string that broke `pattern` should have been. `value`, when known, tells the two faults of PlainText
 * apart (only blanks, or a control character).
 */
export function patternMessage(pattern: string, value?: unknown): string {
  if (pattern === PLAIN_TEXT_PATTERN && typeof value === 'string') {
    return showsSomething.test(value) ? CONTROL_MESSAGE : BLANK_MESSAGE;
  }
  return PATTERN_MESSAGES.get(pattern) ?? FALLBACK_MESSAGE;
}

const FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  'date-time': '须为 ISO 8601 时间（如 2025-01-31T09:00:00+08:00）',
  date: '日期须为 YYYY-MM-DD',
  time: '时间须为 HH:MM:SS',
  uri: '须为有效的网址',
  email: '须为有效的电子邮箱地址',
};

/** What a string of the JSON Schema `format` (date-time, date, uri…) should have been. */
export function formatMessage(format: unknown): string {
  return (typeof format === 'string' && FORMAT_MESSAGES[format]) || FALLBACK_MESSAGE;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '数组',
  null: '空值（null）',
};

/** `类型应为字符串`, `类型应为字符串或空值（null）`: the JSON types a value should have had. */
export function typeMessage(types: string | readonly string[]): string {
  const list = typeof types === 'string' ? types.split(',') : types;
  const names = [...new Set(list.map((t) => TYPE_NAMES[t.trim()] ?? t.trim()))];
  return `类型应为${names.join('或')}`;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** `取值须为 a、b、c 之一` (or `取值须为 a` for one): the values an enum, a literal or a union of them allows. */
export function allowedMessage(values: readonly unknown[]): string {
  const shown = [...new Set(values.map(show))];
  if (shown.length === 0) return FALLBACK_MESSAGE;
  return shown.length === 1 ? `取值须为 ${shown[0]}` : `取值须为 ${shown.join('、')} 之一`;
}

/** The words shared by both validators for a bound: `不能超过 200 个字符`. */
const bounds = {
  minLength: (n: number) => (n <= 1 ? '不能为空' : `至少 ${n} 个字符`),
  maxLength: (n: number) => `不能超过 ${n} 个字符`,
  minimum: (n: number) => `不能小于 ${n}`,
  maximum: (n: number) => `不能大于 ${n}`,
  exclusiveMinimum: (n: number) => `须大于 ${n}`,
  exclusiveMaximum: (n: number) => `须小于 ${n}`,
  multipleOf: (n: number) => `须为 ${n} 的倍数`,
  minItems: (n: number) => `至少 ${n} 项`,
  maxItems: (n: number) => `不能超过 ${n} 项`,
  minProperties: (n: number) => (n <= 1 ? '至少填写一项' : `至少填写 ${n} 项`),
  maxProperties: (n: number) => `不能超过 ${n} 项`,
} as const;
type Bound = keyof typeof bounds;

const boundMessage = (keyword: Bound, limit: unknown) =>
  typeof limit === 'number' ? bounds[keyword](limit) : FALLBACK_MESSAGE;

/** One Ajv error as Fastify hands it over in `err.validation` (Ajv's ErrorObject, without `verbose`). */
export interface AjvErrorItem {
  keyword: string;
  instancePath: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** The value a JSON pointer (`/caller/phone`) leads to in `data`, or undefined. */
export function valueAt(data: unknown, pointer: string): unknown {
  let at = data;
  for (const raw of pointer.split('/').slice(1)) {
    if (typeof at !== 'object' || at === null) return undefined;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    at = Object.hasOwn(at, key) ? (at as Record<string, unknown>)[key] : undefined;
  }
  return at;
}

/**
 * The Chinese for the first of Ajv's `errors` (the one whose field the answer names). A union's branches each
 * leave an error before the union's own `anyOf`: the literals of a StringEnum (`const`) are gathered into one
 * `取值须为 a、b 之一`, and the types of a Nullable into `类型应为字符串或空值（null）`. `data` is the validated
 * part of the request (its body, query…), to tell PlainText's faults apart; Ajv is not asked for it (`verbose`).
 */
export function ajvMessage(errors: readonly AjvErrorItem[], data?: unknown): string {
  const first = errors[0];
  if (!first) return FALLBACK_MESSAGE;
  const params = first.params ?? {};
  const samePlace = (keyword: string) =>
    errors.filter((e) => e.keyword === keyword && e.instancePath === first.instancePath);
  switch (first.keyword) {
    case 'required':
      return '必填';
    case 'additionalProperties':
      return '不允许的字段';
    case 'type':
      return typeMessage(samePlace('type').flatMap((e) => String(e.params?.type ?? '').split(',')));
    case 'const':
      return allowedMessage(samePlace('const').map((e) => e.params?.allowedValue));
    case 'enum':
      return Array.isArray(params.allowedValues) ? allowedMessage(params.allowedValues) : FALLBACK_MESSAGE;
    case 'pattern':
      return typeof params.pattern === 'string'
        ? patternMessage(params.pattern, valueAt(data, first.instancePath))
        : FALLBACK_MESSAGE;
    case 'format':
      return formatMessage(params.format);
    case 'uniqueItems':
      return '不能有重复项';
    default:
      return first.keyword in bounds ? boundMessage(first.keyword as Bound, params.limit) : FALLBACK_MESSAGE;
  }
}

const TYPEBOX_TYPES: Partial<Record<ValueErrorType, string>> = {
  [ValueErrorType.String]: 'string',
  [ValueErrorType.Integer]: 'integer',
  [ValueErrorType.Number]: 'number',
  [ValueErrorType.Boolean]: 'boolean',
  [ValueErrorType.Object]: 'object',
  [ValueErrorType.Array]: 'array',
  [ValueErrorType.Null]: 'null',
};

const TYPEBOX_BOUNDS: Partial<Record<ValueErrorType, Bound>> = {
  [ValueErrorType.StringMinLength]: 'minLength',
  [ValueErrorType.StringMaxLength]: 'maxLength',
  [ValueErrorType.IntegerMinimum]: 'minimum',
  [ValueErrorType.NumberMinimum]: 'minimum',
  [ValueErrorType.IntegerMaximum]: 'maximum',
  [ValueErrorType.NumberMaximum]: 'maximum',
  [ValueErrorType.IntegerExclusiveMinimum]: 'exclusiveMinimum',
  [ValueErrorType.NumberExclusiveMinimum]: 'exclusiveMinimum',
  [ValueErrorType.IntegerExclusiveMaximum]: 'exclusiveMaximum',
  [ValueErrorType.NumberExclusiveMaximum]: 'exclusiveMaximum',
  [ValueErrorType.IntegerMultipleOf]: 'multipleOf',
  [ValueErrorType.NumberMultipleOf]: 'multipleOf',
  [ValueErrorType.ArrayMinItems]: 'minItems',
  [ValueErrorType.ArrayMaxItems]: 'maxItems',
  [ValueErrorType.ObjectMinProperties]: 'minProperties',
  [ValueErrorType.ObjectMaxProperties]: 'maxProperties',
};

/** The literals a union allows, through nested unions (Nullable(StringEnum)), or null if a branch is not one. */
function literalsOf(schema: Record<string, unknown>): unknown[] | null {
  if ('const' in schema) return [schema.const];
  if (schema.type === 'null') return [];
  if (!Array.isArray(schema.anyOf)) return null;
  const values: unknown[] = [];
  for (const branch of schema.anyOf) {
    const found = literalsOf(branch as Record<string, unknown>);
    if (!found) return null;
    values.push(...found);
  }
  return values;
}

/**
 * A union's fault: the literals it allows; else the fault of a branch the value has the type of
 * (`Nullable(Text(n))` given `"   "`); else the types the branches would take.
 */
function unionMessage(error: ValueError): string {
  const literals = literalsOf(error.schema as Record<string, unknown>);
  if (literals && literals.length > 0) return allowedMessage(literals);
  const firsts = error.errors.map((e) => e.First()).filter((e): e is ValueError => e !== undefined);
  const typed = firsts.find((e) => !(e.type in TYPEBOX_TYPES) && e.type !== ValueErrorType.Literal);
  if (typed) return typeboxMessage(typed);
  const types = firsts.map((e) => TYPEBOX_TYPES[e.type]).filter((t): t is string => t !== undefined);
  return types.length > 0 ? typeMessage(types) : FALLBACK_MESSAGE;
}

/**
 * The Chinese for a TypeBox error (`TypeCompiler…Errors(value).First()`), in the same words as the routes' Ajv
 * errors: tickets.service.ts `validateBody` answers `badRequest(field, typeboxMessage(first))`.
 */
export function typeboxMessage(error: ValueError): string {
  const schema = error.schema as Record<string, unknown>;
  const bound = TYPEBOX_BOUNDS[error.type];
  if (bound) return boundMessage(bound, schema[bound]);
  const type = TYPEBOX_TYPES[error.type];
  if (type) return typeMessage(type);
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return '必填';
    case ValueErrorType.ObjectAdditionalProperties:
      return '不允许的字段';
    case ValueErrorType.Literal:
      return allowedMessage([schema.const]);
    case ValueErrorType.Union:
      return unionMessage(error);
    case ValueErrorType.StringPattern:
      return typeof schema.pattern === 'string'
        ? patternMessage(schema.pattern, error.value)
        : FALLBACK_MESSAGE;
    case ValueErrorType.StringFormat:
      return formatMessage(schema.format);
    case ValueErrorType.ArrayUniqueItems:
      return '不能有重复项';
    default:
      return FALLBACK_MESSAGE;
  }
}
