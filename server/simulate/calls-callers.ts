import { compactLocalDate } from '../core/clock.js';

/** How a simulated caller behaves (the shares come from `--mix`). */
export const CALLER_KINDS = [
  'general',
  'enterprise',
  'dialect',
  'status',
  'hangup-in-queue',
  'callback',
] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

export const DEFAULT_MIX: Record<CallerKind, number> = {
  general: 0.6,
  enterprise: 0.1,
  dialect: 0.05,
  status: 0.05,
  'hangup-in-queue': 0.1,
  callback: 0.1,
};

export const DEFAULT_LINES: Record<string, number> = { '12345': 0.8, '89000': 0.2 };

/**
 * Mobile numbers as Penglai residents have them (Yantai 0535 segments). A small fixed pool, so the
 * same people call again and the agent's screen pop shows their earlier calls and tickets.
 */
export const PENGLAI_CALLERS: readonly string[] = [
  '13805356271',
  '13905458812',
  '13685352046',
  '15066571389',
  '13573526604',
  '15153520917',
  '13953564128',
  '18353559073',
  '13780916245',
  '15098667310',
  '13863806652',
  '15564521498',
  '13583515537',
  '18765530824',
  '13963858190',
  '15275570361',
  '13356989042',
  '17853552716',
  '13001751483',
  '15806383925',
  '13853569057',
  '18253511364',
  '13210262798',
  '15192280541',
  '13665452603',
  '18865573196',
  '13475518829',
  '15963820475',
  '13181698364',
  '19853521107',
];

/** Picks a key by its share (shares need not add up to 1). */
export function pickShare<K extends string>(shares: Record<K, number>, random: () => number): K {
  const entries = (Object.entries(shares) as [K, number][]).filter(([, w]) => w > 0);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let x = random() * total;
  for (const [key, weight] of entries) {
    x -= weight;
    if (x < 0) return key;
  }
  const last = entries.at(-1);
  if (!last) throw new Error('no share above 0');
  return last[0];
}

/** What a `collect` asks, recognised by the words of the shipped flows (`ivr-flows/`). */
export type Prompt = 'seat_menu' | 'busy_offer' | 'offline_offer' | 'ticket_no' | 'after_status' | 'survey';

export function classifyPrompt(text: string): Prompt | null {
  if (text.includes('评价')) return 'survey';
  if (text.includes('企业诉求') || text.includes('转接人工')) return 'seat_menu';
  if (text.includes('回拨') && text.includes('继续等待')) return 'busy_offer';
  if (text.includes('回拨') || text.includes('留言')) return 'offline_offer';
  if (text.includes('工单编号')) return 'ticket_no';
  if (text.includes('重新查询')) return 'after_status';
  return null;
}

/** The caller's answer to one `collect`: keys (empty = let it time out) or hanging up. */
export type Reply = { digits: string; note: string } | { hangup: true; note: string };

const SEATS: Record<string, string> = {
  '0': '普通话务',
  '1': '涉企专席',
  '2': '方言专席',
  '3': '工单进度查询',
};
export const SURVEY_LABELS: Record<string, string> = { '1': '满意', '2': '基本满意', '3': '不满意' };

/**
 * How a caller of `kind` answers a prompt. `waits` callers of the general kind let the menu time out
 * (no key also goes to an operator, GB/T 33358) instead of pressing 0.
 */
export function replyTo(
  kind: CallerKind,
  prompt: Prompt | null,
  text: string,
  ctx: { waits: boolean; random: () => number; now: number },
): Reply {
  switch (prompt) {
    case 'survey': {
      const key = String(1 + Math.floor(ctx.random() * 3));
      return { digits: key, note: `survey ${key} (${SURVEY_LABELS[key]})` };
    }
    case 'seat_menu': {
      const key =
        kind === 'enterprise'
          ? '1'
          : kind === 'dialect'
            ? '2'
            : kind === 'status'
              ? '3'
              : ctx.waits
                ? ''
                : '0';
      return {
        digits: key,
        note: key ? `menu ${key} (${SEATS[key]})` : 'menu: no key (waits for an operator)',
      };
    }
    case 'busy_offer':
      if (kind === 'callback') return { digits: '1', note: 'all busy: asks for a callback (1)' };
      if (kind === 'hangup-in-queue') return { hangup: true, note: 'all busy: hangs up' };
      return { digits: '2', note: 'all busy: keeps waiting (2)' };
    case 'offline_offer':
      if (kind === 'hangup-in-queue') return { hangup: true, note: 'nobody on duty: hangs up' };
      if (kind === 'callback') return { digits: '1', note: 'nobody on duty: asks for a callback (1)' };
      return { digits: '2', note: 'nobody on duty: leaves a message (2)' };
    case 'ticket_no': {
      const digits = `${compactLocalDate(ctx.now)}${String(1 + Math.floor(ctx.random() * 30)).padStart(6, '0')}`;
      return { digits: `${digits}#`, note: `ticket number PL${digits}` };
    }
    case 'after_status':
      return { hangup: true, note: 'heard the status, hangs up' };
    case null: {
      // A prompt of a flow we do not know: press one of the keys it names, else let it time out.
      const keys = [...text.matchAll(/按([0-9*#])/g)].map((m) => m[1]!);
      const key = keys.length > 0 ? keys[Math.floor(ctx.random() * keys.length)]! : '';
      return { digits: key, note: key ? `presses ${key}` : 'no key' };
    }
  }
}
