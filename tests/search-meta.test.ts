/**
 * What the search index learns about each page besides its text (filters, metadata,
 * sort keys), and the search settings read from the environment.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseCalendar, type CalendarInput } from '../src/lib/values/calendar.ts';
import type { ModelRoadmap, ModelSheet, ModelSubAction } from '../src/lib/model/types.ts';
import { activeYears, actorFacetName, actorNames, calendarHorizon, codeSortKey, nodeSearchMeta, roadmapSearchMeta, sheetSearchMeta, territoryFilters } from '../src/lib/site/search-meta.ts';
import { places } from '../src/data/places.ts';
import { mergedOrigins, parseMergedSites, RANKING, searchSettings } from '../src/lib/site/search-settings.ts';
import { activeYearsOfModel } from '../src/lib/site/calendar-years.ts';
import { allRoadmapsTimeline } from '../src/lib/site/timeline.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
const PERIOD = { debut: '2023-01-01', fin: '2025-12-31' };

function roadmapWith(fiches: ModelSheet[], periode: { debut: string | null; fin: string | null } = PERIOD): ModelRoadmap {
  return { id: 'essai', titre: 'Essai', titre_court: null, periode: { ...periode, texte: null }, porteurs: [], territoire: { nom: 'Essai', niveau: 'departement', code_insee: null }, fiches, noeuds: [] } as unknown as ModelRoadmap;
}

function sheetWith(calendrier: CalendarInput | undefined, subCalendars: CalendarInput[] = []): ModelSheet {
  const sous_actions = subCalendars.map((c, i) => ({ titre: `Sous-action ${i + 1}`, code: null, calendrier: normaliseCalendar(c, PERIOD) }) as unknown as ModelSubAction);
  return { id: 'fiche', code: '1', titre: 'Fiche', calendrier: normaliseCalendar(calendrier, PERIOD), sous_actions, parents: [], pilotes: [], porteurs: [], partenaires: [], cofinanceurs: [], acteurs: [], a_mobiliser: [] } as unknown as ModelSheet;
}

const years = (calendrier: CalendarInput | undefined, subs: CalendarInput[] = [], periode = PERIOD) => {
  const sheet = sheetWith(calendrier, subs);
  return activeYears(sheet, roadmapWith([sheet], periode));
};

describe('activeYears: the years a sheet is active, from its fuzzy calendar', () => {
  it('counts every year a stated period touches, fuzzy bounds included', () => {
    expect(years('2eme Semestre 2023')).toEqual([2023]);
    expect(years({ debut: '2022', fin: '2024' })).toEqual([2022, 2023, 2024]);
    expect(years({ debut: 'Novembre 2023', fin: 'février 2024' })).toEqual([2023, 2024]);
    expect(years('T4 2024')).toEqual([2024]);
  });

  it('ends a duration where it runs out', () => {
    expect(years({ debut: 'Mars 2023', duree: '2 ans' })).toEqual([2023, 2024, 2025]);
  });

  it('counts a calendar with only an end (a deadline) in the year of its deadline only, as the year calendars do', () => {
    // Before: also 2023, the roadmap's start, which the source does not give as the start of the work.
    expect(years({ fin: "à l'horizon 2024" })).toEqual([2024]);
  });

  it('runs open-ended work, or a start without an end, to the end of the roadmap period', () => {
    expect(years({ debut: 'Avril 2024', fin: 'Sans fin – mise à jour régulières' })).toEqual([2024, 2025]);
    expect(years({ debut: 'Mars 2024' })).toEqual([2024, 2025]);
    // With calendar pages up to 2027 (other roadmaps), such work is on every one of them.
    const sheet = sheetWith({ debut: 'Avril 2024', fin: 'Sans fin' });
    expect(activeYears(sheet, roadmapWith([sheet]), 2027)).toEqual([2024, 2025, 2026, 2027]);
    // A stated end is not stretched.
    const ended = sheetWith({ debut: '2023', fin: '2024' });
    expect(activeYears(ended, roadmapWith([ended]), 2027)).toEqual([2023, 2024]);
  });

  it('spreads continuous work and annual schedules over the roadmap period', () => {
    expect(years({ texte: 'Action en continue sur la période', continu: true })).toEqual([2023, 2024, 2025]);
    expect(years({ recurrence: [{ mois: 'avril', libelle: 'lancement' }] })).toEqual([2023, 2024, 2025]);
  });

  it('counts milestones in their year, even outside the period', () => {
    expect(years({ jalons: [{ date: 'juin 2024', libelle: 'bilan' }, { date: '2027', libelle: 'fin' }] })).toEqual([2024, 2027]);
    expect(years({ debut: '2023', fin: '2023', jalons: [{ date: '2026', libelle: 'évaluation' }] })).toEqual([2023, 2026]);
  });

  it('adds the years of dated sub-actions, also for an undated sheet', () => {
    expect(years(undefined, ['2025'])).toEqual([2025]);
    expect(years('2023', [{ debut: 'Mars 2024', duree: '1 an' }])).toEqual([2023, 2024, 2025]);
  });

  it('gives nothing for an undated sheet', () => {
    expect(years(undefined)).toEqual([]);
  });

  it('agrees with the per-year calendar pages on every sheet of the real content', () => {
    const { model, problems } = validateProject(root);
    expect(problems.filter((p) => p.gravite === 'erreur')).toEqual([]);
    // The years that have a calendar page, and the sheets each lists (for themselves or a sub-action).
    const pages = activeYearsOfModel(model);
    const listed = new Map(pages.map((y) => [y, new Set(allRoadmapsTimeline(model, y).rows.filter((r) => r.kind === 'fiche' || r.kind === 'sous_action').map((r) => `${r.feuille_de_route}/${r.id}`))]));
    let dated = 0;
    for (const rm of model.feuilles_de_route) {
      for (const sheet of rm.fiches) {
        const mine = activeYears(sheet, rm, calendarHorizon(model));
        if (mine.length) dated++;
        const theirs = pages.filter((y) => listed.get(y)!.has(`${rm.id}/${sheet.id}`));
        expect(mine, `${rm.id}/${sheet.id}`).toEqual(theirs);
      }
    }
    // The real roadmaps date about one sheet in six; the loop must have met them.
    expect(dated).toBeGreaterThanOrEqual(20);
  });
});

describe('sort keys', () => {
  it('orders codes naturally, codeless entries last', () => {
    const codes = ['A.1.10', 'A.2', null, 'A.1.2.b', '10', 'A.1.2', '9', 'B.1'];
    expect([...codes].sort((a, b) => codeSortKey(a).localeCompare(codeSortKey(b)))).toEqual(['9', '10', 'A.1.2', 'A.1.2.b', 'A.1.10', 'A.2', 'B.1', null]);
  });
});

describe('filters, metadata and sort keys of real pages', () => {
  const { model } = validateProject(root);
  const mednum = model.feuilles_de_route.find((r) => r.id === 'mednum49-2023-2025')!;
  const promeneurs = mednum.fiches.find((s) => s.id === 'c-3')!;

  it('gives a sheet its roadmap, territory, type, status, pilots, partners, axis and years', () => {
    const meta = sheetSearchMeta(mednum, promeneurs, model);
    const filters = (k: string) => meta.filters.filter(([key]) => key === k).map(([, v]) => v);
    expect(filters('feuille')).toEqual(['Mednum49 2023-2025']);
    expect(filters('territoire')).toEqual([mednum.territoire.nom]);
    // The type is what the roadmap calls its sheets (« nom_fiche »), as on the sheet page.
    expect(filters('type')).toEqual(['Fiche action']);
    expect(filters('pilote')).toEqual(promeneurs.pilotes.map((p) => p.nom));
    expect(filters('partenaire')).toEqual(promeneurs.partenaires.map(actorFacetName));
    expect(filters('axe')).toHaveLength(1);
    expect(filters('axe')[0]).toMatch(/^Mednum49 2023-2025 › C /);
    expect(filters('annee')).toEqual(activeYears(promeneurs, mednum, calendarHorizon(model)).map(String));
    // No filter value twice, none empty.
    expect(new Set(meta.filters.map(([k, v]) => `${k}=${v}`)).size).toBe(meta.filters.length);
    expect(meta.filters.every(([, v]) => v.trim() === v && v !== '')).toBe(true);
  });

  it('gives a dated sheet the years of its calendar', () => {
    const dated = mednum.fiches.find((s) => s.id === 'a-1-2-b')!;
    const annees = sheetSearchMeta(mednum, dated, model).filters.filter(([k]) => k === 'annee').map(([, v]) => v);
    expect(annees.length).toBeGreaterThan(0);
    expect(annees).toEqual(activeYears(dated, mednum, calendarHorizon(model)).map(String));
  });

  it('makes the leading and the other actors searchable metadata, apart', () => {
    const meta = Object.fromEntries(sheetSearchMeta(mednum, promeneurs).meta);
    expect(meta.title).toBe(promeneurs.titre);
    expect(meta.code).toBe('C.3');
    expect(meta.responsables).toContain('Francas de Maine-et-Loire');
    expect(meta.partenaires).not.toContain('Francas de Maine-et-Loire');
    expect(actorNames([[{ acteur: null, nom: ' A  b ', graphie_source: null, role: null, precision: null }, { acteur: null, nom: 'A b', graphie_source: null, role: null, precision: null }], []])).toBe('A b');
    expect(Object.keys(RANKING.metaWeights)).toEqual(expect.arrayContaining(['title', 'responsables', 'partenaires']));
  });

  it('sorts by roadmap then code, and by start date with undated last', () => {
    const sort = Object.fromEntries(sheetSearchMeta(mednum, promeneurs).sort);
    expect(sort.code).toBe(`Mednum49 2023-2025 ${codeSortKey('C.3')}`);
    expect(sort.debut).toBe(promeneurs.calendrier?.debut ?? '9999-12-31');
    const undated = mednum.fiches.find((s) => !s.calendrier?.debut)!;
    expect(Object.fromEntries(sheetSearchMeta(mednum, undated).sort).debut).toBe('9999-12-31');
    expect(String(Object.fromEntries(roadmapSearchMeta(mednum).sort).code) < String(sort.code)).toBe(true);
    const node = mednum.noeuds[0]!;
    expect(Object.fromEntries(nodeSearchMeta(mednum, node, 'Axe').filters.map(([k, v]) => [k, v])).type).toBe('Axe');
  });
});

describe('facet values a citizen can tick', () => {
  const free = (nom: string) => ({ acteur: null, nom, graphie_source: null, role: null, precision: null });
  it('groups free mentions written with or without an article, and keeps directory names as they are', () => {
    expect(actorFacetName(free('les conseils généraux'))).toBe('Conseils généraux');
    expect(actorFacetName(free('conseils généraux'))).toBe('Conseils généraux');
    expect(actorFacetName(free('la CUE'))).toBe('CUE');
    expect(actorFacetName(free("l'ensemble des EPN"))).toBe('Ensemble des EPN');
    expect(actorFacetName(free('Les acteurs en médiation numérique'))).toBe('Acteurs en médiation numérique');
    expect(actorFacetName(free('lessive'))).toBe('Lessive');
    expect(actorFacetName({ ...free('les Francas'), acteur: 'francas' })).toBe('les Francas');
  });

  it('gives a roadmap’s pages their région and département, named as the INSEE names them', () => {
    const { model } = validateProject(root);
    const byId = (id: string) => model.feuilles_de_route.find((r) => r.id === id)!;
    const filters = (m: { filters: Array<[string, string]> }) => m.filters.filter(([k]) => k === 'region' || k === 'departement');
    expect(filters(roadmapSearchMeta(byId('may-num-mayenne'), { places }))).toEqual([['region', 'Pays de la Loire'], ['departement', 'Mayenne']]);
    expect(filters(roadmapSearchMeta(byId('aisne-feuille-de-route-numerique'), { places }))).toEqual([['region', 'Hauts-de-France'], ['departement', 'Aisne']]);
    expect(filters(roadmapSearchMeta(byId('scoran-pays-de-la-loire'), { places }))).toEqual([['region', 'Pays de la Loire']]);
    const mednum = byId('mednum49-2023-2025');
    expect(filters(sheetSearchMeta(mednum, mednum.fiches[0]!, model, { places }))).toEqual([['region', 'Pays de la Loire'], ['departement', 'Maine-et-Loire']]);
    expect(territoryFilters({ nom: 'Ajaccio', niveau: 'commune', code_insee: '2A004' }, places)).toEqual([['region', 'Corse'], ['departement', 'Corse-du-Sud']]);
    expect(territoryFilters({ nom: 'Sans code', niveau: 'departement', code_insee: null }, places)).toEqual([]);
  });
});

describe('search settings', () => {
  it('reads the other sites to merge, by name', () => {
    expect(parseMergedSites(undefined)).toEqual([]);
    expect(parseMergedSites(' Mayenne=https://mayenne.example.org/pagefind ; Aisne = https://aisne.example.org/jalons/pagefind/ ;')).toEqual([
      { name: 'Mayenne', bundle: 'https://mayenne.example.org/pagefind/' },
      { name: 'Aisne', bundle: 'https://aisne.example.org/jalons/pagefind/' },
    ]);
    expect(() => parseMergedSites('https://sans-nom.example.org/pagefind/')).toThrow(/Nom=https/);
    expect(() => parseMergedSites('Relatif=/pagefind/')).toThrow(/adresse complète/);
    expect(() => parseMergedSites('Ftp=ftp://example.org/pagefind/')).toThrow(/https:\/\//);
  });

  it('names this site, passes the ranking and gives the origins the page may fetch', () => {
    const env = { JALONS_RECHERCHE_NOM: 'Maine-et-Loire', JALONS_RECHERCHE_SITES: 'Mayenne=https://m.example.org/pagefind/;Autre=https://m.example.org/autre/pagefind/;Aisne=http://127.0.0.1:8080/pagefind/' };
    expect(searchSettings('/jalons', env)).toEqual({ bundle: '/jalons/pagefind/', name: 'Maine-et-Loire', others: parseMergedSites(env.JALONS_RECHERCHE_SITES), ranking: RANKING });
    expect(searchSettings('/', {}).name).toBe('Ce site');
    expect(mergedOrigins(env)).toEqual(['https://m.example.org', 'http://127.0.0.1:8080']);
    expect(mergedOrigins({})).toEqual([]);
  });
});
