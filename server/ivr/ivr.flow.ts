import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { StringEnum } from '../core/http.js';

/** Answers of the post-call survey (1 满意, 2 基本满意, 3 不满意). */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** The flow the server runs when the agent leaves and the caller is still on the line. */
export const SURVEY_FLOW_ID = 'survey';

/** The legacy line merged into 12345, and the three ways it is merged (one flow file each). */
export const LEGACY_LINE = '89000';
export const MERGE_MODES = ['parallel', 'forward', 'end'] as const;
export type MergeMode = (typeof MERGE_MODES)[number];

/** The `lineFlows` option that makes the legacy 89000 line run the flow of `mode` (`89000-<mode>.json`). */
export function mergeModeLineFlows(mode: MergeMode): Record<string, string> {
  return { [LEGACY_LINE]: `${LEGACY_LINE}-${mode}` };
}

/**
 * A dialled hotline line (受理线路: 12345, 89000…) as the flows list them: digits only, 3 to 20. The ticket list's
 * `line=` filter, a ticket's `line`, 热线号码's `PUT /api/ivr/lines/{line}` and the calls simulator take the same.
 */
export const LINE_PATTERN = '^[0-9]{3,20}$';

const Id = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
const Target = Type.String({ minLength: 1, maxLength: 64 });
const Prompt = Type.String({ minLength: 1, maxLength: 500 });
const TimeoutSec = Type.Integer({ minimum: 1, maximum: 60 });
const Retries = Type.Integer({ minimum: 0, maximum: 5 });
const Note = Type.Optional(Type.String({ maxLength: 500 }));
const node = <P extends Record<string, TSchema>>(props: P) =>
  Type.Object(props, { additionalProperties: false });

/** One schema per node type; a node file entry must match the schema its `type` names. */
export const NODE_SCHEMAS = {
  menu: node({
    type: Type.Literal('menu'),
    note: Note,
    prompt: Prompt,
    options: Type.Record(Type.String({ pattern: '^[0-9*#]$' }), Target, {
      minProperties: 1,
      additionalProperties: false,
    }),
    timeout: Target,
    invalid: Target,
    retries: Retries,
    timeoutSec: Type.Optional(TimeoutSec),
    timeoutText: Type.Optional(Prompt),
    invalidText: Type.Optional(Prompt),
  }),
  collect: node({
    type: Type.Literal('collect'),
    note: Note,
    prompt: Prompt,
    maxDigits: Type.Integer({ minimum: 1, maximum: 32 }),
    terminator: Type.Optional(StringEnum(['#', '*', ''])),
    timeoutSec: Type.Optional(TimeoutSec),
    retries: Type.Optional(Retries),
    timeout: Type.Optional(Target),
    next: Target,
  }),
  play: node({ type: Type.Literal('play'), note: Note, text: Prompt, next: Target }),
  queue: node({
    type: Type.Literal('queue'),
    note: Note,
    queue: Id,
    text: Type.Optional(Prompt),
    maxWaitSec: Type.Integer({ minimum: 5, maximum: 3600 }),
    overflow: Target,
    noAgents: Type.Optional(Target),
  }),
  forward: node({
    type: Type.Literal('forward'),
    note: Note,
    to: Type.String({ pattern: '^\\+?[0-9*#-]{3,32}$' }),
    text: Type.Optional(Prompt),
  }),
  voicemail: node({ type: Type.Literal('voicemail'), note: Note, text: Type.Optional(Prompt) }),
  schedule: node({ type: Type.Literal('schedule'), note: Note, open: Target, closed: Target }),
  ticket_status: node({
    type: Type.Literal('ticket_status'),
    note: Note,
    source: Target,
    prefix: Type.Optional(Type.String({ pattern: '^[A-Z]{0,8}$' })),
    foundText: Prompt,
    notFoundText: Prompt,
    next: Target,
    notFound: Type.Optional(Target),
  }),
  callback: node({
    type: Type.Literal('callback'),
    note: Note,
    reason: Type.String({ minLength: 1, maxLength: 64 }),
    text: Type.Optional(Prompt),
    next: Target,
    /**
     * A caller whose number is withheld cannot be called back: no task is made, `withheldText` is played (a
     * default says so), and the call goes to `withheld` (a voicemail, say) or else to `next`.
     */
    withheldText: Type.Optional(Prompt),
    withheld: Type.Optional(Target),
  }),
  survey_result: node({
    type: Type.Literal('survey_result'),
    note: Note,
    satisfaction: Type.Union([StringEnum(SATISFACTIONS), Type.Null()]),
    next: Target,
  }),
  hangup: node({ type: Type.Literal('hangup'), note: Note, text: Type.Optional(Prompt) }),
};

export type IvrNodeType = keyof typeof NODE_SCHEMAS;
export const NODE_TYPES = Object.keys(NODE_SCHEMAS) as IvrNodeType[];
/** The node of a given type, e.g. `IvrNodeOf<'menu'>`. */
export type IvrNodeOf<K extends IvrNodeType> = Static<(typeof NODE_SCHEMAS)[K]>;
export type IvrNode = { [K in IvrNodeType]: IvrNodeOf<K> }[IvrNodeType];

