/** Builds the public model from validated content. Assumes cross-file rules have run. */
import { parseFuzzyDate } from '../values/fuzzy-date.ts';
import { parseIndicatorValue } from '../values/indicator.ts';
import { parseMoney, type Money } from '../values/money.ts';
import { isExternalRoadmap, normaliseRef, ROADMAP_RELATIONS, type ContentIndex, type RoadmapIndex } from '../content/cross-rules.ts';
import type { LoadedContent, MarkdownEntry, NodeData, RoadmapData, SheetData } from '../content/load.ts';
import { normaliseCalendar, type Calendar, type Period } from '../values/calendar.ts';
import { calendarDisplay, followedPeriod } from './calendar-view.ts';
import {
  currentStatus, freshness, indicatorLabelsOf, lastUpdate, latestAdvancement, lateness, measuredValues, milestoneProgress, modelDate, NO_LAST_CHANGES, progressEntries, roadmapMilestones, summarise, withMeasures,
  type LastChanges,
} from './progress.ts';
import { defaultToday } from '../values/today.ts';
import { foldForMatch } from '../values/text.ts';
import { linkContributions, linkRoadmaps, roadmapLink } from './relations.ts';
import type { Model, ModelActorRef, ModelCalendar, ModelAncestor, ModelIndicator, ModelIndicatorPoint, ModelNode, ModelRoadmap, ModelSheet, ModelSource } from './types.ts';

type RawRef = Parameters<typeof normaliseRef>[0];

/** Words of a name, padded, without case, accents, punctuation or leading article: « Le Département » is in « Département de Maine-et-Loire ». */
const comparableWords = (name: string) => ` ${foldForMatch(name).replace(/[^a-z0-9]+/g, ' ').trim().replace(/^(le|la|les|l) /, '')} `;
type Item = { kind: 'noeud'; entry: MarkdownEntry<NodeData> } | { kind: 'fiche'; entry: MarkdownEntry<SheetData> };

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

