/**
 * Search quality on the real content: every query of the suite (tests/e2e/search-queries.ts)
 * is typed into the search page, in Chromium, against the index the build wrote, and its
 * first three results there must hold the expected sheets: the page adds to Pagefind's answer
 * the pages holding the most words when few or none hold them all, and corrects a word the
 * site does not know. Pagefind's own answer, with the page's ranking, is also read: a sample
 * of queries it answers fully must show the same first three results on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, type Session } from './helpers.ts';
import { searchIndex, type Hit } from './search-browser.ts';
import { ALL_CASES, judge, NEW_STYLE_CASES, pathOf, QUALITY_CASES } from './search-queries.ts';
import { join } from 'node:path';
import { roadmapSearchMeta } from '../../src/lib/site/search-meta.ts';
import { validateProject } from '../../src/lib/model/validate-project.ts';
import { ROOT } from '../support/content-tree.ts';
import { fr } from '../../src/lib/i18n/fr.ts';

describe('search quality: the expected sheets in the top three', () => {
  let session: Session;
  let page: Page;
  const tops = new Map<string, Hit[]>();
  /** What the search page shows for each query: its count line and first three results. */
  const onPage = new Map<string, { line: string; top: string[] }>();
  /** Queries for which even the search page shows nothing. */
  const empty: string[] = [];

  beforeAll(async () => {
    session = await openSite();
    page = await session.context.newPage();
    await page.goto(`${session.server.url}recherche/`);
    const found = await searchIndex(page, ALL_CASES.map((c) => ({ q: c.q })));
    ALL_CASES.forEach((c, i) => tops.set(c.q, found[i]!.hits));
    const typed = await session.context.newPage();
    for (const c of ALL_CASES) {
      await typed.goto(`${session.server.url}recherche/?q=${encodeURIComponent(c.q)}`);
      await typed.waitForFunction((waiting) => ![waiting, ''].includes(document.getElementById('compte')!.textContent ?? ''), fr.recherche.chargement, { timeout: 15_000 });
      const line = (await typed.locator('#compte').textContent()) ?? '';
      if (line.startsWith('Aucun résultat')) empty.push(c.q);
      else {
        await typed.waitForFunction(() => document.querySelectorAll('.resultat').length > 0, null, { timeout: 15_000 });
        onPage.set(c.q, { line, top: (await typed.locator('.resultat h2 a').evaluateAll((as) => as.slice(0, 3).map((a) => (a as HTMLAnchorElement).getAttribute('href')!))).map((h) => pathOf(h)) });
      }
    }
    await typed.close();
    const passed = ALL_CASES.filter((c) => judge(c, top3(c.q)) === null).length;
    const helped = ALL_CASES.filter((c) => tops.get(c.q)!.length < 3 && onPage.has(c.q)).length;
    process.stdout.write(`Qualité de la recherche : ${passed}/${ALL_CASES.length} requêtes avec leurs fiches attendues dans les trois premiers résultats de la page (${((100 * passed) / ALL_CASES.length).toFixed(0)} %), dont ${helped} complétées par les pages contenant le plus de mots ou corrigées ; sans résultat : ${empty.length}.\n`);
  }, 300_000);

  const top3 = (q: string) => onPage.get(q)?.top ?? [];
  afterAll(() => session?.close());

  it('has at least 30 queries, of every kind', () => {
    expect(QUALITY_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(QUALITY_CASES.map((c) => c.q)).size).toBe(QUALITY_CASES.length);
    const kinds = new Set(QUALITY_CASES.map((c) => c.genre));
    for (const kind of ['accents', 'pluriel', 'trait d’union', 'sigle', 'partenaire', 'territoire', 'mots du texte', 'code'] as const) expect(kinds).toContain(kind);
    for (const c of ALL_CASES) expect((c.tous?.length ?? 0) + (c.parmi?.auMoins ?? 0), c.q).toBeGreaterThan(0);
  });

  it('has at least 40 queries written as people type them: several words, no accents, plurals, typing mistakes, places, synonyms', () => {
    expect(NEW_STYLE_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ALL_CASES.map((c) => c.q.toLowerCase())).size).toBe(ALL_CASES.length);
    const kinds = new Set(NEW_STYLE_CASES.map((c) => c.genre));
    for (const kind of ['plusieurs mots', 'synonyme', 'pluriel', 'accents', 'territoire', 'faute de frappe'] as const) expect(kinds).toContain(kind);
    expect(NEW_STYLE_CASES.filter((c) => c.q.trim().includes(' ')).length).toBeGreaterThanOrEqual(25);
  });

  it('answers every query with at least one page, partial matches included', () => {
    expect(empty, `requêtes sans aucun résultat : ${empty.map((q) => `« ${q} »`).join(', ')}`).toEqual([]);
  });

  it('answers « fracture numérique personnes âgées » with the pages holding the most words, and says so', async () => {
    expect(tops.get('fracture numerique personnes agees')).toEqual([]);
    const typed = await session.context.newPage();
    await typed.goto(`${session.server.url}recherche/?q=${encodeURIComponent('fracture numérique personnes âgées')}`);
    await expect.poll(() => typed.locator('#compte').textContent(), { timeout: 15_000 }).toMatch(
      /^Aucune page ne contient tous les mots de « fracture numérique personnes âgées » ; voici les \d+ pages qui en contiennent le plus\.$/,
    );
    await expect.poll(() => typed.locator('.resultat').count(), { timeout: 15_000 }).toBeGreaterThan(2);
    await typed.close();
  });

  for (const c of ALL_CASES) {
    it(`« ${c.q} » (${c.genre})`, () => {
      const shown = onPage.has(c.q) ? `${onPage.get(c.q)!.top.join(', ')} (« ${onPage.get(c.q)!.line} »)` : 'aucun résultat';
      expect(judge(c, top3(c.q)), `trouvé : ${shown}`).toBeNull();
    });
  }

  it('the search page shows first the results of the index, in the same order', async () => {
    const sample = ['telemedecine', 'coffre fort', 'Francas', 'ENT', 'tiers lieux', 'services civiques', 'inclusion numerique des seniors', 'Mayenne'];
    const typed = await session.context.newPage();
    await typed.goto(`${session.server.url}recherche/`);
    for (const q of sample) {
      await typed.fill('#q', q);
      await typed.waitForFunction((q) => document.getElementById('compte')!.textContent!.includes(`« ${q} »`) && document.querySelectorAll('.resultat').length > 0, q, { timeout: 15_000 });
      const hrefs = await typed.locator('.resultat h2 a').evaluateAll((as) => as.slice(0, 3).map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
      // Pagefind's pages first; when fewer than three hold every word (« coffre fort »), others follow.
      const index = tops.get(q)!.slice(0, 3).map((t) => pathOf(t.url));
      expect(hrefs.map((h) => pathOf(h)).slice(0, index.length), q).toEqual(index);
      if (index.length < 3) expect(hrefs.length, q).toBe(3);
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
