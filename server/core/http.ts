import { type SchemaOptions, type TLiteral, type TSchema, type TUnion, Type } from '@sinclair/typebox';

/** Every error answer: status, stable code, message, and the field when input was at fault. */
export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
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

/** Text without control characters (whether it shows anything but blanks is the service's to check). */
export const PlainText = (maxLength: number, options: SchemaOptions = {}) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$',
    ...options,
  });
