/**
 * npm run build: validate, build the site into a temporary folder, index it for
 * search, then swap it into dist/ in one rename. A failure at any step leaves the
 * previous dist/ untouched and no partial site behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'astro';
import { formatHuman } from '../lib/content/report.ts';
import { contentDir } from '../lib/site/paths.ts';
import { shareValidation, validateProject } from '../lib/validate-project.ts';
import { indexSite } from '../lib/search-index.ts';
import { writeCms } from '../lib/cms-config.ts';

const root = process.cwd();
const finalDir = resolve(root, process.env.JALONS_OUT_DIR ?? 'dist');
const workDir = join(root, '.jalons');
const tempDir = join(workDir, `construction-${process.pid}`);

function fail(message: string): never {
  rmSync(tempDir, { recursive: true, force: true });
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const result = validateProject(root, contentDir(root));
if (!result.ok) fail(`${formatHuman(result.problems, result.model)}\n\nLe site n'a pas été construit : corrigez les erreurs ci-dessus.`);
// The integration and the pages reuse this result instead of checking the content twice more.
shareValidation(contentDir(root), result);

mkdirSync(workDir, { recursive: true });
rmSync(tempDir, { recursive: true, force: true });
try {
  // Astro reads the output folder from the environment (astro.config.mjs).
  process.env.JALONS_OUT_DIR = tempDir;
  await build({ root, logLevel: (process.env.JALONS_LOG as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'warn' });
  // The CMS at /admin/ is served from the site itself, its bundle taken from node_modules; it is
  // written into the build, never into public/, so a build of other content leaves the project as it was.
  writeCms(root, undefined, join(tempDir, 'admin'));
  await indexSite(tempDir);
} catch (error) {
  fail(`La construction a échoué : ${error instanceof Error ? error.message : String(error)}\nAucun site partiel n'a été publié ; dist/ est inchangé.`);
}

const previous = `${finalDir}.ancien-${process.pid}`;
if (existsSync(finalDir)) renameSync(finalDir, previous);
renameSync(tempDir, finalDir);
// Removing the previous site (tens of thousands of files at national scale: 20 s on this
// kind of disk) is left to a detached process: the new site is already in place.
if (existsSync(previous)) {
  spawn(process.execPath, ['-e', `require('node:fs').rmSync(${JSON.stringify(previous)}, { recursive: true, force: true })`], { detached: true, stdio: 'ignore' }).unref();
}
const sheets = result.model.feuilles_de_route.reduce((n, r) => n + r.fiches.length, 0);
process.stdout.write(`✓ Site construit dans ${finalDir} : ${result.model.feuilles_de_route.length} feuilles de route, ${sheets} fiches.\n`);
