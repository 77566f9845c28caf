/**
 * The ticket state machine: one pure table saying, for every action, who may take it,
 * from which ticket states, and where it leads. No I/O; the service asks it before every write.
 */

export const TICKET_STATUSES = [
  'registered',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'return_requested',
  'replied',
  'pending_revisit',
  'awaiting_upstream',
  'closed',
  'merged',
  'cancelled',
  'returned_upstream',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const OPEN_STATUSES: readonly TicketStatus[] = [
  'registered',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'return_requested',
  'replied',
  'pending_revisit',
  'awaiting_upstream',
];

export const APPEAL_TYPES = ['consult', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];
export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];
export const ASSIGNMENT_ROLES = ['lead', 'assist'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export const ASSIGNMENT_STATUSES = [
  'pending_sign',
  'in_progress',
  'return_requested',
  'replied',
  'returned',
  'closed',
  'cancelled',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Actions a user takes through `POST /api/tickets/{no}/actions/{action}`. */
export const USER_ACTIONS = [
  'answer',
  'submit',
  'reject',
  'dispatch',
  'accept',
  'return_upstream',
  'sign',
  'request_return',
  'approve_return',
  'deny_return',
  'pass_down',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'reply',
  'approve_reply',
  'reject_reply',
  'revisit',
  'report_progress',
  'urge',
  'supervise',
  'caller_urge',
  'merge',
] as const;
/**
 * Actions only the Yantai platform takes: its notices, and `retransfer`, an order it sends again after we
 * returned it (退单不成立) or after it recalled it.
 */
export const UPSTREAM_ACTIONS = ['close', 'rework', 'recall', 'retransfer'] as const;
export const ACTIONS = [...USER_ACTIONS, ...UPSTREAM_ACTIONS] as const;
export type Action = (typeof ACTIONS)[number];

export type ActorKind = 'operator' | 'dispatcher' | 'handler' | 'supervisor' | 'admin' | 'upstream';
/** How a handler's department stands to the ticket: its lead, an assisting one, a village it was passed down to. */
export type Relation = 'lead' | 'assist' | 'child' | 'none';

export interface Actor {
  kind: ActorKind;
  relation: Relation;
  /**
   * The status of the actor department's own assignment, for handlers; with relation `none`, that of the part it
   * had (`returned`, `cancelled`), if any.
   */
  assignmentStatus?: AssignmentStatus | undefined;
  /** Whether the actor's department is a town or street (it may pass down to its villages). */
  isTown?: boolean;
}

export interface Subject {
  status: TicketStatus;
  /** An order transferred down from Yantai (has an upstream orderNo). */
  upstream: boolean;
  /** Where a denied return goes back to. */
  statusBeforeReturn?: TicketStatus | null;
  /** An order a dispatcher has already accepted (签收) for Penglai: it is accepted once. */
  accepted?: boolean;
}

/** Facts from the action's input that choose between outcomes. */
export interface Facts {
  /** A direct answer sampled for a revisit. */
  sampled?: boolean;
  /** Revisit outcome: the caller was not satisfied (重办). */
  unsatisfied?: boolean;
  /** Revisit attempt: the caller could not be reached (try again later). */
  unreached?: boolean;
  /**
   * Revisit attempt: unreached, and it is the last the policy allows (`revisitAttempts`): the revisit has failed
   * (回访不成功, 无法联系) and the ticket closes without a satisfaction.
   */
  lastAttempt?: boolean;
  /** No department has the ticket (a direct answer, 直办): an unsatisfied caller's ticket goes to dispatch. */
  noLead?: boolean;
}

export type Decision =
  | { ok: true; to: TicketStatus; scope: 'ticket' | 'assignment' }
  | { ok: false; code: 'forbidden' | 'conflict'; reason: string };

type Who = ActorKind | 'lead' | 'assist' | 'child' | 'town';

interface Rule {
  from: readonly TicketStatus[] | 'open';
  who: readonly Who[];
  to: TicketStatus | 'same' | ((s: Subject, f: Facts) => TicketStatus);
  upstreamOnly?: boolean;
  /** Not for an order from Yantai: it would end the order without a word to Yantai. */
  localOnly?: boolean;
}

const HANDLING: readonly TicketStatus[] = ['dispatched', 'in_progress', 'return_requested', 'replied'];
/** The `who` entries that name a department's relation to the ticket. */
const HANDLER_WHO: readonly Who[] = ['lead', 'assist', 'child', 'town'];

/** The table. `who` names roles, or handler relations (lead, assist, child) and `town`. */
export const RULES: Record<Action, Rule> = {
  answer: {
    from: ['registered'],
    who: ['operator'],
    to: (_s, f) => (f.sampled ? 'pending_revisit' : 'closed'),
  },
  submit: { from: ['registered'], who: ['operator'], to: 'pending_dispatch' },
  reject: { from: ['registered'], who: ['operator'], to: 'closed' },
  dispatch: { from: ['pending_dispatch'], who: ['dispatcher'], to: 'dispatched' },
  accept: { from: ['pending_dispatch'], who: ['dispatcher'], to: 'same', upstreamOnly: true },
  return_upstream: {
    from: ['pending_dispatch'],
    who: ['dispatcher'],
    to: 'returned_upstream',
    upstreamOnly: true,
  },
  sign: { from: ['dispatched'], who: ['lead'], to: 'in_progress' },
  request_return: { from: ['dispatched', 'in_progress'], who: ['lead'], to: 'return_requested' },
  approve_return: { from: ['return_requested'], who: ['dispatcher', 'supervisor'], to: 'pending_dispatch' },
  deny_return: {
    from: ['return_requested'],
    who: ['dispatcher', 'supervisor'],
    to: (s) => s.statusBeforeReturn ?? 'in_progress',
  },
  pass_down: { from: ['in_progress'], who: ['town'], to: 'same' },
  request_extension: { from: ['in_progress'], who: ['lead'], to: 'same' },
  approve_extension: { from: ['in_progress'], who: ['supervisor'], to: 'same' },
  deny_extension: { from: ['in_progress'], who: ['supervisor'], to: 'same' },
  reply: { from: ['in_progress'], who: ['lead'], to: 'replied' },
  approve_reply: {
    from: ['replied'],
    who: ['supervisor'],
    to: (s) => (s.upstream ? 'awaiting_upstream' : 'pending_revisit'),
  },
  reject_reply: { from: ['replied'], who: ['supervisor'], to: 'in_progress' },
  revisit: {
    from: ['pending_revisit'],
    who: ['supervisor'],
    to: (_s, f) =>
      f.unreached
        ? f.lastAttempt
          ? 'closed'
          : 'pending_revisit'
        : f.unsatisfied
          ? f.noLead
            ? 'pending_dispatch'
            : 'in_progress'
          : 'closed',
  },
  report_progress: { from: ['in_progress'], who: ['lead'], to: 'same', upstreamOnly: true },
  urge: { from: 'open', who: ['supervisor', 'upstream'], to: 'same' },
  supervise: { from: 'open', who: ['supervisor', 'upstream'], to: 'same' },
  // 市民来电催办: the caller rings again about an open ticket; the operator records it on that ticket.
  caller_urge: { from: 'open', who: ['operator'], to: 'same' },
  merge: { from: 'open', who: ['dispatcher', 'supervisor'], to: 'merged', localOnly: true },
  close: { from: ['awaiting_upstream'], who: ['upstream'], to: 'closed', upstreamOnly: true },
  rework: { from: ['awaiting_upstream', 'closed'], who: ['upstream'], to: 'in_progress', upstreamOnly: true },
  recall: { from: 'open', who: ['upstream'], to: 'cancelled', upstreamOnly: true },
  retransfer: {
    from: ['returned_upstream', 'cancelled'],
    who: ['upstream'],
    to: 'pending_dispatch',
    upstreamOnly: true,
  },
};

/**
 * Assignment-level actions an assisting department or a village takes on its own assignment
 * without moving the ticket: sign it, reply to it (the lead or the town answers for the ticket).
 */
const OWN_ASSIGNMENT: Partial<
  Record<Action, { assignment: AssignmentStatus; relations?: readonly Relation[]; town?: boolean }>
> = {
  sign: { assignment: 'pending_sign' },
  reply: { assignment: 'in_progress' },
  // An assisting town passes its own part down once it has signed it, whatever the lead has done so far (it may
  // reply then too); a town that leads passes down once the ticket is in progress (RULES).
  pass_down: { assignment: 'in_progress', relations: ['assist'], town: true },
};

const STATUS_ZH: Record<TicketStatus, string> = {
  registered: '已登记',
  pending_dispatch: '待派单',
  dispatched: '待签收',
  in_progress: '办理中',
  return_requested: '退单审核中',
  replied: '已回复待审核',
  pending_revisit: '待回访',
  awaiting_upstream: '待市平台办结',
  closed: '已办结',
  merged: '已并单',
  cancelled: '已撤销',
  returned_upstream: '已退回市平台',
};

/** Chinese label of a ticket status, for messages and the console. */
export const statusLabel = (s: TicketStatus): string => STATUS_ZH[s];

const ASSIGNMENT_STATUS_ZH: Record<AssignmentStatus, string> = {
  pending_sign: '待签收',
  in_progress: '办理中',
  return_requested: '退单审核中',
  replied: '已回复',
  returned: '已退单',
  closed: '已办结',
  cancelled: '已取消',
};

function actorMatches(who: readonly Who[], actor: Actor): boolean {
  if (actor.kind !== 'handler') return who.includes(actor.kind);
  if (who.includes('town') && actor.isTown && (actor.relation === 'lead' || actor.relation === 'assist')) {
    return true;
  }
  return actor.relation !== 'none' && who.includes(actor.relation);
}

/** Decides whether `actor` may take `action` on `subject` now, and where it leads. */
export function decide(subject: Subject, action: Action, actor: Actor, facts: Facts = {}): Decision {
  const rule = RULES[action];
  const own = OWN_ASSIGNMENT[action];
  const ownScope =
    own &&
    actor.kind === 'handler' &&
    (own.relations ?? (['assist', 'child'] as const)).includes(actor.relation) &&
    (!own.town || actor.isTown === true);

  const openStatus = (OPEN_STATUSES as readonly TicketStatus[]).includes(subject.status);
  if (!ownScope && !actorMatches(rule.who, actor)) {
    // A department that can still read a ticket that has ended (merged, closed, recalled), or whose own part
    // has ended (it returned the ticket, or its assist was cancelled when the lead's return was approved),
    // learns why nothing can be done on it, not that it lacks the right.
    if (actor.kind === 'handler' && rule.who.some((w) => HANDLER_WHO.includes(w))) {
      if (!openStatus) {
        return {
          ok: false,
          code: 'conflict',
          reason: `工单当前状态为「${statusLabel(subject.status)}」，不能执行此操作`,
        };
      }
      if (
        actor.relation === 'none' &&
        (actor.assignmentStatus === 'cancelled' || actor.assignmentStatus === 'returned')
      ) {
        return {
          ok: false,
          code: 'conflict',
          reason: `本单位承办记录当前状态为「${ASSIGNMENT_STATUS_ZH[actor.assignmentStatus]}」，不能执行此操作`,
        };
      }
    }
    return { ok: false, code: 'forbidden', reason: `当前用户无权执行「${action}」` };
  }
  if (ownScope && own) {
    if (!openStatus || !HANDLING.includes(subject.status)) {
      return {
        ok: false,
        code: 'conflict',
        reason: `工单当前状态为「${statusLabel(subject.status)}」，不能执行此操作`,
      };
    }
    if (actor.assignmentStatus !== own.assignment) {
      return {
        ok: false,
        code: 'conflict',
        reason: `本单位承办记录当前状态为「${actor.assignmentStatus ? ASSIGNMENT_STATUS_ZH[actor.assignmentStatus] : '无'}」，不能执行此操作`,
      };
    }
    return { ok: true, to: subject.status, scope: 'assignment' };
  }
  if (rule.upstreamOnly && !subject.upstream) {
    return { ok: false, code: 'conflict', reason: '仅适用于市平台转办的工单' };
  }
  if (rule.localOnly && subject.upstream) {
    return { ok: false, code: 'conflict', reason: '市平台转办的工单不能并单：请办理后反馈，或退回市平台' };
  }
  if (action === 'accept' && subject.accepted) {
    return { ok: false, code: 'conflict', reason: '该工单已签收' };
  }
  const allowed = rule.from === 'open' ? openStatus : rule.from.includes(subject.status);
  if (!allowed) {
    return {
      ok: false,
      code: 'conflict',
      reason: `工单当前状态为「${statusLabel(subject.status)}」，不能执行此操作`,
    };
  }
  const to =
    rule.to === 'same' ? subject.status : typeof rule.to === 'function' ? rule.to(subject, facts) : rule.to;
  return { ok: true, to, scope: 'ticket' };
}
