// Endpoints of the department inbox (承办) beyond the shared ones: the department's 督办单 and its answers.
import type { SupervisionItem } from '../views/inbox/inbox.js';
import { http } from './client.js';

export type { SupervisionItem } from '../views/inbox/inbox.js';

export const inboxApi = {
  /** `GET /api/supervision/items`: a department sees only its own 督办单. */
  supervisionItems: (status?: 'open' | 'answered', signal?: AbortSignal) =>
    http.get<SupervisionItem[]>('/api/supervision/items', status ? { status } : undefined, signal),
  /** `POST /api/supervision/items/{id}/respond` (承办单位答复督办单). */
  respond: (id: number, response: string) =>
    http.post<SupervisionItem>(`/api/supervision/items/${id}/respond`, { response }),
};
