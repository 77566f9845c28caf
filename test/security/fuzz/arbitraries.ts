// Arbitraries for bad input: JSON-Schema-driven "valid-ish" values, their mutations, nasty scalars,
// path-parameter garbage and query strings. Shared by the vitest files and `test/bench/fuzz.ts`.
import fc from 'fast-check';

/** The subset of JSON Schema that the route schemas (TypeBox → OpenAPI) use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
  [k: string]: unknown;
}

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** Strings a person or a machine might send that break naive code: SQL, paths, encodings, control characters. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    "' OR 1=1 --",
    '"; DROP TABLE tickets; --',
    '../../../../etc/passwd',
    '..',
    '%00',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF\uD800',
    '\u202Egnp.exe',
    '👨‍👩‍👧‍👦🀄️🇨🇳',
    '蓬莱区'.repeat(50),
    'NaN',
    'Infinity',
    '-Infinity',
    '-1',
    '0',
    '1e400',
    '9007199254740993',
    '0x10',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
    '__proto__',
    'constructor',
    '{{7*7}}\u0024{7*7}',
    '<script>alert(1)</script>',
    '2026-02-30',
    '2026-13-01',
    '9999-99-99',
    '2026-11-23T25:61:00+08:00',
    '+275760-09-13T00:00:00.000Z',
    'PL00000000000000',
    'PL99999999999999',
    '\r\nX-Injected: 1',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.nat({ max: 70_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('零一二三四五六七八九'.repeat(1200), '🙂'.repeat(12_000)),
);

/** Numbers (and number-like values) out of every range. */
export const nastyNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    1.5,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    1e308,
    -1e308,
    Number.MIN_VALUE,
    'NaN',
    'Infinity',
    '-Infinity',
    '-1',
    '1e400',
    '1.0',
    ' 1',
    '0x1',
  ),
  fc.integer(),
  fc.double(),
);

/** A deeply nested array or object, to find recursion limits. */
export const deepNesting: fc.Arbitrary<unknown> = fc
  .record({ depth: fc.integer({ min: 50, max: 3000 }), array: fc.boolean() })
  .map(({ depth, array }) => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = array ? [v] : { a: v };
    // fast-check prints counterexamples recursively: say what it is instead of overflowing the stack.
    Object.defineProperty(v as object, fc.toStringMethod, {
      value: () => `<${array ? 'array' : 'object'} nested ${depth} deep>`,
      enumerable: false,
    });
    return v;
  });

/** Any value of a wrong kind: the thing to put where something else was expected. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { __proto__: { x: 1 } }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deepNesting },
  {
    weight: 1,
    arbitrary: fc.constantFrom(JSON.parse('{"__proto__":{"polluted":1}}'), {
      constructor: { prototype: {} },
    }),
  },
);

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  return [];
}

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'date-time') return isoDate;
  if (s.format === 'date') return isoDate.map((d) => d.slice(0, 10));
  if (s.format === 'uri') return fc.webUrl();
  if (s.pattern) {
    // A generated string may be longer than maxLength: that is a mutation too.
    return fc.stringMatching(new RegExp(s.pattern));
  }
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, Math.max(min, 40));
  return fc.string({ unit: 'grapheme', minLength: min, maxLength: max });
}

/** A value that (mostly) satisfies the schema: the starting point for mutations. */
export function validish(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => validish(a, depth + 1)));
  const types = typesOf(s);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'string':
          return stringOf(s);
        case 'integer':
          return fc.integer({
            min: Math.ceil(s.minimum ?? s.exclusiveMinimum ?? -1000),
            max: Math.floor(s.maximum ?? 100_000),
          });
        case 'number':
          return fc.double({
            min: s.minimum ?? s.exclusiveMinimum ?? -1000,
            max: s.maximum ?? 100_000,
            noNaN: true,
          });
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return fc.array(s.items ? validish(s.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }), {
            minLength: s.minItems ?? 0,
            maxLength: Math.min(s.maxItems ?? 5, Math.max(s.minItems ?? 0, 5)),
          });
        default: {
          const props = s.properties ?? {};
          const model: Record<string, fc.Arbitrary<unknown>> = {};
          for (const [k, v] of Object.entries(props)) model[k] = validish(v, depth + 1);
          return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
        }
      }
    }),
  );
}

type Path = (string | number)[];

/** Every path into a JSON value (objects and arrays), the root included. */
function pathsOf(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (out.length > 200) return out;
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) pathsOf(x, [...prefix, i], out);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) pathsOf(x, [...prefix, k], out);
  }
  return out;
}

/** A copy of `root` with `path` set to `value`: only the nodes on the path are copied. */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...Path];
  const node = root as Record<string | number, unknown>;
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, unknown>;
  copy[key] = setAt(node[key], rest, value);
  return copy;
}

function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const parent = path.slice(0, -1);
  const last = path[path.length - 1]!;
  const node = getAt(root, parent);
  if (Array.isArray(node))
    return setAt(
      root,
      parent,
      node.filter((_, i) => i !== Number(last)),
    );
  const { [last]: _gone, ...kept } = node as Record<string | number, unknown>;
  return setAt(root, parent, kept);
}

