// The citizens' web channel: 网上诉求 and 办理进度查询, no login. Shapes mirror server/web/web.routes.ts.
import { request } from './client.js';
import type { AppealType } from './types.js';

export interface AppealInput {
  appealType: AppealType;
  title: string;
  content: string;
  name?: string;
  phone: string;
  address?: string;
  town?: string;
  confidential?: boolean;
}

export type ProgressStage =
  | 'received'
  | 'handling'
  | 'answered'
  | 'declined'
  | 'merged'
  | 'transferred'
  | 'withdrawn';

export interface Progress {
  ticketNo: string;
  title: string;
  submittedAt: string;
  stage: ProgressStage;
  stageLabel: string;
  department: string | null;
  reply: string | null;
  declineReason: string | null;
  closedAt: string | null;
}

// `login: true`: a 401 here could only be a misconfiguration, never a staff session that ended.
export const webApi = {
  submit: (input: AppealInput) =>
    request<{ ticketNo: string; submittedAt: string }>('POST', '/api/public/appeals', {
      body: input,
      login: true,
    }),
  progress: (ticketNo: string, phone: string) =>
    request<Progress>('POST', '/api/public/appeals/progress', { body: { ticketNo, phone }, login: true }),
};
