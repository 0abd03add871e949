/**
 * Every open-data file of the site, in one list: the endpoint under /donnees/
 * writes each file from it, and the "Données" page lists it with its size, so
 * the size shown is the size of the very bytes served.
 */
import type { Model, ModelRoadmap } from '../model/types.ts';
import { makeUrls } from '../site/urls.ts';
import { changesFrom, sheetFeedFile, toAtom, type Change, type VersionReader } from './atom.ts';
import { roadmapRows, toCsv } from './csv.ts';
import { buildShared } from '../build/build-share.ts';
import type { Commit } from './git-history.ts';
import { roadmapIcal, roadmapIcalFile, sheetIcal, sheetIcalFile, type IcalOptions } from './ical.ts';
import { modelJson, roadmapModel } from './json.ts';
import { modelJsonSchema } from './model-schema.ts';
import { allNews, sheetNews } from '../site/progress-view.ts';
import { NEWS_FEED_FILE, newsAtom, roadmapNewsFeedFile, sheetHasNewsFeed, sheetNewsFeedFile } from './news-atom.ts';

/** Paths (relative to the content folder) of the files changed by these commits: the sheets that have a feed of their own. */
export function sheetFeedFiles(history: readonly Commit[]): Set<string> {
  return new Set(history.flatMap((c) => c.fichiers.map((f) => f.chemin)));
}

export const DEFAULT_LICENCE = 'Licence Ouverte / Etalab 2.0';

export interface Download {
  /** Path under the site's base, e.g. `donnees/jalons.json`. */
  chemin: string;
  format: 'JSON' | 'JSON Schema' | 'CSV' | 'iCalendar' | 'Atom';
  type: string;
  titre: string;
  /** Roadmap the file is about, or null for the whole site. */
  feuille_de_route: string | null;
  /** Sheet the file is about (per-sheet calendars). */
  fiche: string | null;
  licence: string;
  contenu: () => string;
}

export interface ExportContext {
  model: Model;
  today: string;
  /** Absolute URL of the site (Astro's `site`). */
  site: string | URL;
  /** Base path (import.meta.env.BASE_URL). */
  base: string;
  /** Content history, newest first, paths relative to the content folder. */
  history: () => readonly Commit[];
  /** Reads the changed files' versions from git (readFileVersions): without it, feeds say only « Fiche modifiée ». */
  versions?: VersionReader;
}

export function exportUrls(ctx: Pick<ExportContext, 'site' | 'base'>) {
  const urls = makeUrls(ctx.base);
  const abs = (path: string) => new URL(path, ctx.site).href;
  return {
    abs,
    file: (chemin: string) => abs(urls.asset(chemin)),
    roadmap: (rm: string) => abs(urls.roadmap(rm)),
    entry: (rm: string, id: string) => abs(urls.entry(rm, id)),
    donnees: () => abs(urls.asset('donnees/')),
  };
}

