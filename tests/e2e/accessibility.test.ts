/**
 * Accessibility gate: axe-core finds no WCAG 2.1 A/AA violation on any page type,
 * in the light and the dark colour scheme; the calendar's table alternative is in
 * the accessibility tree while the visual chart is hidden from it and holds
 * nothing reachable with the keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, runAxe } from '../support/axe.ts';
import { openSite, PAGE_TYPES, type Session } from './helpers.ts';

for (const scheme of ['light', 'dark'] as const) {
  describe(`axe-core, WCAG 2.1 AA, ${scheme === 'light' ? 'light' : 'dark'} colour scheme`, () => {
    let session: Session;
    beforeAll(async () => {
      session = await openSite({ colorScheme: scheme });
    });
    afterAll(() => session?.close());

    for (const [name, path] of Object.entries(PAGE_TYPES)) {
      it(`${name} has no violation`, async () => {
        const page = await session.context.newPage();
        await page.goto(session.server.url + path, { waitUntil: 'networkidle' });
        if (name === 'recherche') await page.locator('.resultat').first().waitFor({ timeout: 15_000 });
        // axe skips what sits in a closed <details>: the header's menu and the embed code are opened so that they are checked too.
        await page.locator('details.menu, details.integrer').evaluateAll((ds) => ds.forEach((d) => { (d as HTMLDetailsElement).open = true; }));
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
        const { violations, passes } = await runAxe(page);
        expect(describeViolations(violations)).toEqual([]);
        expect(passes).toBeGreaterThan(10);
        await page.close();
      });
    }
  });
}

describe('calendar: the table is the accessible version of the chart', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSite();
  });
  afterAll(() => session?.close());

  it('exposes table.gantt-tableau with its caption and headers, hides the chart and leaves nothing tabbable in it', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.server.url}${PAGE_TYPES.calendrier}`);
    const table = page.locator('table.gantt-tableau');
    const caption = (await table.locator('caption').textContent())!.trim();
    expect(caption.length).toBeGreaterThan(5);
    // Found by role and accessible name, i.e. present in the accessibility tree.
    await expect(page.getByRole('table', { name: caption }).count()).resolves.toBe(1);
    const tree = await table.ariaSnapshot();
    expect(tree).toContain(`- table "${caption}"`);
    expect(tree).toMatch(/- columnheader "[^"]+"/);
    expect(tree).toMatch(/- (rowheader|columnheader|cell) "[^"]+"/);
    expect(tree).toMatch(/- link "[^"]+"/);
    expect(await table.locator('th').count()).toBeGreaterThan(3);

    const chart = page.locator('div.gantt');
    expect(await chart.count()).toBeGreaterThan(0);
    for (const el of await chart.all()) {
      expect(await el.getAttribute('aria-hidden')).toBe('true');
      // Nothing of the chart in the accessibility tree.
      expect((await el.ariaSnapshot()).trim()).toBe('');
    }
    const tabbable = await page.evaluate(() =>
      [...document.querySelectorAll('div.gantt, .gantt-legende')].flatMap((chart) =>
        [...chart.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]')]
          .filter((el) => el.tabIndex >= 0)
          .map((el) => el.outerHTML.slice(0, 120)),
      ),
    );
    expect(tabbable).toEqual([]);
    await page.close();
  });
});
