/**
 * Roadmaps that refer to each other (tests/fixtures/relations, invented): a national roadmap
 * with numbered engagements, two local declinations, a diagnostic, a predecessor replaced by
 * its successor, and another site's roadmap known by its address. The references are checked
 * at file:line with a suggestion, shown both ways in the model, and published in the JSON.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { roadmapIcalFile, roadmapMilestoneEvents } from '../src/lib/export/ical.ts';
import { publicModelSchema } from '../src/lib/export/model-schema.ts';
import { activeYearsOfModel } from '../src/lib/site/calendar-years.ts';
import { allRoadmapsTimeline, roadmapTimeline } from '../src/lib/site/timeline.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { sheetNamePlural, sheetTypeLabel } from '../src/lib/site/display.ts';
import { announcedText } from '../src/lib/site/relations-view.ts';
import { makeContentTree, ROOT, type ContentTree } from './support/content-tree.ts';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'relations');
const TODAY = '2024-03-15';
const result = validateProject(ROOT, FIXTURE, TODAY);
const rm = (id: string) => result.model.feuilles_de_route.find((r) => r.id === id)!;
const relations = (id: string) => rm(id).relations.map((r) => `${r.relation} ${r.feuille_de_route ?? r.url}${r.declaree ? '' : ' (déduite)'}`);

let tree: ContentTree | null = null;
afterEach(() => { tree?.remove(); tree = null; });
/** The fixture with `files` written over it, validated: each problem as « file:line:column path gravity message ». */
function problemsWith(files: Record<string, string>) {
  tree = makeContentTree(FIXTURE, files);
  return validateProject(ROOT, tree.dir, TODAY).problems.map((p) => `${p.fichier.replace(/^.*content\//, '')}:${p.ligne}:${p.colonne} ${p.chemin} ${p.gravite} ${p.message}`);
}
const roadmapFile = (id: string, extra: string, statut = 'en_vigueur') =>
  `---\ntitre: Feuille ${id}\nporteurs: [departement-a]\nterritoire: { nom: Département A, niveau: departement }\nstatut: ${statut}\nniveaux: []\nsource: { titre: Document inventé }\n${extra}---\n`;

