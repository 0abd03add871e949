/**
 * What the search index knows about a page besides its text: filters (roadmap,
 * territory, type, status, pilots, partners, top-level axis, active years),
 * metadata shown in results, and sort keys.
 */
import { fr } from '../i18n/fr.ts';
import { activeYearsOfModel } from './calendar-years.ts';
import { synonymsFor, textOf } from './search-synonyms.ts';
import { activeInYear, isDatedRow, sheetTimelineRows } from './timeline.ts';
import type { Model, ModelActorRef, ModelNode, ModelRoadmap, ModelSheet } from '../model/types.ts';
import { sheetTypeLabel } from './display.ts';

export interface SearchMeta {
  filters: Array<[string, string]>;
  meta: Array<[string, string]>;
  sort: Array<[string, string]>;
}

/** Filter values are shown as typed: one line, single spaces. */
const clean = (v: string) => v.replace(/\s+/g, ' ').trim();

/**
 * An actor's name as a filter value. A directory actor already has one name (its directory
 * name). A free mention is written as each sheet's source wrote it: « les conseils généraux »
 * on one sheet, « conseils généraux » on another. Without its leading article and with a
 * capital, both read « Conseils généraux » and make one value that a citizen can tick to find
 * every sheet naming them; a single catch-all « Autres partenaires » value would group them
 * too, but would find nothing a citizen looks for.
 */
