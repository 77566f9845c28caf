/** The paths our server posts to under UPSTREAM_BASE_URL (DESIGN.md §5). */
export const RECEIVE_PATHS = ['/receipts', '/returns', '/progress', '/extensions', '/feedback'] as const;
export type ReceivePath = (typeof RECEIVE_PATHS)[number];

/** `id`: a non-empty string; `text`: any string (may be empty); `time`: ISO-8601 with an offset. */
type FieldType = 'id' | 'text' | 'time';

/** Each message's fields as docs/upstream-v1.md lists them, all required. */
export const CONTRACT: Record<ReceivePath, Readonly<Record<string, FieldType>>> = {
  '/receipts': { messageId: 'id', orderNo: 'id', ticketNo: 'id', signedAt: 'time' },
  '/returns': { messageId: 'id', orderNo: 'id', reason: 'text', at: 'time' },
  '/progress': { messageId: 'id', orderNo: 'id', note: 'text', at: 'time' },
  '/extensions': { messageId: 'id', orderNo: 'id', reason: 'text', requestedDueAt: 'time' },
  '/feedback': {
    messageId: 'id',
    orderNo: 'id',
    ticketNo: 'id',
    result: 'text',
    department: 'text',
    handler: 'text',
    completedAt: 'time',
  },
};

// 2026-11-28T09:00:00+08:00: seconds and fraction optional; the offset (Z or ±hh:mm) required.
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** An ISO-8601 date and time with an offset that names a real calendar day. */
export function isIsoWithOffset(value: string): boolean {
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate() && Number.isFinite(Date.parse(value));
}

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;

function problem(field: string, type: FieldType, value: unknown): string | null {
  if (value === undefined) return `${field}: missing`;
  if (typeof value !== 'string') return `${field}: must be a string, got ${describe(value)}`;
  if (type === 'id' && value === '') return `${field}: must not be empty`;
  if (type === 'time' && !isIsoWithOffset(value))
    return `${field}: must be an ISO-8601 time with an offset, e.g. 2026-11-28T09:00:00+08:00 (got "${value}")`;
  return null;
}

export interface ContractCheck {
  /** Missing fields, wrong types, times without an offset: the message is refused (400). */
  violations: string[];
  /** Fields the contract does not list: reported, the message is still taken. */
  warnings: string[];
}

/** Checks one message body against the fields the contract lists for its path. */
export function checkContract(path: ReceivePath, body: Record<string, unknown>): ContractCheck {
  const fields = CONTRACT[path];
  const violations: string[] = [];
  for (const [field, type] of Object.entries(fields)) {
    const why = problem(field, type, body[field]);
    if (why) violations.push(why);
  }
  const warnings = Object.keys(body)
    .filter((key) => !Object.hasOwn(fields, key))
    .map((key) => `${key}: not a field of ${path}`);
  return { violations, warnings };
}
