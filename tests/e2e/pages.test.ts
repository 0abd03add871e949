import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, PAGE_TYPES, watch, type Session } from './helpers.ts';

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
