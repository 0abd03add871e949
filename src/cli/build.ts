/**
 * npm run build: validate and render the site into a temporary folder (in child
 * processes, src/cli/build-render.ts, one per core for a large site), index it for
 * search, then swap it into dist/ in one rename. A failure at any step leaves the
 * previous dist/ untouched and no partial site behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { mergeOutputs } from '../lib/build/merge-outputs.ts';
import { openSiteIndex } from '../lib/build/search-index.ts';
import { contentDir } from '../lib/content/paths.ts';
import { resolveContentRoot, walkContent } from '../lib/content/safe-read.ts';

const root = process.cwd();
const finalDir = resolve(root, process.env.JALONS_OUT_DIR ?? 'dist');
const workDir = join(root, '.jalons');
const tempDir = join(workDir, `construction-${process.pid}`);
const summaryFile = join(workDir, `construction-${process.pid}.json`);

/** Rendering process `index` writes into a folder of its own; the first one's becomes the site. */
const partDir = (index: number) => (index === 0 ? tempDir : `${tempDir}-${index}`);
/** Below this many content files, one rendering process (see partCount). */
const PARALLEL_FROM_FILES = 2000;

/** Removes the construction folders (and summary) of the builds `gone` says are over. */
function removeConstructions(gone: (pid: number) => boolean) {
  for (const name of existsSync(workDir) ? readdirSync(workDir) : []) {
    const pid = Number(/^construction-(\d+)/.exec(name)?.[1]);
    if (pid && gone(pid)) rmSync(join(workDir, name), { recursive: true, force: true });
  }
}
const cleanUp = () => removeConstructions((pid) => pid === process.pid);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function fail(message: string | null): never {
  cleanUp();
  if (message) process.stderr.write(`${message}\n`);
  process.exit(1);
}

/**
 * One rendering process per core (src/lib/build/build-part.ts), unless JALONS_PARALLELE says
 * otherwise: Astro renders on one core. Small sites stay in one process, where a second
 * Astro start would cost more than it saves.
 */
function partCount(): number {
  const setting = process.env.JALONS_PARALLELE;
  if (setting) {
    const asked = Number(setting);
    if (Number.isInteger(asked) && asked >= 1) return asked;
    fail(`JALONS_PARALLELE vaut « ${setting} » : attendu un nombre entier de processus, au moins 1 (« 1 » rend toutes les pages dans un seul processus).`);
  }
  // Never readdirSync(…, { recursive: true }): it follows a linked folder, all the way round a loop.
  const dir = resolveContentRoot(contentDir(root));
  const files = dir === null ? 0 : walkContent(dir).length;
  return files >= PARALLEL_FROM_FILES ? Math.min(2, availableParallelism()) : 1;
}

interface Rendered { status: number | null; error?: Error; output: string }

/** The first process prints as it goes; the others' output is kept and shown only if they fail (it repeats the first's). */
function render(index: number, count: number): Promise<Rendered> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'build-render.ts')], {
      cwd: root,
      stdio: index === 0 ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        JALONS_AUJOURDHUI: today,
        JALONS_PARTIE: count > 1 ? `${index}/${count}` : '',
        JALONS_CONSTRUCTION: partDir(index),
        JALONS_CONSTRUCTION_RESUME: summaryFile,
      },
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', (error) => done({ status: null, error, output }));
    child.on('close', (status) => done({ status, output }));
  });
}

mkdirSync(workDir, { recursive: true });
// This build's leftovers, and what an interrupted build (killed, machine stopped) left: never published, only in the way.
removeConstructions((pid) => pid === process.pid || !alive(pid));
const count = partCount();
// Every process must draw the calendars for the same day, even across midnight.
const today = process.env.JALONS_AUJOURDHUI || new Date().toISOString().slice(0, 10);
const started = performance.now();
/** With JALONS_LOG=info, how long each step took: where a slow build spends its time. */
const step = (what: string) => {
  if (process.env.JALONS_LOG === 'info') process.stdout.write(`[jalons] ${what} : ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
};
const indexFailed = (error: unknown): never =>
  fail(`L'indexation pour la recherche a échoué : ${error instanceof Error ? error.message : String(error)}\nAucun site partiel n'a été publié ; dist/ est inchangé.`);
const index = await openSiteIndex().catch(indexFailed);
const rendering = Array.from({ length: count }, (_, i) => render(i, count).then((r) => (step(`rendu ${i + 1}/${count} terminé`), r)));
// The other processes' pages are indexed as soon as each is done, while the first one (which
// also writes the open data and /admin/) is still rendering: Pagefind then has a core of its
// own. Always in the same order, so that the index is the same from one build to the next.
let indexing: Promise<unknown> = Promise.resolve();
for (let i = 1; i < count; i++) {
  indexing = indexing.then(async () => {
    if ((await rendering[i]!).status === 0) await index.add(partDir(i));
  });
}
const indexed = indexing.then(() => null, (error: unknown) => ({ error }));
const results = await Promise.all(rendering);
const failed = results.findIndex((r) => r.status !== 0);
if (failed >= 0) {
  const r = results[failed]!;
  if (failed > 0 && results[0]!.status === 0) process.stderr.write(r.output);
  fail(r.error ? `La construction n'a pas pu démarrer : ${r.error.message}` : null);
}
if (!existsSync(summaryFile)) fail(null);
const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { feuilles_de_route: number; fiches: number };
try {
  const failure = await indexed;
  if (failure) throw failure.error;
  // Before the merge, so that no page is added twice.
  await index.add(tempDir);
  for (let i = 1; i < count; i++) mergeOutputs(tempDir, partDir(i));
  step('sorties réunies');
  await index.write(tempDir);
  await index.close();
  step('index de recherche écrit');
} catch (error) {
  indexFailed(error);
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
