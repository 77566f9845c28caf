// Every module's tables, gathered for drizzle-kit and the typed client.
export * from '../auth/auth.tables.js';
export * from '../calls/calls.tables.js';
export * from '../directory/directory.tables.js';
export * from '../knowledge/knowledge.tables.js';
export * from '../realtime/realtime.tables.js';
export * from '../sla/sla.tables.js';
export * from '../supervision/supervision.tables.js';
export * from '../tickets/tickets.tables.js';
export * from '../upstream/upstream.tables.js';
