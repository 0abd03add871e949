import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PAGE_TYPES, isEmbed, openSite, PAGE_TYPES, watch, type Session } from './helpers.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'captures');

describe('every page type in a real browser', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSite();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(() => session?.close());

  for (const [name, path] of Object.entries(PAGE_TYPES)) {
    it(`${name} loads with its content, no error and no foreign request`, async () => {
      const page = await session.context.newPage();
      const origin = new URL(session.server.url).origin;
      const problems = watch(page, origin);
      const response = await page.goto(session.server.url + path, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(name === '404' ? 404 : 200);
      await expect(page.locator('main h1').textContent()).resolves.toBeTruthy();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: join(SCREENSHOTS, `${name.replace(/\W+/g, '-')}-${width}.png`), fullPage: true });
      }
      // The 404 page is itself served with status 404, which Chromium logs once.
      const expected = name === '404' ? ['console : Failed to load resource: the server responded with a status of 404 (Not Found)'] : [];
      expect(problems).toEqual(expected);
      await page.close();
    });
  }

  it('at 390 px no page is wider than the screen, the header is at most 120 px high and there is one search box (none in an embed, which has no header)', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const found: Record<string, unknown> = {};
    for (const [name, path] of Object.entries(ALL_PAGE_TYPES)) {
      await page.goto(session.server.url + path, { waitUntil: 'networkidle' });
      found[name] = await page.evaluate(() => ({
        wider: document.documentElement.scrollWidth > innerWidth,
        header: Math.round(document.querySelector('header.entete')?.getBoundingClientRect().height ?? 0) <= 120,
        searchBoxes: document.querySelectorAll('input[type=search]').length,
      }));
    }
    const expected = Object.fromEntries(Object.keys(ALL_PAGE_TYPES).map((name) => [name, { wider: false, header: true, searchBoxes: isEmbed(name) ? 0 : 1 }]));
    expect(found).toEqual(expected);
    await page.close();
  });

  it('at 390 px the « Menu » button opens the navigation and search without JavaScript; at 1280 px they show without it', async () => {
    const noJs = await openSite({ javaScriptEnabled: false });
    const page = await noJs.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${noJs.server.url}${PAGE_TYPES.fiche}`);
    const menu = page.locator('header summary');
    expect((await menu.textContent())?.trim()).toBe('Menu');
    await expect(menu.isVisible()).resolves.toBe(true);
    await expect(page.locator('header a', { hasText: 'Glossaire' }).isVisible()).resolves.toBe(false);
    await menu.click();
    await expect(page.locator('header').getByRole('link', { name: 'Glossaire' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('header').getByRole('searchbox').isVisible()).resolves.toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${noJs.server.url}${PAGE_TYPES.fiche}`);
    await expect(menu.isVisible()).resolves.toBe(false);
    await expect(page.locator('header').getByRole('link', { name: 'Glossaire' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('header').getByRole('searchbox').isVisible()).resolves.toBe(true);
    await noJs.close();
  });

  it('at 390 px the sheets table shows every column of a row, each cell after its column name', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${session.server.url}mednum49-2023-2025/fiches/`);
    const row = page.locator('tbody tr').first();
    const box = await row.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    // Each cell after its column's name: drawn by ::before from data-label.
    const cells = await row.locator('td, th').evaluateAll((els) => els.map((el) => {
      const label = (el as HTMLElement).dataset.label;
      const shown = getComputedStyle(el, '::before').content !== 'none' && getComputedStyle(el).display !== 'table-cell';
      return `${label && shown ? `${label} : ` : ''}${(el as HTMLElement).innerText.trim()}`;
    }));
    expect(cells.slice(0, 3)).toEqual(['A.1.1', 'Coordination de la Mednum49', 'Rattachement : A.1 : fiches A.1.1 à A.1.2.c']);
    expect(cells[3]).toMatch(/^Pilotes : Département de Maine-et-Loire/);
    expect(cells[4]).toBe('Période : 2023 – 2025');
    // Still a table to assistive technologies.
    expect(await page.getByRole('table').count()).toBe(1);
    await page.close();
  });

  it('search finds a sheet typed without accents and lists it first', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.server.url}recherche/`);
    await page.fill('#q', 'telemedecine');
    await expect.poll(() => page.locator('.resultat h2 a').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('#compte').textContent()).toMatch(/résultats? pour « telemedecine »/);
    expect(page.url()).toContain('q=telemedecine');
    expect((await page.locator('.resultat h2 a').first().textContent())?.toLowerCase()).toContain('télémédecine');
    await page.close();
  });

  it('calendar bars and table rows lead to their sheets', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.server.url}mednum49-2023-2025/calendrier/`);
    const href = await page.locator('.gantt-tableau a', { hasText: 'A.1.2.a' }).getAttribute('href');
    await page.goto(new URL(href!, session.server.url).href);
    expect(await page.locator('main h1').textContent()).toContain('Cartographie des compétences');
    await page.close();
  });

  it('pages other than search and diagrams work without JavaScript', async () => {
    const noJs = await openSite({ javaScriptEnabled: false });
    const page = await noJs.context.newPage();
    await page.goto(`${noJs.server.url}mednum49-2023-2025/a-1-2-b/`);
    expect(await page.locator('main h1').textContent()).toContain('Coordination des services civiques');
    await page.goto(`${noJs.server.url}recherche/`);
    expect(await page.locator('noscript').count()).toBe(1);
    await noJs.close();
  });
});
