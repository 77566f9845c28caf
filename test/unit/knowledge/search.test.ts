import { describe, expect, it } from 'vitest';
import { likeAnywhere, matchScore, queryTerms } from '../../../server/knowledge/knowledge.search.js';

describe('queryTerms', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['居住证', ['居住证']],
    ['居住证 办理', ['居住证', '办理']],
    ['居住证，办理、材料', ['居住证', '办理', '材料']],
    ['社保卡？丢了！', ['社保卡', '丢了']],
    ['App  app', ['app']],
    ['a b c d e f g h i j', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']],
  ])('%j → %j', (q, want) => expect(queryTerms(q)).toEqual(want));
});

describe('matchScore', () => {
  const article = { title: '居住证怎么办理', keywords: '暂住证 居住登记', answer: '到居住地派出所办理。' };
  it.each([
    [['居住证'], 3],
    [['暂住证'], 2],
    [['派出所'], 1],
    // 办理 is in the title and the answer; 居住 in all three.
    [['办理'], 4],
    [['居住'], 6],
    [['居住证', '派出所'], 4],
    [['居住证', '驾驶证'], null],
  ])('%j → %s', (terms, want) => expect(matchScore(article, terms)).toBe(want));
});

describe('likeAnywhere', () => {
  it.each([
    ['社保', '%社保%'],
    ['100%', '%100\\%%'],
    ['a_b', '%a\\_b%'],
    ['c:\\d', '%c:\\\\d%'],
  ])('%s → %s', (term, want) => expect(likeAnywhere(term)).toBe(want));
});
