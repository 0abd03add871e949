/**
 * Atom feeds (RFC 4287) of the roadmaps' news, from the content itself: each progress
 * entry of a sheet and each roadmap report is one entry, dated by its own date (its
 * first day at its precision), its text rendered from Markdown, newest first.
 */
import { createHash } from 'node:crypto';
import { fr } from '../i18n/fr.ts';
import type { ModelSheet } from '../model/types.ts';
import type { NewsEntry } from '../site/progress-view.ts';
import { renderMarkdown } from '../site/markdown.ts';
import { FEED_LIMIT } from './atom.ts';
import { escapeMarkup } from '../values/text.ts';

/** The site's news feed, under the site's base. */
export const NEWS_FEED_FILE = 'donnees/actualites.atom';
/** A roadmap's news feed: ids have no dot, so it never meets `donnees/<id>.atom` or any other file. */
export const roadmapNewsFeedFile = (rm: string) => `donnees/${rm}.actualites.atom`;

/**
 * A sheet's news feed, next to its change feed (donnees/<feuille>/<fiche>.atom). Only a
 * sheet with a dated progress entry has one (sheetHasNewsFeed): a feed with no entry
 * would have to invent the date it was last updated.
 */
export const sheetNewsFeedFile = (rm: string, id: string) => `donnees/${rm}/${id}.actualites.atom`;
export const sheetHasNewsFeed = (f: Pick<ModelSheet, 'suivi'>) => f.suivi.some((e) => e.date.debut !== null);

const xml = escapeMarkup;

export interface NewsFeedInfo {
  title: string;
  /** Absolute URL of the feed (also its id). */
  self: string;
  /** Absolute URL of the page the feed is about. */
  page: string;
  /** Build date (YYYY-MM-DD): the feed's date when it has no entry. */
  today: string;
  /** Absolute URLs of the pages an entry links to. */
  roadmapUrl: (rm: string) => string;
  entryUrl: (rm: string, id: string) => string;
}

/** The entry's title: the sheet (or report) and the date at its precision. */
export function newsTitle(n: NewsEntry): string {
  return n.kind === 'bilan' ? `${fr.actualites.bilan} : ${n.label} (${n.roadmap}), ${n.date}` : `${n.label}, ${n.date}`;
}

/** Entries without a usable date are left out: a feed entry needs one. */
export function newsAtom(feed: NewsFeedInfo, news: readonly NewsEntry[]): string {
  const entries = news.filter((n) => n.day).slice(0, FEED_LIMIT);
  const updated = `${entries[0]?.day ?? feed.today}T00:00:00Z`;
  const host = new URL(feed.self).hostname;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${xml(feed.self)}</id>`,
    `  <title>${xml(feed.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(feed.page)}"/>`,
    '  <author><name>Jalons</name></author>',
    '  <generator>Jalons</generator>',
  ];
  for (const n of entries) {
    const url = n.sheetId ? feed.entryUrl(n.roadmapId, n.sheetId) : feed.roadmapUrl(n.roadmapId);
    const digest = createHash('sha1').update(`${n.kind}\n${n.label}\n${n.texte}`).digest('hex').slice(0, 12);
    const body = [n.statut ? `<p>${xml(fr.actualites.nouveauStatut(n.statut))}</p>` : '', n.texte ? renderMarkdown(n.texte, { idPrefix: `a-${digest}-` }) : ''].join('');
    lines.push(
      '  <entry>',
      `    <id>tag:${xml(host)},2024:jalons/actualites/${xml(n.roadmapId)}/${xml(n.sheetId ?? 'bilan')}/${xml(n.datetime ?? '')}/${digest}</id>`,
      `    <title>${xml(newsTitle(n))}</title>`,
      `    <updated>${n.day}T00:00:00Z</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      `    <category term="${xml(n.roadmapId)}"/>`,
      ...(body ? [`    <content type="html">${xml(body)}</content>`] : []),
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}
