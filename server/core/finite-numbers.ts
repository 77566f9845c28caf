import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { schemaError } from './errors.js';

/** The path of the first number in `value` that is not finite (`limit`, `rules.0.sign.amount`), or null. */
export function nonFiniteAt(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return path;
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) stack.push([x, path ? `${path}.${k}` : k]);
    }
  }
  return null;
}

/**
 * Ajv's type coercion turns the strings `Infinity` and `1e400` into an "integer" and then skips
 * `minimum`/`maximum` for it (they only check finite numbers), so `?limit=Infinity` reached SQLite and
 * answered 500. No route takes a number that is not finite: refuse it once validation is done.
 */
export const finiteNumbersPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', async (request) => {
      for (const part of [request.params, request.query, request.body]) {
        const at = nonFiniteAt(part);
        if (at !== null) throw schemaError(at || 'body', '须为有限的数字');
      }
    });
  },
  { name: 'finite-numbers', dependencies: ['errors'] },
);