export function actorFacetName(ref: ModelActorRef): string {
  const name = clean(ref.nom);
  if (ref.acteur) return name;
  const bare = name.replace(/^(?:les|la|le|des|du|de la|de l['’])\s+|^l['’]\s*/i, '');
  return bare ? bare.charAt(0).toLocaleUpperCase('fr') + bare.slice(1) : name;
}

/** The régions and départements known by their INSEE codes (from @etalab/decoupage-administratif). */
export interface Places {
  departements: Record<string, { nom: string; region: string }>;
  regions: Record<string, { nom: string }>;
}

/** What the pages' search data needs besides the model: place names and the synonym groups. */
export interface SearchContext {
  places?: Places;
  /** Groups of equivalent terms (content/synonymes.yaml). */
  synonymes?: readonly (readonly string[])[];
  /**
   * On a hub (JALONS_SOURCES), the name its own roadmaps go by in the « Source » filter
   * (JALONS_RECHERCHE_NOM, else « Ce site »); null or absent on a site that is not a hub.
   */
  hub?: string | null;
}

/**
 * On a hub, which site publishes the page's roadmap: a `source` filter (the contract with the
 * search page and its tests, docs/portail.md) and a `source` metadata shown in the results.
 * Nothing on a site that is not a hub.
 */
export function sourceSearchMeta(rm: Pick<ModelRoadmap, 'origine'>, ctx: SearchContext): { filters: Array<[string, string]>; meta: Array<[string, string]> } {
  if (!ctx.hub) return { filters: [], meta: [] };
  const nom = clean(rm.origine?.nom ?? ctx.hub);
  return { filters: [['source', nom]], meta: [['source', nom]] };
}

/** Model fields that are not the page's text (ids, files, where the source put it). */
export const NOT_TEXT: ReadonlySet<string> = new Set(['id', 'fichier', 'parents', 'source', 'anomalies_source', 'voir_aussi', 'derniere_modification', 'fraicheur', 'statut', 'type', 'acteur']);

/**
 * The `synonymes` metadata: the terms of content/synonymes.yaml a page does not say but is
 * about, searchable (weighted in RANKING) yet never shown, so excerpts stay the page's words.
 */
function synonymMeta(value: unknown, ctx: SearchContext): Array<[string, string]> {
  if (!ctx.synonymes?.length) return [];
  const terms = synonymsFor(textOf(value, NOT_TEXT).join(' \n '), ctx.synonymes);
  return terms.length ? [['synonymes', terms.join(' · ')]] : [];
}

/**
 * The `lieux` metadata of a roadmap's sheets and nodes: its territory, région and département
 * names, so « télémédecine mayenne » finds the Mayenne roadmap's télémédecine sheet although
 * the sheet never writes « Mayenne ». Weighted low in RANKING.
 */
function placeMeta(rm: ModelRoadmap, ctx: SearchContext): Array<[string, string]> {
  const names = [clean(rm.territoire.nom), ...territoryFilters(rm.territoire, ctx.places).map(([, v]) => v)];
  return [['lieux', [...new Set(names)].join(' · ')]];
}

/**
 * The Région and Département filters of a roadmap's pages, from its territory's INSEE code:
 * a département's roadmap is also found under its région; a commune's (or an EPCI's, whose
 * code is not a place code) under nothing it cannot be sure of.
 */
export function territoryFilters(territoire: ModelRoadmap['territoire'], places: Places | undefined): Array<[string, string]> {
  const code = territoire.code_insee?.trim().toUpperCase();
  if (!places || !code) return [];
  let departement: string | null = null;
  let region: string | null = null;
  if (territoire.niveau === 'region') region = code;
  else if (territoire.niveau === 'departement') departement = code;
  else if (territoire.niveau === 'commune') departement = code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
  const dep = departement ? places.departements[departement] : undefined;
  region ??= dep?.region ?? null;
  const reg = region ? places.regions[region] : undefined;
  return [...(reg ? [['region', reg.nom] as [string, string]] : []), ...(dep ? [['departement', dep.nom] as [string, string]] : [])];
}

/**
 * Every calendar year in which the sheet is active: the years whose calendar page
 * ("Prévu en 2024") lists it, for its own calendar or for one of its dated
 * sub-actions. Same rule as those pages (`activeInYear`): fuzzy bounds count the
 * whole unit they name, milestones count in their year, annual schedules in the years
 * they recur, and work without an end counts every year from its start, up to the
 * end of the roadmap's period or `horizon` (the last year with a calendar page,
 * `calendarHorizon`), whichever is later.
 */
export function activeYears(sheet: ModelSheet, rm: ModelRoadmap, horizon = 0): number[] {
  const years = new Set<number>();
  for (const row of sheetTimelineRows(rm, sheet).rows.filter(isDatedRow)) {
    const { calendar: cal, periode } = row;
    // A deadline ("jusqu'en 2020") is active in the unit of its date only, which may begin the
    // year before (a winter); activeInYear, shared with the year calendars, decides.
    const from = cal.debut ? yearOf(cal.debut) : yearOf(cal.fin ?? periode.debut) - 1;
    let to = yearOf(cal.fin ?? periode.fin ?? cal.debut ?? periode.debut);
    if (cal.ouvert || !cal.fin) to = Math.max(to, horizon);
    for (let y = from; y > 0 && y <= to && y - from < 100; y++) if (activeInYear(cal, periode, y)) years.add(y);
    for (const j of cal.jalons) years.add(yearOf(j.debut));
  }
  return [...years].sort((a, b) => a - b);
}

/** The last year that has a calendar page: open-ended work is listed on every page up to it. */
export function calendarHorizon(model: Model): number {
  return activeYearsOfModel(model).at(-1) ?? 0;
}

const yearOf = (iso: string | null) => (iso ? Number(iso.slice(0, 4)) : 0);

/** Sort key that orders "A.1.2.b" and "10" naturally as text. */
export function codeSortKey(code: string | null): string {
  if (!code) return 'zzzz';
  return code.replace(/\d+/g, (n) => n.padStart(4, '0')).toLowerCase();
}

/** `model`: the whole site, for the years open-ended work runs to (see activeYears). */
export function sheetSearchMeta(rm: ModelRoadmap, sheet: ModelSheet, model?: Model, ctx: SearchContext = {}): SearchMeta {
  const axis = sheet.parents.find((p) => p.type === 'noeud');
  const roadmapName = clean(rm.titre_court ?? rm.titre);
  const filters: Array<[string, string]> = [
    ['feuille', roadmapName],
    ['territoire', clean(rm.territoire.nom)],
    ...territoryFilters(rm.territoire, ctx.places),
    ['type', clean(sheetTypeLabel(rm, sheet))],
    ...(sheet.statut ? [['statut', clean(fr.statuts[sheet.statut] ?? sheet.statut)] as [string, string]] : []),
    ...sheet.pilotes.map((p) => ['pilote', actorFacetName(p)] as [string, string]),
    ...sheet.partenaires.map((p) => ['partenaire', actorFacetName(p)] as [string, string]),
    ...(axis ? [['axe', clean(`${roadmapName} › ${[axis.code, axis.titre].filter(Boolean).join(' ')}`)] as [string, string]] : []),
    ...activeYears(sheet, rm, model ? calendarHorizon(model) : 0).map((y) => ['annee', String(y)] as [string, string]),
  ];
  const source = sourceSearchMeta(rm, ctx);
  return {
    filters: dedupe([...filters, ...source.filters]),
    meta: [
      ['title', sheet.titre],
      ['code', sheet.code ?? ''],
      ['feuille', rm.titre_court ?? rm.titre],
      ['pilote', sheet.pilotes.map((p) => p.nom).join(', ')],
      ['responsables', actorNames([sheet.pilotes, sheet.porteurs])],
      ['partenaires', actorNames([sheet.partenaires, sheet.cofinanceurs, sheet.acteurs, sheet.a_mobiliser])],
      ...synonymMeta(sheet, ctx),
      ...placeMeta(rm, ctx),
      ...source.meta,
    ],
    sort: [
      ['code', `${roadmapName} ${codeSortKey(sheet.code)}`],
      ['debut', sheet.calendrier?.debut ?? '9999-12-31'],
    ],
  };
}

export function nodeSearchMeta(rm: ModelRoadmap, node: ModelNode, levelName: string | null, ctx: SearchContext = {}): SearchMeta {
  const roadmapName = clean(rm.titre_court ?? rm.titre);
  const source = sourceSearchMeta(rm, ctx);
  return {
    filters: [['feuille', roadmapName], ['territoire', clean(rm.territoire.nom)], ...territoryFilters(rm.territoire, ctx.places), ['type', clean(levelName ?? 'Regroupement')], ...source.filters],
    meta: [['title', node.titre ?? node.code ?? ''], ['code', node.code ?? ''], ['feuille', rm.titre_court ?? rm.titre], ['pilote', ''], ...synonymMeta([node.titre, node.corps], ctx), ...placeMeta(rm, ctx), ...source.meta],
    sort: [['code', `${roadmapName} ${codeSortKey(node.code)}`], ['debut', '9999-12-31']],
  };
}

export function roadmapSearchMeta(rm: ModelRoadmap, ctx: SearchContext = {}): SearchMeta {
  const roadmapName = clean(rm.titre_court ?? rm.titre);
  const source = sourceSearchMeta(rm, ctx);
  return {
    filters: [['feuille', roadmapName], ['territoire', clean(rm.territoire.nom)], ...territoryFilters(rm.territoire, ctx.places), ['type', 'Feuille de route'], ...source.filters],
    meta: [
      // Weighted in RANKING: the territory's name finds its roadmap before the sheets that name it.
      ['territoire', clean(rm.territoire.nom)],
      ['title', rm.titre],
      ['code', ''],
      ['feuille', rm.titre_court ?? rm.titre],
      ['pilote', rm.porteurs.map((p) => p.nom).join(', ')],
      ['responsables', actorNames([rm.porteurs])],
      ...synonymMeta([rm.titre, rm.sous_titre, rm.corps, rm.gouvernance], ctx),
      ...source.meta,
    ],
    sort: [['code', `${roadmapName} 0000`], ['debut', rm.periode.debut ?? '9999-12-31']],
  };
}

/**
 * Names of actors, once each. Metadata is searchable: `responsables` (pilots and
 * carriers) and `partenaires` (everyone else named on the sheet) let an actor's name
 * find the sheets it leads or joins, weighted in RANKING (search-settings.ts).
 */
export function actorNames(groups: ModelActorRef[][]): string {
  return [...new Set(groups.flat().map((a) => clean(a.nom)).filter(Boolean))].join(' · ');
}

function dedupe(pairs: Array<[string, string]>): Array<[string, string]> {
  const seen = new Set<string>();
  return pairs.filter(([k, v]) => {
    const key = `${k}\u0000${v}`;
    if (seen.has(key) || !v) return false;
    seen.add(key);
    return true;
  });
}
