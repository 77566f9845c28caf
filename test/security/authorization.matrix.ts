/**
 * The authorization matrix: who may do what, as data. Every line is one endpoint (or one ticket action)
 * on one kind of ticket in one prepared state, with the answer each actor must get. The test
 * (`authorization.test.ts`) runs every cell against the real app; `render-matrix.ts` turns this file into
 * `docs/authorization.md`. A new endpoint fails the test until it has a line here.
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
function line(
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

const ACT = 'POST /api/tickets/{no}/actions/{action}';
const staffOnly = (ep: string, variant: string, cells: string, note?: string) =>
  line(ep, variant, '-', '-', cells, note);

//                                                                anon  yt   adm  op   op2  disp sup  hA   hB   town vill
export const MATRIX: MatrixLine[] = [
  // Sessions.
  staffOnly(
    'POST /api/auth/login',
    '',
    '200 200 200 200 200 200 200 200 200 200 200',
    'each logs in as itself',
  ),
  staffOnly('GET /api/auth/me', '', '401 401 200 200 200 200 200 200 200 200 200'),
  staffOnly(
    'POST /api/auth/logout',
    '',
    '401 401 204 204 204 204 204 204 204 204 204',
    'a fresh session each',
  ),
  staffOnly('GET /api/health', '', '200 200 200 200 200 200 200 200 200 200 200'),

  // Tickets: register, list, read.
  staffOnly('POST /api/tickets', '', '401 401 403 201 201 403 403 403 403 403 403'),
  line(
    'GET /api/tickets',
    '',
    'A',
    'in_progress',
    '401 401 list list list list list list-m hidden hidden hidden',
  ),
  line(
    'GET /api/tickets',
    '',
    'B',
    'in_progress',
    '401 401 list list list list list hidden list-m hidden hidden',
  ),
  line(
    'GET /api/tickets',
    '',
    'A-secret',
    'in_progress',
    '401 401 list list list list list list-m hidden hidden hidden',
  ),
  line(
    'GET /api/tickets',
    '',
    'T',
    'in_progress',
    '401 401 list list list list list hidden hidden list-m list-m',
  ),
  line(
    'GET /api/tickets',
    '',
    'new',
    'registered',
    '401 401 list list list list list hidden hidden hidden hidden',
  ),
  line(
    'GET /api/tickets',
    'phone=<full number>',
    'A',
    'in_progress',
    '401 401 list list list list list 403 403 403 403',
    'a department never searches by number: it would confirm a masked one unrecorded',
  ),
  line(
    'GET /api/tickets',
    'phone=<full number>',
    'A-secret',
    'in_progress',
    '401 401 list list list list list 403 403 403 403',
  ),
  line('GET /api/tickets/{no}', '', 'A', 'in_progress', '401 401 200 200 200 200 200 200m 404 404 404'),
  line('GET /api/tickets/{no}', '', 'B', 'in_progress', '401 401 200 200 200 200 200 404 200m 404 404'),
  line(
    'GET /api/tickets/{no}',
    '',
    'A-secret',
    'in_progress',
    '401 401 200 200 200 200 200 200m 404 404 404',
  ),
  line('GET /api/tickets/{no}', '', 'T', 'in_progress', '401 401 200 200 200 200 200 404 404 200m 200m'),
  line(
    'GET /api/tickets/{no}',
    '',
    'new-secret',
    'registered',
    '401 401 200 200 200 200 200 404 404 404 404',
  ),

  // 查看号码: departments see every caller masked; reading the full number is an event of the ticket (DESIGN §9).
  line(
    'POST /api/tickets/{no}/caller-phone',
    '',
    'A',
    'in_progress',
    '401 401 200 200 200 200 200 200 404 404 404',
    'a department read is recorded in the history',
  ),
  line(
    'POST /api/tickets/{no}/caller-phone',
    '',
    'A-secret',
    'in_progress',
    '401 401 200 200 200 200 200 403 404 404 404',
    'never for a confidential caller',
  ),
  line(
    'POST /api/tickets/{no}/caller-phone',
    '',
    'T',
    'in_progress',
    '401 401 200 200 200 200 200 404 404 200 200',
  ),
  line(
    'GET /api/tickets/{no}/dispatch-preview',
    '',
    'new',
    'pending_dispatch',
    '401 401 200 403 403 200 200 403 403 403 403',
  ),

  // Before dispatch: the call centre's own work; no department has the ticket yet.
  line(ACT, 'answer', 'new', 'registered', '401 401 403 200 200 403 403 404 404 404 404'),
  line(ACT, 'answer', 'new-secret', 'registered', '401 401 403 200 200 403 403 404 404 404 404'),
  line(ACT, 'submit', 'new', 'registered', '401 401 403 200 200 403 403 404 404 404 404'),
  line(ACT, 'submit', 'new-secret', 'registered', '401 401 403 200 200 403 403 404 404 404 404'),
  line(ACT, 'reject', 'new', 'registered', '401 401 403 200 200 403 403 404 404 404 404'),
  line(ACT, 'reject', 'new-secret', 'registered', '401 401 403 200 200 403 403 404 404 404 404'),
  line(ACT, 'dispatch', 'new', 'pending_dispatch', '401 401 403 403 403 200 403 404 404 404 404'),
  line(ACT, 'dispatch', 'new-secret', 'pending_dispatch', '401 401 403 403 403 200 403 404 404 404 404'),
  line(ACT, 'accept', 'new', 'order_pending_dispatch', '401 401 403 403 403 200 403 404 404 404 404'),
  line(ACT, 'accept', 'new-secret', 'order_pending_dispatch', '401 401 403 403 403 200 403 404 404 404 404'),
  line(
    ACT,
    'return_upstream',
    'new',
    'order_pending_dispatch',
    '401 401 403 403 403 200 403 404 404 404 404',
  ),
  line(
    ACT,
    'return_upstream',
    'new-secret',
    'order_pending_dispatch',
    '401 401 403 403 403 200 403 404 404 404 404',
  ),

  // The departments' work: only the lead (or the town, or its village on its own assignment).
  line(ACT, 'sign', 'A', 'dispatched', '401 401 403 403 403 403 403 200m 404 404 404'),
  line(ACT, 'sign', 'B', 'dispatched', '401 401 403 403 403 403 403 404 200m 404 404'),
  line(ACT, 'sign', 'A-secret', 'dispatched', '401 401 403 403 403 403 403 200m 404 404 404'),
  line(ACT, 'sign', 'T', 'dispatched', '401 401 403 403 403 403 403 404 404 200m 404', 'not passed down yet'),
  line(ACT, 'request_return', 'A', 'dispatched', '401 401 403 403 403 403 403 200m 404 404 404'),
  line(ACT, 'request_return', 'B', 'dispatched', '401 401 403 403 403 403 403 404 200m 404 404'),
  line(ACT, 'request_return', 'A-secret', 'dispatched', '401 401 403 403 403 403 403 200m 404 404 404'),
  line(ACT, 'request_return', 'T', 'dispatched', '401 401 403 403 403 403 403 404 404 200m 404'),
  line(ACT, 'approve_return', 'A', 'return_requested', '401 401 403 403 403 200 200 403 404 404 404'),
  line(ACT, 'approve_return', 'B', 'return_requested', '401 401 403 403 403 200 200 404 403 404 404'),
  line(ACT, 'approve_return', 'A-secret', 'return_requested', '401 401 403 403 403 200 200 403 404 404 404'),
  line(ACT, 'approve_return', 'T', 'return_requested', '401 401 403 403 403 200 200 404 404 403 404'),
  line(ACT, 'deny_return', 'A', 'return_requested', '401 401 403 403 403 200 200 403 404 404 404'),
  line(ACT, 'deny_return', 'B', 'return_requested', '401 401 403 403 403 200 200 404 403 404 404'),
  line(ACT, 'deny_return', 'A-secret', 'return_requested', '401 401 403 403 403 200 200 403 404 404 404'),
  line(ACT, 'deny_return', 'T', 'return_requested', '401 401 403 403 403 200 200 404 404 403 404'),
  line(ACT, 'pass_down', 'A', 'in_progress', '401 401 403 403 403 403 403 403 404 404 404', 'A is no town'),
  line(ACT, 'pass_down', 'B', 'in_progress', '401 401 403 403 403 403 403 404 403 404 404'),
  line(ACT, 'pass_down', 'A-secret', 'in_progress', '401 401 403 403 403 403 403 403 404 404 404'),
  line(
    ACT,
    'pass_down',
    'T',
    'in_progress',
    '401 401 403 403 403 403 403 404 404 200m 403',
    'to the second village',
  ),
  line(ACT, 'request_extension', 'A', 'in_progress', '401 401 403 403 403 403 403 200m 404 404 404'),
  line(ACT, 'request_extension', 'B', 'in_progress', '401 401 403 403 403 403 403 404 200m 404 404'),
  line(ACT, 'request_extension', 'A-secret', 'in_progress', '401 401 403 403 403 403 403 200m 404 404 404'),
  line(ACT, 'request_extension', 'T', 'in_progress', '401 401 403 403 403 403 403 404 404 200m 403'),
  line(ACT, 'approve_extension', 'A', 'extension_asked', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'approve_extension', 'B', 'extension_asked', '401 401 403 403 403 403 200 404 403 404 404'),
  line(
    ACT,
    'approve_extension',
    'A-secret',
    'extension_asked',
    '401 401 403 403 403 403 200 403 404 404 404',
  ),
  line(ACT, 'approve_extension', 'T', 'extension_asked', '401 401 403 403 403 403 200 404 404 403 403'),
  line(ACT, 'deny_extension', 'A', 'extension_asked', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'deny_extension', 'B', 'extension_asked', '401 401 403 403 403 403 200 404 403 404 404'),
  line(ACT, 'deny_extension', 'A-secret', 'extension_asked', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'deny_extension', 'T', 'extension_asked', '401 401 403 403 403 403 200 404 404 403 403'),
  line(ACT, 'reply', 'A', 'in_progress', '401 401 403 403 403 403 403 200m 404 404 404'),
  line(ACT, 'reply', 'B', 'in_progress', '401 401 403 403 403 403 403 404 200m 404 404'),
  line(ACT, 'reply', 'A-secret', 'in_progress', '401 401 403 403 403 403 403 200m 404 404 404'),
  line(
    ACT,
    'reply',
    'T',
    'in_progress',
    '401 401 403 403 403 403 403 404 404 200m 200m',
    'the village replies on its own assignment',
  ),
  line(ACT, 'report_progress', 'A', 'order_in_progress', '401 401 403 403 403 403 403 200m 404 404 404'),
  line(ACT, 'report_progress', 'B', 'order_in_progress', '401 401 403 403 403 403 403 404 200m 404 404'),
  line(
    ACT,
    'report_progress',
    'A-secret',
    'order_in_progress',
    '401 401 403 403 403 403 403 200m 404 404 404',
  ),
  line(ACT, 'report_progress', 'T', 'order_in_progress', '401 401 403 403 403 403 403 404 404 200m 403'),

  // Review, revisit, urge, supervise, merge: the call centre's staff.
  line(ACT, 'approve_reply', 'A', 'replied', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'approve_reply', 'B', 'replied', '401 401 403 403 403 403 200 404 403 404 404'),
  line(ACT, 'approve_reply', 'A-secret', 'replied', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'approve_reply', 'T', 'replied', '401 401 403 403 403 403 200 404 404 403 403'),
  line(ACT, 'reject_reply', 'A', 'replied', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'reject_reply', 'B', 'replied', '401 401 403 403 403 403 200 404 403 404 404'),
  line(ACT, 'reject_reply', 'A-secret', 'replied', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'reject_reply', 'T', 'replied', '401 401 403 403 403 403 200 404 404 403 403'),
  line(ACT, 'revisit', 'A', 'pending_revisit', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'revisit', 'B', 'pending_revisit', '401 401 403 403 403 403 200 404 403 404 404'),
  line(ACT, 'revisit', 'A-secret', 'pending_revisit', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'revisit', 'T', 'pending_revisit', '401 401 403 403 403 403 200 404 404 403 403'),
  line(ACT, 'urge', 'A', 'in_progress', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'urge', 'B', 'in_progress', '401 401 403 403 403 403 200 404 403 404 404'),
  line(ACT, 'urge', 'A-secret', 'in_progress', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'urge', 'T', 'in_progress', '401 401 403 403 403 403 200 404 404 403 403'),
  line(ACT, 'supervise', 'A', 'in_progress', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'supervise', 'B', 'in_progress', '401 401 403 403 403 403 200 404 403 404 404'),
  line(ACT, 'supervise', 'A-secret', 'in_progress', '401 401 403 403 403 403 200 403 404 404 404'),
  line(ACT, 'supervise', 'T', 'in_progress', '401 401 403 403 403 403 200 404 404 403 403'),
  line(ACT, 'caller_urge', 'A', 'in_progress', '401 401 403 200 200 403 403 403 404 404 404'),
  line(ACT, 'caller_urge', 'A-secret', 'in_progress', '401 401 403 200 200 403 403 403 404 404 404'),
  line(ACT, 'caller_urge', 'new', 'pending_dispatch', '401 401 403 200 200 403 403 404 404 404 404'),
  line(ACT, 'merge', 'A', 'in_progress', '401 401 403 403 403 200 200 403 404 404 404'),
  line(ACT, 'merge', 'B', 'in_progress', '401 401 403 403 403 200 200 404 403 404 404'),
  line(ACT, 'merge', 'A-secret', 'in_progress', '401 401 403 403 403 200 200 403 404 404 404'),
  line(ACT, 'merge', 'T', 'in_progress', '401 401 403 403 403 200 200 404 404 403 403'),
  line(
    ACT,
    'unknown action',
    'A',
    'in_progress',
    '401 401 404 404 404 404 404 404 404 404 404',
    'no such action',
  ),

  // An assisting department (协办): it sees the ticket and works its own assignment, nothing more.
  line(
    'GET /api/tickets',
    '',
    'AB',
    'in_progress',
    '401 401 list list list list list list-m list-m hidden hidden',
  ),
  line('GET /api/tickets/{no}', '', 'AB', 'in_progress', '401 401 200 200 200 200 200 200m 200m 404 404'),
  line(
    ACT,
    'sign',
    'AB',
    'dispatched',
    '401 401 403 403 403 403 403 200m 200m 404 404',
    'B: its own assignment',
  ),
  line(
    ACT,
    'request_return',
    'AB',
    'dispatched',
    '401 401 403 403 403 403 403 200m 403 404 404',
    'lead only',
  ),
  line(ACT, 'request_extension', 'AB', 'in_progress', '401 401 403 403 403 403 403 200m 403 404 404'),
  line(
    ACT,
    'reply',
    'AB',
    'in_progress',
    '401 401 403 403 403 403 403 200m 200m 404 404',
    'B: its own assignment',
  ),
  line(ACT, 'urge', 'AB', 'in_progress', '401 401 403 403 403 403 200 403 403 404 404'),

  // Directory: read by everyone logged in, changed by admins.
  staffOnly('GET /api/departments', '', '401 401 200 200 200 200 200 200 200 200 200'),
  staffOnly('POST /api/departments', '', '401 401 201 403 403 403 403 403 403 403 403'),
  staffOnly('PATCH /api/departments/{id}', '', '401 401 200 403 403 403 403 403 403 403 403'),
  staffOnly('GET /api/categories', '', '401 401 200 200 200 200 200 200 200 200 200'),
  staffOnly('POST /api/categories', '', '401 401 201 403 403 403 403 403 403 403 403'),
  staffOnly('PATCH /api/categories/{id}', '', '401 401 200 403 403 403 403 403 403 403 403'),
  staffOnly('GET /api/users', '', '401 401 200 403 403 403 403 403 403 403 403'),
  staffOnly('POST /api/users', '', '401 401 201 403 403 403 403 403 403 403 403'),
  staffOnly('PATCH /api/users/{id}', '', '401 401 200 403 403 403 403 403 403 403 403'),

  // The knowledge base (知识库): searched by everyone on the line, kept by admins.
  staffOnly('GET /api/knowledge', '', '401 401 200 200 200 200 200 200 200 200 200'),
  staffOnly('POST /api/knowledge', '', '401 401 201 403 403 403 403 403 403 403 403'),
  staffOnly('PATCH /api/knowledge/{id}', '', '401 401 200 403 403 403 403 403 403 403 403'),
  // The citizens' web channel (网上诉求, 办理进度查询): no login; progress only with the caller's own number.
  staffOnly(
    'POST /api/public/appeals',
    '',
    '201 201 201 201 201 201 201 201 201 201 201',
    'anyone, logged in or not',
  ),
  line(
    'POST /api/public/appeals/progress',
    '',
    'A',
    'in_progress',
    '200 200 200 200 200 200 200 200 200 200 200',
    "with the ticket's caller number",
  ),
  line(
    'POST /api/public/appeals/progress',
    'another number',
    'A-secret',
    'in_progress',
    '404 404 404 404 404 404 404 404 404 404 404',
    'a session does not stand in for the number',
  ),
  // Deadlines and the working calendar.
  staffOnly('GET /api/policy/deadlines', '', '401 401 200 200 200 200 200 200 200 200 200'),
  staffOnly('PUT /api/policy/deadlines', '', '401 401 200 403 403 403 403 403 403 403 403'),
  staffOnly('GET /api/calendar/hours', '', '401 401 200 200 200 200 200 200 200 200 200'),
  staffOnly('PUT /api/calendar/hours', '', '401 401 200 403 403 403 403 403 403 403 403'),
  staffOnly('GET /api/calendar/days', '', '401 401 200 200 200 200 200 200 200 200 200'),
  staffOnly('PUT /api/calendar/days/{date}', '', '401 401 200 403 403 403 403 403 403 403 403'),
  staffOnly('DELETE /api/calendar/days/{date}', '', '401 401 204 403 403 403 403 403 403 403 403'),

  // The Yantai bridge: machine endpoints take the signature, never a session.
  staffOnly(
    'POST /api/upstream/v1/orders',
    '',
    '401 200 401 401 401 401 401 401 401 401 401',
    'a session is no signature',
  ),
  line(
    'POST /api/upstream/v1/notices',
    'urge',
    'A',
    'order_in_progress',
    '401 200 401 401 401 401 401 401 401 401 401',
  ),
  staffOnly('GET /api/upstream/outbox', '', '401 401 200 403 403 403 200 403 403 403 403'),
  staffOnly(
    'POST /api/upstream/outbox/{id}/retry',
    '',
    '401 401 200 403 403 403 200 403 403 403 403',
    'a dead letter',
  ),

  // Supervision (督办).
  line(
    'GET /api/supervision/items',
    '',
    'A',
    'in_progress',
    '401 401 list 403 403 403 list list hidden hidden hidden',
  ),
  line(
    'GET /api/supervision/items',
    '',
    'B',
    'in_progress',
    '401 401 list 403 403 403 list hidden list hidden hidden',
  ),
  line(
    'GET /api/supervision/items',
    '',
    'T',
    'in_progress',
    '401 401 list 403 403 403 list hidden hidden list hidden',
  ),
  line(
    'POST /api/supervision/items/{id}/respond',
    '',
    'A',
    'in_progress',
    '401 401 403 403 403 403 403 200 404 404 404',
  ),
  line(
    'POST /api/supervision/items/{id}/respond',
    '',
    'B',
    'in_progress',
    '401 401 403 403 403 403 403 404 200 404 404',
  ),
  line(
    'POST /api/supervision/items/{id}/respond',
    '',
    'T',
    'in_progress',
    '401 401 403 403 403 403 403 404 404 200 404',
  ),
  staffOnly('GET /api/supervision/overview', '', '401 401 200 403 403 403 200 403 403 403 403'),
  staffOnly('GET /api/supervision/notices', '', '401 401 200 403 403 403 200 403 403 403 403'),
  // The monthly ledger (月度台账).
  staffOnly('GET /api/reports/monthly', '', '401 401 200 403 403 403 200 403 403 403 403'),

  // Calls, agents and callbacks: the call centre only (call records carry every caller's number).
  staffOnly('GET /api/calls', '', '401 401 200 200 200 200 200 403 403 403 403'),
  staffOnly('GET /api/calls/{id}', '', '401 401 200 200 200 200 200 403 403 403 403'),
  staffOnly('GET /api/calls/metrics', '', '401 401 200 403 403 403 200 403 403 403 403'),
  staffOnly('GET /api/agents', '', '401 401 200 403 403 403 200 403 403 403 403'),
  staffOnly('PUT /api/agents/{userId}', '', '401 401 200 403 403 403 403 403 403 403 403'),
  // 热线号码: which IVR flow answers each line (the 89000 merge mode).
  staffOnly('GET /api/ivr/lines', '', '401 401 200 403 403 403 403 403 403 403 403'),
  staffOnly('PUT /api/ivr/lines/{line}', '', '401 401 200 403 403 403 403 403 403 403 403'),
  staffOnly('GET /api/agents/me', '', '401 401 403 200 200 403 403 403 403 403 403'),
  staffOnly('POST /api/agents/me/state', '', '401 401 403 200 200 403 403 403 403 403 403'),
  staffOnly('GET /api/callbacks', '', '401 401 200 200 200 200 200 403 403 403 403'),
  staffOnly('POST /api/callbacks/{id}/claim', '', '401 401 200 200 200 200 200 403 403 403 403'),
  staffOnly('POST /api/callbacks/{id}/close', '', '401 401 200 200 200 200 200 403 403 403 403'),

  // Live push: who receives a ticket's `ticket:event` (rooms role:*, dept:*, user:*), live and on replay.
  // Supervisors, admins and dispatchers see every ticket, so they get every event.
  line(
    'SOCKET ticket:event',
    'live: dispatch',
    'A',
    'pending_dispatch',
    'refused refused push push none push push push-m none none none',
  ),
  line(
    'SOCKET ticket:event',
    'live: dispatch',
    'B',
    'pending_dispatch',
    'refused refused push push none push push none push-m none none',
  ),
  line(
    'SOCKET ticket:event',
    'live: dispatch',
    'A-secret',
    'pending_dispatch',
    'refused refused push push none push push push-m none none none',
  ),
  line(
    'SOCKET ticket:event',
    'live: dispatch',
    'T',
    'pending_dispatch',
    'refused refused push push none push push none none push-m none',
  ),
  line(
    'SOCKET ticket:event',
    'live: urge',
    'A',
    'in_progress',
    'refused refused push push none push push push-m none none none',
  ),
  line(
    'SOCKET ticket:event',
    'live: urge',
    'B',
    'in_progress',
    'refused refused push push none push push none push-m none none',
  ),
  line(
    'SOCKET ticket:event',
    'live: urge',
    'A-secret',
    'in_progress',
    'refused refused push push none push push push-m none none none',
  ),
  line(
    'SOCKET ticket:event',
    'live: urge',
    'T',
    'in_progress',
    'refused refused push push none push push none none push-m push-m',
  ),
  line(
    'SOCKET ticket:event',
    'live: urge',
    'AB',
    'in_progress',
    'refused refused push push none push push push-m push-m none none',
  ),
  line(
    'SOCKET ticket:event',
    'replay: dispatch',
    'A',
    'pending_dispatch',
    'refused refused push push none push push push-m none none none',
  ),
  line(
    'SOCKET ticket:event',
    'replay: dispatch',
    'A-secret',
    'pending_dispatch',
    'refused refused push push none push push push-m none none none',
  ),
  line(
    'SOCKET ticket:event',
    'replay: urge',
    'T',
    'in_progress',
    'refused refused push push none push push none none push-m push-m',
  ),
  line(
    'SOCKET ticket:event',
    'replay: urge',
    'A-secret',
    'in_progress',
    'refused refused push push none push push push-m none none none',
  ),
];

/** `METHOD /path` pairs of the OpenAPI document that the matrix covers. */
export const coveredEndpoints = (): Set<string> =>
  new Set(MATRIX.filter((l) => !l.endpoint.startsWith('SOCKET')).map((l) => l.endpoint));

/** The number of cells: one expected answer per endpoint line × actor. */
export const matrixSize = (): number => MATRIX.length * ACTORS.length;
