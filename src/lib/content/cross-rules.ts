/**
 * Rules that span several files: identities, parents, cycles, references to actors
 * and to other sheets, calendars against the roadmap's period. Used by the CLI
 * validator and by the site build alike, so both refuse the same content.
 */
import { parseFuzzyDate } from '../values/fuzzy-date.ts';
import { normaliseCalendar, type Calendar, type Period } from '../values/calendar.ts';
import { RESERVED_ENTRY_IDS, RESERVED_ROADMAP_IDS } from './paths.ts';
import { SITE_PATH } from '../../../schemas/source.ts';
import { OTHER_SITE_PAGE } from '../../../schemas/roadmap.ts';
import { looseKey } from '../values/text.ts';
import type { ActorData, Entry, LoadedContent, MarkdownEntry, NodeData, RoadmapData, SheetData } from './load.ts';
import { formatPath, shorten, type PathSegment, type Problem } from './problem.ts';
import { checkProgress, checkRoadmapReviews } from './progress-rules.ts';
import { closest, didYouMean } from './suggest.ts';
import { defaultToday } from '../values/today.ts';

export interface ActorRef {
  acteur: string | null;
  texte: string | null;
  role: string | null;
  precision: string | null;
}

export interface RoadmapIndex {
  roadmap: MarkdownEntry<RoadmapData>;
  period: Period;
  nodes: Map<string, MarkdownEntry<NodeData>>;
  sheets: Map<string, MarkdownEntry<SheetData>>;
  /** Ids of files that failed their schema (reported already): they exist for references. */
  invalid: Set<string>;
  calendars: Map<string, Calendar | null>;
}

export interface ContentIndex {
  roadmaps: Map<string, RoadmapIndex>;
  actors: Map<string, Entry<ActorData>>;
  resolveActor(name: string): string | null;
}

type RawRef = string | { acteur?: string | undefined; texte?: string | undefined; role?: string | undefined; precision?: string | undefined; graphie?: string | undefined };

export const ACTOR_ROLE_FIELDS = ['pilotes', 'porteurs', 'partenaires', 'cofinanceurs', 'acteurs', 'a_mobiliser'] as const;

