// Endpoints of the admin view (系统管理): departments, categories and users (server/directory/directory.routes.ts),
// the deadline policy and working calendar (server/sla/sla.routes.ts), and agents (server/calls/calls.routes.ts).
import { http } from './client.js';
import type {
  AppealType,
  Category,
  Department,
  DepartmentLevel,
  Role,
  Urgency,
  UserRecord,
} from './types.js';

export interface DepartmentInput {
  code: string;
  name: string;
  level: DepartmentLevel;
  parentId?: number | null;
}
export type DepartmentPatch = Partial<DepartmentInput> & { disabled?: boolean };

export interface CategoryInput {
  code: string;
  name: string;
  parentId?: number | null;
}
export type CategoryPatch = Partial<CategoryInput> & { disabled?: boolean };

export interface UserInput {
  username: string;
  displayName: string;
  role: Role;
  departmentId?: number | null;
  password: string;
}
/** `PATCH /api/users/{id}`: `password` resets it, `disabled: true` ends the user's sessions at once. */
export interface UserPatch {
  displayName?: string;
  role?: Role;
  departmentId?: number | null;
  password?: string;
  disabled?: boolean;
}

export type ClockUnit = 'minutes' | 'hours' | 'working_hours' | 'working_days';
export interface ClockSpec {
  unit: ClockUnit;
  amount: number;
}
export interface DeadlineRule {
  urgency: Urgency;
  /** null: every appeal type without a rule of its own. */
  appealType: AppealType | null;
  sign: ClockSpec;
  handle: ClockSpec;
  returnWindow: ClockSpec;
  extensionCapDays: number;
  revisit: ClockSpec;
}
/** `GET/PUT /api/policy/deadlines` */
export interface DeadlinePolicy {
  rules: DeadlineRule[];
  directAnswerRevisitEvery: number;
  upstreamMarginMinutes: number;
  /** Unreached revisit attempts before the ticket closes as 回访不成功; 0: no limit. */
  revisitAttempts: number;
}

/** `GET/PUT /api/calendar/hours`: the working periods of a working day (`08:30`–`12:00`, …). */
export type WorkingHours = { start: string; end: string }[];

/** One day of `GET /api/calendar/days`. */
export interface CalendarDay {
  date: string;
  work: boolean;
  /** `weekday`: a year without the official schedule yet, counted Monday–Friday until overridden. */
  source: 'official' | 'override' | 'weekday';
  note: string | null;
}

/** `GET /api/ivr/lines`: 热线号码, the flow answering each line and the flows it could have. */
export interface IvrLine {
  line: string;
  flowId: string;
  description: string | null;
  file: string | null;
  choices: { flowId: string; description: string | null }[];
  /** Who chose this flow (null: the configuration's default). */
  chosenBy: string | null;
  chosenAt: string | null;
}

/** `GET /api/agents` */
export interface AgentRecord {
  userId: number;
  agentNo: string;
  skills: string[];
  state: string;
  stateSince: string;
}

export const adminApi = {
  departments: (signal?: AbortSignal) =>
    http.get<Department[]>('/api/departments', { includeDisabled: true }, signal),
  createDepartment: (body: DepartmentInput) => http.post<Department>('/api/departments', body),
  updateDepartment: (id: number, body: DepartmentPatch) =>
    http.patch<Department>(`/api/departments/${id}`, body),

  categories: (signal?: AbortSignal) =>
    http.get<Category[]>('/api/categories', { includeDisabled: true }, signal),
  createCategory: (body: CategoryInput) => http.post<Category>('/api/categories', body),
  updateCategory: (id: number, body: CategoryPatch) => http.patch<Category>(`/api/categories/${id}`, body),

  users: (signal?: AbortSignal) => http.get<UserRecord[]>('/api/users', undefined, signal),
  createUser: (body: UserInput) => http.post<UserRecord>('/api/users', body),
  updateUser: (id: number, body: UserPatch) => http.patch<UserRecord>(`/api/users/${id}`, body),

  policy: (signal?: AbortSignal) => http.get<DeadlinePolicy>('/api/policy/deadlines', undefined, signal),
  savePolicy: (body: DeadlinePolicy) => http.put<DeadlinePolicy>('/api/policy/deadlines', body),

  hours: (signal?: AbortSignal) => http.get<WorkingHours>('/api/calendar/hours', undefined, signal),
  saveHours: (body: WorkingHours) => http.put<WorkingHours>('/api/calendar/hours', body),
  days: (from: string, to: string, signal?: AbortSignal) =>
    http.get<CalendarDay[]>('/api/calendar/days', { from, to }, signal),
  setDay: (date: string, work: boolean, note?: string) =>
    http.put<CalendarDay>(`/api/calendar/days/${date}`, note ? { work, note } : { work }),
  removeDay: (date: string) => http.delete<void>(`/api/calendar/days/${date}`),

  lines: (signal?: AbortSignal) => http.get<IvrLine[]>('/api/ivr/lines', undefined, signal),
  chooseLineFlow: (line: string, flowId: string) =>
    http.put<IvrLine>(`/api/ivr/lines/${encodeURIComponent(line)}`, { flowId }),

  agents: (signal?: AbortSignal) => http.get<AgentRecord[]>('/api/agents', undefined, signal),
  setAgent: (userId: number, agentNo: string, skills: string[]) =>
    http.put<AgentRecord>(`/api/agents/${userId}`, { agentNo, skills }),
};
