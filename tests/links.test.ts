/**
 * Link gates on the whole built site: no broken internal link or anchor, and no
 * page that loads anything from another host (links to sources, <a href>, are fine).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { lineOf, readPages, tags, type Page, type Tag } from './support/html.ts';

/** Attributes that point at a resource or a page. */
const URL_ATTRS: Record<string, string[]> = {
  a: ['href'], area: ['href'], link: ['href'], script: ['src'], img: ['src'], source: ['src'], iframe: ['src'],
  video: ['src', 'poster'], audio: ['src'], embed: ['src'], object: ['data'], form: ['action'], track: ['src'], use: ['href'],
};
/** Tags whose URL is fetched by the browser as soon as the page loads (a link is only followed on click). */
const LOADED = new Set(['link', 'script', 'img', 'source', 'iframe', 'video', 'audio', 'embed', 'object', 'track', 'use']);
/** Metadata links to the site's own public address (canonical), not fetched. */
const NOT_FETCHED_REL = /\b(canonical|alternate)\b/;

interface Ref { page: Page; tag: Tag; attr: string; value: string }

describe('links across the whole built site', () => {
  let site: string;
  let pages: Page[];
  const ids = new Map<string, Set<string>>();
  const refs: Ref[] = [];

  beforeAll(() => {
    site = inject('siteDir');
    pages = readPages(site);
    for (const page of pages) {
      const found = new Set<string>();
      for (const tag of tags(page.html)) {
        const id = tag.attrs.get('id');
        if (id !== undefined) found.add(id);
        for (const attr of URL_ATTRS[tag.name] ?? []) {
          const value = tag.attrs.get(attr);
          if (value !== undefined) refs.push({ page, tag, attr, value });
        }
      }
      ids.set(page.file, found);
    }
  });

  const where = (r: Ref) => `${r.page.file}:${lineOf(r.page.html, r.tag.at)} <${r.tag.name} ${r.attr}="${r.value}">`;

  /** The file a site URL path is served from, or null. */
  function fileFor(pathname: string): string | null {
    const rel = decodeURIComponent(pathname).replace(/^\//, '');
    const abs = join(site, rel);
    if (existsSync(abs) && statSync(abs).isFile()) return rel;
    const index = join(abs, 'index.html');
    if ((rel === '' || rel.endsWith('/')) && existsSync(index)) return `${rel}index.html`;
    return null;
  }

  it('finds the pages and their links', () => {
    expect(pages.length).toBeGreaterThan(100);
    expect(refs.length).toBeGreaterThan(pages.length * 10);
  });

  it('every internal link and resource resolves to a file of the build, and every #fragment to an id of its page', () => {
    const broken: string[] = [];
    const origin = 'http://site.invalid';
    for (const r of refs) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(r.value) || r.value.startsWith('//')) continue; // absolute: checked below
      const url = new URL(r.value, origin + r.page.url);
      let target: string | null = r.page.file;
      if (!(r.value.startsWith('#') || r.value === '')) {
        target = fileFor(url.pathname);
        if (!target) {
          broken.push(`${where(r)} : ${url.pathname} n'existe pas`);
          continue;
        }
      }
      if (url.hash && url.hash !== '#' && target.endsWith('.html')) {
        const id = decodeURIComponent(url.hash.slice(1));
        if (!ids.get(target)?.has(id)) broken.push(`${where(r)} : pas d'id « ${id} » dans ${target}`);
      }
    }
    expect(broken.slice(0, 40), `${broken.length} lien(s) cassé(s)`).toEqual([]);
  });

  it('the 404 page, served at any address, uses only root-relative links', () => {
    const relative = refs.filter((r) => r.page.file === '404.html' && !/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(r.value));
    expect(relative.map(where)).toEqual([]);
  });

  it('no page loads a script, style, image or frame from another host', () => {
    const foreign = refs.filter(
      (r) => LOADED.has(r.tag.name) && /^(https?:)?\/\//i.test(r.value) && !(r.tag.name === 'link' && NOT_FETCHED_REL.test(r.tag.attrs.get('rel') ?? '')),
    );
    expect(foreign.map(where)).toEqual([]);
    // Nor inline CSS that imports from elsewhere.
    const cssImports = pages.filter((p) => /url\(\s*['"]?(https?:)?\/\/|@import\s+['"]?(https?:)?\/\//i.test(p.html)).map((p) => p.file);
    expect(cssImports).toEqual([]);
  });

  it('no link or resource uses javascript: or data: (images aside)', () => {
    const unsafe = refs.filter((r) => /^\s*(javascript|vbscript|data):/i.test(r.value) && !(r.tag.name === 'img' && /^data:image\//i.test(r.value)));
    expect(unsafe.map(where)).toEqual([]);
  });
});
