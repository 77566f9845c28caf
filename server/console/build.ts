import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console's sources: `agent-console/` holds `src/`, `index.html` and `vite.config.ts`. */
export const CONSOLE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../agent-console');

export type ConsoleBuildResult = 'skipped' | 'fresh' | 'built' | 'failed';

function newestMtime(path: string): number {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Is `dist/index.html` missing, or older than any source file of the console? */
export function consoleIsStale(root: string = CONSOLE_ROOT): boolean {
  const built = newestMtime(join(root, 'dist', 'index.html'));
  if (built === 0) return true;
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'index.html')),
    newestMtime(join(root, 'vite.config.ts')),
  );
  return sources > built;
}

interface Log {
  info(msg: string): void;
  error(obj: unknown, msg: string): void;
}

/**
 * Builds the agent console with Vite when its build is missing or older than its sources, so `npm start`
 * serves a current console. `CONSOLE_BUILD=false` skips it. Never throws: a failed build is logged and the
 * server starts anyway (the API works; `/` says the console is not built).
 */
export async function ensureConsoleBuilt(
  opts: { root?: string; env?: NodeJS.ProcessEnv; log?: Log } = {},
): Promise<ConsoleBuildResult> {
  const root = opts.root ?? CONSOLE_ROOT;
  const env = opts.env ?? process.env;
  const log: Log = opts.log ?? {
    info: (msg) => process.stdout.write(`${msg}\n`),
    error: (err, msg) =>
      process.stderr.write(`${msg}: ${err instanceof Error ? err.message : String(err)}\n`),
  };
  if (/^(false|0|no|off)$/i.test(env.CONSOLE_BUILD ?? '')) return 'skipped';
  try {
    if (!consoleIsStale(root)) return 'fresh';
    log.info('building the agent console (agent-console/dist)…');
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), root, logLevel: 'warn', mode: 'production' });
    return 'built';
  } catch (err) {
    log.error(err, 'agent console build failed; the API still starts, / will say the console is not built');
    return 'failed';
  }
}
