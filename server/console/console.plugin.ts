import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Serves the built agent console (`agent-console/dist`) at `/`. Filled in by the console work. */
export const consolePlugin = fp(async (_app: FastifyInstance) => {}, { name: 'console' });
