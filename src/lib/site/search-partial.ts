/**
 * Partial matches: when no page holds every word of a query, the search page runs one
 * search per word and shows the pages that hold the most of them (src/scripts/recherche.ts).
 * The choice of words and the ranking are here, pure, so they can be tested without a browser.
 */
import { bareWord as bare } from './search-typos.ts';

/** At most this many words are searched one by one: each is a search of its own. */
export const MAX_PARTIAL_WORDS = 5;
/** At most this many searches for one query, shorter forms of mistyped words included. */
export const MAX_PARTIAL_SEARCHES = 12;
/** At most this many pages are shown: their filter values are read one page at a time. */
export const MAX_PARTIAL_RESULTS = 30;

/**
 * French words that say nothing about a subject (« aide aux seniors pour internet »): a page
 * holding « pour » is not closer to the query. Compared without accents or case.
 */
const STOP_WORDS = new Set(
  'a au aux avec ce ces cet cette d dans de des du en et est il ils je l la le les leur leurs ma mais me mes mon ne nos notre nous on ou par pas pour qu que qui sa sans se ses son sur ta te tes ton tu un une vos votre vous y'.split(' '),
);


/**
 * The words of a query worth a search of their own: no stop words, no repeats, the longest
 * first when there are too many (a long word says more than a short one), in the query's order.
 */
export function partialWords(query: string): string[] {
  const words = query.split(/[\s,;:!?.()«»"]+/u).map((w) => w.replace(/^['’]+|['’]+$/g, '')).filter(Boolean);
  const seen = new Set<string>();
  const kept = words.filter((w) => {
    const b = bare(w).replace(/^[ld]['’]/, '');
    if (STOP_WORDS.has(b) || b.length < 2 || seen.has(b)) return false;
    seen.add(b);
    return true;
  });
  if (kept.length <= MAX_PARTIAL_WORDS) return kept;
  const longest = new Set([...kept].sort((a, b) => b.length - a.length).slice(0, MAX_PARTIAL_WORDS));
  return kept.filter((w) => longest.has(w));
}

/**
 * The query without its stop words, for the search itself: Pagefind wants every word, so
 * « aide aux seniors pour internet » would find only the pages that also say « aux » and
 * « pour », and highlight them. A query of stop words only is kept as typed.
 */
export function withoutStopWords(query: string): string {
  const words = query.trim().split(/\s+/u);
  const kept = words.filter((w) => !STOP_WORDS.has(bare(w).replace(/^[ld]['’]/, 'x')));
  return kept.length ? kept.join(' ') : query.trim();
}

/**
 * Shorter forms of a word that finds nothing, to try in turn: Pagefind finds the words that
 * start with what is typed, so « telemedcine » (a letter left out) finds « télémédecine » by
 * « telemed ». The word keeps at least 4 letters and 60 % of its length; at most `max` forms.
 */
export function shorterForms(word: string, max = 4): string[] {
  const floor = Math.max(4, Math.ceil(word.length * 0.6));
  const out: string[] = [];
  for (let n = word.length - 1; n >= floor && out.length < max; n--) out.push(word.slice(0, n));
  return out;
}

export interface WordHit<T> { id: string; score: number; result: T }
export interface PartialHit<T> { id: string; words: number; score: number; result: T }

/**
 * Ranks the pages found by each word's search: by how many of the words they hold, then by
 * the sum of their scores. Only the pages holding the most words, or one fewer, are kept
 * (a page holding one word of four is not an answer), at most MAX_PARTIAL_RESULTS.
 */
export function rankPartial<T>(perWord: WordHit<T>[][]): PartialHit<T>[] {
  const merged = new Map<string, PartialHit<T>>();
  for (const hits of perWord) {
    for (const h of hits) {
      const m = merged.get(h.id);
      if (m) {
        m.words += 1;
        m.score += h.score;
      } else merged.set(h.id, { id: h.id, words: 1, score: h.score, result: h.result });
    }
  }
  const all = [...merged.values()];
  const best = Math.max(0, ...all.map((h) => h.words));
  const floor = Math.max(1, best - 1, perWord.length > 2 ? 2 : 1);
  return all
    .filter((h) => h.words >= Math.min(floor, best))
    .sort((a, b) => b.words - a.words || b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, MAX_PARTIAL_RESULTS);
}
