/**
 * Page weight budgets, on the real site as `npm run build` makes it:
 * - sheet, node, roadmap, actor and table pages load no JavaScript (unless the page
 *   shows a Mermaid diagram);
 * - every sheet page's HTML is at most 40 KB;
 * - every page links exactly one stylesheet, the same one, of at most 30 KB;
 * - the calendar of the largest real roadmap (SCoRAN, 77 actions) is at most 300 KB;
 * - the home page, with its two maps of France drawn inline, is at most 90 KB;
 * - an embed (/integrer/, framed by other sites) loads no JavaScript; a sheet's or a roadmap
 *   summary's is at most 12 KB of HTML, a calendar's at most 150 KB (half the full calendar's budget).
 * The CMS at /admin/ is an application of its own, not a page of the site.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const KB = 1024;
const CONTENT = join(import.meta.dirname, '..', 'content');
const siteDir = inject('siteDir');

const roadmaps = readdirSync(CONTENT).filter((d) => existsSync(join(CONTENT, d, 'feuille-de-route.md')));
const idsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)) : []);
const page = (...parts: string[]) => join(siteDir, ...parts, 'index.html');
const html = (file: string) => readFileSync(file, 'utf8');
const rel = (file: string) => relative(siteDir, file).split(sep).join('/');

const sheetPages = roadmaps.flatMap((rm) => idsIn(join(CONTENT, rm, 'fiches')).map((id) => page(rm, id)));
const nodePages = roadmaps.flatMap((rm) => idsIn(join(CONTENT, rm, 'noeuds')).map((id) => page(rm, id)));
const roadmapPages = roadmaps.map((rm) => page(rm));
const tablePages = roadmaps.map((rm) => page(rm, 'fiches'));
const embedSheetPages = roadmaps.flatMap((rm) => idsIn(join(CONTENT, rm, 'fiches')).map((id) => page('integrer', rm, id)));
const embedRoadmapPages = roadmaps.map((rm) => page('integrer', rm));
const embedCalendarPages = roadmaps.map((rm) => page('integrer', rm, 'calendrier'));
const actorPages = readdirSync(join(CONTENT, 'acteurs')).filter((f) => f.endsWith('.yaml')).map((f) => page('acteurs', f.slice(0, -5)));

function allHtml(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (p !== join(siteDir, 'admin')) allHtml(p, out);
    } else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

const hasMermaid = (source: string) => /<pre class="mermaid"/.test(source);

describe('poids des pages', () => {
  it('le site réel a bien toutes ses sortes de pages', () => {
    expect(sheetPages.length).toBeGreaterThan(100);
    expect(nodePages.length).toBeGreaterThan(10);
    for (const f of [...sheetPages, ...nodePages, ...roadmapPages, ...tablePages, ...actorPages, ...embedSheetPages, ...embedRoadmapPages, ...embedCalendarPages]) expect(existsSync(f), rel(f)).toBe(true);
  });

  it.each([
    ['fiche', sheetPages],
    ['nœud', nodePages],
    ['feuille de route', roadmapPages],
    ['acteur', actorPages],
    ['tableau', tablePages],
    ['intégration', [...embedSheetPages, ...embedRoadmapPages, ...embedCalendarPages]],
  ])('les pages « %s » ne chargent aucun JavaScript (sauf diagramme Mermaid)', (_kind, files) => {
    const withScript = files.filter((f) => {
      const source = html(f);
      return source.includes('<script') && !hasMermaid(source);
    });
    expect(withScript.map(rel)).toEqual([]);
  });

  it('la page d\'accueil, ses deux cartes de France comprises, pèse au plus 90 Ko de HTML', () => {
    const size = statSync(join(siteDir, 'index.html')).size;
    expect(size, `accueil : ${(size / KB).toFixed(1)} Ko`).toBeLessThanOrEqual(90 * KB);
  });

  it('chaque page de fiche pèse au plus 40 Ko de HTML', () => {
    const heavy = sheetPages.map((f) => [rel(f), statSync(f).size] as const).filter(([, size]) => size > 40 * KB);
    expect(heavy.map(([f, size]) => `${f} : ${(size / KB).toFixed(1)} Ko`)).toEqual([]);
  });

  it('toutes les pages partagent une seule feuille de style, de 30 Ko au plus', () => {
    const files = allHtml(siteDir);
    expect(files.length).toBeGreaterThan(300);
    const hrefs = new Set<string>();
    const wrong: string[] = [];
    for (const f of files) {
      const links = [...html(f).matchAll(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/g)].map((m) => m[0]);
      if (links.length !== 1) wrong.push(`${rel(f)} : ${links.length} feuilles de style`);
      for (const l of links) hrefs.add(l.match(/\bhref="?([^"\s>]+)/)?.[1] ?? '');
    }
    expect(wrong).toEqual([]);
    expect([...hrefs]).toHaveLength(1);
    const href = [...hrefs][0]!;
    const css = join(siteDir, href.replace(/^(https?:\/\/[^/]+)?\/+/, ''));
    expect(existsSync(css), href).toBe(true);
    expect(statSync(css).size).toBeLessThanOrEqual(30 * KB);
  });

  it('chaque page à intégrer pèse au plus 12 Ko (fiche, résumé de feuille de route) ou 150 Ko (calendrier) de HTML', () => {
    const heavy = [
      ...[...embedSheetPages, ...embedRoadmapPages].map((f) => [f, 12] as const),
      ...embedCalendarPages.map((f) => [f, 150] as const),
    ].filter(([f, budget]) => statSync(f).size > budget * KB);
    expect(heavy.map(([f]) => `${rel(f)} : ${(statSync(f).size / KB).toFixed(1)} Ko`)).toEqual([]);
  });

  it('le calendrier de la SCoRAN (77 actions) pèse au plus 300 Ko de HTML', () => {
    const file = page('scoran-pays-de-la-loire', 'calendrier');
    expect(statSync(file).size).toBeLessThanOrEqual(300 * KB);
  });
});
