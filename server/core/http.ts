import { type SchemaOptions, type TLiteral, type TSchema, type TUnion, Type } from '@sinclair/typebox';

/** Every error answer: status, stable code, message, and the field when input was at fault. */
export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    schema: Type.Optional(
      Type.Boolean({
        description:
          "400 only: the value broke the field's schema; the text after `field: ` is what it should be",
      }),
    ),
    state: Type.Optional(Type.String()),
  },
  { $id: 'ErrorBody', additionalProperties: true },
);

/** Error answers a route may give, for its schema's `response`. */
export function errors(...codes: number[]): Record<number, TSchema> {
  return Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorBody')]));
}

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** A nullable value in answers. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A union of string literals that keeps its literal type (`'a' | 'b'`) for the handlers. */
export function StringEnum<const T extends readonly string[]>(values: T, options: SchemaOptions = {}) {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TUnion<TLiteral<T[number]>[]>;
}

/**
 * Characters that show nothing, as a regex class body: every kind of whitespace (`\s`: spaces, tabs, line
 * breaks, the ideographic space U+3000, no-break spaces, the BOM) and the zero-width ones (U+200B–U+200D, U+2060).
 * What `String.prototype.trim` removes is blank; so is text made only of zero-width spaces.
 */
const BLANK = '\\s\\u200b-\\u200d\\u2060\\ufeff';
/** The blank characters that are not control characters: `BLANK` without \v and \f (test/unit/core/text.test.ts). */
const BLANK_PRINTABLE =
  '\\t\\n\\r \\u00a0\\u1680\\u2000-\\u200d\\u2028\\u2029\\u202f\\u205f\\u2060\\u3000\\ufeff';
/** Control characters but tab and line breaks. */
const CONTROL = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f';

/** The pattern of text that shows something: at least one character that is not blank (unanchored: linear). */
export const SHOWS_SOMETHING = `[^${BLANK}]`;

/**
 * Free text a person must write (a title, an answer, a reason…): 1 to `maxLength` characters, at least one of
 * them not blank, so `"   "` or `"\u3000"` is a 400 naming the field. An optional one, when given, must show
 * something too: leave the field out to say nothing.
 */
export const Text = (maxLength: number, options: SchemaOptions = {}) =>
  Type.String({ minLength: 1, maxLength, pattern: SHOWS_SOMETHING, ...options });

/**
 * `Text` without control characters (tabs and line breaks allowed), for what the public writes (web appeals) and
 * what is shown as it is (the knowledge base). One pattern, linear: blanks, then a character that shows
 * something, then anything but a control character.
 */
export const PlainText = (maxLength: number, options: SchemaOptions = {}) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: `^[${BLANK_PRINTABLE}]*[^${BLANK}${CONTROL}][^${CONTROL}]*$`,
    ...options,
  });

/**
 * A caller's phone number as the staff type it: digits and dashes after an optional `+`, at least three
 * digits (`---` or `1-` can never be matched or called back; 110 and 12345 can), at most 21 characters
 * (`+` and 20). Masked numbers (`138****5678`) are never accepted: they are what departments are shown.
 */
export const CallerPhone = (options: SchemaOptions = {}) =>
  Type.String({ maxLength: 21, pattern: '^\\+?(-*[0-9]){3}[0-9-]*$', ...options });

/** A local month `YYYY-MM` of this century, as the working calendar (years 2000–2099). */
export const MonthString = (options: SchemaOptions = {}) =>
  Type.String({
    pattern: '^20[0-9]{2}-(0[1-9]|1[0-2])$',
    description: 'YYYY-MM, local, years 2000–2099',
    ...options,
  });
