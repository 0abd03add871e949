/**
 * Builds the real site once for every test that needs it, exactly as `npm run build`
 * does, into a temporary folder. Tests read its path with inject('siteDir').
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    siteDir: string;
    today: string;
  }
}

export const TEST_TODAY = '2024-03-15';
/** The forge the test site links sheets to, for "modifier cette fiche" (tests/sheet-history.test.ts). */
export const TEST_FORGE = { JALONS_DEPOT: 'https://gitlab.exemple.fr/numerique/jalons', JALONS_BRANCHE: 'main' };

export default function setup(project: TestProject) {
  const siteDir = join(mkdtempSync(join(tmpdir(), 'jalons-site-')), 'dist');
  const started = Date.now();
  const result = spawnSync(process.execPath, ['src/cli/build.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    // No PDF: tests/print-document.test.ts prints its own; vitest's `env` does not reach this main process.
    env: { ...process.env, ...TEST_FORGE, JALONS_PDF: 'non', JALONS_OUT_DIR: siteDir, JALONS_AUJOURDHUI: TEST_TODAY },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`La construction du site pour les tests a échoué :\n${result.stdout}\n${result.stderr}`);
  process.stdout.write(`Site de test construit en ${((Date.now() - started) / 1000).toFixed(1)} s dans ${siteDir}\n`);
  project.provide('siteDir', siteDir);
  project.provide('today', TEST_TODAY);
}
