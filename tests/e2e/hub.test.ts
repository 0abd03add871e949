/**
 * A hub built from other Jalons sites (JALONS_SOURCES, issue #19), end to end: two small sites
 * (tests/fixtures/portail: a national roadmap, and two departmental roadmaps that decline it
 * by its address) are built and served on loopback, then a hub with no content of its own is
 * built from their /donnees/jalons.json plus a third source on a closed port. Checked in
 * Chromium as a reader would see it: the map, the federated pages and their origin, the
 * national coverage page across sites, the attributed search results, the missing-source
 * notice; and a rebuild with both sites down, from the hub's cached copies.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/browser.ts';
import { serveStatic, type RunningServer } from '../../scripts/static-server.ts';
import { sourcesCacheDir } from '../../src/lib/build/sources.ts';
import { freshOutDir, makeContentTree, ROOT, type ContentTree } from '../support/content-tree.ts';
import { TEST_FORGE } from '../setup/build-site.ts';
import { buildSite, type RunResult } from '../support/run.ts';
import { watch } from './helpers.ts';

/** The national site's address as the fixture writes it; replaced by where it is served. */
const PLACEHOLDER = 'http://127.0.0.1:4999/';
/** Each build is bounded: a hung build fails the test instead of holding the run. */
const BUILD_TIMEOUT = 150_000;

let nationalOut: string;
let territoiresOut: string;
let hubOut: string;
let national: RunningServer | null = null;
let territoires: RunningServer | null = null;
let hub: RunningServer | null = null;
let territoiresTree: ContentTree;
let emptyContent: string;
let hubRun: RunResult;
let hubEnv: Record<string, string>;
let sources: { national: string; territoires: string; cassee: string };
let context: Awaited<ReturnType<typeof launchBrowser>>;

/** A port nothing listens on: taken from the system, then given back. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Writes `to` for `from` in every file of `dir`. */
function replaceInTree(dir: string, from: string, to: string) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) replaceInTree(path, from, to);
    else writeFileSync(path, readFileSync(path, 'utf8').replaceAll(from, to));
  }
}

/** The hub's cached copies of these sources (.jalons/sources/, src/lib/build/sources.ts), so that no run sees another's. */
function forgetCachedCopies(addresses: string[]) {
  for (const address of addresses) {
    const key = createHash('sha256').update(address).digest('hex').slice(0, 20);
    for (const ext of ['json', 'date']) rmSync(join(sourcesCacheDir(ROOT), `${key}.${ext}`), { force: true });
  }
}

/** Stops a server now: the browser keeps connections open, on which close() alone would wait. */
async function stop(server: RunningServer | null) {
  server?.server.closeAllConnections();
  await server?.close();
}

const buildHub = (out: string) => buildSite(relative(ROOT, emptyContent), out, hubEnv, BUILD_TIMEOUT);

beforeAll(async () => {
  // Servers first: their free ports are the sites' addresses, written into the content before it is built.
  nationalOut = freshOutDir('jalons-portail-national-');
  territoiresOut = freshOutDir('jalons-portail-territoires-');
  national = await serveStatic(nationalOut);
  territoires = await serveStatic(territoiresOut);
  territoiresTree = makeContentTree('portail/territoires', {}, 'jalons-portail-contenu-');
  replaceInTree(territoiresTree.dir, PLACEHOLDER, national.url);
  await buildSite('tests/fixtures/portail/national', nationalOut, { JALONS_PDF: 'non', JALONS_SITE: national.url }, BUILD_TIMEOUT);
  await buildSite(territoiresTree.relative, territoiresOut, { JALONS_PDF: 'non', JALONS_SITE: territoires.url }, BUILD_TIMEOUT);

  emptyContent = join(mkdtempSync(join(tmpdir(), 'jalons-portail-vide-')), 'content');
  mkdirSync(emptyContent);
  sources = {
    national: `${national.url}donnees/jalons.json`,
    territoires: `${territoires.url}donnees/jalons.json`,
    cassee: `http://127.0.0.1:${await closedPort()}/donnees/jalons.json`,
  };
  forgetCachedCopies(Object.values(sources));
  // A forge for the hub: its own sheets would get « Modifier cette fiche », the sources' must not.
  hubEnv = { ...TEST_FORGE, JALONS_PDF: 'non', JALONS_SOURCES: `National=${sources.national};Territoires=${sources.territoires};Cassée=${sources.cassee}` };
  hubOut = freshOutDir('jalons-portail-hub-');
  hubRun = await buildHub(hubOut);
  hub = await serveStatic(hubOut);
  context = await launchBrowser();
}, 3 * BUILD_TIMEOUT + 60_000);

