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

// The example roadmap with its own objectives, indicator and milestone, and reports that measure and reach them (line 1 is « --- »).
const ROADMAP = `---
titre: Feuille de route d'exemple
titre_court: Exemple 2023-2025
porteurs: [departement-exemple]
territoire: { nom: Exemple, niveau: departement, code_insee: "99" }
periode: { debut: "2023", fin: "2025" }
statut: en_vigueur
niveaux:
  - { id: axe, nom: Axe, nom_pluriel: Axes }
  - { id: objectif, nom: Objectif, facultatif: true }
priorites:
  - { valeur: 1, libelle: Priorité 1 }
  - { valeur: 2, libelle: Priorité 2 }
source: { titre: Document d'exemple, fichier: exemple.pdf }
objectifs:
  - 80 % des habitants formés.
indicateurs:
  - libelle: Habitants formés
    unite: "%"
    cibles: [{ date: 2025, valeur: 80 }]
jalons:
  - { date: juin 2023, libelle: Comité installé }
bilans:
  - date: décembre 2023
    titre: Bilan annuel
    valeurs:
      Habitants formes: 40
      Habitans formés: 41
    jalons_atteints: [Comite installe, Comité instalé]
  - date: 2042-01-01
    titre: Une faute de frappe dans l'année
---
Présentation de l'exemple.
`;

describe('rules on a roadmap\'s reports, against its own indicators and milestones', () => {
  const tree = makeContentTree('valide', { 'exemple/feuille-de-route.md': ROADMAP }, 'jalons-bilans-');
  afterAll(() => tree.remove());
  const result = validateProject(ROOT, tree.dir, '2024-03-15');
  const mine = result.problems.filter((p) => p.fichier.endsWith('exemple/feuille-de-route.md')).map((p) => `${p.ligne} ${p.chemin} ${p.message}`);

  it('refuses a report dated after today, suggesting to check the year', () => {
    expect(mine).toContain("30 bilans[1].date Le bilan est daté « 2042-01-01 », après la date de publication (2024-03-15) : un bilan ne dit que ce qui a déjà eu lieu. Vérifiez l'année ; une étape encore à venir se note dans « jalons ».");
  });

  it('refuses a value for no indicator of the roadmap, with a did-you-mean, and accepts the label loosely written', () => {
    expect(mine).toContain("28 bilans[0].valeurs.Habitans formés « Habitans formés » n'est l'intitulé d'aucun indicateur de la feuille de route. Vouliez-vous dire « Habitants formés » ? Écrivez le « libelle » d'un des indicateurs : « Habitants formés ».");
    expect(mine.filter((m) => m.includes('valeurs'))).toHaveLength(1);
  });

  it('refuses a reached milestone that is not one of the roadmap\'s, with a did-you-mean', () => {
    expect(mine).toContain("29 bilans[0].jalons_atteints[1] « Comité instalé » n'est le libellé d'aucun jalon de la feuille de route. Vouliez-vous dire « Comité installé » ? Écrivez le « libelle » d'un des jalons : « Comité installé ».");
    expect(mine.filter((m) => m.includes('jalons_atteints'))).toHaveLength(1);
    expect(mine).toHaveLength(3);
  });

  it('says where to declare an indicator or a milestone when the roadmap has none', () => {
    const bare = makeContentTree('valide', {
      'exemple/feuille-de-route.md': ROADMAP.replace(/objectifs:[\s\S]*?bilans:/, 'bilans:').replace(/  - date: 2042[\s\S]*?\n---/, '---'),
    }, 'jalons-bilans-');
    try {
      const problems = validateProject(ROOT, bare.dir, '2024-03-15').problems.map((p) => `${p.ligne} ${p.chemin} ${p.message}`);
      expect(problems).toEqual([
        "19 bilans[0].valeurs.Habitants formes « Habitants formes » n'est l'intitulé d'aucun indicateur : la feuille de route n'a pas d'« indicateurs ». Déclarez d'abord l'indicateur dans « indicateurs », puis reprenez son « libelle » ici.",
        "20 bilans[0].valeurs.Habitans formés « Habitans formés » n'est l'intitulé d'aucun indicateur : la feuille de route n'a pas d'« indicateurs ». Déclarez d'abord l'indicateur dans « indicateurs », puis reprenez son « libelle » ici.",
        "21 bilans[0].jalons_atteints[0] « Comite installe » n'est le libellé d'aucun jalon : la feuille de route n'a pas de « jalons ». Déclarez d'abord le jalon dans « jalons », puis reprenez son « libelle » ici.",
        "21 bilans[0].jalons_atteints[1] « Comité instalé » n'est le libellé d'aucun jalon : la feuille de route n'a pas de « jalons ». Déclarez d'abord le jalon dans « jalons », puis reprenez son « libelle » ici.",
      ]);
    } finally {
      bare.remove();
    }
  });
});