function compareItems(a: Item, b: Item): number {
  const oa = a.entry.data.ordre ?? Number.POSITIVE_INFINITY;
  const ob = b.entry.data.ordre ?? Number.POSITIVE_INFINITY;
  if (oa !== ob) return oa < ob ? -1 : 1;
  const ca = a.entry.data.code === undefined ? null : String(a.entry.data.code);
  const cb = b.entry.data.code === undefined ? null : String(b.entry.data.code);
  if (ca !== null && cb !== null && ca !== cb) return collator.compare(ca, cb);
  if ((ca === null) !== (cb === null)) return ca === null ? 1 : -1;
  return collator.compare(a.entry.data.titre ?? '', b.entry.data.titre ?? '') || collator.compare(a.entry.id, b.entry.id);
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const money = (v: string | string[] | undefined): Money[] => list(v).map(parseMoney);
const pages = (p: number | string | Array<number | string> | undefined): string | null =>
  p === undefined ? null : Array.isArray(p) ? p.join(', ') : String(p);
const source = (s: { pages: number | string | Array<number | string>; note?: string | undefined } | undefined): ModelSource => ({
  pages: pages(s?.pages),
  note: s?.note ?? null,
});

function fuzzy(value: string | number | undefined) {
  if (value === undefined) return null;
  const r = parseFuzzyDate(String(value));
  return { texte: String(value), debut: r.ok ? r.value.debut : null, fin: r.ok ? r.value.fin : null };
}

function point(p: { date: string | number; valeur: number | string; texte?: string | undefined }): ModelIndicatorPoint {
  const d = parseFuzzyDate(String(p.date));
  const v = parseIndicatorValue(p.valeur);
  return { date: String(p.date), debut: d.ok ? d.value.debut : null, fin: d.ok ? d.value.fin : null, valeur: v.nombre, texte: p.texte ?? v.texte };
}

function indicator(raw: NonNullable<SheetData['indicateurs'] | RoadmapData['indicateurs']>[number]): ModelIndicator {
  if (typeof raw === 'string') return { libelle: raw, unite: null, description: null, reference: null, cibles: [], mesures: [] };
  const values = [raw.reference, ...(raw.cibles ?? []), ...(raw.mesures ?? [])].filter((x) => x !== undefined);
  const inferredUnit = values.map((v) => parseIndicatorValue(v.valeur).unite).find((u) => u);
  return {
    libelle: raw.libelle,
    unite: raw.unite ?? inferredUnit ?? null,
    description: raw.description ?? null,
    reference: raw.reference ? point(raw.reference) : null,
    cibles: (raw.cibles ?? []).map(point),
    mesures: (raw.mesures ?? []).map(point),
  };
}

/**
 * `today` (YYYY-MM-DD): the build date, for the current status, late flags and roll-ups.
 * `lastChanges`: each file's last data change from git, for the sheets' freshness (none by default).
 */
export function buildModel(content: LoadedContent, index: ContentIndex, today: string = defaultToday(), lastChanges: LastChanges = NO_LAST_CHANGES): Model {
  const actorName = (id: string | null) => (id ? index.actors.get(id)?.data.nom ?? id : null);
  // The page names the actor by its directory name; the sheet's own spelling is kept beside it
  // when it says something the name does not (« CD49 », « ORANGE – Mayenne Fibre »), not when it
  // only differs by case, accents, punctuation or a leading article (« Le Département »).
  const spelling = (r: RawRef, id: string | null, nom: string): string | null => {
    const written = (typeof r === 'string' ? r : r.graphie ?? r.acteur)?.trim();
    if (id === null || written === undefined || written === id) return null;
    return comparableWords(nom).includes(comparableWords(written)) ? null : written;
  };
  const refs = (raw: RawRef[] | undefined): ModelActorRef[] =>
    (raw ?? []).map((r) => {
      const ref = normaliseRef(r, index.resolveActor);
      const nom = actorName(ref.acteur) ?? ref.texte ?? '';
      return { acteur: ref.acteur, nom, graphie_source: spelling(r, ref.acteur, nom), role: ref.role, precision: ref.precision ?? (ref.acteur ? ref.texte : null) };
    });

  const feuilles_de_route = [...index.roadmaps.values()]
    .sort((a, b) => collator.compare(a.roadmap.data.titre_court ?? a.roadmap.data.titre, b.roadmap.data.titre_court ?? b.roadmap.data.titre))
    .map((rm) => buildRoadmap(rm, refs, today, lastChanges));
  const byId = new Map(feuilles_de_route.map((r) => [r.id, r]));
  for (const rm of feuilles_de_route) {
    const d = index.roadmaps.get(rm.id)!.roadmap.data;
    for (const field of ROADMAP_RELATIONS) {
      const ref = d[field];
      rm[field] = ref === undefined ? null : roadmapLink(ref, byId);
    }
  }
  linkRoadmaps(feuilles_de_route);
  linkContributions(feuilles_de_route, new Map([...index.roadmaps.values()].flatMap((rm) =>
    [...rm.sheets.values()].map((s) => [`${rm.roadmap.id}/${s.id}`, s.data.contribue_a ?? []] as const))));

  return {
    version: 2,
    feuilles_de_route,
    acteurs: content.actors
      .map((a) => ({
        id: a.id, nom: a.data.nom, sigle: a.data.sigle ?? null, aliases: a.data.aliases ?? [], type: a.data.type,
        territoire: a.data.territoire ?? null, parent: a.data.parent ?? null, site: a.data.site ?? null, description: a.data.description ?? null,
      }))
      .sort((a, b) => collator.compare(a.nom, b.nom)),
    glossaire: content.glossary
      .map((g) => ({ id: g.id, sigle: g.data.sigle, definition: g.data.definition, variantes: g.data.variantes ?? [], note: g.data.note ?? null, lien: g.data.lien ?? null }))
      .sort((a, b) => collator.compare(a.sigle, b.sigle)),
  };
}

function buildRoadmap(rm: RoadmapIndex, refs: (raw: RawRef[] | undefined) => ModelActorRef[], today: string, lastChanges: LastChanges): ModelRoadmap {
  const r = rm.roadmap.data;
  const levelName = new Map(r.niveaux.map((l) => [l.id, l.nom]));
  const children = new Map<string, Item[]>();
  const push = (parent: string | undefined, item: Item) => {
    const key = parent !== undefined && (rm.nodes.has(parent) || rm.sheets.has(parent)) ? parent : '';
    children.set(key, [...(children.get(key) ?? []), item]);
  };
  for (const entry of rm.nodes.values()) push(entry.data.parent, { kind: 'noeud', entry });
  for (const entry of rm.sheets.values()) push(entry.data.parent, { kind: 'fiche', entry });

  const noeuds: ModelNode[] = [];
  const fiches: ModelSheet[] = [];
  const visited = new Set<string>();
  // One counter for nodes and sheets: `ordre` is the rank in the depth-first reading of the whole tree.
  let rank = 0;
  const visit = (parentId: string, ancestors: ModelAncestor[]) => {
    for (const item of (children.get(parentId) ?? []).sort(compareItems)) {
      if (visited.has(item.entry.id)) continue; // cycles are reported by the cross-file rules
      visited.add(item.entry.id);
      const e = item.entry;
      const code = e.data.code === undefined ? null : String(e.data.code);
      const self: ModelAncestor = {
        id: e.id, type: item.kind, code, titre: e.data.titre ?? null, niveau: item.kind === 'noeud' ? (e.data as NodeData).niveau : null,
      };
      if (item.kind === 'noeud') {
        const d = item.entry.data;
        noeuds.push({
          id: e.id, feuille_de_route: rm.roadmap.id, fichier: e.fichier, code, titre: d.titre ?? null, titre_court: d.titre_court ?? null,
          niveau: d.niveau, niveau_nom: levelName.get(d.niveau) ?? null, parent: d.parent ?? null, parents: ancestors,
          ordre: rank++, source: source(d.source), anomalies_source: d.anomalies_source ?? [], corps: e.body.trim(),
          synthese_suivi: summarise([]), contributions: [],
        });
      } else {
        fiches.push(buildSheet(rm, item.entry, code, ancestors, rank++, refs, today, lastChanges));
      }
      visit(e.id, [...ancestors, self]);
    }
  };
  visit('', []);

  const indicatorLabels = indicatorLabelsOf(r);
  const bilans = [...(r.bilans ?? [])]
    .map((b) => ({
      date: modelDate(b.date), titre: b.titre, texte: b.texte ?? null, lien: b.lien ?? null,
      valeurs: measuredValues(b.valeurs, indicatorLabels), jalons_atteints: b.jalons_atteints ?? [],
    }))
    .sort((a, b) => (b.date.debut ?? '').localeCompare(a.date.debut ?? '') || (b.date.fin ?? '').localeCompare(a.date.fin ?? ''));
  const roadmap: ModelRoadmap = {
    id: rm.roadmap.id,
    origine: null,
    fichier: rm.roadmap.fichier,
    titre: r.titre,
    titre_court: r.titre_court ?? null,
    sous_titre: r.sous_titre ?? null,
    porteurs: refs(r.porteurs),
    territoire: { nom: r.territoire.nom, niveau: r.territoire.niveau, code_insee: r.territoire.code_insee ?? null },
    periode: { debut: rm.period.debut, fin: rm.period.fin, texte: r.periode?.texte ?? null },
    date_adoption: fuzzy(r.date_adoption),
    date_publication: fuzzy(r.date_publication),
    adoption_prevue: fuzzy(r.adoption_prevue),
    statut: r.statut,
    niveaux: r.niveaux.map((l) => ({ id: l.id, nom: l.nom, nom_pluriel: l.nom_pluriel ?? null, facultatif: l.facultatif ?? false, affiche: l.affiche ?? true })),
    nom_fiche: r.nom_fiche ?? 'Fiche action',
    fiches_annoncees: r.fiches_annoncees ?? null,
    priorites: (r.priorites ?? []).map((p) => ({ valeur: String(p.valeur), libelle: p.libelle, description: p.description ?? null })),
    gouvernance: r.gouvernance ?? null,
    source: {
      titre: r.source.titre, auteur: r.source.auteur ?? null, fichier: r.source.fichier ?? null, url: r.source.url ?? null,
      date: r.source.date ?? null, note: r.source.note ?? null,
    },
    licence: r.licence ?? null,
    liens: r.liens ?? [],
    anomalies_source: r.anomalies_source ?? [],
    corps: rm.roadmap.body.trim(),
    objectifs: r.objectifs ?? [],
    // Values measured in the reports are measures of the roadmap's own indicators, as a sheet's log measures the sheet's.
    indicateurs: withMeasures((r.indicateurs ?? []).map(indicator), bilans),
    jalons: roadmapMilestones(r.jalons ?? [], bilans, r.statut, today),
    budget: money(r.budget),
    // Set once every roadmap is built (src/lib/model/relations.ts).
    declinaison_de: null, diagnostic: null, precedee_par: null, remplacee_par: null, relations: [],
    bilans,
    synthese_suivi: summarise(fiches),
    noeuds,
    fiches,
  };
  // Continuous work and annual schedules follow the roadmap's period; where it gives no bound, the years its sheets cover.
  if (!rm.period.debut || !rm.period.fin) {
    const period = followedPeriod(roadmap);
    for (const f of fiches) {
      f.calendrier = displayed(f.calendrier, period);
      for (const sa of f.sous_actions) sa.calendrier = displayed(sa.calendrier, period);
    }
  }
  for (const node of noeuds) node.synthese_suivi = summarise(fiches.filter((f) => f.parents.some((p) => p.id === node.id)));
  return roadmap;
}

/** The calendar as published, with what every output shows of it. */
function displayed(cal: Calendar | null, period: Period): ModelCalendar | null {
  return cal && { ...cal, affichage: calendarDisplay(cal, period) };
}

function buildSheet(
  rm: RoadmapIndex,
  e: MarkdownEntry<SheetData>,
  code: string | null,
  parents: ModelAncestor[],
  ordre: number,
  refs: (raw: RawRef[] | undefined) => ModelActorRef[],
  today: string,
  lastChanges: LastChanges,
): ModelSheet {
  const d = e.data;
  const calendrier = displayed(rm.calendars.get(e.id) ?? normaliseCalendar(d.calendrier, rm.period), rm.period);
  const suivi = progressEntries(d.suivi, indicatorLabelsOf(d));
  const current = currentStatus(d.suivi, d.statut);
  const jalons_suivi = milestoneProgress(calendrier, suivi, current.statut, today);
  const retard = lateness(calendrier, current.statut, jalons_suivi, today);
  const derniere_modification = lastChanges.get(e.fichier) ?? null;
  return {
    id: e.id,
    feuille_de_route: rm.roadmap.id,
    fichier: e.fichier,
    code,
    titre: d.titre,
    type: d.type ?? null,
    statut: d.statut ?? null,
    priorite: d.priorite === undefined ? null : String(d.priorite),
    parent: d.parent ?? null,
    parents,
    ordre,
    resume: d.resume ?? null,
    pilotes: refs(d.pilotes),
    porteurs: refs(d.porteurs),
    partenaires: refs(d.partenaires),
    cofinanceurs: refs(d.cofinanceurs),
    acteurs: refs(d.acteurs),
    a_mobiliser: refs(d.a_mobiliser),
    territoire: d.territoire ?? null,
    publics: list(d.publics),
    publics_numerotes: d.publics_numerotes ?? false,
    calendrier,
    budget: money(d.budget),
    moyens: { financiers: money(d.moyens?.financiers), humains: money(d.moyens?.humains), materiels: money(d.moyens?.materiels) },
    // Values measured in the sheet's log and in its sub-actions' logs are all measures of the sheet's indicators.
    indicateurs: withMeasures((d.indicateurs ?? []).map(indicator), [...suivi, ...(d.sous_actions ?? []).flatMap((sa) => progressEntries(sa.suivi, indicatorLabelsOf(d)))]),
    sous_actions: (d.sous_actions ?? []).map((s) => ({
      titre: s.titre,
      code: s.code === undefined ? null : String(s.code),
      description: s.description ?? null,
      calendrier: displayed(normaliseCalendar(s.calendrier, rm.period), rm.period),
      pilotes: refs(s.pilotes),
      partenaires: refs(s.partenaires),
      cofinanceurs: refs(s.cofinanceurs),
      budget: money(s.budget),
      champs_source: s.champs_source ?? {},
      ...subActionProgress(s, indicatorLabelsOf(d)),
    })),
    problematique: d.problematique ?? null,
    risques: list(d.risques),
    resultats_attendus: list(d.resultats_attendus),
    benefices: list(d.benefices),
    liens: d.liens ?? [],
    voir_aussi: (d.voir_aussi ?? []).map((t) => {
      const [feuille_de_route, id] = t.includes('/') ? (t.split('/', 2) as [string, string]) : [rm.roadmap.id, t];
      return { feuille_de_route, id };
    }),
    contribue_a: [],
    // Pages of other sites: accepted as written, never fetched (src/lib/content/cross-rules.ts).
    contribue_a_adresses: (d.contribue_a ?? []).filter(isExternalRoadmap),
    contributions: [],
    source: source(d.source),
    anomalies_source: d.anomalies_source ?? [],
    corps: e.body.trim(),
    suivi,
    statut_actuel: current.statut,
    statut_depuis: current.depuis,
    avancement: latestAdvancement(suivi),
    en_retard: retard.fin_depassee || retard.jalons_depasses.length > 0,
    retard,
    derniere_mise_a_jour: lastUpdate(suivi),
    derniere_modification,
    fraicheur: freshness(suivi, derniere_modification),
    jalons_suivi,
  };
}

function subActionProgress(s: NonNullable<SheetData['sous_actions']>[number], indicatorLabels: string[]) {
  const suivi = progressEntries(s.suivi, indicatorLabels);
  return { suivi, statut_actuel: currentStatus(s.suivi, undefined).statut, avancement: latestAdvancement(suivi) };
}
