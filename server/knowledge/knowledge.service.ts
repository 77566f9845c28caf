import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { AuthUser } from '../auth/auth.service.js';
import { type Clock, toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { badRequest, notFound, schemaError, uniqueOrConflict } from '../core/errors.js';
import type { DirectoryService } from '../directory/directory.service.js';
import type { CommitHooks } from '../tickets/tickets.hooks.js';
import { matchScore, queryTerms } from './knowledge.search.js';
import { knowledgeArticles } from './knowledge.tables.js';

type Row = typeof knowledgeArticles.$inferSelect;

export interface ArticleInput {
  title: string;
  answer: string;
  keywords?: string;
  categoryId?: number | null;
  source?: string | null;
}
export type ArticlePatch = Partial<ArticleInput> & { disabled?: boolean };

const view = (r: Row) => ({
  id: r.id,
  title: r.title,
  answer: r.answer,
  keywords: r.keywords,
  categoryId: r.categoryId,
  source: r.source,
  disabled: r.disabled,
  useCount: r.useCount,
  lastUsedAt: r.lastUsedAt === null ? null : toIso(r.lastUsedAt),
  updatedBy: r.updatedBy,
  updatedAt: toIso(r.updatedAt),
});
export type ArticleView = ReturnType<typeof view>;

/** The knowledge base (知识库): searched by everyone on the line, kept by admins. */
export function createKnowledgeService(deps: {
  db: Db;
  clock: Clock;
  directory: Pick<DirectoryService, 'getCategory'>;
  hooks: Pick<CommitHooks, 'inTransaction'>;
}) {
  const { db, clock, directory } = deps;

  // A 直办 that quoted an article counts for it, in the same transaction; one that names an article not in use
  // (gone, or disabled since the desk found it) is refused, and the ticket is not registered either.
  deps.hooks.inTransaction((tx, c) => {
    const id = c.event.action === 'answer' ? c.event.data?.knowledgeId : undefined;
    if (typeof id !== 'number') return;
    const used = tx
      .update(knowledgeArticles)
      .set({ useCount: sql`${knowledgeArticles.useCount} + 1`, lastUsedAt: c.event.at })
      .where(and(eq(knowledgeArticles.id, id), eq(knowledgeArticles.disabled, false)))
      .run();
    if (used.changes === 0) throw badRequest('knowledgeId', `知识条目 ${id} 不存在或已停用，请重新检索`);
  });

  /** A title or answer must show something: not only spaces or invisible characters (zero-width spaces). */
  function checkShown(field: 'title' | 'answer', value: string | undefined): void {
    if (value !== undefined && value.replace(/[\s\u200b-\u200d\u2060\ufeff]/g, '') === '') {
      throw schemaError(field, '不能为空');
    }
  }

  function checkCategory(id: number | null | undefined): void {
    if (id === null || id === undefined) return;
    const c = directory.getCategory(id);
    if (!c || c.disabled) throw badRequest('categoryId', `诉求分类 ${id} 不存在或已停用`);
  }

  return {
    /**
     * Articles with every word of `q` (title 4, keywords 2, answer 1; the best first, then the newest), of one
     * category when asked; without `q`, the newest. Disabled ones only with `all` (the admins' list). The words
     * are matched here, on folded text (knowledge.search.ts), over every article of the category: a district
     * keeps hundreds to a few thousand, which take milliseconds.
     */
    search(opts: { q?: string; categoryId?: number; all?: boolean; limit?: number }): ArticleView[] {
      const terms = queryTerms(opts.q ?? '');
      const where: SQL[] = [];
      if (!opts.all) where.push(eq(knowledgeArticles.disabled, false));
      if (opts.categoryId !== undefined) where.push(eq(knowledgeArticles.categoryId, opts.categoryId));
      const rows = db
        .select()
        .from(knowledgeArticles)
        .where(and(...where))
        .orderBy(desc(knowledgeArticles.updatedAt), desc(knowledgeArticles.id))
        .all();
      const limit = opts.limit ?? 20;
      if (terms.length === 0) return rows.slice(0, limit).map(view);
      return rows
        .map((r) => ({ r, score: matchScore(r, terms) }))
        .filter((x): x is { r: Row; score: number } => x.score !== null)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit)
        .map(({ r }) => view(r));
    },

    create(user: AuthUser, input: ArticleInput): ArticleView {
      checkShown('title', input.title);
      checkShown('answer', input.answer);
      checkCategory(input.categoryId);
      const now = clock.now();
      const row = uniqueOrConflict('已有同名的知识条目', () =>
        db
          .insert(knowledgeArticles)
          .values({
            title: input.title.trim(),
            answer: input.answer.trim(),
            keywords: input.keywords?.trim() ?? '',
            categoryId: input.categoryId ?? null,
            source: input.source?.trim() || null,
            updatedBy: user.displayName,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get(),
      );
      return view(row);
    },

    update(user: AuthUser, id: number, patch: ArticlePatch): ArticleView {
      const found = db.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id)).get();
      if (!found) throw notFound(`知识条目 ${id}`);
      checkShown('title', patch.title);
      checkShown('answer', patch.answer);
      checkCategory(patch.categoryId);
      const row = uniqueOrConflict('已有同名的知识条目', () =>
        db
          .update(knowledgeArticles)
          .set({
            ...(patch.title === undefined ? {} : { title: patch.title.trim() }),
            ...(patch.answer === undefined ? {} : { answer: patch.answer.trim() }),
            ...(patch.keywords === undefined ? {} : { keywords: patch.keywords.trim() }),
            ...(patch.categoryId === undefined ? {} : { categoryId: patch.categoryId }),
            ...(patch.source === undefined ? {} : { source: patch.source?.trim() || null }),
            ...(patch.disabled === undefined ? {} : { disabled: patch.disabled }),
            updatedBy: user.displayName,
            updatedAt: clock.now(),
          })
          .where(eq(knowledgeArticles.id, id))
          .returning()
          .get(),
      );
      return view(row!);
    },
  };
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
