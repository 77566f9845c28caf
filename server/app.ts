import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { authPlugin } from './auth/auth.plugin.js';
import { authRoutes } from './auth/auth.routes.js';
import { createAuthService } from './auth/auth.service.js';
import { createArgon2Hasher, type PasswordHasher } from './auth/passwords.js';
import { lineOfCall } from './calls/calls.lookup.js';
import { callMetrics } from './calls/calls.metrics.js';
import { callsRoutes } from './calls/calls.routes.js';
import { createCallsService } from './calls/calls.service.js';
import { createGatewayLink } from './calls/cti.link.js';
import type { Config } from './config.js';
import { consolePlugin } from './console/console.plugin.js';
import { startCheckpointer } from './core/checkpointer.js';
import type { Clock } from './core/clock.js';
import type { DatabaseHandle } from './core/db.js';
import { docsPlugin } from './core/docs.js';
import { errorPlugin, frameworkErrors } from './core/error-plugin.js';
import { finiteNumbersPlugin } from './core/finite-numbers.js';
import { healthRoutes } from './core/health.routes.js';
import { loggerOptions } from './core/logger.js';
import { securityPlugin } from './core/security.js';
import { buildValidator } from './core/validation.js';
import { createWriteBatcher } from './core/write-batch.js';
import { directoryRoutes } from './directory/directory.routes.js';
import { createDirectoryService } from './directory/directory.service.js';
import { loadFlows, mergeModeLineFlows } from './ivr/ivr.flow.js';
import { createLineRegistry } from './ivr/ivr.lines.js';
import { ivrLinesRoutes } from './ivr/ivr.routes.js';
import { knowledgeRoutes } from './knowledge/knowledge.routes.js';
import { createKnowledgeService } from './knowledge/knowledge.service.js';
import { realtimePlugin } from './realtime/realtime.plugin.js';
import { createRealtime } from './realtime/realtime.service.js';
import { reportsRoutes } from './reports/reports.routes.js';
import { slaRoutes } from './sla/sla.routes.js';
import { createSlaService } from './sla/sla.service.js';
import { supervisionRoutes } from './supervision/supervision.routes.js';
import { createDeadlineScanner } from './supervision/supervision.scanner.js';
import { createSupervisionService } from './supervision/supervision.service.js';
import { createCommitHooks } from './tickets/tickets.hooks.js';
import { ticketsRoutes } from './tickets/tickets.routes.js';
import { createTicketsService } from './tickets/tickets.service.js';
import { createUpstreamModule } from './upstream/index.js';
import { upstreamInboundRoutes } from './upstream/upstream.inbound.js';
import { upstreamRoutes } from './upstream/upstream.routes.js';
import { VERSION } from './version.js';
import { webRoutes } from './web/web.routes.js';
import { createWebAppeals } from './web/web.service.js';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  passwords?: PasswordHasher;
  /** Where log lines go (default: stdout); tests read them. */
  logStream?: DestinationStream;
}

