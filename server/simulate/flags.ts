/** A command line the user got wrong; printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `--name value` or `--name=value` for the known names; `--help`/`-h` sets `help`. */
export function parseFlags(args: readonly string[], known: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      flags.set('help', '');
      continue;
    }
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`unexpected argument "${arg}"`);
    const name = m[1]!;
    if (!known.includes(name)) throw new UsageError(`unknown flag --${name}`);
    let value = m[2];
    if (value === undefined) {
      value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      i++;
    }
    flags.set(name, value);
  }
  return flags;
}

/** A number flag within bounds (whole numbers only when `integer`), or the fallback when absent. */
export function numberFlag<T extends number | null>(
  flags: Map<string, string>,
  name: string,
  fallback: T,
  opts: { min?: number; max?: number; integer?: boolean } = {},
): number | T {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  const { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false } = opts;
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    const kind = integer ? 'a whole number' : 'a number';
    throw new UsageError(`--${name} must be ${kind} from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

/** One of the given words, or the fallback when absent. */
export function choiceFlag<T extends string>(
  flags: Map<string, string>,
  name: string,
  values: readonly T[],
  fallback: T,
): T {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name} must be one of ${values.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}