/** `today` (YYYY-MM-DD): no progress entry may be dated after it. */
export function checkCrossFileRules(content: LoadedContent, today: string = defaultToday()): { index: ContentIndex; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (entry: Entry<unknown>, path: PathSegment[], message: string, gravite: Problem['gravite'] = 'erreur') =>
    problems.push({ fichier: entry.fichier, ...entry.locate(path), chemin: formatPath(path), message, gravite });

  // Actors: every name, acronym and alias must point at a single organisation.
  const actors = new Map(content.actors.map((a) => [a.id, a]));
  const names = new Map<string, string>();
  const displayNames: string[] = [];
  for (const actor of content.actors) {
    const labels: Array<[string, PathSegment[]]> = [
      [actor.id, []],
      [actor.data.nom, ['nom']],
      ...(actor.data.sigle ? [[actor.data.sigle, ['sigle']] as [string, PathSegment[]]] : []),
      ...(actor.data.aliases ?? []).map((a, i) => [a, ['aliases', i]] as [string, PathSegment[]]),
    ];
    displayNames.push(actor.data.nom, ...(actor.data.sigle ? [actor.data.sigle] : []), ...(actor.data.aliases ?? []));
    for (const [label, path] of labels) {
      const key = looseKey(label);
      const owner = names.get(key);
      if (owner && owner !== actor.id) {
        report(actor, path, `« ${label} » désigne déjà l'acteur « ${owner} » (content/acteurs/${owner}.yaml) : une graphie ne peut renvoyer qu'à une seule organisation. S'il s'agit de la même, fusionnez les deux fichiers ; sinon, retirez cette graphie.`);
      } else names.set(key, actor.id);
    }
  }
  for (const bad of content.invalid.filter((i) => i.kind === 'actor')) {
    const raw = (bad.raw ?? {}) as Record<string, unknown>;
    for (const label of [bad.id, raw.nom, raw.sigle, ...(Array.isArray(raw.aliases) ? raw.aliases : [])]) {
      if (typeof label === 'string' && !names.has(looseKey(label))) names.set(looseKey(label), bad.id);
    }
  }
  for (const actor of content.actors) {
    if (actor.data.parent && !actors.has(actor.data.parent)) {
      report(actor, ['parent'], `L'acteur parent « ${shorten(actor.data.parent)} » n'existe pas dans content/acteurs/.${didYouMean(actor.data.parent, actors.keys())}`);
    }
  }
  const resolveActor = (name: string) => names.get(looseKey(name)) ?? null;

  // Glossary: one entry per acronym.
  const terms = new Map<string, string>();
  for (const term of content.glossary) {
    for (const [label, path] of [[term.data.sigle, ['sigle']], ...(term.data.variantes ?? []).map((v, i) => [v, ['variantes', i]])] as Array<[string, PathSegment[]]>) {
      const owner = terms.get(label);
      if (owner && owner !== term.id) report(term, path, `Le sigle « ${label} » est déjà défini dans content/glossaire/${owner}.yaml : gardez une seule entrée.`);
      else terms.set(label, term.id);
    }
  }

  const checkRefs = (entry: Entry<unknown>, refs: RawRef[] | undefined, path: PathSegment[]) => {
    refs?.forEach((ref, i) => {
      const name = typeof ref === 'string' ? ref : ref.acteur;
      const at = typeof ref === 'string' ? [...path, i] : [...path, i, 'acteur'];
      if (typeof ref !== 'string' && !ref.acteur && !ref.texte) {
        report(entry, [...path, i], 'Référence vide : indiquez « acteur » (une organisation de l\'annuaire) ou « texte » (une mention libre).');
        return;
      }
      if (typeof ref !== 'string' && ref.graphie !== undefined && !ref.acteur) {
        report(entry, [...path, i, 'graphie'], '« graphie » dit comment la source écrit un acteur de l\'annuaire : ajoutez « acteur » (son identifiant), ou, pour une mention qui n\'est pas une organisation de l\'annuaire, écrivez-la dans « texte » seulement.');
      }
      if (name !== undefined && !resolveActor(name)) {
        report(
          entry,
          at,
          `Acteur inconnu « ${shorten(name)} ».${didYouMean(name, [...displayNames, ...actors.keys()])} ` +
            'Utilisez l\'identifiant, le nom, le sigle ou un alias d\'un fichier de content/acteurs/, ajoutez l\'organisation à l\'annuaire, ' +
            'ou écrivez { texte: "…" } pour une mention qui n\'est pas une organisation précise.',
        );
      }
    });
  };

  // Roadmaps and their hierarchy.
  const roadmaps = new Map<string, RoadmapIndex>();
  for (const roadmap of content.roadmaps) {
    if (RESERVED_ROADMAP_IDS.includes(roadmap.id)) {
      report(roadmap, [], `Le nom de dossier « ${roadmap.id} » est réservé par le site (${RESERVED_ROADMAP_IDS.join(', ')}) : renommez le dossier.`);
    }
    checkRefs(roadmap, roadmap.data.porteurs, ['porteurs']);
    const levelIds = roadmap.data.niveaux.map((l) => l.id);
    levelIds.forEach((id, i) => {
      if (levelIds.indexOf(id) !== i) report(roadmap, ['niveaux', i, 'id'], `Le niveau « ${id} » est déclaré deux fois.`);
    });
    const debut = roadmap.data.periode?.debut !== undefined ? parseFuzzyDate(String(roadmap.data.periode.debut)) : null;
    const fin = roadmap.data.periode?.fin !== undefined ? parseFuzzyDate(String(roadmap.data.periode.fin)) : null;
    const period: Period = { debut: debut?.ok ? debut.value.debut : null, fin: fin?.ok ? fin.value.fin : null };
    if (period.debut && period.fin && period.fin < period.debut) {
      report(roadmap, ['periode', 'fin'], `La période se termine (${period.fin}) avant de commencer (${period.debut}) : vérifiez « periode.debut » et « periode.fin ».`);
    }
    checkRoadmapReviews(roadmap, today, report);
    roadmaps.set(roadmap.id, { roadmap, period, nodes: new Map(), sheets: new Map(), invalid: new Set(), calendars: new Map() });
  }
  for (const bad of content.invalid) if (bad.roadmapId) roadmaps.get(bad.roadmapId)?.invalid.add(bad.id);

  const place = <T>(entries: MarkdownEntry<T>[], key: 'nodes' | 'sheets') => {
    for (const entry of entries) {
      const rm = roadmaps.get(entry.roadmapId);
      if (!rm) continue;
      if (RESERVED_ENTRY_IDS.includes(entry.id)) {
        report(entry, [], `Le nom de fichier « ${entry.id} » est réservé par le site (${RESERVED_ENTRY_IDS.join(', ')}) : renommez le fichier.`);
        continue;
      }
      const other = rm.nodes.get(entry.id) ?? rm.sheets.get(entry.id);
      if (other) {
        report(entry, [], `L'identifiant « ${entry.id} » est déjà pris dans cette feuille de route par ${other.fichier} : renommez l'un des deux fichiers.`);
        continue;
      }
      (rm[key] as Map<string, MarkdownEntry<T>>).set(entry.id, entry);
    }
  };
  place(content.nodes, 'nodes');
  place(content.sheets, 'sheets');

  for (const rm of roadmaps.values()) {
    const levels = rm.roadmap.data.niveaux;
    const levelIndex = new Map(levels.map((l, i) => [l.id, i]));

    for (const node of rm.nodes.values()) {
      const li = levelIndex.get(node.data.niveau);
      if (li === undefined) {
        report(node, ['niveau'], `Le niveau « ${shorten(node.data.niveau)} » n'est pas déclaré dans « niveaux » de ${rm.roadmap.fichier}.${didYouMean(node.data.niveau, levelIndex.keys())} Niveaux déclarés : ${[...levelIndex.keys()].join(', ') || 'aucun'}.`);
      }
      let parentLevel = -1;
      if (node.data.parent !== undefined) {
        const parent = rm.nodes.get(node.data.parent);
        if (!parent && rm.invalid.has(node.data.parent)) continue;
        if (!parent) {
          const isSheet = rm.sheets.has(node.data.parent);
          report(node, ['parent'], isSheet
            ? `Le parent « ${shorten(node.data.parent)} » est une fiche : un nœud de la hiérarchie ne peut dépendre que d'un autre nœud.`
            : `Le nœud parent « ${shorten(node.data.parent)} » n'existe pas dans ${rm.roadmap.roadmapId}/noeuds/.${didYouMean(node.data.parent, rm.nodes.keys())}`);
          continue;
        }
        parentLevel = levelIndex.get(parent.data.niveau) ?? -1;
      }
      if (li !== undefined && li <= parentLevel) {
        report(node, ['niveau'], `Le niveau « ${node.data.niveau} » n'est pas plus fin que celui de son parent (« ${levels[parentLevel]!.id} ») : vérifiez « niveau » ou « parent ».`);
      } else if (li !== undefined) {
        const skipped = levels.slice(parentLevel + 1, li).filter((l) => !l.facultatif);
        if (skipped.length) {
          report(node, ['niveau'], `Ce nœud saute le niveau ${skipped.map((l) => `« ${l.nom} »`).join(', ')} : déclarez-le « facultatif: true » dans la feuille de route si c'est voulu.`, 'avertissement');
        }
      }
    }
    reportCycles(rm.nodes, report, 'nœud');

    for (const sheet of rm.sheets.values()) {
      const parent = sheet.data.parent;
      // Without levels (a roadmap of a single sheet or a flat list), sheets sit at the top on purpose.
      if (parent === undefined && levels.length > 0) {
        report(sheet, [], missingParentMessage(rm, levels), 'avertissement');
      }
      if (parent !== undefined && !rm.nodes.has(parent) && !rm.sheets.has(parent) && !rm.invalid.has(parent)) {
        report(sheet, ['parent'], `Le parent « ${shorten(parent)} » n'existe pas : ce doit être l'identifiant d'un fichier de ${sheet.roadmapId}/noeuds/ ou ${sheet.roadmapId}/fiches/.${didYouMean(parent, [...rm.nodes.keys(), ...rm.sheets.keys()])}`);
      }
      for (const field of ACTOR_ROLE_FIELDS) checkRefs(sheet, sheet.data[field], [field]);
      sheet.data.sous_actions?.forEach((sub, i) => {
        for (const field of ['pilotes', 'partenaires', 'cofinanceurs'] as const) checkRefs(sheet, sub[field], ['sous_actions', i, field]);
      });
      const priorities = rm.roadmap.data.priorites;
      if (sheet.data.priorite !== undefined && priorities && !priorities.some((p) => String(p.valeur) === String(sheet.data.priorite))) {
        // A priority written 01 or 1.0 keeps its digits (src/lib/content/yaml-document.ts): name the value it means.
        const written = String(sheet.data.priorite).trim();
        const same = /^[-+]?\.?\d/.test(written) ? priorities.find((p) => typeof p.valeur === 'number' && p.valeur === Number(written)) : undefined;
        const hint = same ? ` Écrivez « priorite: ${same.valeur} ».` : '';
        report(sheet, ['priorite'], `La priorité « ${shorten(String(sheet.data.priorite))} » n'existe pas dans l'échelle de la feuille de route.${hint} Valeurs admises : ${priorities.map((p) => p.valeur).join(', ')}.`);
      }
      sheet.data.voir_aussi?.forEach((target, i) => {
        const [rmId, entryId] = target.includes('/') ? target.split('/', 2) as [string, string] : [rm.roadmap.id, target];
        const targetRm = roadmaps.get(rmId);
        if (!targetRm?.sheets.has(entryId) && !targetRm?.nodes.has(entryId) && !targetRm?.invalid.has(entryId)) {
          report(sheet, ['voir_aussi', i], `« voir_aussi » renvoie à « ${shorten(target)} », qui n'existe pas.${didYouMean(entryId, entryIds(targetRm ?? rm))} Écrivez l'identifiant d'une fiche ou d'un nœud de la même feuille de route, ou « feuille-de-route/identifiant ».`);
        }
      });
      sheet.data.contribue_a?.forEach((target, i) => {
        const message = contributionProblem(target, rm, roadmaps);
        if (message) report(sheet, ['contribue_a', i], message);
      });
      checkCalendar(sheet, rm, report);
      checkProgress(sheet, today, report);
    }
    // A sheet that failed its schema still gets its actor references checked, so one run reports everything.
    for (const bad of content.invalid.filter((i) => i.kind === 'sheet' && i.roadmapId === rm.roadmap.id)) {
      const raw = (bad.raw ?? {}) as Record<string, unknown>;
      for (const field of ACTOR_ROLE_FIELDS) {
        const refs = raw[field];
        if (Array.isArray(refs)) checkRefs(bad, refs.filter((r) => typeof r === 'string' || (r && typeof r === 'object')) as RawRef[], [field]);
      }
    }
    reportCycles(rm.sheets, report, 'fiche');
    reportDuplicateCodes(rm, report);
    const announced = rm.roadmap.data.fiches_annoncees;
    if (announced !== undefined && announced < rm.sheets.size) {
      report(rm.roadmap, ['fiches_annoncees'], `« fiches_annoncees » vaut ${announced}, mais ${rm.sheets.size} fiches sont décrites dans ${rm.roadmap.roadmapId}/fiches/ : le document annonce au moins autant de fiches qu'il en décrit. Corrigez le nombre, ou retirez le champ si toutes les fiches sont décrites.`, 'avertissement');
    }
  }
  checkRoadmapRelations(roadmaps, content, report);
  checkSitePaths(content, roadmaps, actors, report, problems);
  return { index: { roadmaps, actors, resolveActor }, problems };
}

