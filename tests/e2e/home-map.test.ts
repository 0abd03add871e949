/**
 * The home map in Chromium: no horizontal overflow on a 390 px phone, every map link
 * reached with the Tab key and drawn with a visible focus ring, in both colour schemes
 * (axe-core runs on the home page in both schemes in accessibility.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, runAxe } from '../support/axe.ts';
import { openSite, type Session } from './helpers.ts';

for (const scheme of ['light', 'dark'] as const) {
  describe(`carte de l'accueil, thème ${scheme === 'light' ? 'clair' : 'sombre'}`, () => {
    let session: Session;
    beforeAll(async () => {
      session = await openSite({ colorScheme: scheme });
    });
    afterAll(() => session?.close());

    it('à 390 px, rien ne déborde horizontalement et axe ne trouve rien', async () => {
      const page = await session.context.newPage();
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto(session.server.url, { waitUntil: 'networkidle' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const box = await page.locator('.territoires-cartes svg').first().boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      const { violations } = await runAxe(page);
      expect(describeViolations(violations)).toEqual([]);
      await page.close();
    });

    it('chaque lien de la carte se prend au clavier et son contour change au focus', async () => {
      const page = await session.context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(session.server.url, { waitUntil: 'networkidle' });
      const links = page.locator('a.territoires-lien');
      const names = await links.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      expect(names).toHaveLength(4);
      const reached: string[] = [];
      await page.locator('#recherche-accueil').focus();
      for (let i = 0; i < 40 && reached.length < names.length; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const a = document.activeElement;
          if (!a?.classList.contains('territoires-lien')) return null;
          const path = a.querySelector('path')!;
          const style = getComputedStyle(path);
          return { name: a.getAttribute('aria-label')!, width: parseFloat(style.strokeWidth), stroke: style.stroke };
        });
        if (!focused) continue;
        reached.push(focused.name);
        expect(focused.width).toBeGreaterThanOrEqual(4);
        const rest = await page.evaluate(() => getComputedStyle(document.querySelector('a.territoires-lien:not(:focus) path')!).stroke);
        expect(focused.stroke).not.toBe(rest);
      }
      expect(reached).toEqual(names);
      await page.close();
    });
  });
}