/** Nodes that wait for the caller or the ACD; every loop in a flow must pass through one. */
export const INPUT_NODE_TYPES: readonly IvrNodeType[] = ['menu', 'collect', 'queue'];

const flowProps = {
  id: Id,
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  lines: Type.Array(Type.String({ pattern: LINE_PATTERN }), { uniqueItems: true, maxItems: 20 }),
  start: Target,
};
const nodesOptions = { minProperties: 1, additionalProperties: false } as const;

/** A whole flow file: `{id, lines, start, nodes}`. */
export const IvrFlowSchema = Type.Object(
  {
    ...flowProps,
    nodes: Type.Record(
      Id,
      Type.Union([
        NODE_SCHEMAS.menu,
        NODE_SCHEMAS.collect,
        NODE_SCHEMAS.play,
        NODE_SCHEMAS.queue,
        NODE_SCHEMAS.forward,
        NODE_SCHEMAS.voicemail,
        NODE_SCHEMAS.schedule,
        NODE_SCHEMAS.ticket_status,
        NODE_SCHEMAS.callback,
        NODE_SCHEMAS.survey_result,
        NODE_SCHEMAS.hangup,
      ]),
      nodesOptions,
    ),
  },
  { additionalProperties: false },
);
export type IvrFlow = Static<typeof IvrFlowSchema>;

// Checked in two passes so a bad node is reported against its own type's schema, not as "no union member".
const shellCheck = TypeCompiler.Compile(
  Type.Object(
    { ...flowProps, nodes: Type.Record(Id, Type.Object({ type: Type.String() }), nodesOptions) },
    { additionalProperties: false },
  ),
);
const nodeChecks = Object.fromEntries(
  NODE_TYPES.map((t) => [t, TypeCompiler.Compile(NODE_SCHEMAS[t] as TSchema)]),
) as Record<IvrNodeType, ReturnType<typeof TypeCompiler.Compile>>;

/** A flow file or the line configuration is unusable; the message names the file and node. */
export class IvrFlowError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly node?: string,
  ) {
    super(message);
    this.name = 'IvrFlowError';
  }
}

function fail(file: string, node: string | undefined, what: string): never {
  throw new IvrFlowError(
    node === undefined ? `${file}: ${what}` : `${file}: node "${node}": ${what}`,
    file,
    node,
  );
}

/** Every exit of a node as `[field, target]`. */
export function targetsOf(n: IvrNode): Array<[string, string]> {
  const out: Array<[string, string | undefined]> = [];
  switch (n.type) {
    case 'menu':
      for (const [key, t] of Object.entries(n.options)) out.push([`options.${key}`, t]);
      out.push(['timeout', n.timeout], ['invalid', n.invalid]);
      break;
    case 'collect':
      out.push(['next', n.next], ['timeout', n.timeout]);
      break;
    case 'queue':
      out.push(['overflow', n.overflow], ['noAgents', n.noAgents]);
      break;
    case 'schedule':
      out.push(['open', n.open], ['closed', n.closed]);
      break;
    case 'ticket_status':
      out.push(['next', n.next], ['notFound', n.notFound]);
      break;
    case 'callback':
      out.push(['next', n.next], ['withheld', n.withheld]);
      break;
    case 'play':
    case 'survey_result':
      out.push(['next', n.next]);
      break;
    case 'forward':
    case 'voicemail':
    case 'hangup':
      break;
  }
  return out.filter((e): e is [string, string] => e[1] !== undefined);
}

/** Checks one parsed flow file against the schema and as a graph; `file` labels the errors. */
export function validateFlow(raw: unknown, file: string): IvrFlow {
  const shellError = shellCheck.Errors(raw).First();
  if (shellError) {
    const m = /^\/nodes\/([^/]+)/.exec(shellError.path);
    fail(file, m?.[1], `${shellError.path || '/'}: ${shellError.message}`);
  }
  const nodes = (raw as { nodes: Record<string, { type: string }> }).nodes;
  for (const [id, n] of Object.entries(nodes)) {
    const check = NODE_TYPES.includes(n.type as IvrNodeType) ? nodeChecks[n.type as IvrNodeType] : undefined;
    if (!check)
      fail(file, id, `/nodes/${id}/type: unknown node type "${n.type}" (one of ${NODE_TYPES.join(', ')})`);
    const error = check?.Errors(n).First();
    if (error) fail(file, id, `/nodes/${id}${error.path}: ${error.message}`);
  }
  const flow = raw as IvrFlow;
  checkGraph(flow, file);
  return flow;
}

