/**
 * What the source said stays on the page: an actor named by the sheet otherwise than by its
 * directory name keeps that spelling beside the name (« écrit « CD49 » dans la source »), and
 * publics the source numbers are shown as a numbered list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { makeContentTree } from './support/content-tree.ts';

const root = join(import.meta.dirname, '..');

const sheet = (front: string) => `---\ntitre: Graphies\ncode: A.1.9\nparent: a-1\n${front}\nsource: { pages: 7 }\n---\nTexte.\n`;

function validate(front: string) {
  const tree = makeContentTree('valide', { 'exemple/fiches/graphies.md': sheet(front) });
  try {
    return validateProject(root, tree.dir);
  } finally {
    tree.remove();
  }
}

describe('the sheet\'s spelling of an actor', () => {
  it('is kept when its words are not in the directory\'s name, not when they only differ by case, accents or an article', () => {
    const result = validate(
      'pilotes: ["CD99", "Le Département", "departement d\'exemple", "reseau-cyb", "Conseil départemental d\'Exemple"]\n' +
        'partenaires: [{ acteur: departement-exemple, graphie: "CD 99 (direction)", precision: "DSOP" }, { texte: "associations locales" }]',
    );
    expect(result.problems).toEqual([]);
    const s = result.model.feuilles_de_route[0]!.fiches.find((f) => f.id === 'graphies')!;
    expect(s.pilotes.map((p) => [p.acteur, p.nom, p.graphie_source])).toEqual([
      ['departement-exemple', 'Département d\'Exemple', 'CD99'],
      ['departement-exemple', 'Département d\'Exemple', null],
      ['departement-exemple', 'Département d\'Exemple', null],
      ['reseau-cyb', 'Réseau Cyb@xemple', null],
      ['departement-exemple', 'Département d\'Exemple', 'Conseil départemental d\'Exemple'],
    ]);
    expect(s.partenaires).toEqual([
      { acteur: 'departement-exemple', nom: 'Département d\'Exemple', graphie_source: 'CD 99 (direction)', role: null, precision: 'DSOP' },
      { acteur: null, nom: 'associations locales', graphie_source: null, role: null, precision: null },
    ]);
  });

  it('« graphie » without « acteur » is refused, saying what to write', () => {
    const result = validate('partenaires: [{ texte: "associations", graphie: "assos" }]');
    expect(result.problems.map((p) => [p.chemin, p.message])).toEqual([
      [
        'partenaires[0].graphie',
        '« graphie » dit comment la source écrit un acteur de l\'annuaire : ajoutez « acteur » (son identifiant), ou, pour une mention qui n\'est pas une organisation de l\'annuaire, écrivez-la dans « texte » seulement.',
      ],
    ]);
  });
});

describe('the real site keeps the sources\' words', () => {
  const siteDir = inject('siteDir');
  const page = (rm: string, id: string) => readFileSync(join(siteDir, rm, id, 'index.html'), 'utf8');
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/\s+/g, ' ');

  it('shows « ORANGE – Mayenne Fibre » beside the Mayenne Fibre link, and CD49 beside the Département', () => {
    const f1 = page('may-num-mayenne', 'fiche-projet-01');
    expect(f1).toMatch(/<a href="\/acteurs\/mayenne-fibre\/">Mayenne Fibre<\/a>/);
    expect(text(f1)).toContain('Mayenne Fibre (écrit « ORANGE – Mayenne Fibre » dans la source)');
    expect(text(page('mednum49-2023-2025', 'a-1-2'))).toContain('Département de Maine-et-Loire (écrit « CD49 » dans la source)');
  });

  it('lists the numbered publics of a May Num sheet in the source\'s order, as a numbered list', () => {
    const publics = page('may-num-mayenne', 'fiche-projet-05').split('<ol class="publics"')[1]!.split('</ol>')[0]!;
    expect(publics.match(/<li>[^<]*<\/li>/g)!.map((li) => li.slice(4, -5))).toEqual([
      'Collégiens (4eme, 3eme)', 'Lycéens et étudiants', 'Agents du CD53', 'Employés du numérique', 'Mayennais',
    ]);
    expect(page('may-num-mayenne', 'fiche-projet-14')).not.toContain('<ol class="publics"');
  });
});
