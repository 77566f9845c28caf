// Endpoints the dispatch view (派单) uses beyond `ticketsApi`: the deadline policy (the rule in words) and the
// dispatch preview (the exact clocks a dispatch made now gives, computed by the server's working calendar).

import type { DeadlinePolicy } from '../views/dispatch/policy.js';
import type { DispatchPreview } from '../views/dispatch/preview.js';
import { http } from './client.js';

export type { DeadlinePolicy } from '../views/dispatch/policy.js';
export type { DispatchPreview } from '../views/dispatch/preview.js';

export const dispatchApi = {
  /** `GET /api/policy/deadlines`: the rules by urgency and appeal type (every logged-in user may read it). */
  policy: (signal?: AbortSignal) => http.get<DeadlinePolicy>('/api/policy/deadlines', undefined, signal),
  /** `GET /api/tickets/{no}/dispatch-preview` (dispatcher, supervisor, admin): the clocks of a dispatch made now. */
  preview: (no: string, signal?: AbortSignal) =>
    http.get<DispatchPreview>(`/api/tickets/${encodeURIComponent(no)}/dispatch-preview`, undefined, signal),
};

let cached: { at: number; policy: Promise<DeadlinePolicy> } | null = null;
/** The deadline policy, read at most once a minute: every ticket shown with the dispatcher's buttons needs it. */
export function loadPolicy(now: number = Date.now()): Promise<DeadlinePolicy> {
  if (!cached || now - cached.at > 60_000) {
    const policy = dispatchApi.policy();
    const entry = { at: now, policy };
    cached = entry;
    // A failed read is not kept: the next ticket asks again.
    policy.catch(() => {
      if (cached === entry) cached = null;
    });
  }
  return cached.policy;
}
