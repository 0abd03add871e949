/**
 * Reading a built site for the static gates: its pages, and the tags and
 * attributes of each page. Astro's output is regular enough for a small
 * tokenizer; quoted attribute values are consumed whole, so a "<" inside a
 * value never starts a tag, and script, style and comment bodies are skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface Tag {
  name: string;
  attrs: Map<string, string>;
  /** Offset in the page, for messages. */
  at: number;
}

export interface Page {
  /** Path of the file relative to the site root, with forward slashes ("a/b/index.html"). */
  file: string;
  /** URL path the file is served at ("/a/b/"). */
  url: string;
  html: string;
}

/** Every file under `dir`, relative, with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out.push(relative(dir, abs).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function readPages(siteDir: string): Page[] {
  return listFiles(siteDir)
    .filter((f) => f.endsWith('.html'))
    .map((file) => ({ file, url: `/${file.replace(/(^|\/)index\.html$/, '$1')}`, html: readFileSync(join(siteDir, file), 'utf8') }));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const TAG = /<([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/)*)\s*>|<!--[\s\S]*?-->|<!doctype[^>]*>/gi;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/** Every start tag of the page, in order, with decoded attribute values (names lower-cased). */
export function tags(html: string): Tag[] {
  const out: Tag[] = [];
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(html))) {
    if (!m[1]) continue;
    const name = m[1].toLowerCase();
    const attrs = new Map<string, string>();
    for (const a of (m[2] ?? '').matchAll(ATTR)) attrs.set(a[1]!.toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    out.push({ name, attrs, at: m.index });
    if (RAW_TEXT.has(name)) {
      // Skip the element's text: it is not markup.
      const end = html.toLowerCase().indexOf(`</${name}`, TAG.lastIndex);
      if (end !== -1) TAG.lastIndex = end;
    }
  }
  return out;
}

/** The line of an offset, for messages. */
export const lineOf = (html: string, at: number) => html.slice(0, at).split('\n').length;