export const ROADMAP_RELATIONS = ['declinaison_de', 'diagnostic', 'precedee_par', 'remplacee_par'] as const;
export type RoadmapRelation = typeof ROADMAP_RELATIONS[number];

/** Another Jalons site's roadmap, written as its address: accepted as is, never fetched. */
export const isExternalRoadmap = (ref: string) => OTHER_SITE_PAGE.test(ref);

const entryIds = (rm: RoadmapIndex) => [...rm.nodes.keys(), ...rm.sheets.keys(), ...rm.invalid];

/**
 * A page of another Jalons site, « https://site/feuille/identifiant/ »: never fetched here, so
 * only its form is checked; a hub that publishes both sites links them (src/lib/import/federation.ts).
 */
function externalEntryProblem(target: string): string | null {
  let segments: string[] = [];
  try {
    segments = new URL(target).pathname.split('/').filter(Boolean);
  } catch {
    return `« contribue_a » : « ${shorten(target)} » n'est pas une adresse valide. Copiez l'adresse de la page du nœud ou de la fiche sur l'autre site Jalons (« https://site/feuille-de-route/identifiant/ »).`;
  }
  if (segments.length < 2) return `« contribue_a » : « ${shorten(target)} » est l'adresse d'un site ou d'une feuille de route ; écrivez celle de la page d'un nœud ou d'une fiche (« https://site/feuille-de-route/identifiant/ »).`;
  return null;
}

