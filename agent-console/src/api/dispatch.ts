// Endpoints the dispatch view (派单) uses beyond `ticketsApi`: the deadline policy, for the dispatch preview.
import type { DeadlinePolicy } from '../views/dispatch/policy.js';
import { http } from './client.js';

export type { DeadlinePolicy } from '../views/dispatch/policy.js';

export const dispatchApi = {
  /** `GET /api/policy/deadlines`: the rules by urgency and appeal type (every logged-in user may read it). */
  policy: (signal?: AbortSignal) => http.get<DeadlinePolicy>('/api/policy/deadlines', undefined, signal),
};
