import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { ensureConsoleBuilt } from './console/build.js';
import { systemClock } from './core/clock.js';
import { openDatabase } from './core/db.js';
import { ensureAdmin } from './demo/bootstrap.js';
import { seedDemo } from './demo/seed.js';
import { ensureCategories } from './directory/categories.js';
import { IvrFlowError } from './ivr/ivr.flow.js';
import { yearsWithoutSchedule } from './sla/calendar.js';

/** Loads config, migrates, builds, listens; closes gracefully on SIGTERM/SIGINT. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  // The console is built first when its sources changed (the app serves what is there when it is built);
  // a failed build never stops the API.
  const buildStarted = Date.now();
  const consoleBuild = await ensureConsoleBuilt({
    log: {
      info: (msg) => process.stdout.write(`${msg}\n`),
      error: (err, msg) =>
        process.stderr.write(`${msg}: ${err instanceof Error ? err.message : String(err)}\n`),
    },
  });
  if (consoleBuild === 'built')
    process.stdout.write(`agent console built in ${((Date.now() - buildStarted) / 1000).toFixed(1)} s\n`);

  const database = openDatabase(config.databasePath);
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp({ config, database, clock: systemClock });
  } catch (err) {
    if (err instanceof IvrFlowError) {
      process.stderr.write(`invalid IVR flow: ${err.message}\n`);
      database.close();
      process.exit(1);
    }
    throw err;
  }
  const { directory, tickets, passwords, calls, knowledge } = app.services;

  ensureCategories(directory);
  let logins: Awaited<ReturnType<typeof seedDemo>> = null;
  if (config.demo && config.demoPassword)
    logins = await seedDemo({ directory, tickets, passwords, calls, knowledge }, config.demoPassword);
  if (config.adminPassword && (await ensureAdmin(directory, config.adminPassword))) {
    app.log.info('created the admin login from ADMIN_PASSWORD');
  }

  const address = await app.listen({ port: config.port, host: config.host });
  const lines = [
    '',
    `蓬莱区 12345 政务服务便民热线 — ${address}`,
    `  API docs: ${address}/api/docs   health: ${address}/api/health   database: ${config.databasePath}`,
  ];
  if (config.demo) {
    lines.push(
      logins
        ? '  Demo data seeded. Logins (password: DEMO_PASSWORD, default demo12345):'
        : '  Demo mode. Logins:',
      '    admin  operator1  operator2  dispatcher1  supervisor1  handler.<department code> (e.g. handler.zjj, handler.ljgz)',
    );
  }
  const unscheduled = yearsWithoutSchedule(systemClock.now());
  if (unscheduled.length > 0) {
    // Deadlines of those years count Monday–Friday only until an admin enters the holidays (or a newer package).
    const years = unscheduled.join('、');
    app.log.warn({ years: unscheduled }, 'no official holiday schedule for these years in chinese-days');
    lines.push(
      `  注意：法定节假日与调休安排未收录 ${years} 年，该年办理时限按周一至周五计算；请在 系统管理 → 工作日历 中设置，或升级 chinese-days。`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app
      .close()
      .then(() => {
        database.close();
        process.exit(0);
      })
      .catch((err: unknown) => {
        app.log.error({ err }, 'error while shutting down');
        database.close();
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
