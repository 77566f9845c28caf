import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { categories } from '../directory/directory.tables.js';

/** The knowledge base (知识库): answers an operator gives on the call (直办), kept by admins. */
export const knowledgeArticles = sqliteTable(
  'knowledge_articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The question as callers ask it (居住证怎么办理). */
    title: text('title').notNull().unique(),
    /** What the operator tells the caller. */
    answer: text('answer').notNull(),
    /** Other words callers use, space-separated (暂住证 居住登记). */
    keywords: text('keywords').notNull().default(''),
    categoryId: integer('category_id').references(() => categories.id),
    /** Whose rules the answer gives (区公安分局 出入境管理大队), shown with it. */
    source: text('source'),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    /** 直办 answered with it (quoted on the desk), and when last: what the answers in use are. */
    useCount: integer('use_count').notNull().default(0),
    lastUsedAt: integer('last_used_at'),
    updatedBy: text('updated_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('knowledge_articles_category_idx').on(t.categoryId)],
);
