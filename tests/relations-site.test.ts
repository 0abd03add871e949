/**
 * The fixture roadmaps that refer to each other (tests/fixtures/relations), built under a base
 * path: each roadmap page shows its relations both ways, a local sheet says what it contributes
 * to, the national engagement or axis lists the local actions by roadmap, and the pages stay
 * valid HTML and free of WCAG 2.1 AA violations.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../scripts/browser.ts';
import { serveStatic } from '../scripts/static-server.ts';
import { describeViolations, runAxe } from './support/axe.ts';
import { ROOT } from './support/content-tree.ts';
import { buildSite } from './support/run.ts';

const out = mkdtempSync(join(tmpdir(), 'jalons-relations-site-'));
const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/\s+/g, ' ').trim();
/** The inside of the section headed by `id`. */
const section = (html: string, id: string) => {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  return start < 0 ? '' : html.slice(html.indexOf('>', start) + 1).split('</section>')[0]!;
};
const PAGES = ['calendrier', 'calendrier/toutes', 'departement-a-2024/calendrier', 'departement-a-2024/document', 'nationale/document', 'nationale', 'nationale/declinaisons', 'nationale/axe-1', 'nationale/axe-2', 'nationale/engagement-3', 'departement-a-2024', 'departement-a-2024/a-1', 'departement-a-2024/a-2', 'departement-a-2020', 'diagnostic-a', 'departement-b'];