describe('relations between roadmaps in the model', () => {
  it('accepts the fixture without a problem', () => {
    expect(result.problems).toEqual([]);
  });

  it('shows every relation both ways: declared in one file, deduced on the other roadmap', () => {
    expect(relations('departement-a-2024')).toEqual(['declinaison_de nationale', 'diagnostic diagnostic-a', 'precedee_par departement-a-2020']);
    expect(relations('nationale')).toEqual(['declinee_par departement-a-2024 (déduite)', 'declinee_par departement-b (déduite)']);
    expect(relations('diagnostic-a')).toEqual(['diagnostic_pour departement-a-2024 (déduite)']);
    // Declared on both sides (precedee_par / remplacee_par), listed once, as declared.
    expect(relations('departement-a-2020')).toEqual(['remplacee_par departement-a-2024']);
    expect(relations('departement-b')).toEqual(['declinaison_de nationale', 'precedee_par https://autre-site.example.org/departement-b-2019/']);
  });

  it('keeps another site\'s roadmap as its address only, and names a roadmap of the site by its short title and territory', () => {
    expect(rm('departement-b').precedee_par).toEqual({ feuille_de_route: null, url: 'https://autre-site.example.org/departement-b-2019/', titre: null, territoire: null });
    expect(rm('departement-b').declinaison_de).toEqual({ feuille_de_route: 'nationale', url: null, titre: 'Nationale', territoire: 'France' });
  });

  it('resolves a sheet\'s contributions and lists them on the national node or sheet, in reading order', () => {
    const a1 = rm('departement-a-2024').fiches.find((f) => f.id === 'a-1')!;
    expect(a1.contribue_a).toEqual([{ feuille_de_route: 'nationale', id: 'engagement-3', type: 'fiche' }]);
    const engagement3 = rm('nationale').fiches.find((f) => f.id === 'engagement-3')!;
    expect(engagement3.contributions.map((c) => `${c.feuille_de_route}/${c.id}`)).toEqual(['departement-a-2024/a-1', 'departement-b/b-1']);
    const axe2 = rm('nationale').noeuds.find((n) => n.id === 'axe-2')!;
    expect(axe2.contributions).toEqual([{ feuille_de_route: 'departement-a-2024', id: 'a-2', type: 'fiche' }]);
  });

  it('publishes the budget, the announced sheets, the expected adoption and the « signee » status', () => {
    expect(rm('nationale').budget.map((b) => b.texte)).toEqual(['Fonds national : 10 M€', '2 ETP']);
    expect(rm('nationale').fiches_annoncees).toBe(15);
    expect(announcedText(rm('nationale'))).toBe('Le document annonce 15 engagements et en décrit 2.');
    expect(announcedText(rm('departement-b'))).toBeNull();
    expect(rm('departement-a-2024').statut).toBe('signee');
    expect(rm('departement-a-2024').adoption_prevue).toEqual({ texte: 'octobre 2024', debut: '2024-10-01', fin: '2024-10-31' });
  });

  it('publishes a model of version 2 that its own JSON Schema accepts', () => {
    expect(result.model.version).toBe(2);
    const parsed = publicModelSchema.safeParse(JSON.parse(JSON.stringify(result.model)));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('labels a sheet by the roadmap\'s name for its sheets, except sub-actions and working groups', () => {
    const nationale = rm('nationale');
    expect(sheetTypeLabel(nationale, nationale.fiches[0]!)).toBe('Engagement');
    expect(sheetTypeLabel(nationale, { type: 'action' })).toBe('Engagement');
    expect(sheetTypeLabel(nationale, { type: 'groupe_de_travail' })).toBe('Groupe de travail');
    expect(sheetTypeLabel(rm('departement-b'), { type: null })).toBe('Fiche action');
  });

  it('names sheets in the plural as the roadmap calls them', () => {
    expect(['Engagement', 'Fiche action', 'Fiche projet', 'Piste d’action', 'Mesure', 'Réseau', 'FNE'].map(sheetNamePlural))
      .toEqual(['engagements', 'fiches action', 'fiches projet', 'pistes d’action', 'mesures', 'réseaux', 'FNE']);
  });
});

describe('checks on the references between roadmaps', () => {
  it('refuses an unknown roadmap with the closest folder name, and a roadmap that names itself', () => {
    expect(problemsWith({
      'departement-b/feuille-de-route.md': roadmapFile('b', 'declinaison_de: nationnale\ndiagnostic: departement-b\n'),
    })).toEqual([
      'departement-b/feuille-de-route.md:8:1 declinaison_de erreur « declinaison_de » renvoie à la feuille de route « nationnale », qui n\'existe pas dans ce site. Vouliez-vous dire « nationale » ? Écrivez le nom de dossier d\'une feuille de route de content/, ou l\'adresse https d\'une feuille de route d\'un autre site Jalons.',
      'departement-b/feuille-de-route.md:9:1 diagnostic erreur « diagnostic » désigne cette feuille de route elle-même : écrivez le nom de dossier d\'une autre feuille de route, ou retirez le champ.',
    ]);
  });

  it('refuses an address that is neither a folder name nor an https address', () => {
    const problems = problemsWith({ 'departement-b/feuille-de-route.md': roadmapFile('b', 'precedee_par: "http://autre-site.example.org/b/"\n') });
    expect(problems).toEqual([
      'departement-b/feuille-de-route.md:8:1 precedee_par erreur Écrivez le nom de dossier d\'une feuille de route de ce site (« mednum49-2023-2025 ») ou l\'adresse https d\'une feuille de route d\'un autre site Jalons (« https://exemple.fr/feuille/ »).',
    ]);
  });

  it('warns when a successor is named but the status is not « remplacee », and when a predecessor and its successor disagree', () => {
    expect(problemsWith({
      'departement-a-2020/feuille-de-route.md': roadmapFile('a-2020', 'remplacee_par: departement-b\n', 'achevee'),
    })).toEqual([
      // departement-b says it follows another site's roadmap: the two files disagree.
      'departement-a-2020/feuille-de-route.md:8:1 remplacee_par avertissement Cette feuille de route est « remplacee_par » departement-b, mais departement-b est « precedee_par » https://autre-site.example.org/departement-b-2019/ : corrigez l\'un des deux fichiers pour qu\'ils se répondent.',
      'departement-a-2020/feuille-de-route.md:8:1 remplacee_par avertissement Cette feuille de route est « remplacee_par » une autre, mais son statut est « achevee » : écrivez « statut: remplacee » si elle est bien remplacée.',
      'departement-a-2024/feuille-de-route.md:11:1 precedee_par avertissement Cette feuille de route est « precedee_par » departement-a-2020, mais departement-a-2020 est « remplacee_par » departement-b : corrigez l\'un des deux fichiers pour qu\'ils se répondent.',
    ]);
  });

  it('accepts in « contribue_a » the address of a node or sheet page of another Jalons site, not the address of a site or a roadmap', () => {
    const sheet = (refs: string) => `---\ntitre: Former des aidants\ncode: A.1\nparent: axe-a\ncontribue_a: ${refs}\n---\n`;
    expect(problemsWith({ 'departement-a-2024/fiches/a-1.md': sheet('[https://national.example.org/nationale/axe-2/, http://127.0.0.1:8080/nationale/engagement-3/, https://national.example.org/nationale/]') })).toEqual([
      'departement-a-2024/fiches/a-1.md:5:109 contribue_a[2] erreur « contribue_a » : « https://national.example.org/nationale/ » est l\'adresse d\'un site ou d\'une feuille de route ; écrivez celle de la page d\'un nœud ou d\'une fiche (« https://site/feuille-de-route/identifiant/ »).',
    ]);
  });

  it('warns when fewer sheets are announced than described', () => {
    const nationale = `---\ntitre: Nationale\nporteurs: [etat-exemple]\nterritoire: { nom: France, niveau: national }\nstatut: en_vigueur\nniveaux:\n  - { id: axe, nom: Axe }\nfiches_annoncees: 1\nsource: { titre: Document inventé }\n---\n`;
    expect(problemsWith({ 'nationale/feuille-de-route.md': nationale })).toEqual([
      'nationale/feuille-de-route.md:8:1 fiches_annoncees avertissement « fiches_annoncees » vaut 1, mais 2 fiches sont décrites dans nationale/fiches/ : le document annonce au moins autant de fiches qu\'il en décrit. Corrigez le nombre, ou retirez le champ si toutes les fiches sont décrites.',
    ]);
  });

  it('checks « contribue_a »: roadmap and entry exist, with suggestions, and only in another roadmap', () => {
    const sheet = (refs: string) => `---\ntitre: Former des aidants\ncode: A.1\nparent: axe-a\ncontribue_a: ${refs}\n---\n`;
    expect(problemsWith({ 'departement-a-2024/fiches/a-1.md': sheet('[nationale/engagement-33, nationnale/axe-1, a-2, axe-1]') })).toEqual([
      'departement-a-2024/fiches/a-1.md:5:15 contribue_a[0] erreur « contribue_a » renvoie à « nationale/engagement-33 » : « engagement-33 » n\'est ni un nœud ni une fiche de nationale. Vouliez-vous dire « engagement-3 » ou « engagement-7 » ? Écrivez « feuille-de-route/identifiant », l\'identifiant d\'un nœud ou d\'une fiche d\'une autre feuille de route de ce site (« nationale/engagement-3 »), ou l\'adresse https de sa page sur un autre site Jalons.',
      'departement-a-2024/fiches/a-1.md:5:40 contribue_a[1] erreur « contribue_a » renvoie à la feuille de route « nationnale », qui n\'existe pas. Vouliez-vous dire « nationale » ? Écrivez « feuille-de-route/identifiant », l\'identifiant d\'un nœud ou d\'une fiche d\'une autre feuille de route de ce site (« nationale/engagement-3 »), ou l\'adresse https de sa page sur un autre site Jalons.',
      'departement-a-2024/fiches/a-1.md:5:58 contribue_a[2] erreur « contribue_a » relie une fiche à une autre feuille de route ; « a-2 » est dans la même : utilisez « voir_aussi ».',
      'departement-a-2024/fiches/a-1.md:5:63 contribue_a[3] erreur « contribue_a » renvoie à « axe-1 », sans feuille de route. Écrivez « feuille-de-route/identifiant », l\'identifiant d\'un nœud ou d\'une fiche d\'une autre feuille de route de ce site (« nationale/engagement-3 »), ou l\'adresse https de sa page sur un autre site Jalons.',
    ]);
  });

  it('accepts a path to every page the site builds beside the content files: the whole document, the embeds, the all-years calendar, the coverage page of a declined roadmap (only there)', () => {
    const sheet = `---\ntitre: Équiper\ncode: A.2\nparent: axe-a\n---\n[a](/nationale/document/) [b](/nationale/declinaisons/) [c](/integrer/nationale/engagement-3/) [d](/integrer/nationale/calendrier/) [e](/calendrier/toutes/) [f](/departement-b/declinaisons/)\n`;
    expect(problemsWith({ 'departement-a-2024/fiches/a-2.md': sheet })).toEqual([
      expect.stringMatching(/^departement-a-2024\/fiches\/a-2\.md:6:\d+  erreur Le lien « \/departement-b\/declinaisons\/ » ne mène à aucune page de ce site\./),
    ]);
  });

  it('checks links written as a path of the site, in « liens » and in the body, with the closest page', () => {
    const sheet = `---\ntitre: Équiper\ncode: A.2\nparent: axe-a\nliens:\n  - { titre: Engagement, url: /nationale/engagement-33/ }\n---\nVoir [l'axe](/nationale/axe-2/) et [la fiche](/departement-a-2024/a-11) ;\n\n[1]: /acteur/departement-a/\n`;
    expect(problemsWith({ 'departement-a-2024/fiches/a-2.md': sheet })).toEqual([
      'departement-a-2024/fiches/a-2.md:6:26 liens[0].url erreur Le lien « /nationale/engagement-33/ » ne mène à aucune page de ce site. Vouliez-vous dire « /nationale/engagement-3/ » ? Écrivez le chemin d\'une page du site (« /feuille-de-route/identifiant/ »), ou une adresse complète commençant par « https:// ».',
      'departement-a-2024/fiches/a-2.md:8:47  erreur Le lien « /departement-a-2024/a-11 » ne mène à aucune page de ce site. Vouliez-vous dire « /departement-a-2024/a-1/ » ? Écrivez le chemin d\'une page du site (« /feuille-de-route/identifiant/ »), ou une adresse complète commençant par « https:// ».',
      'departement-a-2024/fiches/a-2.md:10:6  erreur Le lien « /acteur/departement-a/ » ne mène à aucune page de ce site. Vouliez-vous dire « /acteurs/departement-a/ » ? Écrivez le chemin d\'une page du site (« /feuille-de-route/identifiant/ »), ou une adresse complète commençant par « https:// ».',
    ]);
  });

  it('checks the paths linked in progress entries and reports, at their text', () => {
    const sheet = `---\ntitre: Équiper\ncode: A.2\nparent: axe-a\nsuivi:\n  - date: 2024-02-01\n    texte: "Lancé avec [l'axe national](/nationale/axe-22/)."\n  - date: 2024-01-10\n    texte: Voir [la fiche A.1](/departement-a-2024/a-1/).\n---\n`;
    const roadmap = roadmapFile('a-2020', 'bilans:\n  - date: 2023-12-31\n    titre: Bilan 2023\n    texte: "[Suite](/departement-a-2042/)"\n', 'achevee');
    expect(problemsWith({ 'departement-a-2024/fiches/a-2.md': sheet, 'departement-a-2020/feuille-de-route.md': roadmap }).filter((p) => p.includes('ne mène'))).toEqual([
      'departement-a-2020/feuille-de-route.md:11:5 bilans[0].texte erreur Le lien « /departement-a-2042/ » ne mène à aucune page de ce site. Vouliez-vous dire « /departement-a-2020/ » ? Écrivez le chemin d\'une page du site (« /feuille-de-route/identifiant/ »), ou une adresse complète commençant par « https:// ».',
      'departement-a-2024/fiches/a-2.md:7:5 suivi[0].texte erreur Le lien « /nationale/axe-22/ » ne mène à aucune page de ce site. Vouliez-vous dire « /nationale/axe-2/ » ? Écrivez le chemin d\'une page du site (« /feuille-de-route/identifiant/ »), ou une adresse complète commençant par « https:// ».',
    ]);
  });

  it('refuses a link that is neither an http(s) address nor a path of the site', () => {
    const sheet = `---\ntitre: Équiper\ncode: A.2\nparent: axe-a\nliens:\n  - { titre: Ailleurs, url: "javascript:alert(1)" }\n---\n`;
    expect(problemsWith({ 'departement-a-2024/fiches/a-2.md': sheet })).toEqual([
      'departement-a-2024/fiches/a-2.md:6:24 liens[0].url erreur Ce lien n\'est pas une adresse web valide : écrivez l\'adresse complète, commençant par « https:// », ou le chemin d\'une page de ce site, commençant par « / » (« /mednum49-2023-2025/b-3/ »).',
    ]);
  });

  it('accepts « voir_aussi » to a node, and suggests nodes as well as sheets', () => {
    const sheet = `---\ntitre: Un lieu équipé\ncode: 7\nparent: axe-2\nvoir_aussi: [axe-1, departement-a-2024/axe-a, axe-11]\n---\n`;
    expect(problemsWith({ 'nationale/fiches/engagement-7.md': sheet })).toEqual([
      'nationale/fiches/engagement-7.md:5:47 voir_aussi[2] erreur « voir_aussi » renvoie à « axe-11 », qui n\'existe pas. Vouliez-vous dire « axe-1 » ou « axe-2 » ? Écrivez l\'identifiant d\'une fiche ou d\'un nœud de la même feuille de route, ou « feuille-de-route/identifiant ».',
    ]);
  });
});

describe('the roadmaps\' own dates on the calendars and in iCalendar', () => {
  const o = { sheetUrl: (r: string, id: string) => `https://exemple.fr/${r}/${id}/`, roadmapUrl: (r: string) => `https://exemple.fr/${r}/`, today: TODAY, host: 'exemple.fr' };

  it('gives the adoption, the expected adoption and the publication as all-day events', () => {
    expect(roadmapMilestoneEvents(rm('nationale'), o)).toEqual([{
      uid: 'nationale.adoption@exemple.fr', summary: 'Nationale : Adoption', description: '28 juillet 2023\n2023-07-28\nhttps://exemple.fr/nationale/#faits',
      url: 'https://exemple.fr/nationale/#faits', start: '2023-07-28', endExclusive: '2023-07-29',
    }]);
    expect(roadmapMilestoneEvents(rm('departement-a-2024'), o).map((e) => [e.summary, e.start, e.endExclusive])).toEqual([['Département A 2024-2027 : Adoption prévue', '2024-10-01', '2024-11-01']]);
    expect(roadmapMilestoneEvents(rm('diagnostic-a'), o).map((e) => [e.uid, e.summary])).toEqual([['diagnostic-a.publication@exemple.fr', 'Diagnostic A : Publication']]);
    // A roadmap without a sheet dated still publishes its calendar when it has a date of its own.
    expect(roadmapIcalFile(rm('diagnostic-a'))).toBe('donnees/diagnostic-a.ics');
  });

  it('draws them in the roadmap\'s own row of its calendar and under its heading in the calendar of all roadmaps', () => {
    const own = roadmapTimeline(rm('departement-a-2024'), TODAY).rows.find((r) => r.kind === 'jalons');
    expect(own?.kind === 'jalons' && own.calendar.jalons.map((j) => [j.libelle, j.debut])).toEqual([['Adoption prévue', '2024-10-01']]);
    const all = allRoadmapsTimeline(result.model).rows.map((r) => `${r.depth} ${r.kind} ${r.label}`);
    // The fixture's sheets are undated: only the roadmaps with a date of their own appear.
    expect(all).toEqual([
      '0 feuille_de_route Département A 2024-2027', '1 jalons Jalons de la feuille de route',
      '0 feuille_de_route Diagnostic A', '1 jalons Jalons de la feuille de route',
      '0 feuille_de_route Nationale', '1 jalons Jalons de la feuille de route',
    ]);
    // Only the year's dates on a year's page; the adoption of 2023 makes 2023 a year with a page.
    expect(allRoadmapsTimeline(result.model, 2024).rows.some((r) => r.kind === 'jalons' && r.feuille_de_route === 'nationale')).toBe(false);
    expect(activeYearsOfModel(result.model)).toEqual([2023, 2024]);
  });
});
