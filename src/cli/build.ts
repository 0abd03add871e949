/**
 * npm run build: validate and render the site into a temporary folder (in child
 * processes, src/cli/build-render.ts, one per core for a large site), index it for
 * search, print each roadmap's document to PDF when Chromium is there, then swap it into dist/ in one rename. A failure at any step leaves the
 * previous dist/ untouched and no partial site behind.
 * Says each step with its counts and duration; on a terminal, a progress bar while the pages render.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseCommand } from './cli-args.ts';
import { countsText, pagesText, PLACEHOLDER_SITE, progressBar, siteWarning, stepLine } from '../lib/build/progress.ts';
import { pdfDecision, printRoadmapPdfs, writePdfLinks } from '../lib/build/pdf.ts';
import { CHROMIUM, launchBrowser } from '../../scripts/browser.ts';
import { mergeOutputs } from '../lib/build/merge-outputs.ts';
import { openSiteIndex } from '../lib/build/search-index.ts';
import { contentDir } from '../lib/content/paths.ts';
import { headersFile } from '../lib/site/embeds.ts';
import { parseSources } from '../lib/import/federation.ts';
import { gatherSources, sourceReport, sourcesText, SOURCES_STATE_ENV } from '../lib/build/sources.ts';
import { resolveContentRoot, walkContent } from '../lib/content/safe-read.ts';

parseCommand({
  commande: 'npm run build',
  resume: 'Vérifie le contenu, construit le site dans un dossier à part, l\'indexe pour la recherche, puis le met à la place de dist/ d\'un seul coup : une construction qui échoue laisse le site précédent intact.',
  options: {},
  notes: [
    'Variables d\'environnement : JALONS_SITE (adresse publique du site, pour les liens absolus : canoniques, plan du site, flux, calendriers), ' +
      'JALONS_BASE (chemin de base, « /jalons/ »), JALONS_OUT_DIR (dossier de sortie, dist/ par défaut), JALONS_CONTENT_DIR (dossier de contenu), ' +
      'JALONS_LOG=info (le détail d\'Astro, une ligne par page), JALONS_PARALLELE (nombre de processus de rendu), JALONS_SANS_CACHE=1 (tout rendre à neuf), ' +
      'JALONS_PDF=non (pas de PDF des feuilles de route ; sinon produits si Chromium est là), JALONS_CHROMIUM (chemin de Chromium, /usr/bin/chromium par défaut).',
    'Portail : JALONS_SOURCES (« Nom=https://site/donnees/jalons.json ; … », adresses ou chemins de fichiers) ajoute en lecture seule les feuilles de route d\'autres sites Jalons ; une source illisible est signalée et laissée de côté (docs/portail.md).',
  ],
});

const root = process.cwd();
const finalDir = resolve(root, process.env.JALONS_OUT_DIR ?? 'dist');
const workDir = join(root, '.jalons');
const tempDir = join(workDir, `construction-${process.pid}`);
const summaryFile = join(workDir, `construction-${process.pid}.json`);
/** What became of a hub's sources (src/lib/build/sources.ts), for the rendering processes. */
const sourcesFile = join(workDir, `construction-${process.pid}-sources.json`);

/** Rendering process `index` writes into a folder of its own; the first one's becomes the site. */
const partDir = (index: number) => (index === 0 ? tempDir : `${tempDir}-${index}`);
/** Cloudflare Pages reads at most this many rules in a `_headers` file. */
const CLOUDFLARE_MAX_HEADER_RULES = 100;
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

/** Into .jalons/ when it is on the same disk as the output folder, else beside it (a rename cannot cross disks). */
function moveAside(dir: string, to: string) {
  try {
    renameSync(dir, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    renameSync(dir, `${dir}.ancien-${process.pid}`);
  }
}

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
  clearLive();
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
  // A hub's sources count like its own files: one page per sheet either way.
  const files = (dir === null ? 0 : walkContent(dir).length) + sourceSheets;
  return files >= PARALLEL_FROM_FILES ? Math.min(2, availableParallelism()) : 1;
}

interface Rendered { status: number | null; error?: Error; output: string }
/** What a rendering process says once the content is validated (src/cli/build-render.ts). */
interface Validated { feuilles_de_route: number; fiches: number; pages: number }

// On a terminal, the current step is one line redrawn in place; without one (CI), only finished steps are printed.
const tty = process.stdout.isTTY === true;
let live = '';
function clearLive() {
  if (live) process.stdout.write('\r\x1b[K');
}
function showLive(text: string, again = false) {
  if (!tty || (text === live && !again)) return;
  live = text;
  process.stdout.write(`\r\x1b[K${text.slice(0, (process.stdout.columns || 80) - 1)}`);
}
/** Writes what a rendering process printed without breaking the line being redrawn. */
function passOn(stream: NodeJS.WriteStream, chunk: string) {
  clearLive();
  stream.write(chunk);
  if (live) showLive(live, true);
}
let stepStarted = performance.now();
function stepDone(label: string, result: string) {
  clearLive();
  live = '';
  process.stdout.write(`${stepLine(label, result, performance.now() - stepStarted)}\n`);
  stepStarted = performance.now();
}

