/**
 * A hub built from two Jalons sites, as `npm run build` makes it (JALONS_SOURCES): the fixture
 * roadmaps that refer to each other, built under a base path and served on loopback, the
 * « valide » fixture read from its file, and a source whose address answers nothing. Every page
 * of another site's roadmap says who publishes it and links to the same page there, offers no
 * forge link, carries the search's « Source » filter; the home page names the missing source
 * with its reason; the open data names the origin. The source site itself, not a hub, shows
 * none of it. The new markup passes html-validate and axe.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../scripts/browser.ts';
import { serveStatic, type RunningServer } from '../scripts/static-server.ts';
import { describeViolations, runAxe } from './support/axe.ts';
import { ROOT } from './support/content-tree.ts';
import { buildSite } from './support/run.ts';

const work = mkdtempSync(join(tmpdir(), 'jalons-hub-site-'));
const sourceOut = join(work, 'relations');
const fileOut = join(work, 'valide');
const hubOut = join(work, 'portail');
// An empty content folder: a hub may publish nothing of its own. Inside the project, as JALONS_CONTENT_DIR is read from it.
mkdirSync(join(ROOT, '.jalons'), { recursive: true });
const hubContent = mkdtempSync(join(ROOT, '.jalons', 'portail-vide-'));
const BROKEN = 'http://127.0.0.1:59999/donnees/jalons.json';
let source: RunningServer;
/** The source site's address, as the hub reads it: http://127.0.0.1:PORT/jalons/. */
let origin = '';

