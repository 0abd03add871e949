/**
 * Embeds (/integrer/): the snippet other sites paste to frame a sheet, a roadmap's summary
 * or its calendar, and the `_headers` file that lets only those pages be framed.
 */

export interface EmbedSnippet {
  /** Absolute address of the embed page (JALONS_SITE + base path). */
  src: string;
  /** French title of the frame, read by screen readers before its content. */
  title: string;
  /** Height in CSS pixels: an iframe does not grow with its content without a script. */
  height: number;
}

/** Frame heights that show the whole of a short embed, and a scrollable part of a long calendar. */
export const EMBED_HEIGHTS = { fiche: 600, feuille: 520, calendrier: 640 } as const;

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The `<iframe>` an editor of another site copies: full width, no border, lazily loaded. */
export function iframeSnippet({ src, title, height }: EmbedSnippet): string {
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/** The embed's absolute address, from the site's public URL (Astro's `site`) and a path that already holds the base. */
export function absoluteUrl(site: string | URL | undefined, path: string): string {
  return new URL(path, site ?? 'https://jalons.example.org').href;
}

/** Folder of the embed pages, right under the base path; reserved as a roadmap id (src/lib/content/paths.ts). */
export const EMBED_FOLDER = 'integrer';

const DENY = ["  Content-Security-Policy: frame-ancestors 'none'", '  X-Frame-Options: DENY'];
const ALLOW = ['  Content-Security-Policy: frame-ancestors *'];

/**
 * The `_headers` file read by Netlify and Cloudflare Pages: every page refuses to be framed
 * except those of /integrer/. Hosts do not agree on how two matching rules combine (Cloudflare
 * sends both values, Netlify keeps one), so no address matches two rules: one rule per
 * top-level entry of the built site (`entries`: folder names ending in « / », file names),
 * rather than a catch-all `/*` that /integrer/ would have to override.
 */
export function headersFile(base: string, entries: string[]): string {
  const b = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const rules: string[][] = [[b, ...DENY]];
  for (const entry of [...entries].sort()) {
    if (entry === '_headers') continue;
    if (entry === `${EMBED_FOLDER}/`) rules.push([`${b}${EMBED_FOLDER}/*`, ...ALLOW]);
    else rules.push([entry.endsWith('/') ? `${b}${entry}*` : `${b}${entry}`, ...DENY]);
  }
  return [
    '# Écrit par npm run build (src/lib/site/embeds.ts) : seules les pages de /integrer/ peuvent être affichées dans le cadre (iframe) d\'un autre site.',
    '# Lu par Netlify et Cloudflare Pages ; GitHub Pages n\'applique aucun en-tête choisi par le site (voir docs/integrer.md).',
    ...rules.map((r) => r.join('\n')),
    '',
  ].join('\n');
}

export interface HeaderRule { pattern: string; headers: Array<[string, string]> }

/** Reads a `_headers` file as the hosts do, for the local server of the tests: a path, then indented « Nom: valeur » lines. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      continue;
    }
    const m = /^\s+([^:\s]+)\s*:\s*(.*)$/.exec(line);
    if (m && rules.length) rules.at(-1)!.headers.push([m[1]!, m[2]!.trim()]);
  }
  return rules;
}

/** The headers every matching rule gives an address (an exact path, or a prefix ending in `*`). */
export function headersFor(rules: HeaderRule[], pathname: string): Array<[string, string]> {
  return rules
    .filter((r) => (r.pattern.endsWith('*') ? pathname.startsWith(r.pattern.slice(0, -1)) : pathname === r.pattern))
    .flatMap((r) => r.headers);
}
