import { afterAll, describe, expect, it } from 'vitest';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { makeContentTree, ROOT } from './support/content-tree.ts';

// Line numbers below are those of this file's frontmatter (line 1 is « --- »).
const SHEET = `---
titre: Suivi en erreur
parent: a-1
statut: en_cours
calendrier:
  debut: 2023
  fin: 2025
  jalons:
    - { date: juin 2023, libelle: Lancement du réseau }
indicateurs:
  - libelle: Personnes accompagnées
    unite: personnes
suivi:
  - date: 2023-06-10
    texte: Réseau lancé.
    statut: en_cours
    jalons_atteints: [Lancement du reseau, Lancemnt du réseau]
  - date: janvier 2024
    texte: Bilan.
    statut: realisee
    valeurs:
      Personnes accompagnées: 120
      Personnes acompagnées: 130
  - date: 2042-05-01
    texte: Une faute de frappe dans l'année.
---
`;
const OUT_OF_RANGE = '---\ntitre: Trop avancé\nparent: a-1\nsuivi:\n  - date: 2023-09\n    texte: Trop avancé.\n    avancement: 140\n---\n';

describe('rules on a sheet\'s progress log', () => {
  const tree = makeContentTree('valide', { 'exemple/fiches/suivi-erreur.md': SHEET, 'exemple/fiches/suivi-avancement.md': OUT_OF_RANGE }, 'jalons-suivi-');
  afterAll(() => tree.remove());
  const result = validateProject(ROOT, tree.dir, '2024-03-15');
  const of = (name: string) => result.problems.filter((p) => p.fichier.endsWith(name)).map((p) => `${p.ligne} ${p.chemin} ${p.message}`);
  const mine = of('suivi-erreur.md');

  it('reports a top-level status contradicting the newest entry at both lines, each naming the other', () => {
    expect(mine).toContain("4 statut « statut: en_cours » contredit le suivi : l'étape la plus récente qui porte un statut (« janvier 2024 », ligne 20) dit « realisee ». Le statut actuel vient du suivi : retirez « statut » ici, ou écrivez « statut: realisee ».");
    expect(mine).toContain("20 suivi[1].statut Ce statut « realisee », le plus récent du suivi, contredit « statut: en_cours » en tête de fiche (ligne 4). Le statut actuel vient du suivi : corrigez l'une des deux lignes.");
  });

  it('refuses an entry dated after today, suggesting to check the year', () => {
    expect(mine).toContain("24 suivi[2].date L'étape de suivi est datée « 2042-05-01 », après la date de publication (2024-03-15) : le suivi ne dit que ce qui a déjà eu lieu. Vérifiez l'année ; une étape encore à venir se note dans « calendrier.jalons ».");
  });

  it('refuses a measured value for no indicator, with a did-you-mean, and accepts the label loosely written', () => {
    expect(mine).toContain("23 suivi[1].valeurs.Personnes acompagnées « Personnes acompagnées » n'est l'intitulé d'aucun indicateur de la fiche. Vouliez-vous dire « Personnes accompagnées » ? Écrivez le « libelle » d'un des indicateurs : « Personnes accompagnées ».");
    expect(mine.filter((m) => m.includes('valeurs'))).toHaveLength(1);
  });

  it('refuses a reached milestone that is not in the calendar, with a did-you-mean', () => {
    expect(mine).toContain("17 suivi[0].jalons_atteints[1] « Lancemnt du réseau » n'est le libellé d'aucun jalon du calendrier. Vouliez-vous dire « Lancement du réseau » ? Écrivez le « libelle » d'un des jalons : « Lancement du réseau ».");
    expect(mine.filter((m) => m.includes('jalons_atteints'))).toHaveLength(1);
  });

  it('refuses a progress outside 0-100 with a French message', () => {
    expect(of('suivi-avancement.md')).toEqual(['7 suivi[0].avancement L\'avancement est un pourcentage de 0 à 100 : écrivez un nombre entre 0 et 100 (100 = terminé).']);
  });

  it('accepts a consistent log and keeps existing content valid', () => {
    const ok = makeContentTree('valide', {
      'exemple/fiches/suivi-ok.md': '---\ntitre: Suivi juste\nparent: a-1\nstatut: realisee\nsuivi:\n  - { date: 2023, texte: Lancé., statut: en_cours }\n  - { date: février 2024, texte: Fini., statut: realisee, avancement: 100 }\n---\n',
    }, 'jalons-suivi-');
    try {
      expect(validateProject(ROOT, ok.dir, '2024-03-15').problems).toEqual([]);
    } finally {
      ok.remove();
    }
  });
});