beforeAll(async () => {
  await buildSite('tests/fixtures/relations', out, { JALONS_BASE: '/jalons/' });
}, 180_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('roadmaps that refer to each other, on the built pages', () => {
  it('each roadmap page shows its relations both ways, linked under the base path', () => {
    expect(text(section(page('departement-a-2024'), 'liees'))).toBe('Feuilles de route liées Déclinaison de Nationale Diagnostic préalable Diagnostic A Précédée par Département A 2020-2023');
    expect(text(section(page('nationale'), 'liees'))).toBe('Feuilles de route liées Déclinée par Département A 2024-2027 Département B Contributions des territoires, axe par axe');
    expect(section(page('nationale'), 'liees')).toContain('<a href="/jalons/nationale/declinaisons/">Contributions des territoires, axe par axe</a>');
    expect(text(section(page('diagnostic-a'), 'liees'))).toBe('Feuilles de route liées Diagnostic pour Département A 2024-2027');
    expect(text(section(page('departement-a-2020'), 'liees'))).toBe('Feuilles de route liées Remplacée par Département A 2024-2027');
    expect(section(page('nationale'), 'liees')).toContain('<a href="/jalons/departement-b/">Département B</a>');
  });

  it('another site\'s roadmap is a plain external link, its address as its text', () => {
    const liees = section(page('departement-b'), 'liees');
    expect(liees).toContain('<a href="https://autre-site.example.org/departement-b-2019/" class="lien-externe" rel="external noopener noreferrer">https://autre-site.example.org/departement-b-2019/<span class="sr-only"> (sur un autre site)</span></a>');
  });

  it('a roadmap page gives its budget, its expected adoption, its status and the sheets it announces', () => {
    const nationale = text(page('nationale'));
    expect(nationale).toContain('Le document annonce 15 engagements et en décrit 2.');
    expect(nationale).toContain('Budget Fonds national : 10 M€ 2 ETP');
    const a = text(page('departement-a-2024'));
    expect(a).toContain('Adoption prévue octobre 2024 Statut du document Signée');
    expect(a).not.toContain('Le document annonce');
  });

  it('the sheets\' CSV gives what each sheet contributes to', () => {
    const csv = readFileSync(join(out, 'donnees', 'departement-a-2024.csv'), 'utf8').split('\r\n');
    const header = csv[0]!.replace('\uFEFF', '').split(',');
    const column = header.indexOf('contribue_a');
    expect(column).toBe(header.length - 1);
    const row = (id: string) => csv.find((l) => l.startsWith(`departement-a-2024,${id},`))!;
    expect(row('a-1').endsWith(',nationale/engagement-3')).toBe(true);
    expect(row('a-2').endsWith(',nationale/axe-2')).toBe(true);
  });

  it('a local sheet says what it contributes to, and the national engagement and axis list the local actions by roadmap', () => {
    expect(text(section(page('departement-a-2024/a-1'), 'contribue-a'))).toBe('Contribue à Engagement 3 — Un aidant formé dans chaque commune (Nationale)');
    expect(section(page('departement-a-2024/a-1'), 'contribue-a')).toContain('href="/jalons/nationale/engagement-3/"');
    expect(text(section(page('nationale/engagement-3'), 'contributions'))).toBe(
      'Actions qui y contribuent 2 actions de 2 territoires y contribuent. Département A 2024-2027 (Département A) : 1 action Action A.1 — Former des aidants dans le département A Département B (Département B) : 1 action Fiche action B.1 — Des permanences d\'aidants dans le département B',
    );
    expect(text(section(page('nationale/axe-2'), 'contributions'))).toBe('Actions qui y contribuent 1 action de 1 territoire y contribue. Département A 2024-2027 (Département A) : 1 action Action A.2 — Équiper les médiathèques du département A');
    expect(text(section(page('nationale/axe-1'), 'contributions'))).toBe(
      'Actions qui y contribuent 2 actions de 2 territoires y contribuent, dont 2 via ses engagements. Département A 2024-2027 (Département A) : 1 action Action A.1 — Former des aidants dans le département A (via Engagement 3 — Un aidant formé dans chaque commune) Département B (Département B) : 1 action Fiche action B.1 — Des permanences d\'aidants dans le département B (via Engagement 3 — Un aidant formé dans chaque commune)',
    );
    expect(section(page('departement-a-2024'), 'liees')).not.toContain('declinaisons');
  });

  it('the coverage page of the national roadmap counts the local actions by territory and axis, each number linked to the list', () => {
    const html = page('nationale/declinaisons');
    const table = html.slice(html.indexOf('<table class="couverture"'), html.indexOf('</table>'));
    const rows = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<(th|td)[^>]*>([\s\S]*?)<\/\1>/g)].map((c) => `${c[1]}:${text(c[2]!)}`));
    expect(text(table.slice(0, table.indexOf('</caption>')))).toBe('Actions qui contribuent, par territoire et par colonne');
    expect(rows).toEqual([
      ['th:Feuille de route (territoire)', 'th:Axe 1 — Former les aidants', 'th:Axe 2 — Équiper les lieux', 'th:Total'],
      ['th:Département A 2024-2027 (Département A)', 'td:1 action de Département A pour Axe 1 — Former les aidants', 'td:1 action de Département A pour Axe 2 — Équiper les lieux', 'td:2'],
      ['th:Département B (Département B)', 'td:1 action de Département B pour Axe 1 — Former les aidants', 'td:0', 'td:1'],
    ]);
    expect(table.match(/<th scope="(col|row)"/g)).toHaveLength(6);
    // The number alone is what sighted readers see; the rest is said to screen readers listing links.
    expect(table).toContain('<a href="/jalons/nationale/axe-2/#contributions">1<span class="sr-only"> action de Département A pour Axe 2 — Équiper les lieux</span></a>');
    expect(table).toContain('<a href="/jalons/departement-b/">Département B</a>');
    // The heat map is decoration: the table carries the numbers.
    expect(html).toMatch(/<figure class="carte-chaleur" aria-hidden="true">\s*<svg [^>]*focusable="false"[^>]*>(\s*<rect [^>]*>(<\/rect>)?){4}\s*<\/svg>/);
  });

  it('the coverage page compares the indicators named alike across territories', () => {
    const indicators = section(page('nationale/declinaisons'), 'indicateurs-communs');
    expect(text(indicators).replace(/\u00a0/g, ' ')).toContain(
      'Aidants formés Feuille de route (territoire) Dernière mesure Cible Part de la cible atteinte Nationale (France) 2100 aidants (2025) 4000 aidants (2027) 53 % Département A 2024-2027 (Département A) 120 aidants (juin 2025) 300 aidants (2027) 40 % Département B (Département B) 80 aidants (2025) — —',
    );
    expect(text(indicators).replace(/\u00a0/g, ' ')).toContain('Communes couvertes par un aidant Feuille de route (territoire) Dernière mesure Cible Part de la cible atteinte Nationale (France) — 100 % (2027) — Département A 2024-2027 (Département A) 40 % (2025) — — Département B (Département B) — — —');
    // One bar chart, as decoration, for the indicator two territories give a share of their target for.
    expect(indicators.match(/<figure class="barres-cible" aria-hidden="true">/g)).toHaveLength(1);
    expect(text(indicators)).not.toContain('Lieux équipés');
  });

  it('only a roadmap that others decline has a coverage page, and the sitemap lists it', () => {
    expect(existsSync(join(out, 'nationale/declinaisons/index.html'))).toBe(true);
    expect(existsSync(join(out, 'departement-a-2024/declinaisons/index.html'))).toBe(false);
    expect(existsSync(join(out, 'departement-b/declinaisons/index.html'))).toBe(false);
    const sitemap = readFileSync(join(out, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain('/jalons/nationale/declinaisons/</loc>');
    expect(sitemap).not.toContain('/jalons/departement-b/declinaisons/');
  });

  it('in a roadmap\'s document, each sheet\'s « Contribue à » and « Actions qui y contribuent » have their own id and sit under the sheet\'s heading', () => {
    const a = page('departement-a-2024/document');
    expect(a).toContain('<section aria-labelledby="entree-a-1-contribue-a entree-a-1-titre" data-pagefind-ignore> <h4 id="entree-a-1-contribue-a">');
    expect(a).toContain('<section aria-labelledby="entree-a-2-contribue-a entree-a-2-titre" data-pagefind-ignore> <h4 id="entree-a-2-contribue-a">');
    const nationale = page('nationale/document');
    expect(nationale).toContain('<section aria-labelledby="entree-engagement-3-contributions entree-engagement-3-titre" data-pagefind-ignore> <h4 id="entree-engagement-3-contributions">');
    expect(nationale).toContain('<h5><a href="/jalons/departement-b/">Département B</a> (Département B) : 1 action</h5>');
  });

  it('a sheet is labelled and counted by what its roadmap calls it', () => {
    expect(page('nationale/engagement-3')).toContain('<li class="etiquette">Engagement</li>');
    expect(page('departement-b/b-1')).toContain('<li class="etiquette">Fiche action</li>');
    expect(text(page(''))).toContain('Par type 2 engagements');
  });

  it('the roadmaps\' own dates are on their calendar and on the calendar of all roadmaps, linked to where the page gives them', () => {
    expect(text(page('departement-a-2024/calendrier'))).toContain('Adoption prévue');
    // /calendrier/ opens on the current year (2024 in the tests): the national adoption of 2023 is on the all-years page.
    const all = page('calendrier/toutes');
    expect(text(all)).toContain('Jalons de la feuille de route');
    expect(all).toContain('href="/jalons/nationale/#faits"');
    expect(text(page('calendrier/2023'))).toContain('Adoption');
  });

  it('a link written as a path of the site gets the base path, in « liens » and in the body, and is not marked external', () => {
    const a2 = page('departement-a-2024/a-2');
    expect(a2).toContain('<a href="/jalons/nationale/axe-2/#contributions">l\'axe national « Équiper les lieux »</a>');
    expect(section(a2, 'voir-aussi')).toContain('<li><a href="/jalons/nationale/engagement-3/">L&#39;engagement national sur les aidants</a></li>');
  });

  it('« voir aussi » links a node by its level, code and title', () => {
    expect(text(section(page('nationale/engagement-7'), 'voir-aussi'))).toBe('Voir aussi Axe 1 — Former les aidants 3 Un aidant formé dans chaque commune');
  });

  it('these pages pass html-validate', async () => {
    const config = JSON.parse(readFileSync(join(ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData;
    const validator = new HtmlValidate(new StaticConfigLoader(config));
    const errors: string[] = [];
    for (const path of PAGES) {
      const report = await validator.validateString(page(path), path);
      for (const r of report.results) for (const m of r.messages) errors.push(`${path}:${m.line} ${m.ruleId} ${m.message}`);
    }
    expect(errors).toEqual([]);
  });

  it('these pages have no WCAG 2.1 AA violation (axe-core)', async () => {
    const server = await serveStatic(out, '/jalons/');
    const context = await launchBrowser();
    try {
      const violations: string[] = [];
      for (const path of PAGES) {
        const p = await context.newPage();
        await p.goto(`${server.url}${path}/`, { waitUntil: 'networkidle' });
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
