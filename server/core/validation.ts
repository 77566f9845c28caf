import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

type BuildValidator = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;

/**
 * Request validation with Fastify's own Ajv setup, except that JSON bodies are taken as they are: a body that
 * breaks its schema is a 400 naming the field (DESIGN §5), never coerced. With Fastify's default
 * `coerceTypes: 'array'`, Yantai's `"confidential": "false"` or `null` became `false` (a caller shown unmasked)
 * and a number passed for a phone. Query strings, path parameters and headers, which are text, still coerce.
 */
export function buildValidator(): BuildValidator {
  const fromPool = AjvCompiler();
  return (externalSchemas, ajvOptions) => {
    type Options = { customOptions?: Record<string, unknown>; plugins?: never[] };
    const options = (ajvOptions ?? {}) as Options;
    const texts = fromPool(externalSchemas as never, options as never);
    const bodies = fromPool(
      externalSchemas as never,
      {
        ...options,
        customOptions: { ...options.customOptions, coerceTypes: false },
      } as never,
    );
    return (route) => (route.httpPart === 'body' ? bodies(route) : texts(route));
  };
}
