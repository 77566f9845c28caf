/**
 * The vocabulary of the authorization matrix (`authorization.matrix.ts`): who asks, about which ticket, in
 * which state, what each must get, and the helpers the area tables build their lines with.
 */

/** Who asks. Each is a real login of the test directory, except `anonymous` and `yantai`. */
export const ACTORS = [
  'anonymous',
  'yantai',
  'admin',
  'operator',
  'operator2',
  'dispatcher',
  'supervisor',
  'handlerA',
  'handlerB',
  'town',
  'village',
] as const;
export type Actor = (typeof ACTORS)[number];

export const ACTOR_NOTES: Record<Actor, string> = {
  anonymous: 'no session, no signature',
  yantai: 'no session; the request signed with the Yantai HMAC secret (X-Timestamp, X-Nonce, X-Signature)',
  admin: '管理员 `admin`',
  operator: '话务员 `operator1`, who registered every ticket below',
  operator2: '话务员 `operator2`, another operator',
  dispatcher: '派单员 `dispatcher1`',
  supervisor: '督办员 `supervisor1`',
  handlerA: '承办人员 of department A (区住房和城乡建设局, a city department)',
  handlerB: '承办人员 of department B (区市场监督管理局, a city department)',
  town: '承办人员 of the town 刘家沟镇',
  village: '承办人员 of the village 刘家沟村, under that town',
};

/** Which ticket a line is about. */
export const TICKET_KINDS = {
  '-': 'not about a ticket',
  A: "department A's ticket (A is its lead, 主办)",
  B: "department B's ticket",
  'A-secret': "department A's confidential (保密) ticket",
  AB: "department A's ticket with department B assisting (协办); B signs its own assignment too",
  T: "the town's ticket, passed down to its village once the town has signed",
  new: 'a ticket not dispatched yet: it belongs to no department',
  'new-secret': 'a confidential ticket not dispatched yet',
} as const;
export type TicketKind = keyof typeof TICKET_KINDS;

/** The state a ticket is brought to before the request (so that the action is possible for whoever may take it). */
export const STATES = {
  '-': '',
  registered: '已登记 registered',
  pending_dispatch: '待派单 pending_dispatch',
  order_pending_dispatch: 'a Yantai order, pending_dispatch',
  dispatched: '待签收 dispatched',
  return_requested: '退单审核中 return_requested',
  in_progress: '办理中 in_progress',
  order_in_progress: 'a Yantai order, in_progress',
  extension_asked: 'in_progress with an extension asked',
  replied: '已回复 replied',
  pending_revisit: '待回访 pending_revisit',
} as const;
export type State = keyof typeof STATES;

/**
 * What an actor must get:
 * - an HTTP status (`200`, `201`, `204`, `401`, `403`, `404`, `409`);
 * - `200m`: 200, and the caller's phone masked (`139****5678`) in the answer (otherwise a 200 carrying a
 *   confidential ticket must show the full number);
 * - `list` / `list-m` / `hidden`: 200, and the ticket (or its 督办单) is in the list, in it masked, or absent;
 * - sockets: `push` / `push-m` (the `ticket:event` arrives, masked) / `none` / `refused` (no connection).
 */
export type Cell =
  | '200'
  | '201'
  | '204'
  | '401'
  | '403'
  | '404'
  | '409'
  | '200m'
  | 'list'
  | 'list-m'
  | 'hidden'
  | 'push'
  | 'push-m'
  | 'none'
  | 'refused';

export interface MatrixLine {
  /** `METHOD /path` as in the OpenAPI document, or `SOCKET ticket:event`. */
  endpoint: string;
  /** The ticket action, the socket mode (`live`, `replay`) or another refinement of the endpoint. */
  variant: string;
  kind: TicketKind;
  state: State;
  expect: Record<Actor, Cell>;
  note?: string;
}

/** One line from a grid of cells in `ACTORS` order. */
export function line(
  endpoint: string,
  variant: string,
  kind: TicketKind,
  state: State,
  cells: string,
  note?: string,
): MatrixLine {
  const list = cells.trim().split(/\s+/) as Cell[];
  if (list.length !== ACTORS.length) throw new Error(`${endpoint} ${variant} ${kind}: ${list.length} cells`);
  const expect = Object.fromEntries(ACTORS.map((a, i) => [a, list[i]!])) as Record<Actor, Cell>;
  return { endpoint, variant, kind, state, expect, ...(note ? { note } : {}) };
}

export const ACT = 'POST /api/tickets/{no}/actions/{action}';
export const staffOnly = (ep: string, variant: string, cells: string, note?: string) =>
  line(ep, variant, '-', '-', cells, note);