afterAll(async () => {
  await context?.close();
  for (const server of [hub, territoires, national]) await stop(server);
  territoiresTree?.remove();
  for (const dir of [nationalOut, territoiresOut, hubOut, emptyContent]) if (dir) rmSync(dirname(dir), { recursive: true, force: true });
  if (sources) forgetCachedCopies(Object.values(sources));
});

/** A page of the hub, with what a reader would not want to see collected. */
async function open(path: string) {
  const page = await context.newPage();
  const problems = watch(page, new URL(hub!.url).origin);
  const response = await page.goto(`${hub!.url}${path}`, { waitUntil: 'networkidle' });
  return { page, problems, status: response?.status() };
}

describe('a hub built from two Jalons sites and one broken source', () => {
  it('builds, and its output says in French which source is missing and why', () => {
    expect(hubRun.stdout).toMatch(/Sources du portail.*2 lues, 1 absente/);
    expect(hubRun.stderr).toContain(
      `⚠ Source « Cassée » (${sources.cassee}) : l'adresse ne répond pas (connexion refusée : aucun serveur à cette adresse). Elle est absente du portail ; les autres sources sont publiées.`,
    );
    expect(hubRun.stderr).not.toContain('« National »');
    expect(hubRun.stderr).not.toContain('« Territoires »');
  });

  it('its open data holds the sources\' roadmaps, each with its origin', () => {
    const model = JSON.parse(readFileSync(join(hubOut, 'donnees', 'jalons.json'), 'utf8')) as { feuilles_de_route: Array<{ id: string; origine: unknown }> };
    expect(model.feuilles_de_route.map((r) => [r.id, r.origine]).sort()).toEqual([
      ['cadre-national', { nom: 'National', url: `${national!.url}cadre-national/`, donnees: sources.national }],
      ['maine-et-loire-fictive', { nom: 'Territoires', url: `${territoires!.url}maine-et-loire-fictive/`, donnees: sources.territoires }],
      ['mayenne-fictive', { nom: 'Territoires', url: `${territoires!.url}mayenne-fictive/`, donnees: sources.territoires }],
    ]);
  });

  it('draws both départements on the home map, lists the national roadmap, and names the missing source with its reason', async () => {
    const { page, problems } = await open('');
    const mapLinks = await page.locator('a.territoires-lien').evaluateAll((links) =>
      links.map((a) => `${a.getAttribute('aria-label')} → ${a.getAttribute('href')}`));
    expect(mapLinks.sort()).toEqual(['Maine-et-Loire → /maine-et-loire-fictive/', 'Mayenne → /mayenne-fictive/']);
    expect(await page.locator('main a[href="/cadre-national/"]').count()).toBeGreaterThan(0);
    // Page contract, point 2 (the missing-source notice).
    const notice = page.locator('[data-sources-manquantes]');
    expect(await notice.count()).toBe(1);
    const said = (await notice.textContent())!.replace(/\s+/g, ' ');
    expect(said).toContain('Cassée');
    expect(said).toContain('connexion refusée : aucun serveur à cette adresse');
    expect(said).not.toContain('National');
    expect(said).not.toContain('Territoires');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a federated sheet page says which site published it and links to the same page there, which loads', async () => {
    const { page, problems, status } = await open('mayenne-fictive/m-1/');
    expect(status).toBe(200);
    expect(await page.locator('h1').textContent()).toContain('Un bibliobus numérique dans le nord de la Mayenne');
    // Page contract, point 1 (the origin notice), and no edit link on a page this hub cannot edit.
    const origin = page.locator('[data-origine]');
    expect(await origin.count()).toBe(1);
    expect((await origin.textContent())!.replace(/\s+/g, ' ')).toContain('Publiée par Territoires');
    const link = origin.getByRole('link', { name: 'Voir sur le site d\'origine' });
    expect(await link.getAttribute('href')).toBe(`${territoires!.url}mayenne-fictive/m-1/`);
    expect(await page.getByText('Modifier cette fiche').count()).toBe(0);
    expect(problems).toEqual([]);
    await link.click();
    await page.waitForURL(`${territoires!.url}mayenne-fictive/m-1/`);
    expect(await page.locator('h1').textContent()).toContain('Un bibliobus numérique dans le nord de la Mayenne');
    expect(await page.locator('[data-origine]').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('every page type of a federated roadmap renders, says its origin and links to the same page there', async () => {
    const N = national!.url;
    const T = territoires!.url;
    const pages: Array<[path: string, title: string, origin: string, there: string]> = [
      ['cadre-national/', 'Feuille de route nationale fictive pour l\'inclusion numérique', 'National', `${N}cadre-national/`],
      ['cadre-national/axe-1/', 'Former les aidants numériques', 'National', `${N}cadre-national/axe-1/`],
      ['cadre-national/engagement-2/', 'Des bibliobus numériques sur les routes', 'National', `${N}cadre-national/engagement-2/`],
      ['mayenne-fictive/', 'Feuille de route fictive de la Mayenne pour l\'inclusion numérique', 'Territoires', `${T}mayenne-fictive/`],
      ['mayenne-fictive/calendrier/', 'Mayenne fictive', 'Territoires', `${T}mayenne-fictive/calendrier/`],
      ['mayenne-fictive/fiches/', 'Mayenne fictive', 'Territoires', `${T}mayenne-fictive/fiches/`],
      ['mayenne-fictive/document/', 'Feuille de route fictive de la Mayenne pour l\'inclusion numérique', 'Territoires', `${T}mayenne-fictive/document/`],
      // An embed is read inside another site's frame and every link of it leads to a full page (its title too): so does its origin link.
      ['integrer/mayenne-fictive/', 'Feuille de route fictive de la Mayenne pour l\'inclusion numérique', 'Territoires', `${T}mayenne-fictive/`],
      ['integrer/mayenne-fictive/m-1/', 'Un bibliobus numérique dans le nord de la Mayenne', 'Territoires', `${T}mayenne-fictive/m-1/`],
    ];
    const wrong: string[] = [];
    for (const [path, title, origin, there] of pages) {
      const { page, problems, status } = await open(path);
      const body = (await page.locator('body').textContent())!.replace(/\s+/g, ' ');
      if (status !== 200 || !body.includes(title)) wrong.push(`${path} : HTTP ${status}, titre « ${title} » ${body.includes(title) ? 'présent' : 'absent'}`);
      wrong.push(...problems.map((p) => `${path} : ${p}`));
      // Page contract, point 1.
      const notice = page.locator('[data-origine]');
      if ((await notice.count()) !== 1) wrong.push(`${path} : ${await notice.count()} élément(s) [data-origine]`);
      else {
        if (!(await notice.textContent())!.replace(/\s+/g, ' ').includes(`Publiée par ${origin}`)) wrong.push(`${path} : pas « Publiée par ${origin} »`);
        const href = await notice.getByRole('link', { name: 'Voir sur le site d\'origine' }).getAttribute('href', { timeout: 1000 }).catch(() => null);
        if (href !== there) wrong.push(`${path} : « Voir sur le site d'origine » mène à ${href}, attendu ${there}`);
      }
      if ((await page.getByText('Modifier cette fiche').count()) > 0) wrong.push(`${path} : lien « Modifier cette fiche »`);
      await page.close();
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('relations written on the other site by address link inside the hub, both ways', async () => {
    const { page: local, problems } = await open('mayenne-fictive/m-1/');
    const contributes = local.locator('[aria-labelledby="contribue-a"]');
    expect((await contributes.textContent())!.replace(/\s+/g, ' ')).toContain('Engagement 2 — Des bibliobus numériques sur les routes');
    expect(await contributes.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['/cadre-national/engagement-2/']);
    await local.goto(`${hub!.url}mayenne-fictive/`, { waitUntil: 'networkidle' });
    const up = local.locator('[aria-labelledby="liees"]');
    expect((await up.textContent())!.replace(/\s+/g, ' ')).toContain('Déclinaison de Cadre national fictif');
    expect(await up.locator('a[href="/cadre-national/"]').count()).toBe(1);
    await local.goto(`${hub!.url}cadre-national/`, { waitUntil: 'networkidle' });
    const down = local.locator('[aria-labelledby="liees"]');
    expect((await down.textContent())!.replace(/\s+/g, ' ')).toContain('Déclinée par');
    expect(await down.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')).sort()))
      .toEqual(['/cadre-national/declinaisons/', '/maine-et-loire-fictive/', '/mayenne-fictive/']);
    expect(problems).toEqual([]);
    await local.close();
  }, 60_000);

  it('the national roadmap\'s coverage page counts both départements\' contributions, written on the other site by address', async () => {
    const { page, problems, status } = await open('cadre-national/declinaisons/');
    expect(status).toBe(200);
    const rows = await page.locator('table.couverture tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => `${c.tagName.toLowerCase()}:${c.textContent!.replace(/\s+/g, ' ').trim()}`)));
    expect(rows).toEqual([
      ['th:Feuille de route (territoire)', 'th:Axe 1 — Former les aidants numériques', 'th:Axe 2 — Ouvrir des lieux d\'accompagnement', 'th:Total'],
      ['th:Maine-et-Loire fictif (Maine-et-Loire)', 'td:0', 'td:1 action de Maine-et-Loire pour Axe 2 — Ouvrir des lieux d\'accompagnement', 'td:1'],
      ['th:Mayenne fictive (Mayenne)', 'td:2 actions de Mayenne pour Axe 1 — Former les aidants numériques', 'td:0', 'td:2'],
    ]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('search, as the reader types, finds a sheet of each source, each result saying its source, and offers both as a filter', async () => {
    const { page, problems } = await open('recherche/');
    await page.locator('#q').pressSequentially('bibliobus', { delay: 40 });
    const results = page.locator('#resultats li');
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const shown = await results.evaluateAll((lis) => lis.map((li) => ({
      href: new URL(li.querySelector('h2 a')!.getAttribute('href')!, location.href).pathname,
      text: li.textContent!.replace(/\s+/g, ' '),
    })));
    const national = shown.find((r) => r.href === '/cadre-national/engagement-2/');
    const territorial = shown.find((r) => r.href === '/mayenne-fictive/m-1/');
    expect(national, JSON.stringify(shown)).toBeDefined();
    expect(territorial, JSON.stringify(shown)).toBeDefined();
    // Page contract, point 3 (the Source meta and filter).
    expect(national!.text).toContain('Source : National');
    expect(territorial!.text).toContain('Source : Territoires');
    await expect.poll(() => page.locator('#filtres-liste input[name="source"]').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value).sort()), { timeout: 15_000 })
      .toEqual(['National', 'Territoires']);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('the sites it is built from show nothing of a hub: no origin, no sources notice, no « Source » in their search', async () => {
    const page = await context.newPage();
    const problems = watch(page, new URL(national!.url).origin);
    await page.goto(national!.url, { waitUntil: 'networkidle' });
    expect(await page.locator('a[href="/cadre-national/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-sources-manquantes]').count()).toBe(0);
    await page.goto(`${national!.url}cadre-national/engagement-2/`, { waitUntil: 'networkidle' });
    expect(await page.locator('[data-origine]').count()).toBe(0);
    await page.goto(`${national!.url}recherche/?q=bibliobus`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('#filtres-liste input[name="feuille"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('#filtres-liste input[name="source"]').count()).toBe(0);
    expect(await page.locator('#resultats li').first().textContent()).not.toContain('Source :');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a hub whose sources were all read says nothing of its sources on its home page', async () => {
    const out = freshOutDir('jalons-portail-hub-complet-');
    try {
      const run = await buildSite(relative(ROOT, emptyContent), out, { ...hubEnv, JALONS_SOURCES: `National=${sources.national};Territoires=${sources.territoires}` }, BUILD_TIMEOUT);
      expect(run.stdout).toMatch(/Sources du portail.*2 lues \(/);
      expect(run.stderr).not.toContain('⚠ Source');
      const server = await serveStatic(out);
      try {
        const page = await context.newPage();
        await page.goto(server.url, { waitUntil: 'networkidle' });
        expect(await page.locator('a.territoires-lien').count()).toBe(2);
        expect(await page.locator('[data-sources-manquantes]').count()).toBe(0);
        await page.close();
      } finally {
        await stop(server);
      }
    } finally {
      rmSync(dirname(out), { recursive: true, force: true });
    }
  }, BUILD_TIMEOUT + 60_000);

  it('rebuilt with both sites down, the hub publishes their cached copies and says so on its home page', async () => {
    await stop(territoires);
    await stop(national);
    territoires = null;
    national = null;
    const out = freshOutDir('jalons-portail-hub-copie-');
    try {
      const run = await buildHub(out);
      expect(run.stdout).toMatch(/Sources du portail.*0 lue, 2 copies d'une lecture précédente, 1 absente/);
      expect(run.stderr).toMatch(/⚠ Source « National » \(.*\) : l'adresse ne répond pas \(connexion refusée : aucun serveur à cette adresse\)\. Sa copie du .* est publiée\./);
      const server = await serveStatic(out);
      try {
        const page = await context.newPage();
        const problems = watch(page, new URL(server.url).origin);
        expect((await page.goto(`${server.url}mayenne-fictive/m-1/`, { waitUntil: 'networkidle' }))?.status()).toBe(200);
        await page.goto(server.url, { waitUntil: 'networkidle' });
        expect(await page.locator('a.territoires-lien').count()).toBe(2);
        // Page contract, point 2: a source shown from its copy says when that copy was read.
        expect(await page.locator('[data-sources-manquantes]').count()).toBe(1);
        const said = (await page.locator('[data-sources-manquantes]').textContent())!.replace(/\s+/g, ' ');
        for (const name of ['National', 'Territoires', 'Cassée']) expect(said).toContain(name);
        expect(said).toMatch(/\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/);
        expect(problems).toEqual([]);
        await page.close();
      } finally {
        await stop(server);
      }
    } finally {
      rmSync(dirname(out), { recursive: true, force: true });
    }
  }, BUILD_TIMEOUT + 60_000);
});
