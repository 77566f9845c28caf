// The knowledge base (知识库): `GET /api/knowledge` for everyone on the line, `POST`/`PATCH` for admins.
// Shapes mirror server/knowledge/knowledge.routes.ts.
import { http } from './client.js';

export interface Article {
  id: number;
  title: string;
  answer: string;
  keywords: string;
  categoryId: number | null;
  source: string | null;
  disabled: boolean;
  /** 直办 answered with it, and when last. */
  useCount: number;
  lastUsedAt: string | null;
  updatedBy: string;
  updatedAt: string;
}

export interface ArticleInput {
  title: string;
  answer: string;
  keywords?: string;
  categoryId?: number | null;
  source?: string | null;
}

export const knowledgeApi = {
  /** Every word of `q` must appear (a title match first); `all` includes disabled ones (admins). */
  search: (query: { q?: string; categoryId?: number; all?: boolean; limit?: number }, signal?: AbortSignal) =>
    http.get<Article[]>('/api/knowledge', { ...query }, signal),
  create: (body: ArticleInput) => http.post<Article>('/api/knowledge', body),
  update: (id: number, body: Partial<ArticleInput> & { disabled?: boolean }) =>
    http.patch<Article>(`/api/knowledge/${id}`, body),
};
