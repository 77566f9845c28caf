// Matrix lines: sessions, health, and registering, listing and reading tickets (查看号码 included).
import { line, type MatrixLine, staffOnly } from './authorization.matrix-model.js';

//                                                                anon  yt   adm  op   op2  disp sup  hA   hB   town vill
export const TICKET_LINES: MatrixLine[] = [
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
];