function checkGraph(flow: IvrFlow, file: string): void {
  const { nodes } = flow;
  if (!nodes[flow.start]) fail(file, undefined, `start: target "${flow.start}" does not exist`);
  for (const [id, n] of Object.entries(nodes)) {
    for (const [field, t] of targetsOf(n)) {
      if (!nodes[t]) fail(file, id, `target "${t}" does not exist (${field})`);
    }
    if (n.type === 'ticket_status' && nodes[n.source]?.type !== 'collect') {
      fail(file, id, `source "${n.source}" is not a collect node`);
    }
  }

  // A loop through nodes that never wait would spin forever inside one step.
  const silent = (id: string) => !INPUT_NODE_TYPES.includes(nodes[id]!.type);
  const state = new Map<string, 'open' | 'closed'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const [, t] of targetsOf(nodes[id]!)) {
      if (!silent(t)) continue;
      if (state.get(t) === 'open') {
        const loop = [...stack.slice(stack.indexOf(t)), t];
        fail(file, t, `loop without input: ${loop.join(' → ')}`);
      }
      if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(id, 'closed');
  };
  for (const id of Object.keys(nodes)) if (silent(id) && !state.has(id)) visit(id);

  const reached = new Set([flow.start]);
  const todo = [flow.start];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    for (const [, t] of targetsOf(nodes[id]!)) {
      if (reached.has(t)) continue;
      reached.add(t);
      todo.push(t);
    }
  }
  for (const id of Object.keys(nodes)) {
    if (!reached.has(id)) fail(file, id, `not reachable from start "${flow.start}"`);
  }
}

/** How configuration shapes the loaded flows. */
export interface LoadFlowsOptions {
  /**
   * Dialled line → flow id, for a line that several flows list (the 89000 merge modes);
   * the chosen flow must list the line. See `mergeModeLineFlows`.
   */
  lineFlows?: Record<string, string>;
  /** Queue name → longest wait in seconds before `queue_overflow`, overriding the flows' `maxWaitSec`. */
  queueMaxWaitSec?: Record<string, number>;
}

/** The checked flows: by id, by dialled line, and the file each came from. */
export interface FlowSet {
  flows: ReadonlyMap<string, IvrFlow>;
  byLine: ReadonlyMap<string, IvrFlow>;
  files: ReadonlyMap<string, string>;
}

/** Every queue the flows send callers to, sorted: the skills an agent can have. */
export function queuesOf(set: FlowSet): string[] {
  const queues = new Set<string>();
  for (const flow of set.flows.values())
    for (const node of Object.values(flow.nodes)) if (node.type === 'queue') queues.add(node.queue);
  return [...queues].sort();
}

/** Reads and checks every `*.json` in `dir`; throws `IvrFlowError` on the first problem. */
export function loadFlows(dir: string, options: LoadFlowsOptions = {}): FlowSet {
  const label = basename(dir);
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (names.length === 0) throw new IvrFlowError(`${label}: no flow files (*.json)`);

  const flows = new Map<string, IvrFlow>();
  const files = new Map<string, string>();
  const servers = new Map<string, string[]>();
  for (const name of names) {
    const file = `${label}/${name}`;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (err) {
      fail(file, undefined, `not valid JSON: ${(err as Error).message}`);
    }
    const flow = applyWaits(validateFlow(raw, file), options.queueMaxWaitSec);
    const twin = files.get(flow.id);
    if (twin) fail(file, undefined, `flow id "${flow.id}" is already used by ${twin}`);
    flows.set(flow.id, flow);
    files.set(flow.id, file);
    for (const line of flow.lines) servers.set(line, [...(servers.get(line) ?? []), flow.id]);
  }

  const picks = options.lineFlows ?? {};
  for (const [line, id] of Object.entries(picks)) {
    const flow = flows.get(id);
    if (!flow)
      throw new IvrFlowError(`${label}: line "${line}" is configured to flow "${id}", which does not exist`);
    if (!flow.lines.includes(line)) {
      fail(files.get(id)!, undefined, `line "${line}" is configured to flow "${id}", which does not list it`);
    }
  }
  const byLine = new Map<string, IvrFlow>();
  for (const [line, ids] of servers) {
    const id = picks[line] ?? (ids.length === 1 ? ids[0] : undefined);
    if (id === undefined) {
      throw new IvrFlowError(
        `${label}: line "${line}" is served by ${ids.map((i) => files.get(i)).join(', ')}; configuration must pick one (lineFlows)`,
      );
    }
    byLine.set(line, flows.get(id)!);
  }
  return { flows, byLine, files };
}

function applyWaits(flow: IvrFlow, waits: Record<string, number> | undefined): IvrFlow {
  if (!waits) return flow;
  for (const [queue, sec] of Object.entries(waits)) {
    if (!Number.isInteger(sec) || sec < 5 || sec > 3600) {
      throw new IvrFlowError(`queueMaxWaitSec.${queue}: must be an integer from 5 to 3600 (got ${sec})`);
    }
  }
  const nodes: IvrFlow['nodes'] = {};
  for (const [id, n] of Object.entries(flow.nodes)) {
    const sec = n.type === 'queue' ? waits[n.queue] : undefined;
    nodes[id] = n.type === 'queue' && sec !== undefined ? { ...n, maxWaitSec: sec } : n;
  }
  return { ...flow, nodes };
}
