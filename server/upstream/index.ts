import type { FastifyBaseLogger } from 'fastify';
import type { UpstreamConfig } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { DirectoryService } from '../directory/directory.service.js';
import type { SlaService } from '../sla/sla.service.js';
import type { CommitHooks } from '../tickets/tickets.hooks.js';
import type { TicketsService } from '../tickets/tickets.service.js';
import { createUpstreamService } from './upstream.service.js';
import { createOutboxWorker } from './upstream.worker.js';

export type { UpstreamService } from './upstream.service.js';
export type { OutboxWorker } from './upstream.worker.js';

/** The Yantai bridge (DESIGN.md §5): its service and its outbox worker, or null when not configured. */
export function createUpstreamModule(deps: {
  db: Db;
  clock: Clock;
  config: UpstreamConfig | null;
  log: FastifyBaseLogger;
  tickets: TicketsService;
  directory: DirectoryService;
  sla: SlaService;
  hooks: CommitHooks;
}) {
  const { config } = deps;
  if (!config) return null;
  const worker = createOutboxWorker({ db: deps.db, clock: deps.clock, config, log: deps.log });
  const service = createUpstreamService({ ...deps, config, worker });
  return { service, worker };
}
