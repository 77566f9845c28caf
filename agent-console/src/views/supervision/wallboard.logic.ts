// Pure rules of the wallboard (监控大屏): today's call totals from the metrics, agents by state kept current
// by `agent:state`, calls waiting from `queue:update`, the series of the charts. No Vue, no DOM.
import type { Agent, CallMetrics, DepartmentOverview } from '../../api/supervision.js';

/** Agent states (server/calls/calls.tables.ts AGENT_STATES) in display order, with the words of a call centre. */
export const AGENT_STATES = ['ready', 'busy', 'wrap_up', 'not_ready', 'offline'] as const;
export const AGENT_STATE_LABELS: Record<string, string> = {
  ready: '空闲',
  busy: '通话中',
  wrap_up: '话后整理',
  not_ready: '小休',
  offline: '离线',
};
export const AGENT_STATE_COLORS: Record<string, string> = {
  ready: '#3ddc84',
  busy: '#4aa8ff',
  wrap_up: '#b18cff',
  not_ready: '#ffb547',
  offline: '#6b7686',
};
export const agentStateLabel = (state: string): string => AGENT_STATE_LABELS[state] ?? state;
export const agentStateColor = (state: string): string => AGENT_STATE_COLORS[state] ?? '#8892a0';

export interface TodayTotals {
  offered: number;
  /** Asked for an agent (entered an agent queue): the rates' denominator. */
  queued: number;
  answered: number;
  abandoned: number;
  /** Answered within 15 s of reaching the queue. */
  answered15: number;
  answerRate: number | null;
  within15Rate: number | null;
  longestWaitSec: number | null;
}

const ratio = (n: number, of: number): number | null => (of === 0 ? null : n / of);

/** Today's totals over every line; both rates are of the calls that asked for an agent, as the server's. */
export function todayTotals(metrics: Pick<CallMetrics, 'lines'> | null | undefined): TodayTotals {
  let offered = 0;
  let queued = 0;
  let answered = 0;
  let abandoned = 0;
  let answered15 = 0;
  let longest: number | null = null;
  for (const l of metrics?.lines ?? []) {
    offered += l.offered;
    queued += l.queued;
    answered += l.answered;
    abandoned += l.abandoned;
    answered15 += l.answered15;
    if (l.longestWaitSec !== null) longest = Math.max(longest ?? 0, l.longestWaitSec);
  }
  return {
    offered,
    queued,
    answered,
    abandoned,
    answered15,
    answerRate: ratio(answered, queued),
    within15Rate: ratio(answered15, queued),
    longestWaitSec: longest,
  };
}

/** Calls waiting over every queue of a `queue:update`. */
export function waitingTotal(waiting: Record<string, number> | null | undefined): number {
  let n = 0;
  for (const v of Object.values(waiting ?? {})) if (Number.isFinite(v)) n += v;
  return n;
}

/** Applies an `agent:state` event to the agent list (by agent number); an unknown agent changes nothing. */
export function applyAgentState(
  agents: readonly Agent[],
  e: { agent: string; state: string; at: string },
): { agents: Agent[]; known: boolean } {
  const i = agents.findIndex((a) => a.agentNo === e.agent);
  if (i < 0) return { agents: agents.slice(), known: false };
  const next = agents.slice();
  next[i] = { ...agents[i]!, state: e.state, stateSince: e.at };
  return { agents: next, known: true };
}

/** Agents per state; every known state present (0 when none). */
export function countAgents(agents: readonly Pick<Agent, 'state'>[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(AGENT_STATES.map((s) => [s, 0]));
  for (const a of agents) out[a.state] = (out[a.state] ?? 0) + 1;
  return out;
}

/** Same counts per state (a missing state counts as 0). */
export function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
}

/** Agents signed in (every state but offline). */
export function onDuty(counts: Record<string, number>): number {
  let n = 0;
  for (const [state, c] of Object.entries(counts)) if (state !== 'offline') n += c;
  return n;
}

/** Agents sorted for the tiles: on a call first, then by number. */
export function sortAgents(agents: readonly Agent[]): Agent[] {
  const rank = (s: string) => {
    const i = (AGENT_STATES as readonly string[]).indexOf(s);
    return i < 0 ? AGENT_STATES.length : i;
  };
  const order = (s: string) => (s === 'busy' ? -1 : rank(s));
  return agents
    .slice()
    .sort(
      (a, b) =>
        order(a.state) - order(b.state) || a.agentNo.localeCompare(b.agentNo, 'en', { numeric: true }),
    );
}

/** The department chart: departments with yellow or red tickets, worst first, at most `limit`. */
export function deptChart(departments: readonly DepartmentOverview[], limit = 12) {
  const rows = departments
    .filter((d) => d.yellow > 0 || d.red > 0)
    .slice()
    .sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.departmentId - b.departmentId)
    .slice(0, limit);
  // ECharts draws a category axis bottom-up: the worst goes last so it shows on top.
  rows.reverse();
  return {
    ids: rows.map((d) => d.departmentId),
    names: rows.map((d) => d.name),
    yellow: rows.map((d) => d.yellow),
    red: rows.map((d) => d.red),
  };
}

/**
 * Today's calls per hour over every line: offered and answered, for the hour chart. Hours 0 to `uptoHour`
 * (the hour now), or further when the data has later hours (never hide a call).
 */
export function hourSeries(metrics: Pick<CallMetrics, 'hours'> | null | undefined, uptoHour = 23) {
  let last = Math.max(0, Math.min(23, uptoHour));
  for (const r of metrics?.hours ?? []) if (r.hour > last && r.hour <= 23) last = r.hour;
  const hours = Array.from({ length: last + 1 }, (_, h) => h);
  const offered = hours.map(() => 0);
  const answered = hours.map(() => 0);
  for (const r of metrics?.hours ?? []) {
    if (r.hour < 0 || r.hour > last) continue;
    offered[r.hour]! += r.offered;
    answered[r.hour]! += r.answered;
  }
  return { labels: hours.map((h) => `${String(h).padStart(2, '0')}时`), offered, answered };
}

/** Totals of yellow and red over departments. */
export function lightTotals(departments: readonly DepartmentOverview[]) {
  let yellow = 0;
  let red = 0;
  let open = 0;
  for (const d of departments) {
    yellow += d.yellow;
    red += d.red;
    open += d.open;
  }
  return { yellow, red, open };
}

/** A shape check of the `calls` part of `wallboard:update` (typed `unknown` by the contract). */
export function asCallMetrics(value: unknown): CallMetrics | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<CallMetrics>;
  if (!v.now || typeof v.now !== 'object' || !Array.isArray(v.lines) || !Array.isArray(v.hours)) return null;
  return v as CallMetrics;
}
