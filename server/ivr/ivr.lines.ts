import { eq } from 'drizzle-orm';
import type { AuthUser } from '../auth/auth.service.js';
import { type Clock, toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { AppError, badRequest } from '../core/errors.js';
import { settings } from '../sla/sla.tables.js';
import type { FlowSet, IvrFlow } from './ivr.flow.js';

/** Where an admin's choices of flow per line are kept (`settings`), across restarts. */
export const LINE_CHOICES_KEY = 'ivr.lines';

/** An admin's choice for one line. */
interface Choice {
  flowId: string;
  by: string;
  at: number;
}

/**
 * Which flow answers each dialled line (热线号码). A line listed by one flow is that flow's. A line listed by
 * several (89000 in its three merge modes) is the configuration's pick (IVR_89000_MODE) until an admin chooses
 * another of them here; the choice is kept in `settings` and wins over the configuration from then on, also after
 * a restart. A stored choice that no longer names a flow of the line (the file was removed) is ignored. A change
 * applies to calls offered after it: a call in the IVR keeps the flow it started in.
 */
export function createLineRegistry(deps: { db: Db; clock: Clock; flows: FlowSet }) {
  const { db, clock, flows } = deps;
  /** Every flow that lists a line, by line, in file order. */
  const candidates = new Map<string, IvrFlow[]>();
  for (const flow of flows.flows.values()) {
    for (const line of flow.lines) candidates.set(line, [...(candidates.get(line) ?? []), flow]);
  }

  const readChoices = (): Record<string, Choice> => {
    const row = db.select().from(settings).where(eq(settings.key, LINE_CHOICES_KEY)).get();
    return (row?.value as Record<string, Choice> | undefined) ?? {};
  };
  let choices = readChoices();
  const current = new Map<string, IvrFlow>(flows.byLine);
  for (const [line, c] of Object.entries(choices)) {
    const flow = candidates.get(line)?.find((f) => f.id === c.flowId);
    if (flow) current.set(line, flow);
  }

  const view = (line: string) => {
    const flow = current.get(line)!;
    const chosen = choices[line]?.flowId === flow.id ? choices[line] : undefined;
    return {
      line,
      flowId: flow.id,
      description: flow.description ?? null,
      file: flows.files.get(flow.id) ?? null,
      choices: (candidates.get(line) ?? []).map((f) => ({
        flowId: f.id,
        description: f.description ?? null,
      })),
      chosenBy: chosen?.by ?? null,
      chosenAt: chosen ? toIso(chosen.at) : null,
    };
  };

  return {
    /** The flow answering `line` now, or undefined for a line no flow lists. */
    flowFor: (line: string): IvrFlow | undefined => current.get(line),

    /** Every line, sorted, with its flow and the flows it could have. */
    list: () => [...current.keys()].sort().map(view),

    /** Makes `flowId` answer `line` from the next call on (admins). 404 for a line no flow lists. */
    choose(user: AuthUser, line: string, flowId: string) {
      const options = candidates.get(line);
      if (!options) throw new AppError(404, 'NOT_FOUND', `热线号码 ${line} 不存在`);
      const flow = options.find((f) => f.id === flowId);
      if (!flow) {
        throw badRequest('flowId', `号码 ${line} 只能由这些流程接听：${options.map((f) => f.id).join('、')}`);
      }
      const at = clock.now();
      const next = { ...readChoices(), [line]: { flowId, by: user.displayName, at } };
      db.insert(settings)
        .values({ key: LINE_CHOICES_KEY, value: next, updatedAt: at })
        .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: at } })
        .run();
      choices = next;
      current.set(line, flow);
      return view(line);
    },
  };
}

export type LineRegistry = ReturnType<typeof createLineRegistry>;
export type LineView = ReturnType<LineRegistry['list']>[number];
