/**
 * What the built site offers for reuse and sharing: a sitemap that lists exactly
 * the HTML pages, robots.txt, description and OpenGraph tags on every page, a
 * "Données" page that lists every file of /donnees/ with its exact size and
 * licence, and exports that are byte-for-byte the same from one build to the next.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, inject, it } from 'vitest';
import { DEFAULT_LICENCE, downloads } from '../src/lib/export/catalogue.ts';
import { lastDataChanges } from '../src/lib/export/freshness.ts';
import { readFileVersions, readGitHistory } from '../src/lib/export/git-history.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
const siteDir = inject('siteDir');
const today = inject('today');
// As the build makes it: with each sheet's last data change from git.
const model = validateProject(root, undefined, undefined, () => lastDataChanges(root, join(root, 'content'))).model;
const robots = readFileSync(join(siteDir, 'robots.txt'), 'utf8');
const base = new URL('.', robots.match(/Sitemap: (\S+)/)![1]!);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}
const htmlPages = files(siteDir)
  .map((f) => relative(siteDir, f))
  // Embeds (/integrer/) are framed by other sites, not pages of their own: noindex, out of the sitemap (tests/embeds.test.ts).
  .filter((f) => f.endsWith('index.html') && !f.startsWith('admin/') && !f.startsWith('integrer/'));

describe('sitemap, robots and page metadata', () => {
  it('list every HTML page in sitemap.xml, as absolute URLs', () => {
    const text = readFileSync(join(siteDir, 'sitemap.xml'), 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    const urls = new XMLParser({ isArray: (n) => n === 'url' }).parse(text).urlset.url.map((u: { loc: string }) => u.loc) as string[];
    expect(new Set(urls).size).toBe(urls.length);
    const expected = htmlPages.map((f) => new URL(f.replace(/index\.html$/, ''), base).href);
    expect([...urls].sort()).toEqual([...expected].sort());
  });

  it('allow everything in robots.txt and point to the sitemap', () => {
    expect(robots).toMatch(/^User-agent: \*\nAllow: \/\n/);
    expect(robots).toContain(`Sitemap: ${new URL('sitemap.xml', base).href}`);
  });

  it('give every page a description and OpenGraph tags', () => {
    for (const page of [...htmlPages, '404.html']) {
      const html = readFileSync(join(siteDir, page), 'utf8');
      for (const re of [/<meta name="description" content="[^"]+"/, /<meta property="og:title" content="[^"]+"/, /<meta property="og:description" content="[^"]+"/, /<meta property="og:url" content="https?:\/\/[^"]+"/, /<meta property="og:type"/]) {
        expect(html, page).toMatch(re);
      }
    }
  });
});

describe('the Données page', () => {
  const html = readFileSync(join(siteDir, 'donnees', 'index.html'), 'utf8');
  const listed = [...html.matchAll(/<a href="([^"]+)" download[^>]*>.*?<td[^>]*>([^<]+)<\/td><td data-octets="(\d+)">.*?<\/td><td>([^<]+)<\/td>/g)].map((m) => ({
    href: m[1]!, format: m[2]!, octets: Number(m[3]), licence: m[4]!,
  }));

  it('lists every file of /donnees/ with its exact size', () => {
    const published = files(join(siteDir, 'donnees')).filter((f) => !f.endsWith('index.html'));
    expect(listed.map((l) => l.href).sort()).toEqual(published.map((f) => `${base.pathname}${relative(siteDir, f)}`).sort());
    for (const l of listed) expect(statSync(join(siteDir, l.href.slice(base.pathname.length))).size, l.href).toBe(l.octets);
  });

  it('gives each file its format and licence: the roadmap\'s own, else the Licence Ouverte', () => {
    for (const l of listed) {
      const rm = model.feuilles_de_route.find((r) => l.href.includes(`/donnees/${r.id}.`) || l.href.includes(`/donnees/${r.id}/`));
      if (rm) expect(l.licence).toBe(rm.licence ?? DEFAULT_LICENCE);
      expect(l.format).toBe({ json: l.href.endsWith('.schema.json') ? 'JSON Schema' : 'JSON', csv: 'CSV', ics: 'iCalendar', atom: 'Atom' }[l.href.split('.').pop()!]);
    }
  });

  it('is linked from the footer of every page', () => {
    const home = readFileSync(join(siteDir, 'index.html'), 'utf8');
    expect(home).toContain(`href="${base.pathname}donnees/"`);
  });
});

describe('determinism', () => {
  it('writes the same bytes as a fresh run of the generators', () => {
    const list = downloads({ model, today, site: new URL(base.origin), base: base.pathname, history: () => readGitHistory(join(root, 'content')), versions: (requests) => readFileVersions(join(root, 'content'), requests) });
    for (const d of list) {
      const again = d.contenu();
      expect(again).toBe(d.contenu());
      expect(readFileSync(join(siteDir, d.chemin), 'utf8'), d.chemin).toBe(again);
    }
  });
});
