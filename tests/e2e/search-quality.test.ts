/**
 * Search quality on the real content: every query of the suite (tests/e2e/search-queries.ts)
 * returns its expected sheets in the first three results, in Chromium, against the index
 * the build wrote, with the ranking the search page itself uses (read from the page).
 * A sample is also typed into the search page, whose first three results must be the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, type Session } from './helpers.ts';
import { searchIndex, type Hit } from './search-browser.ts';
import { judge, pathOf, QUALITY_CASES } from './search-queries.ts';
import { join } from 'node:path';
import { roadmapSearchMeta } from '../../src/lib/site/search-meta.ts';
import { validateProject } from '../../src/lib/model/validate-project.ts';
import { ROOT } from '../support/content-tree.ts';

describe('search quality: the expected sheets in the top three', () => {
  let session: Session;
  let page: Page;
  const tops = new Map<string, Hit[]>();

  beforeAll(async () => {
    session = await openSite();
    page = await session.context.newPage();
    await page.goto(`${session.server.url}recherche/`);
    const found = await searchIndex(page, QUALITY_CASES.map((c) => ({ q: c.q })));
    QUALITY_CASES.forEach((c, i) => tops.set(c.q, found[i]!.hits));
    const passed = QUALITY_CASES.filter((c) => judge(c, tops.get(c.q)!.slice(0, 3).map((t) => pathOf(t.url))) === null).length;
    process.stdout.write(`Qualité de la recherche : ${passed}/${QUALITY_CASES.length} requêtes avec leurs fiches attendues dans les trois premiers résultats (${((100 * passed) / QUALITY_CASES.length).toFixed(0)} %).\n`);
  });
  afterAll(() => session?.close());

  it('has at least 30 queries, of every kind', () => {
    expect(QUALITY_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(QUALITY_CASES.map((c) => c.q)).size).toBe(QUALITY_CASES.length);
    const kinds = new Set(QUALITY_CASES.map((c) => c.genre));
    for (const kind of ['accents', 'pluriel', 'trait d’union', 'sigle', 'partenaire', 'territoire', 'mots du texte', 'code'] as const) expect(kinds).toContain(kind);
    for (const c of QUALITY_CASES) expect((c.tous?.length ?? 0) + (c.parmi?.auMoins ?? 0), c.q).toBeGreaterThan(0);
  });

  for (const c of QUALITY_CASES) {
    it(`« ${c.q} » (${c.genre})`, () => {
      const top = tops.get(c.q)!;
      const shown = top.map((t) => `${pathOf(t.url)} (${t.score.toFixed(1)})`).join(', ');
      expect(judge(c, top.slice(0, 3).map((t) => pathOf(t.url))), `trouvé : ${shown}`).toBeNull();
    });
  }

  it('the search page shows the same first three results as the index', async () => {
    const sample = ['telemedecine', 'coffre fort', 'Francas', 'ENT', 'tiers lieux', 'services civiques'];
    const typed = await session.context.newPage();
    await typed.goto(`${session.server.url}recherche/`);
    for (const q of sample) {
      await typed.fill('#q', q);
      await typed.waitForFunction((q) => document.getElementById('compte')!.textContent!.includes(`« ${q} »`) && document.querySelectorAll('.resultat').length > 0, q, { timeout: 15_000 });
      const hrefs = await typed.locator('.resultat h2 a').evaluateAll((as) => as.slice(0, 3).map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
      expect(hrefs.map((h) => pathOf(h)), q).toEqual(tops.get(q)!.slice(0, 3).map((t) => pathOf(t.url)));
    }
    await typed.close();
  });

  it('indexes each roadmap, each sheet, and the axes and objectives that have an introduction, nothing else', async () => {
    const { model } = validateProject(ROOT, join(ROOT, 'content'));
    const roadmaps = model.feuilles_de_route;
    const found = await searchIndex(page, roadmaps.map((rm) => ({ q: null, filters: { feuille: [roadmapSearchMeta(rm).filters.find(([k]) => k === 'feuille')![1]] } })), 0);
    roadmaps.forEach((rm, i) => {
      const indexed = found[i]!.hits.map((h) => pathOf(h.url)).sort();
      const expected = [rm.id, ...rm.fiches.map((f) => `${rm.id}/${f.id}`), ...rm.noeuds.filter((n) => n.corps.trim() !== '').map((n) => `${rm.id}/${n.id}`)].sort();
      expect(indexed, rm.id).toEqual(expected);
    });
    // The real content has both kinds: SCoRAN's axes are introduced, Mednum49's are not.
    expect(roadmaps.flatMap((rm) => rm.noeuds).filter((n) => n.corps.trim() === '').length).toBeGreaterThan(5);
  });
});
