/**
 * The authorization matrix: who may do what, as data. Every line is one endpoint (or one ticket action)
 * on one kind of ticket in one prepared state, with the answer each actor must get. The tests
 * (`authorization.api.test.ts`, `authorization.sockets.test.ts`) run every cell against the real app;
 * `render-matrix.ts` turns this file into `docs/authorization.md`. A new endpoint fails the test until it
 * has a line here. The lines live in the area files `authorization.matrix-*.ts`, the vocabulary in
 * `authorization.matrix-model.ts`.
 */

import { ACTION_LINES } from './authorization.matrix-actions.js';
import { ACTORS, type MatrixLine } from './authorization.matrix-model.js';
import { SERVICE_LINES } from './authorization.matrix-services.js';
import { SOCKET_LINES } from './authorization.matrix-sockets.js';
import { TICKET_LINES } from './authorization.matrix-tickets.js';

export {
  ACTOR_NOTES,
  ACTORS,
  type Actor,
  type Cell,
  type MatrixLine,
  STATES,
  type State,
  TICKET_KINDS,
  type TicketKind,
} from './authorization.matrix-model.js';

/** Every line, area by area (the order of `docs/authorization.md` within each of its sections). */
export const MATRIX: MatrixLine[] = [...TICKET_LINES, ...ACTION_LINES, ...SERVICE_LINES, ...SOCKET_LINES];

/** `METHOD /path` pairs of the OpenAPI document that the matrix covers. */
export const coveredEndpoints = (): Set<string> =>
  new Set(MATRIX.filter((l) => !l.endpoint.startsWith('SOCKET')).map((l) => l.endpoint));

/** The number of cells: one expected answer per endpoint line × actor. */
export const matrixSize = (): number => MATRIX.length * ACTORS.length;
