/**
 * The validated model, loaded once per build and shared by every page. Refuses to
 * go on with invalid content: the build must never publish a partial site. Under
 * `npm run dev`, built again after each change of the content (src/lib/build/dev-preview.ts).
 */
import { formatHuman } from '../lib/build/report.ts';
import type { Model, ModelNode, ModelRoadmap, ModelSheet } from '../lib/model/types.ts';
import { FEED_COMMITS, fileHistory, readFileVersions, wholeGitHistory, type Commit, type FileHistory } from '../lib/export/git-history.ts';
import { sheetFeedFiles } from '../lib/export/catalogue.ts';
import { changesFrom, type Change, type VersionReader } from '../lib/export/atom.ts';
import { actorInvolvements, actorTextMentions, type Involvement, type TextMention } from '../lib/site/actors-index.ts';
import { inPart, isMainPart, partFromEnv } from '../lib/build/build-part.ts';
import { forgeFromEnv, type Forge } from '../lib/site/forge.ts';
import { acronymsFrom, type Acronyms } from '../lib/site/markdown.ts';
import { contentDir } from '../lib/content/paths.ts';
import { lastDataChanges } from '../lib/export/freshness.ts';
import { validateProject } from '../lib/model/validate-project.ts';
import { hubSources, withSources } from '../lib/build/sources.ts';
import { searchSettings } from '../lib/site/search-settings.ts';
import { contentGeneration } from '../lib/build/dev-preview.ts';
import type { SearchContext } from '../lib/site/search-meta.ts';
import type { HubSource } from '../lib/site/origin.ts';
import { places } from './places.ts';

export interface Site {
  model: Model;
  /** The search's synonym groups (content/synonymes.yaml). */
  synonymes: string[][];
  /** What the pages' search metadata is drawn from besides the page: place names and synonyms. */
  searchContext: SearchContext;
  acronyms: Acronyms;
  roadmaps: Map<string, ModelRoadmap>;
  involvements: Map<string, Involvement[]>;
  /** Pages whose text names an actor without giving it a role, read once when an actor page asks. */
  textMentions(): Map<string, TextMention[]>;
  sheetById(rm: string, id: string): ModelSheet | undefined;
  nodeById(rm: string, id: string): ModelNode | undefined;
  /** Build date, fixed for the whole build: the "today" of calendars. */
  today: string;
  /** The repository on its forge, for "modifier cette fiche" (JALONS_DEPOT), or null. */
  forge: Forge | null;
  /** The content folder's whole git history, newest first, read once (empty outside a repository). */
  commits(): Commit[];
  /** Last change of each content file, from those commits. */
  history(): FileHistory;
  /** The commits the change feeds read (the newest FEED_COMMITS). */
  feedCommits(): Commit[];
  /** True when the sheet has a change feed of its own (donnees/<feuille>/<fiche>.atom). */
  sheetHasFeed(rm: string, id: string): boolean;
  /** Reads changed files' versions from git, for the feeds' French summaries. */
  versions: VersionReader;
  /** What the sheet's last change did to its data, in French (as its feed says), when that change is among the feeds' commits. */
  lastChangeSummary(rm: string, id: string): { hash: string; resume: string[] } | null;
  /** True when the page at this address (from siteUrls, without the base path) is rendered by this process (src/lib/build/build-part.ts). */
  renders(address: string): boolean;
  /** True in the process that renders what exists once (open data, the site-wide pages kept). */
  mainPart: boolean;
  /** A hub's sources as `npm run build` read them (JALONS_SOURCES); empty for a site that is not a hub. */
  sources: HubSource[];
}

let cached: Site | null = null;
let cachedGeneration = 0;