export type Mutation = 'none' | 'replace' | 'delete' | 'extra' | 'wrap' | 'whole';

/**
 * A valid-ish value for the schema, then one or two mutations: a field of the wrong type, a missing one,
 * an extra one, a value wrapped in an array, or the whole thing replaced by something nasty.
 */
export function mutated(s: JsonSchema): fc.Arbitrary<{ value: unknown; mutations: Mutation[] }> {
  return validish(s).chain((base) => {
    const paths = pathsOf(base);
    const one = fc.oneof(
      { weight: 2, arbitrary: fc.constant<[Mutation, Path, unknown]>(['none', [] as Path, null]) },
      {
        weight: 4,
        arbitrary: fc.tuple(fc.constant<Mutation>('replace'), fc.constantFrom(...paths), nastyValue),
      },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constant<Mutation>('delete'), fc.constantFrom(...paths), fc.constant(null)),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.constant<Mutation>('extra'),
          fc.constantFrom(...paths),
          fc.tuple(fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor', 'id')), nastyValue),
        ),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constant<Mutation>('wrap'), fc.constantFrom(...paths), fc.constant(null)),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constant<Mutation>('whole'), fc.constant<Path>([]), nastyValue) },
    );
    return fc.array(one, { minLength: 1, maxLength: 2 }).map((ops) => {
      let value: unknown = base;
      const kinds: Mutation[] = [];
      for (const [kind, path, arg] of ops) {
        kinds.push(kind);
        const at = pathsOf(value).some((p) => p.join('\u0001') === path.join('\u0001')) ? path : [];
        if (kind === 'replace' || kind === 'whole') value = setAt(value, kind === 'whole' ? [] : at, arg);
        else if (kind === 'delete') value = deleteAt(value, at);
        else if (kind === 'wrap') value = setAt(value, at, [getAt(value, at)]);
        else if (kind === 'extra') {
          const target = getAt(value, at);
          const [k, v] = arg as [string, unknown];
          if (target && typeof target === 'object' && !Array.isArray(target)) {
            const obj = { ...(target as object) };
            Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
            value = setAt(value, at, obj);
          }
        }
      }
      return { value, mutations: kinds };
    });
  });
}

function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

/** A path segment that is not a valid id: unknown ids, SQL-ish, `..`, very long, percent-encoded garbage. */
export const garbageSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1.5',
    '1e3',
    '999999999',
    '9007199254740993',
    '99999999999999999999999',
    'NaN',
    'Infinity',
    'null',
    '%2e%2e',
    '..%2f..%2fetc%2fpasswd',
    '%ZZ',
    '%',
    '%00',
    '%C0%AF',
    '%E0%A4%A',
    '%F0%9F%98',
    '%u0041',
    '1%20OR%201%3D1',
    "1'%20--",
    '%3Cscript%3E',
    'PL00000000000000',
    'PL2026112300000',
    'pl20261123000001',
    '2026-02-30',
    '2026-13-01',
    '0000-00-00',
    '%20',
    '~',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return 'x';
    }
  }),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 1_000_000 }).map(String),
);

/** A query string for the schema's parameters: valid-ish values, nasty ones, repeated keys, arrays, noise. */
export function queryString(params: { name: string; schema: JsonSchema }[]): fc.Arbitrary<string> {
  const enc = (v: unknown) => {
    const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
    try {
      return encodeURIComponent(s);
    } catch {
      return 'x';
    }
  };
  const part = (name: string, schema: JsonSchema): fc.Arbitrary<string> =>
    fc.oneof(
      { weight: 4, arbitrary: validish(schema).map((v) => `${name}=${enc(v)}`) },
      { weight: 3, arbitrary: nastyValue.map((v) => `${name}=${enc(v)}`) },
      {
        weight: 1,
        arbitrary: fc
          .array(validish(schema), { minLength: 2, maxLength: 4 })
          .map((vs) => vs.map((v) => `${name}=${enc(v)}`).join('&')),
      },
      { weight: 1, arbitrary: fc.constantFrom(`${name}[]=1`, `${name}[0]=a`, `${name}`, `${name}=`) },
      { weight: 1, arbitrary: garbageSegment.map((g) => `${name}=${g}`) },
    );
  const known = params.map((p) => fc.option(part(p.name, p.schema), { nil: undefined }));
  const noise = fc.array(
    fc.oneof(
      fc.constantFrom('&&', '=', '=x', '__proto__[x]=1', 'constructor=1', '%ZZ=1', 'a=%ZZ', '%00=%00'),
      fc.tuple(nastyString, nastyString).map(([k, v]) => `${enc(k)}=${enc(v)}`),
    ),
    { maxLength: 2 },
  );
  return fc
    .tuple(fc.tuple(...known), noise)
    .chain(([parts, extra]) =>
      fc
        .shuffledSubarray([...parts.filter((p): p is string => p !== undefined), ...extra])
        .map((all) => all.join('&')),
    );
}
