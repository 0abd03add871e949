/**
 * npm run build: validate and render the site into a temporary folder (in a child
 * process, src/cli/build-render.ts), index it for search, then swap it into dist/ in
 * one rename. A failure at any step leaves the previous dist/ untouched and no partial
 * site behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { indexSite } from '../lib/search-index.ts';

const root = process.cwd();
const finalDir = resolve(root, process.env.JALONS_OUT_DIR ?? 'dist');
const workDir = join(root, '.jalons');
const tempDir = join(workDir, `construction-${process.pid}`);
const summaryFile = join(workDir, `construction-${process.pid}.json`);

function cleanUp() {
  rmSync(tempDir, { recursive: true, force: true });
  rmSync(summaryFile, { force: true });
}

function fail(message: string | null): never {
  cleanUp();
  if (message) process.stderr.write(`${message}\n`);
  process.exit(1);
}

mkdirSync(workDir, { recursive: true });
cleanUp();
// The child prints the editor's errors itself (validation, or Astro's own message).
const render = spawnSync(process.execPath, [join(import.meta.dirname, 'build-render.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, JALONS_CONSTRUCTION: tempDir, JALONS_CONSTRUCTION_RESUME: summaryFile },
});
if (render.status !== 0 || !existsSync(summaryFile)) fail(render.error ? `La construction n'a pas pu démarrer : ${render.error.message}` : null);
const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { feuilles_de_route: number; fiches: number };

try {
  await indexSite(tempDir);
} catch (error) {
  fail(`L'indexation pour la recherche a échoué : ${error instanceof Error ? error.message : String(error)}\nAucun site partiel n'a été publié ; dist/ est inchangé.`);
}

const previous = `${finalDir}.ancien-${process.pid}`;
if (existsSync(finalDir)) renameSync(finalDir, previous);
renameSync(tempDir, finalDir);
rmSync(summaryFile, { force: true });
// Removing the previous site (tens of thousands of files at national scale: 20 s on this
// kind of disk) is left to a detached process: the new site is already in place.
if (existsSync(previous)) {
  spawn(process.execPath, ['-e', `require('node:fs').rmSync(${JSON.stringify(previous)}, { recursive: true, force: true })`], { detached: true, stdio: 'ignore' }).unref();
}
process.stdout.write(`✓ Site construit dans ${finalDir} : ${summary.feuilles_de_route} feuilles de route, ${summary.fiches} fiches.\n`);
