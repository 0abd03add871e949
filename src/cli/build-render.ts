/**
 * The rendering half of `npm run build`, run by src/cli/build.ts in a process of its
 * own: validate, render every page with Astro into JALONS_CONSTRUCTION, write /admin/.
 * Its memory (the model, Astro's build) is given back when it exits, before Pagefind
 * (another 2 GB at 10,000 sheets) starts indexing: the peak is the larger of the two,
 * not their sum. Writes the counts for the final message into JALONS_CONSTRUCTION_RESUME.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'astro';
import { writeCms } from '../lib/editor/cms-config.ts';
import { formatHuman } from '../lib/build/report.ts';
import { isMainPart, partFromEnv } from '../lib/build/build-part.ts';
import { expectedPages } from '../lib/build/progress.ts';
import { contentDir } from '../lib/content/paths.ts';
import { lastDataChanges } from '../lib/export/freshness.ts';
import { readGitHistory, shareGitHistory } from '../lib/export/git-history.ts';
import { shareValidation, validateProject } from '../lib/model/validate-project.ts';
import { withSources } from '../lib/build/sources.ts';
import { modelCounts } from '../lib/model/counts.ts';
import { cacheFolderKey } from '../lib/build/cache-keys.ts';

const root = process.cwd();
const outDir = process.env.JALONS_CONSTRUCTION;
const summaryFile = process.env.JALONS_CONSTRUCTION_RESUME;
if (!outDir || !summaryFile) {
  process.stderr.write('build-render.ts est lancé par « npm run build » : utilisez cette commande.\n');
  process.exit(2);
}

// With the rendering split, the first process also writes what exists once (src/lib/build/build-part.ts).
const mainPart = isMainPart(partFromEnv());
// The sheets' freshness needs their last data change, which only git knows (src/lib/export/freshness.ts);
// the pages' change feeds read the same history, read here once.
const commits = readGitHistory(contentDir(root), null);
shareGitHistory(contentDir(root), commits);
const own = validateProject(root, contentDir(root), undefined, () => lastDataChanges(root, contentDir(root), commits));
if (!own.ok) {
  process.stderr.write(`${formatHuman(own.problems, own.model)}\n\nLe site n'a pas été construit : corrigez les erreurs ci-dessus.\n`);
  process.exit(1);
}
// A hub adds the roadmaps of the Jalons sites it publishes (JALONS_SOURCES), read by src/cli/build.ts.
const { result, notes } = withSources(own, root);
if (mainPart) for (const note of notes) process.stderr.write(`${note}\n`);
// src/cli/build.ts prints the step and sizes its progress bar with this.
process.send?.({ ...modelCounts(result.model), pages: expectedPages(result.model) });
// The integration and the pages reuse this result instead of checking the content twice more.
shareValidation(contentDir(root), result);

/** One incremental-build cache per content folder and output settings (src/lib/build/cache-keys.ts). */
const cacheDirFor = (): string => join(root, '.jalons', 'cache', cacheFolderKey(resolve(contentDir(root)), process.env));

/** Caches of content folders not built for a week (temporary test trees, old settings) are removed. */
function pruneCaches(keep: string) {
  const parent = dirname(keep);
  if (!existsSync(parent)) return;
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of readdirSync(parent)) {
    const dir = join(parent, name);
    if (dir !== keep && statSync(dir).mtimeMs < weekAgo) rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(keep, { recursive: true });
  // The folder's date says when it was last used.
  utimesSync(keep, new Date(), new Date());
}

try {
  // Only Jalons' own cache folder is tidied; a JALONS_CACHE_DIR set by hand is left alone.
  if (!process.env.JALONS_CACHE_DIR) {
    process.env.JALONS_CACHE_DIR = cacheDirFor();
    pruneCaches(process.env.JALONS_CACHE_DIR);
  }
  // Astro reads the output folder from the environment (astro.config.mjs).
  process.env.JALONS_OUT_DIR = outDir;
  await build({ root, logLevel: (process.env.JALONS_LOG as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'warn' });
  // The CMS at /admin/ is served from the site itself, its bundle taken from node_modules; it is
  // written into the build, never into public/, so a build of other content leaves the project as it was.
  if (mainPart) writeCms(root, undefined, join(outDir, 'admin'));
} catch (error) {
  process.stderr.write(`La construction a échoué : ${error instanceof Error ? error.message : String(error)}\nAucun site partiel n'a été publié ; dist/ est inchangé.\n`);
  process.exit(1);
}
if (mainPart) writeFileSync(summaryFile, JSON.stringify(modelCounts(result.model)));
// Astro may leave handles open (watchers, workers): the work is done, and the parent is waiting.
process.exit(0);
