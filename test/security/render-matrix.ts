import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ACTOR_NOTES,
  ACTORS,
  type Actor,
  type Cell,
  MATRIX,
  type MatrixLine,
  matrixSize,
  STATES,
  TICKET_KINDS,
} from './authorization.matrix.js';

const SHORT: Record<Actor, string> = {
  anonymous: 'anon',
  yantai: 'Yantai',
  admin: 'admin',
  operator: 'op',
  operator2: 'op2',
  dispatcher: 'disp',
  supervisor: 'sup',
  handlerA: 'A',
  handlerB: 'B',
  town: 'town',
  village: 'village',
};

const CELL_TEXT: Partial<Record<Cell, string>> = {
  '200m': '200 masked',
  'list-m': 'listed masked',
  list: 'listed',
  hidden: '—',
  none: '—',
  'push-m': 'push masked',
};

const AREAS: [string, (l: MatrixLine) => boolean][] = [
  ['Sessions and health', (l) => /\/api\/(auth|health)/.test(l.endpoint)],
  [
    'Tickets: register, list, read, 查看号码',
    (l) => /^\S+ \/api\/tickets(\/\{no\}(\/dispatch-preview|\/caller-phone)?)?$/.test(l.endpoint),
  ],
  ['Ticket actions (`POST /api/tickets/{no}/actions/{action}`)', (l) => l.endpoint.includes('/actions/')],
  ['Directory', (l) => /\/api\/(departments|categories|users)/.test(l.endpoint)],
  ['Knowledge base (知识库)', (l) => l.endpoint.includes('/api/knowledge')],
  ['Citizens: 网上诉求 and 办理进度查询 (no login)', (l) => l.endpoint.includes('/api/public/')],
  ['Deadlines and calendar', (l) => /\/api\/(policy|calendar)/.test(l.endpoint)],
  ['The Yantai bridge', (l) => l.endpoint.includes('/api/upstream/')],
  ['Supervision (督办)', (l) => l.endpoint.includes('/api/supervision/')],
  ['Reports (月度台账)', (l) => l.endpoint.includes('/api/reports/')],
  ['Calls, agents, callbacks, 热线号码', (l) => /\/api\/(calls|agents|callbacks|ivr)/.test(l.endpoint)],
  ['Live push (socket.io `ticket:event`)', (l) => l.endpoint.startsWith('SOCKET')],
];

/** `docs/authorization.md`, from the matrix the tests run. */
export function renderMatrix(): string {
  const out: string[] = [
    '# Authorization matrix',
    '',
    '<!-- Generated from test/security/authorization.matrix.ts by `npx tsx test/security/render-matrix.ts`. Do not edit. -->',
    '',
    'Who may do what, per endpoint, role and kind of ticket. This table is the data of',
    '`test/security/authorization.api.test.ts` (and `authorization.sockets.test.ts` for the pushes), which sends every cell to the real app (a temporary database,',
    'real logins, tickets prepared through the API) and fails on any difference; it also fails when an',
    'endpoint of the OpenAPI document (`/api/docs/json`) has no line here. ' +
      `${MATRIX.length} lines × ${ACTORS.length} actors = **${matrixSize()} cells**.`,
    '',
    'The rules behind it: no session → 401; a role that may not → 403; a department asking about a ticket',
    'it does not hold → 404, the same answer as for a number that does not exist (a department never learns',
    "that another department's ticket exists); departments see every caller's phone masked (`139****5678`),",
    'everywhere, answers and pushes alike. The one answer that carries a full number to a department is',
    "查看号码 (`POST /api/tickets/{no}/caller-phone`), recorded as a `view_phone` event in the ticket's history",
    '(DESIGN §9), and never for a confidential caller (403). Every ticket action',
    'is tried in the state where it is possible, so a 200 means "allowed" and a 403/404 means "not yours";',
    'the state machine\'s 409 ("allowed, but not in this state") is left to `test/unit/tickets/machine.*.test.ts`.',
    '',
    '## Who asks',
    '',
    '| column | actor |',
    '|---|---|',
    ...ACTORS.map((a) => `| ${SHORT[a]} | ${ACTOR_NOTES[a]} |`),
    '',
    '## Tickets',
    '',
    '| kind | ticket |',
    '|---|---|',
    ...Object.entries(TICKET_KINDS).map(([k, v]) => `| ${k} | ${v} |`),
    '',
    'State: what the ticket was brought to before the request (',
    `${Object.entries(STATES)
      .filter(([k]) => k !== '-')
      .map(([k, v]) => `\`${k}\`: ${v}`)
      .join('; ')}).`,
    '',
    'Cells: an HTTP status; `200 masked`: the answer shows the caller masked; `listed` / `listed masked` /',
    '`—` in lists: the ticket (or its 督办单) is in the answer, masked, or absent; sockets: `push` /',
    '`push masked` (the event arrives), `—` (it does not), `refused` (no connection without a session).',
    '',
  ];
  const header = `| endpoint | case | ticket | state | ${ACTORS.map((a) => SHORT[a]).join(' | ')} | note |`;
  const rule = `|${'---|'.repeat(ACTORS.length + 5)}`;
  const seen = new Set<MatrixLine>();
  for (const [title, match] of AREAS) {
    const lines = MATRIX.filter((l) => match(l) && !seen.has(l));
    if (lines.length === 0) continue;
    out.push(`## ${title}`, '', header, rule);
    for (const l of lines) {
      seen.add(l);
      const cells = ACTORS.map((a) => CELL_TEXT[l.expect[a]] ?? l.expect[a]);
      const endpoint = `\`${l.endpoint.replace('POST /api/tickets/{no}/actions/{action}', 'POST …/actions/')}\``;
      out.push(
        `| ${endpoint} | ${l.variant} | ${l.kind} | ${l.state === '-' ? '' : l.state} | ${cells.join(' | ')} | ${l.note ?? ''} |`,
      );
    }
    out.push('');
  }
  const rest = MATRIX.filter((l) => !seen.has(l));
  if (rest.length > 0) throw new Error(`lines in no section: ${rest.map((l) => l.endpoint).join(', ')}`);
  return `${out.join('\n')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = new URL('../../docs/authorization.md', import.meta.url);
  writeFileSync(target, renderMatrix());
  process.stdout.write(`docs/authorization.md: ${MATRIX.length} lines, ${matrixSize()} cells\n`);
}