/** What is wrong with a « contribue_a » reference, or null. */
function contributionProblem(target: string, rm: RoadmapIndex, roadmaps: Map<string, RoadmapIndex>): string | null {
  const fix = 'Écrivez « feuille-de-route/identifiant », l\'identifiant d\'un nœud ou d\'une fiche d\'une autre feuille de route de ce site (« nationale/engagement-3 »), ou l\'adresse https de sa page sur un autre site Jalons.';
  if (isExternalRoadmap(target)) return externalEntryProblem(target);
  if (!target.includes('/')) {
    const here = rm.nodes.has(target) || rm.sheets.has(target);
    return here
      ? `« contribue_a » relie une fiche à une autre feuille de route ; « ${shorten(target)} » est dans la même : utilisez « voir_aussi ».`
      : `« contribue_a » renvoie à « ${shorten(target)} », sans feuille de route. ${fix}`;
  }
  const [rmId, entryId] = target.split('/', 2) as [string, string];
  const targetRm = roadmaps.get(rmId);
  if (!targetRm) return `« contribue_a » renvoie à la feuille de route « ${shorten(rmId)} », qui n'existe pas.${didYouMean(rmId, roadmaps.keys())} ${fix}`;
  if (targetRm === rm) return `« contribue_a » relie une fiche à une autre feuille de route ; « ${shorten(target)} » est dans la même : utilisez « voir_aussi ».`;
  if (!targetRm.nodes.has(entryId) && !targetRm.sheets.has(entryId) && !targetRm.invalid.has(entryId)) {
    return `« contribue_a » renvoie à « ${shorten(target)} » : « ${shorten(entryId)} » n'est ni un nœud ni une fiche de ${rmId}.${didYouMean(entryId, entryIds(targetRm))} ${fix}`;
  }
  return null;
}

