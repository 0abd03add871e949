/**
 * What the change feeds tell the public, from two versions of a content file: one
 * French summary per kind of change in the data, never a commit subject, and a neutral
 * « Fiche modifiée » for a version that cannot be read.
 */
import { describe, expect, it } from 'vitest';
import { describeFileChange, firstWords, parseVersion } from '../src/lib/export/data-changes.ts';

const sheet = (fields: string, body = 'Texte de la fiche.\n') => `---\ntitre: "Coordination"\nparent: a-1\n${fields}---\n${body}`;
const change = (before: string | null, after: string | null) =>
  describeFileChange('fiche', before, after, (id) => ({ caf: 'Caisse d\'allocations familiales', msa: 'MSA' })[id]);

describe('French summaries of a change in the data', () => {
  it('says a sheet, a part or the roadmap page is new or deleted', () => {
    expect(change(null, sheet(''))).toEqual(['Nouvelle fiche']);
    expect(change(sheet(''), null)).toEqual(['Fiche supprimée']);
    expect(describeFileChange('partie', null, '---\ntitre: x\n---\n')).toEqual(['Nouvelle partie']);
    expect(describeFileChange('presentation', '---\ntitre: x\n---\n', null)).toEqual(['Présentation de la feuille de route supprimée']);
  });

  it('gives the status change with the statuses\' French labels', () => {
    expect(change(sheet('statut: a_lancer\n'), sheet('statut: en_cours\n'))).toEqual(['Statut : à lancer → en cours']);
    expect(change(sheet('statut: en_cours\n'), sheet('statut: realisee\n'))).toEqual(['Statut : en cours → réalisée']);
    expect(change(sheet(''), sheet('statut: suspendue\n'))).toEqual(['Statut ajouté : suspendue']);
  });

  it('gives the title, code and priority changes', () => {
    expect(change(sheet(''), sheet('').replace('Coordination', 'Coordination des volontaires'))).toEqual(['Titre : « Coordination » → « Coordination des volontaires »']);
    expect(change(sheet('code: "A.1"\n'), sheet('code: "A.2"\n'))).toEqual(['Code : A.1 → A.2']);
    expect(change(sheet('code: "4"\n'), sheet(''))).toEqual(['Code retiré : 4']);
    expect(change(sheet('priorite: "1"\n'), sheet('priorite: "2"\n'))).toEqual(['Priorité : 1 → 2']);
  });

  it('gives the calendar\'s bounds, or says the calendar changed', () => {
    expect(change(sheet('calendrier: { debut: "2023", fin: "2024" }\n'), sheet('calendrier: { debut: "2023", fin: "2025" }\n'))).toEqual(['Fin : 2024 → 2025']);
    expect(change(sheet('calendrier: { debut: 2023-01-15 }\n'), sheet('calendrier: { debut: 2023-03-01 }\n'))).toEqual(['Début : 15 janvier 2023 → 1er mars 2023']);
    expect(change(sheet('calendrier: { debut: "2023" }\n'), sheet('calendrier: { debut: "2023", fin: "2e semestre 2025" }\n'))).toEqual(['Fin ajoutée : 2e semestre 2025']);
    expect(change(sheet('calendrier: { texte: "avril" }\n'), sheet('calendrier: { texte: "mai" }\n'))).toEqual(['Calendrier modifié']);
    expect(change(sheet(''), sheet('calendrier: { texte: "mai" }\n'))).toEqual(['Calendrier ajouté']);
    expect(change(sheet('calendrier: { texte: "mai" }\n'), sheet(''))).toEqual(['Calendrier retiré']);
  });

  it('names the pilots and partners added or removed, from the directory', () => {
    expect(change(sheet('partenaires: [msa]\n'), sheet('partenaires: [msa, caf, { texte: "associations" }]\n'))).toEqual(['Partenaires ajoutés : Caisse d\'allocations familiales, associations']);
    expect(change(sheet('pilotes: [caf]\n'), sheet('pilotes: [msa]\n'))).toEqual(['Pilote ajouté : MSA', 'Pilote retiré : Caisse d\'allocations familiales']);
    expect(change(sheet('partenaires: [{ acteur: caf, role: "a" }]\n'), sheet('partenaires: [{ acteur: caf, role: "b" }]\n'))).toEqual(['Partenaires : rôles ou ordre modifiés']);
  });

  it('gives the budget change', () => {
    expect(change(sheet('budget: "10 000 €"\n'), sheet('budget: "12 000 €"\n'))).toEqual(['Budget : 10 000 € → 12 000 €']);
    expect(change(sheet(''), sheet('budget: "5 k€"\n'))).toEqual(['Budget ajouté']);
    expect(change(sheet('budget: "5 k€"\n'), sheet(''))).toEqual(['Budget retiré']);
  });

  it('counts the indicators added or removed', () => {
    expect(change(sheet('indicateurs: ["a"]\n'), sheet('indicateurs: ["a", "b"]\n'))).toEqual(['Indicateur ajouté']);
    expect(change(sheet('indicateurs: ["a", "b", "c"]\n'), sheet('indicateurs: ["a"]\n'))).toEqual(['2 indicateurs retirés']);
    expect(change(sheet('indicateurs: ["a"]\n'), sheet('indicateurs: ["b"]\n'))).toEqual(['Indicateurs modifiés']);
  });

  it('gives the date and first words of a progress note (suivi) added', () => {
    const before = sheet('suivi:\n  - { date: 2024-01-10, texte: "Lancement." }\n');
    const after = sheet('suivi:\n  - { date: 2024-01-10, texte: "Lancement." }\n  - { date: 2025-03-12, texte: "Douze structures accueillent désormais un volontaire en service civique, deux de plus que prévu au départ." }\n');
    expect(change(before, after)).toEqual(['Point d\'étape du 12 mars 2025 : Douze structures accueillent désormais un volontaire en service civique, deux de plus…']);
    expect(change(sheet(''), sheet('suivi:\n  - { date: "mars 2025", texte: "Bilan." }\n'))).toEqual(['Point d\'étape du mars 2025 : Bilan.']);
    expect(firstWords('un deux trois', 2)).toBe('un deux…');
  });

  it('says the text changed, and other fields by name', () => {
    expect(change(sheet(''), sheet('', 'Autre texte.\n'))).toEqual(['Texte modifié']);
    expect(change(sheet('resume: "a"\n'), sheet('resume: "b"\n'))).toEqual(['Résumé modifié']);
    expect(change(sheet('inconnu: 1\n'), sheet('inconnu: 2\n'))).toEqual(['Autres informations modifiées']);
    expect(change(sheet('statut: en_cours\n'), sheet('statut: realisee\n', 'Fini.\n'))).toEqual(['Statut : en cours → réalisée', 'Texte modifié']);
    expect(change(sheet('statut: en_cours\n'), sheet('statut:   en_cours\n'))).toEqual(['Mise en forme modifiée']);
  });

  it('gives the neutral summary for a version it cannot read, without failing', () => {
    expect(change('pas d\'en-tête', sheet(''))).toEqual(['Fiche modifiée']);
    expect(change(sheet(''), '---\ntitre: [non fermé\n---\n')).toEqual(['Fiche modifiée']);
    expect(change(sheet(''), '---\n- une liste\n---\n')).toEqual(['Fiche modifiée']);
    expect(parseVersion('---\r\ntitre: x\r\n---\r\nCorps\r\n')).toEqual({ data: { titre: 'x' }, body: 'Corps\n' });
  });
});
