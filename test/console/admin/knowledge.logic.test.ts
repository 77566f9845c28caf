import { describe, expect, it } from 'vitest';
import type { Article } from '../../../agent-console/src/api/knowledge.js';
import {
  type ArticleForm,
  articleBody,
  articlePatch,
} from '../../../agent-console/src/views/admin/admin.logic.js';
import { quoteAnswer, quotedKnowledgeId } from '../../../agent-console/src/views/desk/desk.js';

const article: Article = {
  id: 1,
  title: '居住证怎么办理',
  answer: '到派出所办理。',
  keywords: '暂住证',
  categoryId: 3,
  source: '区公安分局',
  disabled: false,
  useCount: 0,
  lastUsedAt: null,
  updatedBy: 'admin',
  updatedAt: '2026-11-02T09:00:00.000+08:00',
};
const formOf = (over: Partial<ArticleForm> = {}): ArticleForm => ({
  title: article.title,
  answer: article.answer,
  keywords: article.keywords,
  categoryId: article.categoryId,
  source: article.source ?? '',
  ...over,
});

describe('the knowledge form', () => {
  it('sends trimmed text, and an empty source as none', () => {
    expect(articleBody(formOf({ title: ' 居住证 ', source: '  ' }))).toEqual({
      title: '居住证',
      answer: '到派出所办理。',
      keywords: '暂住证',
      categoryId: 3,
      source: null,
    });
  });
  it.each<[string, Partial<ArticleForm>, object | null]>([
    ['nothing changed', {}, null],
    ['only spaces added', { title: ` ${article.title} ` }, null],
    ['the answer', { answer: '到居住地派出所办理。' }, { answer: '到居住地派出所办理。' }],
    ['the category cleared', { categoryId: null }, { categoryId: null }],
    ['the source cleared', { source: '' }, { source: null }],
  ])('edits only what changed: %s', (_name, over, want) => {
    expect(articlePatch(article, formOf(over))).toEqual(want);
  });
});

describe('quoteAnswer (直办答复 from the knowledge base)', () => {
  it.each([
    ['', '到派出所办理。', '到派出所办理。'],
    ['   ', '到派出所办理。', '到派出所办理。'],
    ['您好，', '到派出所办理。', '您好，\n到派出所办理。'],
    ['您好，\n到派出所办理。', '到派出所办理。', '您好，\n到派出所办理。'],
  ])('%j + %j → %j', (current, answer, want) => expect(quoteAnswer(current, answer)).toBe(want));
});

describe('quotedKnowledgeId (the 直办 counts for the article it still quotes)', () => {
  const quoted = { id: 7, answer: '到派出所办理。' };
  it.each<[string, typeof quoted | null, number | undefined]>([
    ['到派出所办理。', quoted, 7],
    ['您好，\n到派出所办理。', quoted, 7],
    ['请到政务大厅办理。', quoted, undefined],
    ['到派出所办理。', null, undefined],
  ])('%j → %s', (answer, q, want) => expect(quotedKnowledgeId(answer, q)).toBe(want));
});