/**
 * Relations between roadmaps: each names a roadmap of this site or another site's address;
 * a roadmap never relates to itself; a successor and a predecessor should tell the same story.
 */
function checkRoadmapRelations(
  roadmaps: Map<string, RoadmapIndex>,
  content: LoadedContent,
  report: (e: Entry<unknown>, p: PathSegment[], m: string, g?: Problem['gravite']) => void,
) {
  const known = new Set([...roadmaps.keys(), ...content.invalid.filter((i) => i.kind === 'roadmap').map((i) => i.id)]);
  const valid = (ref: string | undefined, self: string) => ref !== undefined && !isExternalRoadmap(ref) && ref !== self && known.has(ref);
  for (const { roadmap } of roadmaps.values()) {
    const d = roadmap.data;
    for (const field of ROADMAP_RELATIONS) {
      const ref = d[field];
      if (ref === undefined || isExternalRoadmap(ref)) continue;
      if (ref === roadmap.id) {
        report(roadmap, [field], `« ${field} » désigne cette feuille de route elle-même : écrivez le nom de dossier d'une autre feuille de route, ou retirez le champ.`);
      } else if (!known.has(ref)) {
        report(roadmap, [field], `« ${field} » renvoie à la feuille de route « ${shorten(ref)} », qui n'existe pas dans ce site.${didYouMean(ref, known)} Écrivez le nom de dossier d'une feuille de route de content/, ou l'adresse https d'une feuille de route d'un autre site Jalons.`);
      }
    }
    // A successor is often written down before the old roadmap's status is updated: the page
    // stays right (it shows both), so the editor is reminded, not blocked.
    if (d.remplacee_par !== undefined && d.statut !== 'remplacee') {
      report(roadmap, ['remplacee_par'], `Cette feuille de route est « remplacee_par » une autre, mais son statut est « ${d.statut} » : écrivez « statut: remplacee » si elle est bien remplacée.`, 'avertissement');
    }
    if (valid(d.precedee_par, roadmap.id)) {
      const other = roadmaps.get(d.precedee_par!)?.roadmap.data;
      if (other?.remplacee_par !== undefined && other.remplacee_par !== roadmap.id) {
        report(roadmap, ['precedee_par'], `Cette feuille de route est « precedee_par » ${d.precedee_par}, mais ${d.precedee_par} est « remplacee_par » ${shorten(other.remplacee_par)} : corrigez l'un des deux fichiers pour qu'ils se répondent.`, 'avertissement');
      }
    }
    if (valid(d.remplacee_par, roadmap.id)) {
      const other = roadmaps.get(d.remplacee_par!)?.roadmap.data;
      if (other?.precedee_par !== undefined && other.precedee_par !== roadmap.id) {
        report(roadmap, ['remplacee_par'], `Cette feuille de route est « remplacee_par » ${d.remplacee_par}, mais ${d.remplacee_par} est « precedee_par » ${shorten(other.precedee_par)} : corrigez l'un des deux fichiers pour qu'ils se répondent.`, 'avertissement');
      }
    }
  }
}

