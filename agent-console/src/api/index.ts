// Typed endpoints the shared parts of the console use. A view with endpoints of its own (supervision,
// calls, policy, calendar…) adds them in its own file `src/api/<area>.ts` over `http`, like these.
import { http, request } from './client.js';
import type {
  ActionBodies,
  Category,
  Department,
  LoginResult,
  RegisterInput,
  Ticket,
  TicketAction,
  TicketPage,
  TicketQuery,
  User,
  UserRecord,
} from './types.js';

export { getToken, http, onUnauthorized, request, setToken } from './client.js';
export { ApiError, errorMessage } from './errors.js';
export type * from './types.js';

export const authApi = {
  login: (username: string, password: string) =>
    request<LoginResult>('POST', '/api/auth/login', { body: { username, password }, login: true }),
  me: () => http.get<User>('/api/auth/me'),
  logout: () => http.post<void>('/api/auth/logout'),
};

export const ticketsApi = {
  /** `GET /api/tickets`: a department sees only its own tickets. */
  list: (query: TicketQuery = {}, signal?: AbortSignal) =>
    http.get<TicketPage>('/api/tickets', { ...query }, signal),
  /** `GET /api/tickets/{no}`: assignments, linked calls and the full history. */
  get: (no: string, signal?: AbortSignal) =>
    http.get<Ticket>(`/api/tickets/${encodeURIComponent(no)}`, undefined, signal),
  register: (input: RegisterInput) => http.post<Ticket>('/api/tickets', input),
  /** `POST /api/tickets/{no}/caller-phone` (查看号码): a department's read is recorded in the history. */
  revealPhone: (no: string) =>
    http.post<{ phone: string }>(`/api/tickets/${encodeURIComponent(no)}/caller-phone`, {}),
  /** `POST /api/tickets/{no}/actions/{action}`; answers the ticket as it is after the action. */
  act: <A extends TicketAction>(no: string, action: A, body: ActionBodies[A]) =>
    http.post<Ticket>(`/api/tickets/${encodeURIComponent(no)}/actions/${action}`, body),
};

export const directoryApi = {
  departments: () => http.get<Department[]>('/api/departments'),
  categories: () => http.get<Category[]>('/api/categories'),
  users: () => http.get<UserRecord[]>('/api/users'),
};