/** HTML pages under `dir`, the CMS and the search index aside; links are not followed. */
function countPages(dir: string): number {
  let n = 0;
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && !(d === dir && (e.name === 'admin' || e.name === 'pagefind'))) walk(join(d, e.name));
      else if (e.isFile() && e.name.endsWith('.html')) n++;
    }
  };
  walk(dir);
  return n;
}

let validated: Validated | null = null;
const children: ChildProcess[] = [];
// However the build stops short (an error, its output's reader gone), its renderers stop too and their folders go.
process.on('exit', (code) => {
  if (code === 0) return;
  for (const child of children) if (child.exitCode === null) child.kill();
  cleanUp();
});
let onValidated = () => {};

/** The first process prints as it goes; the others' output is kept and shown only if they fail (it repeats the first's). */
function render(index: number, count: number): Promise<Rendered> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'build-render.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        JALONS_AUJOURDHUI: today,
        JALONS_PARTIE: count > 1 ? `${index}/${count}` : '',
        JALONS_CONSTRUCTION: partDir(index),
        JALONS_CONSTRUCTION_RESUME: summaryFile,
        [SOURCES_STATE_ENV]: sourcesFile,
      },
    });
    children.push(child);
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (index === 0 ? passOn(process.stdout, d) : (output += d)));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (index === 0 ? passOn(process.stderr, d) : (output += d)));
    child.on('message', (m: Validated) => {
      if (validated) return;
      validated = m;
      onValidated();
    });
    child.on('error', (error) => done({ status: null, error, output }));
    child.on('close', (status) => done({ status, output }));
  });
}

mkdirSync(workDir, { recursive: true });
// Until the new site is in place: a build cut short (its output's reader gone, see cli-args.ts) has published nothing.
process.exitCode = 1;
// This build's leftovers, and what an interrupted build (killed, machine stopped) left: never published, only in the way.
removeConstructions((pid) => pid === process.pid || !alive(pid));
// A hub reads its sources first, once for all the rendering processes; the sources it cannot read are said and left out.
let sourceSheets = 0;
{
  let specs;
  try {
    specs = parseSources(process.env.JALONS_SOURCES);
  } catch (error) {
    fail((error as Error).message);
  }
  if (specs.length > 0) {
    showLive('Sources du portail…');
    const states = await gatherSources(specs, root, new Date().toISOString());
    writeFileSync(sourcesFile, JSON.stringify(states));
    sourceSheets = states.reduce((n, s) => n + s.fiches, 0);
    for (const line of sourceReport(states)) passOn(process.stderr, `${line}\n`);
    stepDone('Sources du portail', sourcesText(states));
  }
}
const count = partCount();
// Every process must draw the calendars for the same day, even across midnight.
const today = process.env.JALONS_AUJOURDHUI || new Date().toISOString().slice(0, 10);
// Every absolute link of the site is built from JALONS_SITE: a published site without it points at a placeholder.
const warning = siteWarning(process.env);
if (warning) process.stderr.write(`${warning}\n`);
const VALIDATION = 'Vérification du contenu';
const RENDERING = 'Rendu des pages';
showLive(`${VALIDATION}…`);
const indexFailed = (error: unknown): never =>
  fail(`L'indexation pour la recherche a échoué : ${error instanceof Error ? error.message : String(error)}\nAucun site partiel n'a été publié ; dist/ est inchangé.`);
const index = await openSiteIndex().catch(indexFailed);
const rendering = Array.from({ length: count }, (_, i) => render(i, count));
let progress: NodeJS.Timeout | undefined;
onValidated = () => {
  stepDone(VALIDATION, countsText(validated!));
  showLive(`${RENDERING} ${progressBar(0, validated!.pages)}`);
  // Astro writes each page as it renders it: counting them is the progress, and costs nothing without a terminal.
  if (tty) {
    progress = setInterval(() => {
      const pages = Array.from({ length: count }, (_, i) => countPages(partDir(i))).reduce((a, b) => a + b, 0);
      showLive(`${RENDERING} ${progressBar(pages, validated!.pages)}`);
    }, 250);
  }
};
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
clearInterval(progress);
const failed = results.findIndex((r) => r.status !== 0);
if (failed >= 0) {
  const r = results[failed]!;
  if (failed > 0 && results[0]!.status === 0) process.stderr.write(r.output);
  fail(r.error ? `La construction n'a pas pu démarrer : ${r.error.message}` : null);
}
if (!existsSync(summaryFile)) fail(null);
const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { feuilles_de_route: number; fiches: number };
const pages = Array.from({ length: count }, (_, i) => countPages(partDir(i))).reduce((a, b) => a + b, 0);
stepDone(RENDERING, pagesText(pages));
showLive('Index de recherche…');
try {
  const failure = await indexed;
  if (failure) throw failure.error;
  // Before the merge, so that no page is added twice.
  await index.add(tempDir);
  for (let i = 1; i < count; i++) mergeOutputs(tempDir, partDir(i));
  await index.write(tempDir);
  await index.close();
  stepDone('Index de recherche', 'écrit');
} catch (error) {
  indexFailed(error);
}