/** The site's pages that do not come from a content file. */
const FIXED_PAGES = ['/', '/acteurs/', '/glossaire/', '/calendrier/', '/calendrier/toutes/', '/recherche/', '/guide/', '/donnees/', '/avancement/', '/actualites/'];
/** The pages every roadmap has besides its nodes and sheets: its home, calendar, table of sheets, whole document. */
const ROADMAP_PAGES = ['', 'calendrier/', 'fiches/', 'document/'];

/** « /a/b#c » and « /a/b/?q » are the page « /a/b/ »: what is checked against the site's pages. */
function sitePage(path: string): string {
  const bare = path.replace(/[?#].*$/, '');
  return bare.endsWith('/') || /\.[a-z0-9]+$/i.test(bare) ? bare : `${bare}/`;
}

/**
 * Links written as a path of this site (« /mednum49-2023-2025/b-3/ ») in « liens » and in the
 * Markdown bodies: each must name a page the build makes, as an id must name a file.
 */
function checkSitePaths(
  content: LoadedContent,
  roadmaps: Map<string, RoadmapIndex>,
  actors: Map<string, Entry<ActorData>>,
  report: (e: Entry<unknown>, p: PathSegment[], m: string, g?: Problem['gravite']) => void,
  problems: Problem[],
) {
  const pages = new Set(FIXED_PAGES);
  for (const [id, rm] of roadmaps) {
    const entries = [...rm.nodes.keys(), ...rm.sheets.keys(), ...rm.invalid].map((e) => `${e}/`);
    for (const page of [...ROADMAP_PAGES, ...entries]) pages.add(`/${id}/${page}`);
    // The embeds of its summary, calendar and sheets (src/pages/integrer/).
    for (const page of ['', 'calendrier/', ...[...rm.sheets.keys(), ...rm.invalid].map((e) => `${e}/`)]) pages.add(`/integrer/${id}/${page}`);
  }
  // A roadmap that another declines, or that a sheet of another contributes to, has a coverage page.
  for (const rm of content.roadmaps) if (rm.data.declinaison_de && roadmaps.has(rm.data.declinaison_de)) pages.add(`/${rm.data.declinaison_de}/declinaisons/`);
  for (const sheet of content.sheets) {
    for (const target of sheet.data.contribue_a ?? []) {
      const [other] = target.split('/');
      if (other && other !== sheet.roadmapId && roadmaps.has(other)) pages.add(`/${other}/declinaisons/`);
    }
  }
  for (const id of actors.keys()) pages.add(`/acteurs/${id}/`);
  // Year pages and the open-data files depend on the build: only their form is checked.
  const exists = (page: string) => pages.has(page) || /^\/calendrier\/\d{4}\/$/.test(page) || /^\/donnees\/./.test(page);
  const problem = (path: string) => {
    const page = sitePage(path);
    if (exists(page)) return null;
    // Paths share long prefixes: only the closest one is worth suggesting.
    const [near] = closest(page, pages, 1);
    return `Le lien « ${shorten(path)} » ne mène à aucune page de ce site.${near ? ` Vouliez-vous dire « ${near} » ?` : ''} Écrivez le chemin d'une page du site (« /feuille-de-route/identifiant/ »), ou une adresse complète commençant par « https:// ».`;
  };
  const entries = [...content.roadmaps, ...content.nodes, ...content.sheets] as MarkdownEntry<{ liens?: Array<{ url: string }> }>[];
  for (const entry of entries) {
    entry.data.liens?.forEach((l, i) => {
      const message = SITE_PATH.test(l.url) ? problem(l.url) : null;
      if (message) report(entry, ['liens', i, 'url'], message);
    });
    entry.body.split('\n').forEach((line, i) => {
      for (const { path, column } of markdownSitePaths(line)) {
        const message = problem(path);
        if (message) problems.push({ fichier: entry.fichier, ligne: entry.bodyLine + i, colonne: column, chemin: '', message, gravite: 'erreur' });
      }
    });
  }
  // Progress entries and reports are Markdown too, written in the header: reported at their field.
  const texts = (entry: Entry<unknown>, list: Array<{ texte?: string }> | undefined, at: PathSegment[]) =>
    list?.forEach((item, i) => {
      for (const { path } of markdownSitePaths(item.texte ?? '')) {
        const message = problem(path);
        if (message) report(entry, [...at, i, 'texte'], message);
      }
    });
  for (const sheet of content.sheets) {
    texts(sheet, sheet.data.suivi, ['suivi']);
    sheet.data.sous_actions?.forEach((sa, j) => texts(sheet, sa.suivi, ['sous_actions', j, 'suivi']));
  }
  for (const rm of content.roadmaps) texts(rm, rm.data.bilans, ['bilans']);
}

/** Site paths linked in Markdown: inline links « [texte](/chemin/) » and reference definitions « [1]: /chemin/ », with their 1-based column. */
function markdownSitePaths(text: string): Array<{ path: string; column: number }> {
  return [...text.matchAll(/\]\((\/(?!\/)[^)\s]*)|^\s*\[[^\]]+\]:\s*(\/(?!\/)\S*)/gm)].map((m) => {
    const path = (m[1] ?? m[2])!;
    return { path, column: m.index! - text.lastIndexOf('\n', m.index!) + m[0].indexOf(path) };
  });
}

