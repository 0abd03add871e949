/**
 * Domain synonyms (content/synonymes.yaml): read and checked with the rest of the content,
 * errors at their line; a page that says one term of a group gets the others as searchable
 * metadata, never as text.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { sheetSearchMeta } from '../src/lib/site/search-meta.ts';
import { synonymsFor, synonymWords } from '../src/lib/site/search-synonyms.ts';
import { makeContentTree } from './support/content-tree.ts';

const root = join(import.meta.dirname, '..');

describe('matching a page to synonym groups', () => {
  const groups = [['seniors', 'personnes âgées', 'aînés'], ['CnFS', 'conseiller numérique'], ['EPN', 'espace public numérique']];

  it('finds a term whatever its accents, case and plural, as whole words only', () => {
    expect(synonymWords('Conseillers Numériques, à l’EPN !')).toEqual(['conseiller', 'numerique', 'a', 'l', 'epn']);
    expect(synonymsFor('Ateliers pour les PERSONNES AGEES du canton', groups)).toEqual(['seniors', 'personnes âgées', 'aînés']);
    expect(synonymsFor('Recruter deux conseillers numériques', groups)).toEqual(['CnFS', 'conseiller numérique']);
    expect(synonymsFor('les espaces publics numériques', groups)).toEqual(['EPN', 'espace public numérique']);
    // « EPNM » or « personnes » alone are not the terms.
    expect(synonymsFor('Le réseau EPNM et les personnes en insertion', groups)).toEqual([]);
  });

  it('names each group once, however many of its terms the page holds', () => {
    expect(synonymsFor('CnFS : conseiller numérique, EPN et espace public numérique', groups)).toEqual(['CnFS', 'conseiller numérique', 'EPN', 'espace public numérique']);
  });
});

describe('the real synonym file', () => {
  const { model, synonymes, problems } = validateProject(root);

  it('is valid and read with the content', () => {
    expect(problems.filter((p) => p.fichier.endsWith('synonymes.yaml'))).toEqual([]);
    expect(synonymes.length).toBeGreaterThan(10);
    expect(synonymes).toContainEqual(expect.arrayContaining(['seniors', 'personnes âgées']));
  });

  it('makes the seniors sheet of the Aisne findable by « personnes âgées », in metadata only', () => {
    const aisne = model.feuilles_de_route.find((r) => r.id === 'aisne-feuille-de-route-numerique')!;
    const seniors = aisne.fiches.find((f) => f.id === 'piste-03')!;
    const meta = Object.fromEntries(sheetSearchMeta(aisne, seniors, model, { synonymes }).meta);
    expect(meta.synonymes).toContain('personnes âgées');
    expect(Object.fromEntries(sheetSearchMeta(aisne, seniors, model).meta).synonymes).toBeUndefined();
  });
});

describe('a wrong synonym file', () => {
  it('is reported at its line, in French, with how to fix it', () => {
    const tree = makeContentTree('valide', {
      'synonymes.yaml': 'groupes:\n  - termes: [seniors, personnes âgées]\n  - termes: [EPN]\n  - termes: [aînés, Seniors]\n  - termes: [a, b]\n    remarque: x\n',
    });
    const result = validateProject(root, tree.dir);
    tree.remove();
    const mine = result.problems.filter((p) => p.fichier.endsWith('synonymes.yaml')).map((p) => [p.fichier.replace(/^.*\/content\//, ''), p.ligne, p.message]);
    expect(result.ok).toBe(false);
    expect(mine).toEqual([
      ['synonymes.yaml', 3, 'La liste « groupes[1].termes » doit contenir au moins 2 élément(s).'],
      ['synonymes.yaml', 4, 'Le terme « Seniors » est déjà dans le groupe n° 1 : réunissez les deux groupes, ou retirez le terme de l\'un d\'eux.'],
      ['synonymes.yaml', 6, expect.stringContaining('remarque')],
    ]);
    expect(result.synonymes).toEqual([]);
  });
});
