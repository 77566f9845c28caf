// How the knowledge base is searched: the words an operator types, each of which must appear in an article,
// a title match weighing more than the other two together. Chinese has no spaces between words, so a word here
// is what the operator separates (空格、逗号): "居住证 办理" finds articles that say both. Text is compared
// folded (NFKC, then lower case): full-width ＡＰＰ typed in a Chinese input method finds App, and the reverse.

/** Text as it is compared: full-width and compatibility forms folded to their plain ones, then lower case. */
export const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** The words of a query: folded, split on spaces and punctuation, duplicates and empties dropped, at most 8. */
export function queryTerms(q: string): string[] {
  const words = fold(q)
    .split(/[\s,，、;；。.!！?？:：'"“”‘’()（）【】[\]]+/u)
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, 8);
}

export interface Searchable {
  title: string;
  keywords: string;
  answer: string;
}

/**
 * How well an article answers the words (folded, as queryTerms gives them): 4 for each in the title, 2 in the
 * keywords, 1 in the answer, so that a title match outranks the other two together; null when one is missing.
 */
export function matchScore(a: Searchable, terms: string[]): number | null {
  const title = fold(a.title);
  const keywords = fold(a.keywords);
  const answer = fold(a.answer);
  let score = 0;
  for (const t of terms) {
    const s = (title.includes(t) ? 4 : 0) + (keywords.includes(t) ? 2 : 0) + (answer.includes(t) ? 1 : 0);
    if (s === 0) return null;
    score += s;
  }
  return score;
}
