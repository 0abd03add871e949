/**
 * What the search forgives, on the built site as a reader sees it: a mistyped word gets a
 * « Vouliez-vous dire … ? » link; the Région and Département filters; partner names grouped;
 * synonyms that find a page without showing on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Session } from './helpers.ts';
import { pathOf } from './search-queries.ts';

let session: Session;
beforeAll(async () => {
  session = await openSite();
});
afterAll(() => session?.close());

describe('a search that forgives', () => {
  it('corrects a word the site does not know from its own words, and says so; leaves a known word alone', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.server.url}recherche/?q=telemedcine`);
    // Pagefind alone answers « telemedcine » with pages sharing its first letters (« tels »).
    await expect.poll(() => page.locator('#compte').textContent(), { timeout: 15_000 }).toMatch(
      /^« telemedcine » ne figure sur aucune page : voici les résultats de la correction\. \d+ résultats pour « telemedecine »$/,
    );
    await expect.poll(() => page.locator('.resultat h2 a').first().getAttribute('href'), { timeout: 15_000 }).toMatch(/fiche-projet-22|piste-04|piste-05|action-2-1-2/);
    // The query stays as typed, in the box and in the address.
    expect(await page.inputValue('#q')).toBe('telemedcine');
    expect(new URL(page.url()).searchParams.get('q')).toBe('telemedcine');
    await page.fill('#q', 'parentalite');
    await expect.poll(() => page.locator('#compte').textContent(), { timeout: 15_000 }).toMatch(/^\d+ résultats? pour « parentalite »$/);
    await page.close();
  }, 60_000);

  it('moves nothing on screen while the results of a search opened from its address arrive, on a phone', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 412, height: 823 });
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: number };
      w.shifts = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) w.shifts += e.value; }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${session.server.url}recherche/?q=telemedecine`);
    await expect.poll(() => page.locator('.resultat').count(), { timeout: 15_000 }).toBeGreaterThan(2);
    // Layout shifts are reported after the frame that made them.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBeLessThan(0.01);
    await page.close();
  }, 60_000);

  it('puts first the pages holding every word when they are few, then those holding most of them', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.server.url}recherche/?q=${encodeURIComponent('ehpad connectés')}`);
    await expect.poll(() => page.locator('#compte').textContent(), { timeout: 15_000 }).toMatch(
      /^\d+ résultats pour « ehpad connectés » : le premier contient tous les mots, les suivants une partie\.$/,
    );
    const hrefs = await page.locator('.resultat h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(2);
    expect(hrefs.map((h) => pathOf(h)).slice(0, 3)).toContain('may-num-mayenne/fiche-projet-29');
    await page.close();
  }, 60_000);

  it('filters by région and département, and shows a free-text partner once', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.server.url}recherche/?q=numerique`, { waitUntil: 'networkidle' });
    const values = (name: string) => page.locator(`#filtres-liste input[name="${name}"]`).evaluateAll((b) => b.map((x) => (x as HTMLInputElement).value));
    await expect.poll(() => values('region'), { timeout: 15_000 }).toEqual(expect.arrayContaining(['Pays de la Loire', 'Hauts-de-France']));
    expect(await values('departement')).toEqual(expect.arrayContaining(['Mayenne', 'Maine-et-Loire', 'Aisne']));
    const partners = await values('partenaire');
    expect(partners).toContain('Conseils généraux');
    expect(partners.filter((p) => /^(les|la|le|l['’]) /i.test(p))).toEqual([]);

    const box = page.locator('#filtres-liste input[name="departement"][value="Aisne"]');
    await page.locator(`label[for="${await box.getAttribute('id')}"]`).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('departement')).toEqual(['Aisne']);
    await expect.poll(async () => (await page.locator('.resultat h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))).every((h) => pathOf(h).startsWith('aisne-')), { timeout: 15_000 }).toBe(true);
    await page.close();
  }, 60_000);

  it('finds the seniors sheet by « personnes âgées » without writing those words on it', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.server.url}aisne-feuille-de-route-numerique/piste-03/`);
    const synonyms = page.locator('[data-pagefind-meta="synonymes"]');
    expect(await synonyms.textContent()).toContain('personnes âgées');
    expect(await synonyms.evaluate((el) => el.closest('[aria-hidden="true"]') !== null)).toBe(true);
    // Clipped to one pixel, as every search marker (SearchMeta.astro): nothing a reader sees.
    const box = await synonyms.evaluate((el) => el.closest('.sr-only')!.getBoundingClientRect().toJSON());
    expect(box.width * box.height).toBeLessThanOrEqual(1);
    // The page's own text never says it.
    expect(await page.locator('main').evaluate((m) => { const c = m.cloneNode(true) as HTMLElement; c.querySelectorAll('[aria-hidden="true"]').forEach((e) => e.remove()); return c.textContent; })).not.toMatch(/personnes âgées/i);
    await page.close();
  });
});
