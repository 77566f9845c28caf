// Matrix lines: live push (socket.io `ticket:event`).
import { line, type MatrixLine } from './authorization.matrix-model.js';

//                                                                anon  yt   adm  op   op2  disp sup  hA   hB   town vill
export const SOCKET_LINES: MatrixLine[] = [
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