/** Said the same by the validator, the importer (through it) and the scaffolds' checks. */
export function missingParentMessage(rm: RoadmapIndex, levels: ReadonlyArray<{ nom: string }>): string {
  const tops = [...rm.nodes.values()].filter((n) => n.data.parent === undefined).map((n) => n.id).slice(0, 5);
  return `La fiche n'a pas de « parent » : elle n'est rangée sous aucun ${levels[0]!.nom.toLowerCase()} de la feuille de route, qui déclare des niveaux. ` +
    `Ajoutez « parent: <identifiant> », l'identifiant d'un fichier de ${rm.roadmap.roadmapId}/noeuds/ ou ${rm.roadmap.roadmapId}/fiches/${tops.length ? ` (par exemple ${tops.map((t) => `« ${t} »`).join(', ')})` : ''}.`;
}

function checkCalendar(sheet: MarkdownEntry<SheetData>, rm: RoadmapIndex, report: (e: Entry<unknown>, p: PathSegment[], m: string, g?: Problem['gravite']) => void) {
  const calendars: Array<[Calendar | null, PathSegment[]]> = [[normaliseCalendar(sheet.data.calendrier, rm.period), ['calendrier']]];
  rm.calendars.set(sheet.id, calendars[0]![0]);
  sheet.data.sous_actions?.forEach((sub, i) => calendars.push([normaliseCalendar(sub.calendrier, rm.period), ['sous_actions', i, 'calendrier']]));
  for (const [cal, path] of calendars) {
    if (!cal) continue;
    const raw = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], sheet.data);
    const finPath = typeof raw === 'object' ? [...path, 'fin'] : path;
    if (cal.debut && cal.fin && cal.fin < cal.debut) {
      report(sheet, finPath, `La fin (${cal.fin}) précède le début (${cal.debut}) : vérifiez les dates du calendrier.`);
      continue;
    }
    const { debut, fin } = rm.period;
    if (!cal.continu && ((debut && cal.fin && cal.fin < debut) || (fin && cal.debut && cal.debut > fin))) {
      report(sheet, path, `Le calendrier (${cal.debut ?? '…'} – ${cal.fin ?? '…'}) est entièrement hors de la période de la feuille de route (${debut ?? '…'} – ${fin ?? '…'}). Vérifiez l'année.`, 'avertissement');
    }
  }
}