const MIME = {
  json: 'application/json; charset=utf-8',
  schema: 'application/schema+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

export const licenceOf = (rm: ModelRoadmap) => rm.licence ?? DEFAULT_LICENCE;

export function downloads(ctx: ExportContext): Download[] {
  const u = exportUrls(ctx);
  const ical: IcalOptions = { sheetUrl: u.entry, roadmapUrl: u.roadmap, today: ctx.today, host: new URL(ctx.site).hostname };
  const model = ctx.model;
  const own = model.feuilles_de_route.filter((r) => r.licence);
  const siteLicence = own.length ? `${DEFAULT_LICENCE}, sauf ${own.map((r) => `${r.titre_court ?? r.titre} (${r.licence})`).join(', ')}` : DEFAULT_LICENCE;
  let changes: Change[] | null = null;
  const allChanges = () => (changes ??= changesFrom(ctx.history(), model, u, ctx.versions));
  const feed = (chemin: string, title: string, page: string, list: () => Change[], sheet = false) => () =>
    toAtom({ title, self: u.file(chemin), page, today: ctx.today, sheet }, list());
  // A feed per sheet changed in the history read (the sheet page links to it: sheetHasFeed).
  const changedFiles = sheetFeedFiles(ctx.history());
  let bySheet: Map<string, Change[]> | null = null;
  const sheetChanges = (rm: string, id: string) => {
    if (!bySheet) {
      bySheet = new Map();
      for (const c of allChanges()) if (c.kind === 'fiche') bySheet.set(`${c.feuille_de_route}/${c.id}`, [...(bySheet.get(`${c.feuille_de_route}/${c.id}`) ?? []), c]);
    }
    return bySheet.get(`${rm}/${id}`) ?? [];
  };

  const newsUrls = { today: ctx.today, roadmapUrl: u.roadmap, entryUrl: u.entry };
  const site = (chemin: string, format: Download['format'], type: string, titre: string, contenu: () => string): Download =>
    ({ chemin, format, type, titre, feuille_de_route: null, fiche: null, licence: siteLicence, contenu });
  const list: Download[] = [
    site('donnees/jalons.json', 'JSON', MIME.json, 'Toutes les feuilles de route, modèle complet', () => modelJson(model)),
    site('donnees/jalons.schema.json', 'JSON Schema', MIME.schema, 'Schéma des fichiers JSON', () =>
      `${JSON.stringify(modelJsonSchema(u.file('donnees/jalons.schema.json')), null, 2)}\n`),
    site('donnees/fiches.csv', 'CSV', MIME.csv, 'Toutes les fiches, une ligne par fiche', () =>
      toCsv(model.feuilles_de_route.flatMap((rm) => roadmapRows(rm, u.entry)))),
    site('donnees/modifications.atom', 'Atom', MIME.atom, 'Flux des modifications de toutes les feuilles de route',
      feed('donnees/modifications.atom', 'Jalons : modifications des feuilles de route', u.abs(makeUrls(ctx.base).home()), allChanges)),
    site(NEWS_FEED_FILE, 'Atom', MIME.atom, 'Flux des actualités : étapes de suivi des fiches et bilans de toutes les feuilles de route', () =>
      newsAtom({ ...newsUrls, title: 'Jalons : actualités des feuilles de route', self: u.file(NEWS_FEED_FILE), page: u.file('actualites/') }, allNews(model.feuilles_de_route))),
  ];
  for (const rm of model.feuilles_de_route) {
    const licence = licenceOf(rm);
    const name = rm.titre_court ?? rm.titre;
    const add = (chemin: string, format: Download['format'], type: string, titre: string, contenu: () => string, fiche: string | null = null) =>
      list.push({ chemin, format, type, titre, feuille_de_route: rm.id, fiche, licence, contenu });
    add(`donnees/${rm.id}.json`, 'JSON', MIME.json, `${name} : modèle complet`, () => modelJson(roadmapModel(model, rm)));
    add(`donnees/${rm.id}.csv`, 'CSV', MIME.csv, `${name} : fiches, une ligne par fiche`, () => toCsv(roadmapRows(rm, u.entry)));
    // RFC 5545 wants at least one event in a calendar: a roadmap with no dated sheet has no calendar file (nor link to one).
    const rmIcs = roadmapIcalFile(rm);
    if (rmIcs) add(rmIcs, 'iCalendar', MIME.ics, `${name} : calendrier`, () => roadmapIcal(rm, ical));
    add(`donnees/${rm.id}.atom`, 'Atom', MIME.atom, `${name} : flux des modifications`,
      feed(`donnees/${rm.id}.atom`, `${name} : modifications`, u.roadmap(rm.id), () => allChanges().filter((c) => c.feuille_de_route === rm.id)));
    add(roadmapNewsFeedFile(rm.id), 'Atom', MIME.atom, `${name} : flux des actualités (étapes de suivi et bilans)`, () =>
      newsAtom({ ...newsUrls, title: `${name} : actualités`, self: u.file(roadmapNewsFeedFile(rm.id)), page: u.roadmap(rm.id) }, allNews([rm])));
    // A calendar file per sheet only where the sheet has something to put in it.
    for (const f of rm.fiches) {
      const label = `${f.code ? `${f.code} ` : ''}${f.titre}`;
      const ics = sheetIcalFile(rm, f);
      if (ics) add(ics, 'iCalendar', MIME.ics, `${label} : calendrier`, () => sheetIcal(rm, f, ical), f.id);
      if (sheetHasNewsFeed(f)) {
        const chemin = sheetNewsFeedFile(rm.id, f.id);
        add(chemin, 'Atom', MIME.atom, `${label} : flux des actualités (étapes de suivi)`, () =>
          newsAtom({ ...newsUrls, title: `${label} : actualités`, self: u.file(chemin), page: u.entry(rm.id, f.id) }, sheetNews(rm, f)), f.id);
      }
      if (changedFiles.has(`${rm.id}/fiches/${f.id}.md`)) {
        const chemin = sheetFeedFile(rm.id, f.id);
        add(chemin, 'Atom', MIME.atom, `${label} : flux des modifications`, feed(chemin, `${label} : modifications`, u.entry(rm.id, f.id), () => sheetChanges(rm.id, f.id), true), f.id);
      }
    }
  }
  return list;
}

/**
 * The list the Données page computed during the build, for the integration that writes
 * the files once every page is rendered (src/integration.ts).
 */
const shared = buildShared<Download[]>('telechargements');
export const shareDownloads = shared.set;
export const sharedDownloads = shared.get;
