import { describe, expect, it } from 'vitest';
import { fold, matchScore, queryTerms } from '../../../server/knowledge/knowledge.search.js';

describe('queryTerms', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['居住证', ['居住证']],
    ['居住证 办理', ['居住证', '办理']],
    ['居住证，办理、材料', ['居住证', '办理', '材料']],
    ['社保卡？丢了！', ['社保卡', '丢了']],
    ['App  app', ['app']],
    // Full-width letters from a Chinese input method fold to plain ones.
    ['爱山东ＡＰＰ', ['爱山东app']],
    ['ＡＰＰ　下载', ['app', '下载']],
    ['a b c d e f g h i j', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']],
  ])('%j → %j', (q, want) => expect(queryTerms(q)).toEqual(want));
});

describe('matchScore', () => {
  const article = { title: '居住证怎么办理', keywords: '暂住证 居住登记', answer: '到居住地派出所办理。' };
  it.each([
    [['居住证'], 4],
    [['暂住证'], 2],
    [['派出所'], 1],
    // 办理 is in the title and the answer; 居住 in all three.
    [['办理'], 5],
    [['居住'], 7],
    [['居住证', '派出所'], 5],
    [['居住证', '驾驶证'], null],
  ])('%j → %s', (terms, want) => expect(matchScore(article, terms)).toBe(want));
});

describe('matchScore on folded text', () => {
  it('finds full-width text with plain words, and the reverse', () => {
    const app = { title: '爱山东ＡＰＰ怎么下载', keywords: '', answer: '在应用商店搜索 App。' };
    expect(matchScore(app, queryTerms('app'))).toBe(5);
    expect(matchScore(app, queryTerms('ＡＰＰ'))).toBe(5);
    expect(fold('ＡＢＣ１２３')).toBe('abc123');
  });
  it('ranks a word in the title above the same word in both the keywords and the answer', () => {
    const inTitle = { title: '居住证', keywords: '', answer: '' };
    const elsewhere = { title: '落户', keywords: '居住证', answer: '居住证' };
    expect(matchScore(inTitle, ['居住证'])!).toBeGreaterThan(matchScore(elsewhere, ['居住证'])!);
  });
});
