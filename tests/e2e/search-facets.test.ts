/**
 * The search page's filters, as a reader uses them on the built site: after a query the
 * filters show with their counts; ticking one narrows the results to exactly that count and
 * puts it in the address; opening that address again gives the same search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Session } from './helpers.ts';

let session: Session;
beforeAll(async () => {
  session = await openSite();
});
afterAll(() => session?.close());

/** How many results src/scripts/recherche.ts shows before « more results » (its PAGE). */
const RESULTS_PER_BATCH = 10;
const countOf = (line: string | null) => Number(line?.match(/^(\d+)/)?.[1]);

describe('search filters', () => {
  it('show counts, narrow to them, and live in a shareable address', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.server.url}recherche/?q=mediation`, { waitUntil: 'networkidle' });
    const boxes = page.locator('#filtres-liste input[type=checkbox]');
    await expect.poll(() => boxes.count(), { timeout: 15_000 }).toBeGreaterThan(5);
    const total = countOf(await page.locator('#compte').textContent());
    const box = page.locator('#filtres-liste input[name="feuille"][value="Mednum49 2023-2025"]');
    const mednum = page.locator(`label[for="${await box.getAttribute('id')}"]`);
    const expected = Number((await mednum.locator('.compte-filtre').textContent())?.replace(/\D/g, ''));
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(total);

    await mednum.click();
    await expect.poll(async () => countOf(await page.locator('#compte').textContent())).toBe(expected);
    expect(new URL(page.url()).searchParams.getAll('feuille')).toEqual(['Mednum49 2023-2025']);
    // The count is written first, the results follow as their fragments load, ten at a time.
    const firstBatch = Math.min(expected, RESULTS_PER_BATCH);
    await expect.poll(() => page.locator('#resultats li h2').count(), { timeout: 15_000 }).toBe(firstBatch);
    const titles = await page.locator('#resultats li h2').allTextContents();

    const again = await session.context.newPage();
    await again.goto(page.url(), { waitUntil: 'networkidle' });
    await expect.poll(async () => countOf(await again.locator('#compte').textContent()), { timeout: 15_000 }).toBe(expected);
    await expect.poll(() => again.locator('#resultats li h2').allTextContents(), { timeout: 15_000 }).toEqual(titles);
    expect(await again.locator('#filtres-liste input:checked').evaluateAll((b) => b.map((x) => (x as HTMLInputElement).value))).toEqual(['Mednum49 2023-2025']);
    await page.close();
    await again.close();
  }, 60_000);
});