export function getSite(): Site {
  // A build never changes generation; `npm run dev` does at each saved content file.
  const generation = contentGeneration();
  if (cached && cachedGeneration === generation) return cached;
  // Pages are bundled into .astro/ before running, so the project root is the working directory.
  const root = process.cwd();
  let commits: Commit[] | null = null;
  const readCommits = () => (commits ??= wholeGitHistory(contentDir(root)));
  // `npm run build` shares the model it built with the files' last changes; `astro dev` builds it here.
  const { result } = withSources(validateProject(root, contentDir(root), undefined, () => lastDataChanges(root, contentDir(root), readCommits())), root);
  if (!result.ok) throw new Error(`Contenu invalide : le site n'est pas construit.\n\n${formatHuman(result.problems, result.model)}`);
  const model = result.model;
  let history: FileHistory | null = null;
  let feedFiles: Set<string> | null = null;
  let versionsRead: { key: string; map: ReturnType<VersionReader> } | null = null;
  let lastSummaries: Map<string, Change> | null = null;
  // The open-data feeds and the sheet pages ask for the same versions: read them once.
  const versions: VersionReader = (requests) => {
    const key = requests.map((r) => `${r.hash}:${r.chemin}:${r.statut}`).join('\n');
    if (versionsRead?.key !== key) versionsRead = { key, map: readFileVersions(contentDir(root), requests) };
    return versionsRead.map;
  };
  const roadmaps = new Map(model.feuilles_de_route.map((r) => [r.id, r]));
  const sheets = new Map(model.feuilles_de_route.flatMap((r) => r.fiches.map((f) => [`${r.id}/${f.id}`, f] as const)));
  const nodes = new Map(model.feuilles_de_route.flatMap((r) => r.noeuds.map((n) => [`${r.id}/${n.id}`, n] as const)));
  const part = partFromEnv();
  const involvements = actorInvolvements(model);
  let mentions: Map<string, TextMention[]> | null = null;
  cached = {
    model,
    synonymes: result.synonymes,
    // On a hub, every roadmap's pages say in the search which site publishes it.
    searchContext: { places, synonymes: result.synonymes, hub: hubSources().length > 0 ? searchSettings('/').name : null },
    sources: hubSources(),
    // Only real acronyms (two capitals or more) are expanded in texts: "Open" must not turn "Open Data" into an abbreviation.
    acronyms: acronymsFrom(model.glossaire.filter((g) => (g.sigle.match(/\p{Lu}/gu) ?? []).length >= 2)),
    roadmaps,
    involvements,
    textMentions: () => (mentions ??= actorTextMentions(model, involvements)),
    sheetById: (rm, id) => sheets.get(`${rm}/${id}`),
    nodeById: (rm, id) => nodes.get(`${rm}/${id}`),
    today: process.env.JALONS_AUJOURDHUI ?? new Date().toISOString().slice(0, 10),
    forge: forgeFromEnv(),
    commits: readCommits,
    history: () => (history ??= fileHistory(root, contentDir(root), readCommits())),
    feedCommits: () => readCommits().slice(0, FEED_COMMITS),
    sheetHasFeed: (rm, id) => (feedFiles ??= sheetFeedFiles(readCommits().slice(0, FEED_COMMITS))).has(`${rm}/fiches/${id}.md`),
    versions,
    lastChangeSummary: (rm, id) => {
      if (!lastSummaries) {
        lastSummaries = new Map();
        // Newest first: the first change met for a sheet is its last one.
        for (const c of changesFrom(readCommits().slice(0, FEED_COMMITS), model, { roadmap: () => '', entry: () => '' }, versions)) {
          if (c.kind === 'fiche' && !lastSummaries.has(`${c.feuille_de_route}/${c.id}`)) lastSummaries.set(`${c.feuille_de_route}/${c.id}`, c);
        }
      }
      const c = lastSummaries.get(`${rm}/${id}`);
      return c ? { hash: c.hash, resume: c.resume } : null;
    },
    renders: (address) => inPart(address, part),
    mainPart: isMainPart(part),
  };
  cachedGeneration = generation;
  return cached;
}
