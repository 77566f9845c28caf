// Matrix lines: directory, knowledge base, citizens, calendar, the Yantai bridge, supervision, reports, calls.
import { line, type MatrixLine, staffOnly } from './authorization.matrix-model.js';

//                                                                anon  yt   adm  op   op2  disp sup  hA   hB   town vill
export const SERVICE_LINES: MatrixLine[] = [
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
];