/** Builds the whole app from its infrastructure; `server/main.ts` only starts it. */
export async function buildApp(deps: AppDeps) {
  const { config, database, clock } = deps;
  const { db } = database;
  const passwords = deps.passwords ?? createArgon2Hasher();

  const app = Fastify({
    ...loggerOptions(config.logLevel, deps.logStream),
    bodyLimit: config.security.bodyLimitBytes,
    trustProxy: false,
    frameworkErrors,
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: buildValidator() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const directory = createDirectoryService({ db, clock, passwords });
  const auth = createAuthService({ db, clock, passwords, directory, ...config });
  const sla = createSlaService({ db, clock });
  const batcher = createWriteBatcher(database.sqlite, undefined, (err) =>
    app.log.error({ err }, 'after-commit work failed'),
  );
  const hooks = createCommitHooks(batcher.afterCommit);
  const tickets = createTicketsService({
    db,
    clock,
    sla,
    directory,
    hooks,
    lineOfCall: lineOfCall(db),
  });
  const realtime = createRealtime({
    db,
    auth,
    tickets,
    hooks,
    maxReplay: config.realtimeMaxReplay,
    log: app.log,
  });
  directory.onAccessChanged((userId) => realtime.disconnectUser(userId));
  auth.onLogout((token) => realtime.disconnectSession(token));
  const flows = loadFlows(config.calls.flowsDir, {
    lineFlows: mergeModeLineFlows(config.calls.mode89000),
    queueMaxWaitSec: config.calls.queueMaxWaitSec,
  });
  const lines = createLineRegistry({ db, clock, flows });
  const link = createGatewayLink({ ackTimeoutMs: config.calls.ackTimeoutMs, maxTries: 5, log: app.log });
  const calls = createCallsService({
    db,
    clock,
    flows,
    flowForLine: lines.flowFor,
    link,
    push: (rooms, event, payload) => realtime.emit(rooms, event, payload),
    ticketHistory: (phone, since) => tickets.historyOf(phone, since),
    recordSurvey: (callId, satisfaction) => void tickets.recordSurvey(callId, satisfaction),
    ivr: {
      isOpen: (at) => config.calls.alwaysOpen || sla.calendar().workingMinutesBetween(at - 60_000, at) > 0,
      ticketStatus: (no, phone) => tickets.statusForCaller(no, phone),
    },
    wrapUpMs: config.calls.wrapUpSec * 1000,
    ringTimeoutMs: config.calls.ringTimeoutSec * 1000,
    log: app.log,
    batcher,
    userName: (id) => directory.getUser(id)?.displayName ?? null,
  });
  const supervision = createSupervisionService({ db, clock, sla, hooks });
  const knowledge = createKnowledgeService({ db, clock, directory, hooks });
  const web = createWebAppeals({ db, tickets, directory });
  const scanner = createDeadlineScanner({
    tickets,
    sla,
    batcher,
    clock,
    intervalMs: config.scanIntervalMs,
    log: app.log,
  });
  const upstream = createUpstreamModule({
    db,
    clock,
    config: config.upstream,
    log: app.log,
    tickets,
    directory,
    sla,
    hooks,
  });

  await app.register(errorPlugin);
  await app.register(securityPlugin, { config });
  await app.register(docsPlugin, { version: VERSION });
  // Yantai's signed endpoints carry their own credentials and no session: they sit outside the context with
  // cookies and sessions, so that none of its hooks runs on an order (see upstream.inbound.ts).
  await app.register(upstreamInboundRoutes, { upstream: upstream?.service ?? null, batcher });
  await app.register(async (session) => {
    await session.register(finiteNumbersPlugin);
    await session.register(cookie);
    await session.register(authPlugin, { auth });

    await session.register(healthRoutes, { sqlite: database.sqlite, version: VERSION });
    await session.register(authRoutes, { auth, cookieSecure: config.cookieSecure });
    await session.register(directoryRoutes, { directory });
    await session.register(slaRoutes, { sla });
    await session.register(ticketsRoutes, { tickets, batcher });
    await session.register(upstreamRoutes, { upstream: upstream?.service ?? null });
    await session.register(supervisionRoutes, { supervision });
    await session.register(reportsRoutes, { db, clock, lines: () => lines.list().map((l) => l.line) });
    await session.register(knowledgeRoutes, { knowledge });
    await session.register(webRoutes, { web, batcher, clock, security: config.security });
    await session.register(ivrLinesRoutes, { lines });
    await session.register(callsRoutes, {
      db,
      calls,
      now: () => clock.now(),
      users: (id) => directory.getUser(id),
    });
    await session.register(realtimePlugin, { realtime, ctiToken: config.ctiToken, calls, link, batcher });
    await session.register(consolePlugin);
  });
  app.addHook('onClose', async () => {
    calls.close();
    link.close();
  });

  app.addHook('onReady', async () => scanner.start());
  app.addHook('onClose', async () => scanner.stop());
  if (config.wallboardIntervalMs > 0) {
    const wallboard = setInterval(
      () => realtime.wallboard(() => ({ ...supervision.overview(), calls: callMetrics(db, clock.now()) })),
      config.wallboardIntervalMs,
    );
    wallboard.unref();
    app.addHook('onClose', async () => clearInterval(wallboard));
  }
  app.addHook('onClose', async () => {
    batcher.drop();
    await batcher.close();
  });
  // WAL checkpoints run on a worker thread of their own while the server is up (core/checkpointer.ts).
  let checkpointer: ReturnType<typeof startCheckpointer> = null;
  app.addHook('onReady', async () => {
    checkpointer = startCheckpointer(database.sqlite, {
      onError: (message) => app.log.warn({ message }, 'WAL checkpoint worker failed; checkpointing inline'),
    });
  });
  app.addHook('onClose', async () => checkpointer?.stop());

  if (upstream) {
    const { worker } = upstream;
    app.addHook('onReady', async () => worker.start());
    app.addHook('onClose', async () => worker.stop());
  }

  return Object.assign(app as unknown as FastifyInstance, {
    services: {
      hooks,
      directory,
      auth,
      sla,
      tickets,
      passwords,
      upstream,
      realtime,
      supervision,
      knowledge,
      web,
      lines,
      scanner,
      calls,
      link,
    },
  });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
