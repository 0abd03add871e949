import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { roadmapRows, sheetRow, toCsv } from '../src/lib/export/csv.ts';
import { planImport } from '../src/lib/import/sheets.ts';
import { readTable } from '../src/lib/import/table.ts';
import { roadmapMilestoneEvents, sheetEvents } from '../src/lib/export/ical.ts';
import { modelJsonSchema } from '../src/lib/export/model-schema.ts';
import { roadmapMilestones } from '../src/lib/model/progress.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
const fixture = join(root, 'tests', 'fixtures', 'suivi');
// Every value below is computed by hand from tests/fixtures/suivi for this date.
const TODAY = '2025-01-15';

describe('progress derived from a year of entries, on 2025-01-15', () => {
  const result = validateProject(root, fixture, TODAY);
  const rm = result.model.feuilles_de_route[0]!;
  const sheet = (id: string) => rm.fiches.find((f) => f.id === id)!;

  it('validates the fixture without problems', () => {
    expect(result.problems).toEqual([]);
  });

  it('gives the current status, since the first entry of the run that set it, and the latest progress', () => {
    expect(rm.fiches.map((f) => [f.id, f.statut_actuel, f.statut_depuis?.texte ?? null, f.avancement])).toEqual([
      ['a-1', 'en_cours', 'mars 2024', 55],
      ['a-2', 'en_cours', 'juillet 2024', 70],
      ['b-1', 'realisee', '2024-09-30', 100],
      ['b-2', 'suspendue', 'décembre 2024', null],
      ['b-3', null, null, null],
    ]);
    expect(sheet('a-1').statut_depuis).toEqual({ texte: 'mars 2024', debut: '2024-03-01', fin: '2024-03-31', precision: 'mois' });
  });

  it('flags late sheets with the reason: a milestone past and not reached, an end past; never a realised sheet or one without status', () => {
    expect(rm.fiches.map((f) => [f.id, f.en_retard, f.retard])).toEqual([
      ['a-1', true, { fin_depassee: false, jalons_depasses: ['Charte signée'] }],
      ['a-2', true, { fin_depassee: true, jalons_depasses: [] }],
      ['b-1', false, { fin_depassee: false, jalons_depasses: [] }],
      ['b-2', false, { fin_depassee: false, jalons_depasses: [] }],
      ['b-3', false, { fin_depassee: false, jalons_depasses: [] }],
    ]);
  });

  it('reads the planned end at its precision: « 2e semestre 2024 » is not past before 31 December', () => {
    const before = validateProject(root, fixture, '2024-12-20').model.feuilles_de_route[0]!.fiches.find((f) => f.id === 'a-2')!;
    expect(before.retard.fin_depassee).toBe(false);
    expect(before.en_retard).toBe(false);
  });

  it('marks milestones reached at the entry that names them, late when past and not reached', () => {
    expect(sheet('a-1').jalons_suivi.map((j) => [j.libelle, j.atteint_le?.texte ?? null, j.en_retard])).toEqual([
      ['Lancement du réseau', 'mars 2024', false],
      ['Première formation', 'octobre 2024', false],
      ['Charte signée', null, true],
    ]);
  });

  it('publishes the log newest first, with the last update and values under their indicator\'s label', () => {
    const a1 = sheet('a-1');
    expect(a1.suivi.map((e) => e.date.texte)).toEqual(['2025-01-10', 'octobre 2024', '2024-06-15', 'mars 2024', '2024-01-20']);
    expect(a1.derniere_mise_a_jour?.texte).toBe('2025-01-10');
    expect(a1.suivi[1]!.valeurs).toEqual([{ indicateur: 'Aidants formés', valeur: 35, texte: '35' }]);
    expect(a1.indicateurs[0]!.mesures.map((m) => [m.date, m.valeur])).toEqual([['2024-06-15', 18], ['octobre 2024', 35]]);
    expect(sheet('b-3').derniere_mise_a_jour).toBeNull();
    expect(sheet('b-1').sous_actions[0]).toMatchObject({ statut_actuel: 'realisee', avancement: 100 });
    // A sub-action's measured values are measures of the sheet's indicator too.
    expect(sheet('b-1').indicateurs[0]!.mesures.map((m) => [m.date, m.valeur])).toEqual([['juillet 2024', 12]]);
  });

  it('rolls up per roadmap and per node', () => {
    expect(rm.synthese_suivi).toEqual({
      fiches: 5,
      par_statut: { en_cours: 2, realisee: 1, suspendue: 1, non_renseigne: 1 },
      part_realisee: 0.2,
      part_en_retard: 0.4,
      avancement_moyen: 75,
      fiches_en_retard: ['a-1', 'a-2'],
    });
    const node = (id: string) => rm.noeuds.find((n) => n.id === id)!.synthese_suivi;
    expect(node('axe-a')).toEqual({ fiches: 2, par_statut: { en_cours: 2 }, part_realisee: 0, part_en_retard: 1, avancement_moyen: 62.5, fiches_en_retard: ['a-1', 'a-2'] });
    expect(node('axe-b')).toMatchObject({ fiches: 3, par_statut: { realisee: 1, suspendue: 1, non_renseigne: 1 }, part_en_retard: 0, avancement_moyen: 100, fiches_en_retard: [] });
    expect(node('axe-b').part_realisee).toBeCloseTo(1 / 3);
  });

  it('publishes the roadmap\'s reports newest first', () => {
    expect(rm.bilans.map((b) => [b.date.texte, b.titre, b.lien?.url ?? null])).toEqual([
      ['2025-01-10', 'Comité de pilotage annuel', null],
      ['juillet 2024', 'Bilan à mi-année', 'https://example.org/bilan-2024-07.pdf'],
    ]);
  });

  it('publishes the roadmap\'s own objectives, and its indicators with the values its reports measured', () => {
    expect(rm.objectifs).toEqual(['80 % des habitants ont les **compétences numériques de base** en 2025.', 'Un lieu de médiation numérique dans chaque EPCI.']);
    expect(rm.indicateurs.map((i) => [i.libelle, i.unite, i.reference?.texte ?? null, i.cibles.map((c) => `${c.date}:${c.valeur}`), i.mesures.map((m) => `${m.date}:${m.valeur}`)])).toEqual([
      ['Habitants ayant les compétences numériques de base', '%', '62', ['2025:80'], ['juillet 2024:66']],
      ['Lieux de médiation ouverts', null, null, [], []],
    ]);
    // The report names the indicator loosely (no accents, lower case): the model files it under the indicator's own label.
    expect(rm.bilans[1]!.valeurs).toEqual([{ indicateur: 'Habitants ayant les compétences numériques de base', valeur: 66, texte: '66' }]);
    expect(rm.bilans.map((b) => b.jalons_atteints)).toEqual([[], ['Installation du comité de pilotage']]);
  });

  it('marks the roadmap\'s milestones reached by a report, late when past and not reached', () => {
    const state = (r: typeof rm) => r.jalons.map((j) => [j.libelle, j.date.fin, j.atteint_le?.texte ?? null, j.en_retard]);
    expect(state(rm)).toEqual([
      ['Installation du comité de pilotage', '2024-06-30', 'juillet 2024', false],
      ['Évaluation à mi-parcours', '2024-11-30', null, true],
      ['Bilan final', '2025-12-31', null, false],
    ]);
    // « novembre 2024 » is not past until its last day.
    const before = validateProject(root, fixture, '2024-11-30').model.feuilles_de_route[0]!;
    expect(before.jalons.map((j) => j.en_retard)).toEqual([false, false, false]);
  });

  it('never calls a milestone of a completed or replaced roadmap late, nor one of a roadmap that keeps no report', () => {
    const jalons = [{ date: 'novembre 2024', libelle: 'Évaluation à mi-parcours' }];
    expect(roadmapMilestones(jalons, rm.bilans, 'en_vigueur', TODAY)[0]!.en_retard).toBe(true);
    expect(roadmapMilestones(jalons, rm.bilans, 'achevee', TODAY)[0]!.en_retard).toBe(false);
    expect(roadmapMilestones(jalons, rm.bilans, 'remplacee', TODAY)[0]!.en_retard).toBe(false);
    expect(roadmapMilestones(jalons, [], 'en_vigueur', TODAY)[0]!.en_retard).toBe(false);
  });

  it('publishes all of it in the JSON model, which validates against the published JSON Schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(modelJsonSchema('https://exemple.fr/donnees/jalons.schema.json'));
    const data = JSON.parse(JSON.stringify(result.model));
    expect(validate(data), ajv.errorsText(validate.errors)).toBe(true);
    data.feuilles_de_route[0].fiches[0].suivi[0].avancement = 140;
    expect(validate(data)).toBe(false);
    const roadmapLevel = JSON.parse(JSON.stringify(result.model));
    expect(roadmapLevel.feuilles_de_route[0].jalons).toHaveLength(3);
    roadmapLevel.feuilles_de_route[0].jalons[0].atteint_le = 'juillet 2024';
    expect(validate(roadmapLevel)).toBe(false);
    roadmapLevel.feuilles_de_route[0].jalons[0].atteint_le = null;
    roadmapLevel.feuilles_de_route[0].bilans[1].valeurs[0].valeur = '66';
    expect(validate(roadmapLevel)).toBe(false);
  });

  it('adds the current status, the last update and the progress at the end of the CSV row', () => {
    const row = (id: string) => sheetRow(rm, sheet(id), () => '');
    expect([row('a-1').statut_actuel, row('a-1').derniere_mise_a_jour, row('a-1').avancement]).toEqual(['en_cours', '2025-01-10', '55']);
    expect([row('b-3').statut_actuel, row('b-3').derniere_mise_a_jour, row('b-3').avancement]).toEqual(['', '', '']);
    // After every column the import reads back; only a hub's « origine » and « contribue_a » come later.
    expect(Object.keys(row('a-1')).slice(-5)).toEqual(['statut_actuel', 'derniere_mise_a_jour', 'avancement', 'origine', 'contribue_a']);
  });

  it('marks reached milestones in their iCalendar summary', () => {
    const events = sheetEvents(rm, sheet('a-1'), { sheetUrl: () => 'https://exemple.fr/f/', roadmapUrl: () => 'https://exemple.fr/', today: TODAY, host: 'exemple.fr' });
    expect(events.filter((e) => e.uid.includes('jalon')).map((e) => e.summary)).toEqual([
      'A.1 Réseau d\'aidants numériques : Lancement du réseau (atteint : mars 2024)',
      'A.1 Réseau d\'aidants numériques : Première formation (atteint : octobre 2024)',
      'A.1 Réseau d\'aidants numériques : Charte signée',
    ]);
  });

  it('puts the roadmap\'s own milestones in its iCalendar, reached ones marked, linked to the roadmap page', () => {
    const events = roadmapMilestoneEvents(rm, { sheetUrl: () => 'https://exemple.fr/f/', roadmapUrl: (id) => `https://exemple.fr/${id}/`, today: TODAY, host: 'exemple.fr' });
    expect(events.map((e) => [e.uid, e.summary, e.start, e.endExclusive, e.url])).toEqual([
      ['suivi.jalon-1@exemple.fr', 'Suivi 2024-2025 : Installation du comité de pilotage (atteint : juillet 2024)', '2024-06-01', '2024-07-01', 'https://exemple.fr/suivi/#cap'],
      ['suivi.jalon-2@exemple.fr', 'Suivi 2024-2025 : Évaluation à mi-parcours', '2024-11-01', '2024-12-01', 'https://exemple.fr/suivi/#cap'],
      ['suivi.jalon-3@exemple.fr', 'Suivi 2024-2025 : Bilan final', '2025-10-01', '2026-01-01', 'https://exemple.fr/suivi/#cap'],
    ]);
    expect(events[2]!.description).toBe('T4 2025\nfin 2025\nhttps://exemple.fr/suivi/#cap');
  });

  it('reads its own CSV back without change: the derived columns are known and ignored, the log is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalons-suivi-import-'));
    const content = join(dir, 'content');
    cpSync(fixture, content, { recursive: true });
    const csv = join(dir, 'suivi.csv');
    writeFileSync(csv, toCsv(roadmapRows(rm, () => '')));
    const plan = planImport(await readTable(csv), { projectRoot: dir, contentDir: content, roadmap: 'suivi' });
    expect(plan.erreurs).toEqual([]);
    expect(plan.fichiers.map((f) => f.action)).toEqual(rm.fiches.map(() => 'inchangee'));
  });
});
