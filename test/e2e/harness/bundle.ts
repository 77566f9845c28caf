// The built console the end-to-end tests and the console benchmark serve: `vite build` (the real production
// build, precompressed) into a temp directory named by a hash of the console's sources, so one test run
// builds it once (the test files run in parallel processes: a lock directory makes the others wait) and a
// later run with unchanged sources reuses it. agent-console/dist is never touched.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../agent-console');
const PREFIX = 'hotline-e2e-console-';
const DONE = '.built';

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

/** A hash of everything the build reads from the console folder. */
export function sourceHash(root = CONSOLE_ROOT): string {
  const h = createHash('sha256');
  const inputs = [
    ...files(join(root, 'src')),
    ...(existsSync(join(root, 'public')) ? files(join(root, 'public')) : []),
    join(root, 'index.html'),
    join(root, 'vite.config.ts'),
    join(root, 'precompress.ts'),
  ];
  for (const f of inputs) {
    h.update(f.slice(root.length));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The directory of a production build of the current console sources, built now if no finished one exists.
 * `CONSOLE_E2E_DIST` names a ready build instead (nothing is built then).
 */
export async function consoleBundle(opts: { log?: (msg: string) => void } = {}): Promise<string> {
  if (process.env.CONSOLE_E2E_DIST) return resolve(process.env.CONSOLE_E2E_DIST);
  const log = opts.log ?? (() => undefined);
  const dir = join(tmpdir(), `${PREFIX}${sourceHash()}`);
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    if (existsSync(join(dir, DONE))) return dir;
    try {
      mkdirSync(lock);
    } catch {
      // Another test process is building the same sources: wait for it (or take over a lock left by a crash).
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 3 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the console build in ${dir}`);
      await sleep(250);
      continue;
    }
    try {
      if (existsSync(join(dir, DONE))) return dir;
      const started = Date.now();
      log(`building the console into ${dir}`);
      const { build } = await import('vite');
      await build({
        configFile: join(CONSOLE_ROOT, 'vite.config.ts'),
        root: CONSOLE_ROOT,
        mode: 'production',
        logLevel: 'warn',
        build: { outDir: dir, emptyOutDir: true },
      });
      writeFileSync(join(dir, DONE), new Date().toISOString());
      log(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      pruneOld(dir);
      return dir;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Removes builds of older sources left in the temp directory (not touched for an hour). */
function pruneOld(keep: string): void {
  const base = tmpdir();
  for (const name of readdirSync(base)) {
    if (!name.startsWith(PREFIX) || name.endsWith('.lock')) continue;
    const path = join(base, name);
    if (path === keep) continue;
    const age = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
}