const read = (dir: string, path: string) => readFileSync(join(dir, path, 'index.html'), 'utf8');
const page = (path: string) => read(hubOut, path);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/\s+/g, ' ').trim();
/** The element marked data-origine, or '' when the page has none. */
const notice = (html: string) => /<p class="origine" data-origine[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[0] ?? '';
const sourceFilter = (html: string) => [...html.matchAll(/data-pagefind-filter="source">([^<]*)</g)].map((m) => m[1]);
const link = (href: string) => `<a href="${href}" class="lien-externe" rel="external noopener noreferrer">Voir sur le site d&#39;origine</a>`;

beforeAll(async () => {
  await buildSite('tests/fixtures/relations', sourceOut, { JALONS_BASE: '/jalons/', JALONS_PDF: 'non' });
  await buildSite('tests/fixtures/valide', fileOut, { JALONS_PDF: 'non' });
  source = await serveStatic(sourceOut, '/jalons/');
  origin = `${source.url}`;
  await buildSite(relative(ROOT, hubContent), hubOut, {
    JALONS_PDF: 'non',
    // Would give every own sheet its « Modifier » link: the sources' sheets must not have one.
    JALONS_DEPOT: 'https://github.com/exemple/portail',
    JALONS_RECHERCHE_NOM: 'Portail d\'essai',
    JALONS_SOURCES: `Relations=${origin}donnees/jalons.json;Valide=${join(fileOut, 'donnees', 'jalons.json')};Cassée=${BROKEN}`,
  });
}, 600_000);
afterAll(async () => {
  await source?.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(hubContent, { recursive: true, force: true });
});

describe('a hub built from two Jalons sites and a broken source', () => {
  it('the source is served under its base path', () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jalons\/$/);
  });

  it('each page of a source\'s roadmap says who publishes it and links to the same page on that site', () => {
    const cases: Array<[string, string]> = [
      ['departement-a-2024', 'departement-a-2024/'],
      ['nationale/axe-1', 'nationale/axe-1/'],
      ['departement-a-2024/a-1', 'departement-a-2024/a-1/'],
      ['nationale/calendrier', 'nationale/calendrier/'],
      ['nationale/fiches', 'nationale/fiches/'],
      ['nationale/document', 'nationale/document/'],
    ];
    for (const [path, there] of cases) {
      const n = notice(page(path));
      expect(text(n), path).toBe('Publiée par Relations, reprise ici telle quelle. Voir sur le site d\'origine');
      expect(n, path).toContain(link(`${origin}${there}`));
    }
    // An embed sends the reader to the full page on the origin site.
    expect(notice(page('integrer/departement-a-2024/a-1'))).toContain(link(`${origin}departement-a-2024/a-1/`));
  });

  it('a source read from a file is named, without a link', () => {
    const n = notice(page('exemple'));
    expect(text(n)).toBe('Publiée par Valide, reprise ici telle quelle.');
    expect(n).not.toContain('<a ');
  });

  it('a source\'s sheet offers no forge link: it is edited on its own site', () => {
    const sheet = text(page('departement-a-2024/a-1'));
    expect(sheet).not.toContain('Modifier cette fiche');
    expect(page('departement-a-2024/a-1')).not.toContain('github.com/exemple/portail');
  });

  it('the home page names the source it could not read, with the reason, and lists the sources', () => {
    const home = page('');
    const missing = /<section[^>]*data-sources-manquantes[^>]*>([\s\S]*?)<\/section>/.exec(home)?.[0] ?? '';
    expect(text(missing)).toBe('Sources non lues « Cassée » n\'a pas pu être lue : l\'adresse ne répond pas (connexion refusée : aucun serveur à cette adresse). Ses feuilles de route sont absentes de ce portail jusqu\'à ce qu\'elle puisse être lue.');
    const list = home.slice(home.indexOf('aria-labelledby="sources-portail"'));
    expect(text(list.slice(0, list.indexOf('</section>')))).toContain('Relations 5 feuilles de route, 6 fiches lue à cette construction Valide 1 feuille de route, 3 fiches lue à cette construction Cassée — absente : non lue');
    // Each roadmap's card says which site publishes it.
    expect(home.match(/<dt>Publiée par<\/dt><dd>Relations<\/dd>/g)).toHaveLength(5);
    expect(home.match(/<dt>Publiée par<\/dt><dd>Valide<\/dd>/g)).toHaveLength(1);
  });

  it('the search knows which site publishes each page', () => {
    expect(sourceFilter(page('departement-a-2024'))).toEqual(['Relations']);
    expect(sourceFilter(page('departement-a-2024/a-1'))).toEqual(['Relations']);
    expect(sourceFilter(page('exemple/a-1'))).toEqual(['Valide']);
    expect(page('departement-a-2024/a-1')).toContain('<span data-pagefind-meta="source">Relations</span>');
  });

  it('the open data names the origin of a source\'s roadmap, in the page and in the CSV', () => {
    const data = page('donnees');
    const section = data.slice(data.indexOf('id="donnees-departement-a-2024"'));
    expect(section.slice(0, section.indexOf('</p>'))).toContain(`Publiée par Relations, reprise ici telle quelle. <a href="${origin}donnees/#donnees-departement-a-2024" class="lien-externe" rel="external noopener noreferrer">Ses données sur le site d&#39;origine</a>`);
    const rows = parse(readFileSync(join(hubOut, 'donnees', 'fiches.csv')), { bom: true, columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
    expect(new Set(rows.map((r) => `${r.feuille_de_route}:${r.origine}`))).toContain('departement-a-2024:Relations');
    expect(new Set(rows.map((r) => `${r.feuille_de_route}:${r.origine}`))).toContain('exemple:Valide');
  });

  it('the source site, not a hub, shows none of it', () => {
    for (const path of ['', 'departement-a-2024', 'departement-a-2024/a-1']) {
      const html = read(sourceOut, path);
      expect(html, path).not.toContain('data-origine');
      expect(html, path).not.toContain('data-sources-manquantes');
      expect(html, path).not.toContain('sources-portail');
      expect(html, path).not.toContain('Publiée par');
      expect(sourceFilter(html), path).toEqual([]);
    }
  });

  const PAGES = ['', 'departement-a-2024', 'departement-a-2024/a-1', 'exemple', 'nationale/calendrier', 'donnees', 'integrer/departement-a-2024/a-1'];

  it('its pages pass html-validate', async () => {
    const config = JSON.parse(readFileSync(join(ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData;
    const validator = new HtmlValidate(new StaticConfigLoader(config));
    const errors: string[] = [];
    for (const path of PAGES) {
      const report = await validator.validateString(page(path), path || 'accueil');
      for (const r of report.results) for (const m of r.messages) errors.push(`${path}:${m.line} ${m.ruleId} ${m.message}`);
    }
    expect(errors).toEqual([]);
  });

  it('its pages have no WCAG 2.1 AA violation (axe-core)', async () => {
    const server = await serveStatic(hubOut);
    const context = await launchBrowser();
    try {
      const violations: string[] = [];
      for (const path of PAGES) {
        const p = await context.newPage();
        await p.goto(`${server.url}${path ? `${path}/` : ''}`, { waitUntil: 'networkidle', timeout: 30_000 });
        violations.push(...describeViolations((await runAxe(p)).violations).map((v) => `${path}: ${v}`));
        await p.close();
      }
      expect(violations).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
  }, 120_000);
});
