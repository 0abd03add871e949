/**
 * Keyboard gate: on the home page and a sheet page, Tab reaches every link and
 * control in DOM order, the skip link comes first and moves focus to #contenu,
 * and whatever has the focus shows a visible outline.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, PAGE_TYPES, type Session } from './helpers.ts';

/** Marks every element the keyboard should reach, in DOM order, and returns their descriptions. */
function expectedStops(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable=true]';
    const visible = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || e.hasAttribute('inert')) return false;
        // Content of a closed <details> other than its summary is not rendered, unless CSS shows it
        // (the header's « Menu » on wide screens).
        if (e.parentElement?.tagName === 'DETAILS' && !(e.parentElement as HTMLDetailsElement).open && e.tagName !== 'SUMMARY'
          && getComputedStyle(e.parentElement, '::details-content').contentVisibility === 'hidden') return false;
      }
      return getComputedStyle(el).visibility !== 'hidden' && el.getClientRects().length > 0;
    };
    const stops = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && visible(el));
    return stops.map((el, i) => {
      el.dataset.arret = String(i);
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} « ${(el.textContent || el.getAttribute('aria-label') || (el as HTMLInputElement).name || '').trim().slice(0, 40)} »`;
    });
  });
}

interface Stop { index: number | null; desc: string; outline: string; visible: boolean }

/** Presses Tab until focus leaves the page, recording where it lands and how it looks. */
async function tabThrough(page: Page, max: number): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const width = parseFloat(s.outlineWidth);
      return {
        index: el.dataset.arret === undefined ? null : Number(el.dataset.arret),
        desc: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} « ${(el.textContent || '').trim().slice(0, 40)} »`,
        outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
        // A focus indicator: a real outline, or a box-shadow ring.
        visible: (s.outlineStyle !== 'none' && width >= 1 && s.outlineColor !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(s.outlineColor)) || (s.boxShadow !== 'none' && s.boxShadow !== ''),
      };
    });
    if (!stop) break;
    stops.push(stop);
    if (stops.length > 1 && stop.index === 0) break; // wrapped around
  }
  return stops;
}

describe('keyboard navigation', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSite();
  });
  afterAll(() => session?.close());

  for (const [name, path] of [['accueil', PAGE_TYPES.accueil!], ['fiche', PAGE_TYPES.fiche!]] as const) {
    it(`${name}: Tab reaches every link and control in DOM order, each with a visible focus`, async () => {
      const page = await session.context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(session.server.url + path);
      const expected = await expectedStops(page);
      expect(expected.length).toBeGreaterThan(5);
      const stops = await tabThrough(page, expected.length + 5);
      expect(stops.map((s) => s.index ?? `hors liste : ${s.desc}`)).toEqual(expected.map((_, i) => i));
      expect(stops.filter((s) => !s.visible).map((s) => `${s.desc} : outline ${s.outline}`)).toEqual([]);
      await page.close();
    });

    it(`${name}: the skip link comes first, is visible when focused, and moves focus to #contenu`, async () => {
      const page = await session.context.newPage();
      await page.goto(session.server.url + path);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement as HTMLAnchorElement;
        const r = el.getBoundingClientRect();
        return { href: el.getAttribute('href'), cls: el.className, onScreen: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight };
      });
      expect(first).toEqual({ href: '#contenu', cls: 'evitement', onScreen: true });
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contenu');
      // The next Tab continues inside the main content, not back in the header.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
      await page.close();
    });
  }
});
