/**
 * Several Jalons sites searched together (JALONS_RECHERCHE_SITES, docs/recherche.md),
 * with two local builds: site B (the small fixture roadmap) is served with the CORS
 * header static hosts send; site A (the real content) is built to merge B's index. A
 * search on A then finds B's sheets, labelled by B's name and linking to B, alongside
 * A's own results, labelled by A's name; the site facet counts both.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/browser.ts';
import { serveStatic, type RunningServer } from '../../scripts/static-server.ts';
import { freshOutDir } from '../support/content-tree.ts';
import { buildSite } from '../support/run.ts';
import { watch } from './helpers.ts';

let siteA: string;
let siteB: string;
let serverA: RunningServer;
let serverB: RunningServer;
let context: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  siteB = freshOutDir('jalons-fusion-b-');
  await buildSite('tests/fixtures/valide', siteB);
  serverB = await serveStatic(siteB, '/', { cors: true });
  siteA = freshOutDir('jalons-fusion-a-');
  await buildSite('', siteA, { JALONS_RECHERCHE_SITES: `Exemple=${serverB.url}pagefind/`, JALONS_RECHERCHE_NOM: 'Pays de la Loire' });
  serverA = await serveStatic(siteA);
  context = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await context?.close();
  await serverA?.close();
  await serverB?.close();
  for (const dir of [siteA, siteB]) if (dir) rmSync(dirname(dir), { recursive: true, force: true });
});

describe('search across two Jalons sites', () => {
  it('finds the other site\'s sheets, labelled by its name and linking to it, beside this site\'s own', async () => {
    const page = await context.newPage();
    const problems = watch(page, new URL(serverA.url).origin, [new URL(serverB.url).origin]);
    // "cartographie" is the title of a sheet of B and also occurs in A's real roadmaps.
    await page.goto(`${serverA.url}recherche/?q=cartographie`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('#resultats li').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const fromB = page.locator('#resultats li[data-site="Exemple"]');
    await expect.poll(() => fromB.count()).toBeGreaterThan(0);
    expect(await fromB.first().locator('h2 a').getAttribute('href')).toBe(`${serverB.url}exemple/a-1-2-a/`);
    expect(await fromB.first().locator('.meta').textContent()).toContain('Exemple');
    await expect.poll(() => page.locator('#resultats li[data-site="Pays de la Loire"]').count()).toBeGreaterThan(0);
    // The site facet offers both, with their counts.
    const facet = await page.locator('#filtres-liste').textContent();
    expect(facet).toMatch(/Exemple/);
    expect(facet).toMatch(/Pays de la Loire/);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('narrows to the other site with its facet, and keeps that filter in the URL', async () => {
    const page = await context.newPage();
    await page.goto(`${serverA.url}recherche/?q=cartographie&site=Exemple`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('#resultats li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const sites = await page.locator('#resultats li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.site));
    expect(new Set(sites)).toEqual(new Set(['Exemple']));
    await page.close();
  }, 60_000);

  it('still searches this site when the other one cannot be reached, and says so', async () => {
    const down = freshOutDir('jalons-fusion-c-');
    try {
      await buildSite('tests/fixtures/valide', down, { JALONS_RECHERCHE_SITES: 'Absent=http://127.0.0.1:9/pagefind/', JALONS_RECHERCHE_NOM: 'Exemple' });
      const server = await serveStatic(down);
      const page = await context.newPage();
      await page.goto(`${server.url}recherche/?q=cartographie`, { waitUntil: 'networkidle' });
      await expect.poll(() => page.locator('#resultats li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await expect.poll(() => page.locator('#compte').textContent()).toContain('Les fiches de Absent n\'ont pas pu être interrogées.');
      await page.close();
      await server.close();
    } finally {
      rmSync(dirname(down), { recursive: true, force: true });
    }
  }, 120_000);
});
