/**
 * Accessibility of the progress views: axe-core finds no WCAG 2.1 A/AA violation on the
 * sheet, node, roadmap (with its own objectives, indicators and milestones), calendar, « Avancement » and « Actualités » pages of the fixture roadmap with a year of progress entries
 * (built on 2025-01-15), in the light and the dark colour scheme.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/browser.ts';
import { serveStatic, type RunningServer } from '../../scripts/static-server.ts';
import { describeViolations, runAxe } from '../support/axe.ts';
import { buildSite } from '../support/run.ts';

const out = mkdtempSync(join(tmpdir(), 'jalons-suivi-axe-'));
let server: RunningServer;

beforeAll(async () => {
  await buildSite('tests/fixtures/suivi', out, { JALONS_AUJOURDHUI: '2025-01-15' });
  server = await serveStatic(out);
}, 180_000);
afterAll(async () => {
  await server?.close();
  rmSync(out, { recursive: true, force: true });
});

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`progress views, axe-core WCAG 2.1 AA, ${colorScheme} colour scheme`, () => {
    for (const path of ['suivi/', 'suivi/axe-a/', 'suivi/a-1/', 'suivi/b-1/', 'suivi/calendrier/', 'avancement/', 'actualites/']) {
      it(`${path} has no violation`, async () => {
        const context = await launchBrowser({ colorScheme });
        try {
          const page = await context.newPage();
          await page.goto(server.url + path, { waitUntil: 'networkidle' });
          const { violations } = await runAxe(page);
          expect(describeViolations(violations)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  });
}