function reportCycles<T extends { parent?: string | undefined }>(
  entries: Map<string, MarkdownEntry<T>>,
  report: (e: Entry<unknown>, p: PathSegment[], m: string) => void,
  what: string,
) {
  const reported = new Set<string>();
  for (const start of entries.values()) {
    const seen: string[] = [];
    let current: MarkdownEntry<T> | undefined = start;
    while (current && !seen.includes(current.id)) {
      seen.push(current.id);
      current = current.data.parent !== undefined ? entries.get(current.data.parent) : undefined;
    }
    if (!current || reported.has(current.id)) continue;
    const cycle = seen.slice(seen.indexOf(current.id));
    for (const id of cycle) reported.add(id);
    for (const id of cycle) {
      report(entries.get(id)!, ['parent'], `Boucle dans la hiérarchie : ${[...cycle, cycle[0]].join(' → ')}. Un ${what} ne peut pas être son propre ancêtre : corrigez un des « parent ».`);
    }
  }
}

function reportDuplicateCodes(rm: RoadmapIndex, report: (e: Entry<unknown>, p: PathSegment[], m: string) => void) {
  const seen = new Map<string, MarkdownEntry<unknown>>();
  for (const entry of [...rm.nodes.values(), ...rm.sheets.values()] as MarkdownEntry<NodeData | SheetData>[]) {
    if (entry.data.code === undefined) continue;
    const key = `${entry.data.parent ?? ''}\u0000${String(entry.data.code)}`;
    const first = seen.get(key);
    if (first) {
      report(entry, ['code'], `Le code « ${entry.data.code} » est déjà utilisé par ${first.fichier} sous le même parent : deux éléments frères ne peuvent pas avoir le même code.`);
    } else seen.set(key, entry);
  }
}

export function normaliseRef(ref: RawRef, resolve: (n: string) => string | null): ActorRef {
  if (typeof ref === 'string') return { acteur: resolve(ref), texte: null, role: null, precision: null };
  return { acteur: ref.acteur ? resolve(ref.acteur) : null, texte: ref.texte ?? null, role: ref.role ?? null, precision: ref.precision ?? null };
}
