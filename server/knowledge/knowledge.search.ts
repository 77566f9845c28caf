// How the knowledge base is searched: the words an operator types, each of which must appear in an article,
// a title match weighing most. Chinese has no spaces between words, so a word here is what the operator
// separates (空格、逗号): "居住证 办理" finds articles that say both.

/** The words of a query: split on spaces and punctuation, duplicates and empties dropped, at most 8. */
export function queryTerms(q: string): string[] {
  const words = q
    .toLowerCase()
    .split(/[\s,，、;；。.!！?？:：'"“”‘’()（）【】[\]]+/u)
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, 8);
}

export interface Searchable {
  title: string;
  keywords: string;
  answer: string;
}

/** How well an article answers the words: 3 for each in the title, 2 in the keywords, 1 in the answer; null when one is missing. */
export function matchScore(a: Searchable, terms: string[]): number | null {
  const title = a.title.toLowerCase();
  const keywords = a.keywords.toLowerCase();
  const answer = a.answer.toLowerCase();
  let score = 0;
  for (const t of terms) {
    const s = (title.includes(t) ? 3 : 0) + (keywords.includes(t) ? 2 : 0) + (answer.includes(t) ? 1 : 0);
    if (s === 0) return null;
    score += s;
  }
  return score;
}

/** A LIKE pattern that finds `term` anywhere, its own % and _ taken literally (with `escape '\'`). */
export const likeAnywhere = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
