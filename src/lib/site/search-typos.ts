/**
 * « Vouliez-vous dire … ? »: the site's own words, written at build time
 * (/recherche-mots.json), and the closest one to a word the index does not know. Pagefind
 * answers an unknown word with whatever shares its first letters (« telemedcine » finds
 * « tel »), so the search page looks for a suggestion when a query word is neither among the
 * words its results highlight nor the start of a word of the site.
 */
import type { Model } from '../model/types.ts';
import { NOT_TEXT } from './search-meta.ts';
import { synonymWords, textOf } from './search-synonyms.ts';

/** At most this many words are written: the most frequent, about 15 kB compressed. */
export const MAX_VOCABULARY = 6000;

/** A word as the search compares it: no accents, no case. */
export const bareWord = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The site's words worth suggesting: letters only, 4 or more, most frequent first (a
 * suggestion prefers a common word), at most MAX_VOCABULARY. `texts`: every indexed text.
 */
export function vocabulary(texts: Iterable<string>): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const w of bareWord(text).split(/[^a-z]+/)) if (w.length >= 4) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_VOCABULARY).map(([w]) => w);
}

/** Every text the index holds: roadmaps, nodes and sheets, actors' names, the synonyms. */
export function* siteTexts(model: Model, synonymes: readonly (readonly string[])[]): Generator<string> {
  for (const rm of model.feuilles_de_route) {
    const { fiches, noeuds, ...rest } = rm;
    yield* textOf(rest, NOT_TEXT);
    for (const item of [...noeuds, ...fiches]) yield* textOf(item, NOT_TEXT);
  }
  for (const a of model.acteurs) yield a.nom;
  for (const g of synonymes) yield* g;
}

/** Edit distance with transpositions (« inclusoin »), stopped early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The site's word closest to `word`, or null when the site knows it (a word of the site starts
 * with it: Pagefind finds words by their start) or nothing is close: one change for a word of
 * up to 5 letters, two beyond. Among equally close words, the most frequent.
 */
export function closestWord(word: string, words: readonly string[]): string | null {
  const w = bareWord(word);
  // The site's words are letters only: « wi-fi » or « 49e » would look mistyped when they are not.
  if (w.length < 4 || /[^a-z]/.test(w) || words.some((v) => v.startsWith(w))) return null;
  const max = w.length <= 5 ? 1 : 2;
  let best: string | null = null;
  let bestDistance = max + 1;
  for (const v of words) {
    const d = editDistance(w, v, max);
    if (d < bestDistance) {
      best = v;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The words of a query that the results do not show: none of the highlighted words starts
 * like it (its first four letters, the stemmer's « conseil » for « conseiller »). Only those
 * are worth a suggestion, and only they make the page fetch the site's words.
 */
export function unseenWords(queryWords: readonly string[], marked: readonly string[]): string[] {
  const seen = marked.flatMap((m) => synonymWords(m));
  return queryWords.filter((q) => {
    const w = bareWord(q);
    return w.length >= 4 && !seen.some((m) => m.slice(0, 4) === w.slice(0, 4));
  });
}
