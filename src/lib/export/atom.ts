/**
 * Atom feeds (RFC 4287) of the changes to the roadmaps, one entry per file changed
 * by a commit: which sheet (or part, or roadmap page), when, what changed in its data
 * in French (src/lib/export/data-changes.ts), and a link to the page. The commit's
 * subject, written for the repository, never reaches the public.
 */
import { fr } from '../i18n/fr.ts';
import type { Model } from '../model/types.ts';
import { contentFileKind, describeFileChange, type ChangeKind } from './data-changes.ts';
import { versionKey, type Commit, type FileVersions, type VersionRequest } from './git-history.ts';
import { escapeMarkup } from '../values/text.ts';

export interface Change {
  hash: string;
  date: string;
  /** Path of the file, relative to the content folder. */
  chemin: string;
  feuille_de_route: string;
  /** Id of the sheet or node, or '' for the roadmap's own file. */
  id: string;
  kind: ChangeKind;
  statut: 'A' | 'M' | 'D';
  /** Blob ids of the file's versions, from the history. */
  blobs?: { avant?: string; apres?: string };
  /** "Fiche A.1.2.b Coordination…", "Partie Axe 1", "Présentation de la feuille de route". */
  sujet_public: string;
  /** What changed, in French, from the file's versions: « Statut : en cours → réalisée ». */
  resume: string[];
  /** Entry title in the site and roadmap feeds: what, then the first change. */
  titre: string;
  /** Entry title in the sheet's own feed: the changes alone. */
  titre_court: string;
  /** The page that changed; the roadmap's page when the sheet no longer exists. */
  url: string;
}

export interface ChangeUrls {
  roadmap: (rm: string) => string;
  entry: (rm: string, id: string) => string;
}

/** At most this many entries per feed: readers only poll the latest. */
export const FEED_LIMIT = 100;
/** At most this many entries in a sheet's own feed. */
export const SHEET_FEED_LIMIT = 20;

/** Where a sheet's own feed is published, under the site's base. */
export const sheetFeedFile = (rm: string, id: string) => `donnees/${rm}/${id}.atom`;

/** Reads the files' versions before and after the given changes (readFileVersions, or nothing). */
export type VersionReader = (requests: readonly VersionRequest[]) => Map<string, FileVersions>;

const M = fr.modifications;

/**
 * Changes to roadmap files, newest first. `history` paths are relative to the content
 * folder. Only the changes some feed shows (the newest FEED_LIMIT of each roadmap, the
 * newest SHEET_FEED_LIMIT of each file) have their versions read and described; the others
 * keep the neutral « Fiche modifiée ».
 */
export function changesFrom(history: readonly Commit[], model: Model, urls: ChangeUrls, readVersions: VersionReader = () => new Map()): Change[] {
  const roadmaps = new Map(model.feuilles_de_route.map((r) => [r.id, r]));
  const actors = new Map(model.acteurs.map((a) => [a.id, a.nom] as const));
  const out: Change[] = [];
  for (const c of history) {
    for (const f of c.fichiers) {
      const file = contentFileKind(f.chemin);
      const rm = file && roadmaps.get(file.roadmap);
      if (!file || !rm) continue;
      const { id, kind } = file;
      const item = kind === 'fiche' ? rm.fiches.find((s) => s.id === id) : kind === 'partie' ? rm.noeuds.find((n) => n.id === id) : undefined;
      const name = item ? [item.code, item.titre].filter(Boolean).join(' ') : id;
      const neutral = f.statut === 'A' ? M.nouvelle[kind]! : f.statut === 'D' ? M.supprimee[kind]! : M.modifiee[kind]!;
      out.push({
        hash: c.hash, date: c.date, chemin: f.chemin, feuille_de_route: rm.id, id, kind, statut: f.statut, blobs: f.blobs,
        sujet_public: kind === 'presentation' ? M.quoi[kind]! : `${M.quoi[kind]} ${name}`,
        resume: [neutral], titre: '', titre_court: '',
        url: id && item ? urls.entry(rm.id, id) : urls.roadmap(rm.id),
      });
    }
  }
  // The changes some feed shows, and only them, are described from the files' versions.
  const perRoadmap = new Map<string, number>();
  const perFile = new Map<string, number>();
  const shown = out.filter((c) => {
    const r = (perRoadmap.get(c.feuille_de_route) ?? 0) + 1;
    const f = (perFile.get(c.chemin) ?? 0) + 1;
    perRoadmap.set(c.feuille_de_route, r);
    perFile.set(c.chemin, f);
    return r <= FEED_LIMIT || (c.kind === 'fiche' && f <= SHEET_FEED_LIMIT);
  });
  const versions = shown.length ? readVersions(shown.map((c) => ({ hash: c.hash, chemin: c.chemin, statut: c.statut, blobs: c.blobs }))) : new Map<string, FileVersions>();
  const actorName = (id: string) => actors.get(id);
  for (const c of out) {
    const v = versions.get(versionKey(c.hash, c.chemin));
    if (v && (v.avant !== null || v.apres !== null)) c.resume = describeFileChange(c.kind, c.statut === 'A' ? null : v.avant, c.statut === 'D' ? null : v.apres, actorName);
    const more = c.resume.length > 1 ? M.etAutres(c.resume.length - 1) : '';
    c.titre = `${c.sujet_public} — ${c.resume[0]}${more}`;
    c.titre_court = c.resume.join(' ; ');
  }
  return out;
}

const xml = escapeMarkup;

export interface FeedInfo {
  title: string;
  /** Absolute URL of the feed itself (also its id). */
  self: string;
  /** Absolute URL of the page the feed is about. */
  page: string;
  /** Build date (YYYY-MM-DD): the feed's date when it has no entry. */
  today: string;
  /** A sheet's own feed: entry titles say only what changed. */
  sheet?: boolean;
}

/** A tag URI (RFC 4151) from the commit and the file: the same change keeps its id in every feed, whatever becomes of the page. */
export function entryId(host: string, c: Pick<Change, 'hash' | 'chemin'>): string {
  return `tag:${host},2024:jalons/${c.hash}/${encodeURI(c.chemin)}`;
}

export function toAtom(feed: FeedInfo, changes: readonly Change[]): string {
  const entries = changes.slice(0, feed.sheet ? SHEET_FEED_LIMIT : FEED_LIMIT);
  const updated = entries[0]?.date ?? `${feed.today}T00:00:00Z`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${xml(feed.self)}</id>`,
    `  <title>${xml(feed.title)}</title>`,
    `  <updated>${xml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(feed.page)}"/>`,
    '  <author><name>Jalons</name></author>',
    '  <generator>Jalons</generator>',
  ];
  const host = new URL(feed.self).hostname;
  for (const c of entries) {
    lines.push(
      '  <entry>',
      `    <id>${xml(entryId(host, c))}</id>`,
      `    <title>${xml(feed.sheet ? c.titre_court : c.titre)}</title>`,
      `    <updated>${xml(c.date)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(c.url)}"/>`,
      `    <category term="${xml(c.feuille_de_route)}"/>`,
      `    <summary>${xml(`${c.sujet_public} : ${c.resume.join(' ; ')}.`)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}