// Each roadmap's document printed to PDF, and the links to it filled in where it was: after the
// index, so that Chromium does not share the cores with Pagefind; before publishing, so that a
// published site never links a PDF it does not hold. A PDF that fails is omitted, not fatal: it
// is a copy of a page the site publishes anyway, and a content fix should not wait on Chromium.
const PDF_STEP = 'PDF des feuilles de route';
{
  let decision;
  try {
    decision = pdfDecision(process.env, CHROMIUM);
  } catch (error) {
    fail((error as Error).message);
  }
  // A top-level folder with a document/ page is a roadmap: no node or sheet may be named « document ».
  const roadmaps = readdirSync(tempDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(tempDir, e.name, 'document', 'index.html')))
    .map((e) => e.name)
    .sort();
  let printed = new Map<string, { pages: number; bytes: number }>();
  if (!decision.print) {
    stepDone(PDF_STEP, `non produits, ${decision.reason}`);
  } else if (roadmaps.length > 0) {
    showLive(`${PDF_STEP}…`);
    try {
      const run = await printRoadmapPdfs({ dir: tempDir, site: process.env.JALONS_SITE || PLACEHOLDER_SITE, base: process.env.JALONS_BASE || '/', roadmaps, launch: () => launchBrowser({ javaScriptEnabled: true }) });
      printed = run.printed;
      for (const line of run.failures) process.stderr.write(`${line}\n`);
    } catch (error) {
      process.stderr.write(`Chromium n'a pas pu démarrer : ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. Le site est publié sans PDF.\n`);
    }
    const pages = [...printed.values()].reduce((n, p) => n + p.pages, 0);
    stepDone(PDF_STEP, `${printed.size} sur ${roadmaps.length}, ${pagesText(pages)}`);
  }
  writePdfLinks(tempDir, roadmaps, printed);
}

// Once the outputs are merged, every top-level page and folder is known: each gets its framing rule.
const topLevel = readdirSync(tempDir, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
const headers = headersFile(process.env.JALONS_BASE || '/', topLevel);
writeFileSync(join(tempDir, '_headers'), headers);
const headerRules = headers.split('\n').filter((l) => l.startsWith('/')).length;
if (headerRules > CLOUDFLARE_MAX_HEADER_RULES) {
  process.stderr.write(`⚠ dist/_headers compte ${headerRules} règles : Cloudflare Pages n'en lit que ${CLOUDFLARE_MAX_HEADER_RULES} et refusera le fichier ; Netlify l'accepte. Voir docs/integrer.md.\n`);
}

// The previous site is moved out of the way into .jalons/ (named like a construction, so that the
// next build sweeps it if its removal below never ends), never left beside dist/ in the working tree.
const previous = `${tempDir}-ancien`;
const replaced = existsSync(finalDir);
if (replaced) moveAside(finalDir, previous);
try {
  renameSync(tempDir, finalDir);
} catch (error) {
  // The new site could not take its place: the previous one goes back, as it was.
  if (replaced) renameSync(existsSync(previous) ? previous : `${finalDir}.ancien-${process.pid}`, finalDir);
  fail(`La publication a échoué : ${error instanceof Error ? error.message : String(error)}\nLe site précédent est resté en place.`);
}
rmSync(summaryFile, { force: true });
// Removing the previous site (tens of thousands of files at national scale: 20 s on this
// kind of disk) is left to a detached process: the new site is already in place.
for (const old of [previous, `${finalDir}.ancien-${process.pid}`]) {
  if (existsSync(old)) spawn(process.execPath, ['-e', `require('node:fs').rmSync(${JSON.stringify(old)}, { recursive: true, force: true })`], { detached: true, stdio: 'ignore' }).unref();
}
process.exitCode = 0;
stepDone('Publication', `${relative(root, finalDir) || finalDir} ${replaced ? 'remplacé' : 'créé'}`);
process.stdout.write(`✓ Site construit dans ${finalDir} : ${countsText(summary)}, ${pagesText(pages)}.\n`);
