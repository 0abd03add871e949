/**
 * Atom feeds (RFC 4287) of the changes to the roadmaps, one entry per file
 * changed by a commit: which sheet (or node, or roadmap page), when, the commit's
 * subject, and a link to the page.
 */
import type { Model } from '../model/types.ts';
import type { Commit } from './git-history.ts';

export interface Change {
  hash: string;
  date: string;
  sujet: string;
  feuille_de_route: string;
  /** Id of the sheet or node, or '' for the roadmap's own file. */
  id: string;
  statut: 'A' | 'M' | 'D';
  titre: string;
  /** The page that changed; the roadmap's page when the sheet no longer exists. */
  url: string;
}

export interface ChangeUrls {
  roadmap: (rm: string) => string;
  entry: (rm: string, id: string) => string;
}

/** At most this many entries per feed: readers only poll the latest. */
export const FEED_LIMIT = 100;

const VERB: Record<Change['statut'], string> = { A: 'ajoutée', M: 'modifiée', D: 'supprimée' };

/** Changes to roadmap files, newest first. `history` paths are relative to the content folder. */
export function changesFrom(history: readonly Commit[], model: Model, urls: ChangeUrls): Change[] {
  const roadmaps = new Map(model.feuilles_de_route.map((r) => [r.id, r]));
  const out: Change[] = [];
  for (const c of history) {
    for (const f of c.fichiers) {
      const m = /^([^/]+)\/(?:(fiches|noeuds)\/([^/]+)\.md|feuille-de-route\.md)$/.exec(f.chemin);
      const rm = m && roadmaps.get(m[1]!);
      if (!m || !rm) continue;
      const id = m[3] ?? '';
      const item = m[2] === 'fiches' ? rm.fiches.find((s) => s.id === id) : m[2] === 'noeuds' ? rm.noeuds.find((n) => n.id === id) : undefined;
      const name = item ? [item.code, item.titre].filter(Boolean).join(' ') : id;
      const what = m[2] === 'fiches' ? `Fiche ${name}` : m[2] === 'noeuds' ? `Partie ${name}` : `Présentation de la feuille de route`;
      // « Fiche », « Partie » and « Présentation » are all feminine: one past participle fits the three.
      out.push({
        hash: c.hash, date: c.date, sujet: c.sujet, feuille_de_route: rm.id, id, statut: f.statut,
        titre: `${what} ${VERB[f.statut]}`,
        url: id && item ? urls.entry(rm.id, id) : urls.roadmap(rm.id),
      });
    }
  }
  return out;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface FeedInfo {
  title: string;
  /** Absolute URL of the feed itself (also its id). */
  self: string;
  /** Absolute URL of the page the feed is about. */
  page: string;
  /** Build date (YYYY-MM-DD): the feed's date when it has no entry. */
  today: string;
}

export function toAtom(feed: FeedInfo, changes: readonly Change[]): string {
  const entries = changes.slice(0, FEED_LIMIT);
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
  for (const c of entries) {
    const fragment = `modification-${c.hash.slice(0, 12)}${c.url.endsWith(`/${c.id}/`) ? '' : `-${c.id || 'presentation'}`}`;
    lines.push(
      '  <entry>',
      `    <id>${xml(`${c.url}#${fragment}`)}</id>`,
      `    <title>${xml(c.titre)}</title>`,
      `    <updated>${xml(c.date)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(c.url)}"/>`,
      `    <category term="${xml(c.feuille_de_route)}"/>`,
      `    <summary>${xml(c.sujet)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}
