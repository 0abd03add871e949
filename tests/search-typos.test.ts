/**
 * « Vouliez-vous dire … ? »: the site's words written at build time, and the closest one to a
 * word the results do not show.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { closestWord, editDistance, MAX_VOCABULARY, siteTexts, unseenWords, vocabulary } from '../src/lib/site/search-typos.ts';

const root = join(import.meta.dirname, '..');

describe('the site’s words', () => {
  const { model, synonymes } = validateProject(root);
  const words = vocabulary(siteTexts(model, synonymes));

  it('holds the words of the sheets, actors and synonyms, without accents, most frequent first, bounded', () => {
    expect(words).toEqual(expect.arrayContaining(['telemedecine', 'teletravail', 'francas', 'parentalite', 'msap']));
    expect(words.indexOf('numerique')).toBeLessThan(words.indexOf('telemedecine'));
    expect(words.every((w) => /^[a-z]{4,}$/.test(w))).toBe(true);
    expect(words.length).toBeLessThanOrEqual(MAX_VOCABULARY);
    expect(vocabulary(['Été étés ÉTÉS a 12 b', 'étés'])).toEqual(['etes']);
  });

  it('suggests the site’s word for a mistyped one, and nothing for a word the site knows', () => {
    expect(closestWord('telemedcine', words)).toBe('telemedecine');
    expect(closestWord('teletravial', words)).toBe('teletravail');
    expect(closestWord('inclusoin', words)).toBe('inclusion');
    expect(closestWord('Télémédecine', words)).toBeNull();
    expect(closestWord('telemed', words)).toBeNull();
    expect(closestWord('zzzzqqq', words)).toBeNull();
    // The site's words are letters only: a word with a hyphen or a digit is never called mistyped.
    expect(closestWord('wi-fi', words)).toBeNull();
    expect(closestWord('49e', ['49e'])).toBeNull();
  });
});

describe('edit distance and unseen words', () => {
  it('counts a swap of two letters as one change, and stops past the bound', () => {
    expect(editDistance('inclusoin', 'inclusion', 2)).toBe(1);
    expect(editDistance('telemedcine', 'telemedecine', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('keeps the query words that no highlighted word starts like', () => {
    expect(unseenWords(['telemedcine', 'numerique'], ['tels', 'numériques'])).toEqual(['telemedcine']);
    expect(unseenWords(['conseiller', 'mayenne'], ['Conseil', 'MAYENNE.'])).toEqual([]);
    expect(unseenWords(['wifi', 'THD'], [])).toEqual(['wifi']);
  });
});
