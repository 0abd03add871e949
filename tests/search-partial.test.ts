/**
 * Partial matches on the search page: which words of a query are searched one by one, how the
 * pages they find are ranked, and the shorter forms tried for a word that finds nothing.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PARTIAL_RESULTS, MAX_PARTIAL_WORDS, partialWords, rankPartial, shorterForms, withoutStopWords } from '../src/lib/site/search-partial.ts';

describe('words searched one by one', () => {
  it('leaves out the words that say nothing about a subject, and repeats', () => {
    expect(partialWords('aide aux seniors pour internet')).toEqual(['aide', 'seniors', 'internet']);
    expect(partialWords('Fracture numérique, personnes âgées ; fracture')).toEqual(['Fracture', 'numérique', 'personnes', 'âgées']);
    expect(partialWords('l’accès des seniors')).toEqual(['l’accès', 'seniors']);
  });

  it('keeps the longest words when there are too many, in the order typed', () => {
    const words = partialWords('un outil numerique pour accompagner les personnes agees isolees dans leurs demarches en ligne');
    expect(words).toHaveLength(MAX_PARTIAL_WORDS);
    expect(words).toEqual(['numerique', 'accompagner', 'personnes', 'isolees', 'demarches']);
  });

  it('searches the whole query without its stop words, unless it has nothing else', () => {
    expect(withoutStopWords('aide aux seniors pour internet')).toBe('aide seniors internet');
    expect(withoutStopWords("l'inclusion des seniors")).toBe("l'inclusion seniors");
    expect(withoutStopWords('les')).toBe('les');
  });
});

describe('ranking the pages found by each word', () => {
  const hit = (id: string, score: number) => ({ id, score, result: id });

  it('puts the pages holding the most words first, then the best scores, and drops those far behind', () => {
    const ranked = rankPartial([
      [hit('a', 1), hit('b', 5), hit('c', 9)],
      [hit('a', 1), hit('b', 1)],
      [hit('a', 1), hit('d', 20)],
      [hit('b', 2), hit('c', 1)],
    ]);
    expect(ranked.map((h) => [h.id, h.words])).toEqual([['b', 3], ['a', 3], ['c', 2]]);
  });

  it('shows pages holding one word when no page holds two', () => {
    expect(rankPartial([[hit('a', 1)], [hit('b', 3)]]).map((h) => h.id)).toEqual(['b', 'a']);
    expect(rankPartial([[], []])).toEqual([]);
  });

  it('shows at most MAX_PARTIAL_RESULTS pages', () => {
    const many = Array.from({ length: 80 }, (_, i) => hit(`p${i}`, i));
    expect(rankPartial([many, many])).toHaveLength(MAX_PARTIAL_RESULTS);
  });
});

describe('a word that finds nothing', () => {
  it('is tried shorter, never below four letters or 60 % of its length', () => {
    expect(shorterForms('telemedcine')).toEqual(['telemedcin', 'telemedci', 'telemedc', 'telemed']);
    expect(shorterForms('wifii')).toEqual(['wifi']);
    expect(shorterForms('wifi')).toEqual([]);
    expect(shorterForms('numeriqe', 10)).toEqual(['numeriq', 'numeri', 'numer']);
  });
});
