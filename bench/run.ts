/**
 * npm run bench: Jalons at national scale, against a bare Astro project building the
 * same sheets' Markdown. Not part of `npm test`.
 *
 * For each N (JALONS_BENCH_N, default "100,1000,10000"), with JALONS_BENCH_RUNS runs
 * per measure (default 3, median reported): generated content in bench/out/contenu-<N>/,
 * `npm run validate`, a cold full build (no .astro/ nor Vite cache), a warm rebuild after
 * one sheet changed, the peak memory of the whole process tree, output size and page
 * count; the same cold and warm builds for bare Astro (bench/out/astro-nu/), run in turn
 * with Jalons' (see rounds). Then, on the
 * largest site, the bytes a first search transfers, and Lighthouse on the real site.
 *
 * Then the hub (« portail », bench/portail.ts): JALONS_BENCH_PORTAIL_FICHES sheets (default
 * 10000) over JALONS_BENCH_PORTAIL_FEUILLES roadmaps (default 100), split between
 * JALONS_BENCH_PORTAIL_SOURCES sites (default 4), each publishing its jalons.json; the hub, with
 * an empty content folder and JALONS_SOURCES naming those files (JALONS_PDF=non), built cold and
 * after one source changed one sheet, against bare Astro building the same sheets' Markdown;
 * and the cost of reading and merging the sources outside Astro. JALONS_BENCH_PORTAIL=non skips
 * it; JALONS_BENCH_PORTAIL=seul runs only it (no N series, search nor Lighthouse).
 *
 * Writes bench/resultats/derniers.md (this run) and resultats.json and resultats.md (this run,
 * with the part it did not run, N series or hub, kept from the previous results with its date).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { writeBareAstro } from './astro-nu.ts';
import { generate, type Generated } from './generate.ts';
import { measure, median, type Measure } from './measure.ts';
import { generateHub, publishSource, sourcesBytes } from './portail.ts';
import { firstSearch } from './recherche.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const RESULTS = join(ROOT, 'bench', 'resultats');
const NS = (process.env.JALONS_BENCH_N ?? '100,1000,10000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const RUNS = Math.max(1, Number(process.env.JALONS_BENCH_RUNS ?? 3));
const TODAY = '2025-06-01';
const SEARCH_QUERY = process.env.JALONS_BENCH_QUERY ?? 'médiation';
const LIGHTHOUSE = process.env.JALONS_LIGHTHOUSE ?? 'lighthouse@13.5.0';
const ASTRO_BIN = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
const PORTAIL = (process.env.JALONS_BENCH_PORTAIL ?? 'oui').trim().toLowerCase();
if (!['oui', 'non', 'seul'].includes(PORTAIL)) {
  process.stderr.write(`JALONS_BENCH_PORTAIL vaut « ${process.env.JALONS_BENCH_PORTAIL} » : attendu « oui » (par défaut), « non » (sans le portail) ou « seul » (le portail seulement).\n`);
  process.exit(2);
}
const positive = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`${name} vaut « ${process.env[name]} » : attendu un nombre entier, au moins 1.\n`);
    process.exit(2);
  }
  return n;
};
const HUB = {
  sheets: positive('JALONS_BENCH_PORTAIL_FICHES', 10000),
  roadmaps: positive('JALONS_BENCH_PORTAIL_FEUILLES', 100),
  sources: positive('JALONS_BENCH_PORTAIL_SOURCES', 4),
};
const NODE = process.execPath;
const started = Date.now();

const log = (s: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${s}\n`);

function machine() {
  const cpuModel = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1]?.trim() ?? cpus()[0]?.model ?? '?';
  const version = (p: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version as string;
  return {
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    memoire_gio: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    cpu: cpuModel,
    node: process.version,
    astro: version('astro'),
    pagefind: version('pagefind'),
    noyau: readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim(),
  };
}

/** Size in bytes and number of HTML pages of a built site. */
function siteStats(dir: string): { octets: number; pages: number; fichiers: number } {
  let octets = 0;
  let pages = 0;
  let fichiers = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        fichiers++;
        octets += statSync(p).size;
        if (e.name.endsWith('.html')) pages++;
      }
    }
  };
  walk(dir);
  return { octets, pages, fichiers };
}

/** Cold: no Astro data store, no incremental-build cache, no Vite cache (vitest's own cache, used by parallel test runs, is left alone). */
function clearCaches(projectDir: string) {
  rmSync(join(projectDir, '.astro'), { recursive: true, force: true });
  rmSync(join(projectDir, 'node_modules', '.astro'), { recursive: true, force: true });
  // Jalons' incremental-build caches (one per content folder and settings, src/cli/build-render.ts).
  rmSync(join(projectDir, '.jalons', 'cache'), { recursive: true, force: true });
  const vite = join(projectDir, 'node_modules', '.vite');
  if (existsSync(vite)) for (const e of readdirSync(vite)) if (e !== 'vitest') rmSync(join(vite, e), { recursive: true, force: true });
}

/** Previous sites (`<site>.ancien-<pid>`) still being deleted in the background by an earlier build. */
function removeLeftovers(siteDir: string) {
  const parent = join(siteDir, '..');
  const prefix = `${siteDir.split('/').pop()}.ancien-`;
  for (const e of readdirSync(parent)) {
    if (!e.startsWith(prefix)) continue;
    for (let i = 0; i < 600 && existsSync(join(parent, e)); i++) {
      try {
        rmSync(join(parent, e), { recursive: true, force: true, maxRetries: 3 });
      } catch {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100); // the background deletion is racing us
      }
    }
  }
}

/** Changes one sheet's body (a line that says which rebuild it is): the "one sheet changed" of the warm rebuild. */
let edits = 0;
function touchOneSheet(contentDir: string) {
  const file = join(contentDir, 'fdr-001', 'fiches', 'fiche-0001.md');
  edits++;
  appendFileSync(file, `\nModification de banc d'essai n° ${edits}.\n`);
}

function check(m: Measure, what: string): Measure {
  if (m.code !== 0) throw new Error(`${what} a échoué (code ${m.code}) :\n${m.stdout.slice(-3000)}\n${m.stderr.slice(-3000)}`);
  return m;
}

interface Series { secondes: number[]; memoire_mo: number[]; mediane_s: number; memoire_max_mo: number }
const series = (ms: Measure[]): Series => ({
  secondes: ms.map((m) => Math.round(m.seconds * 100) / 100),
  memoire_mo: ms.map((m) => Math.round(m.peakRssMb)),
  mediane_s: Math.round(median(ms.map((m) => m.seconds)) * 100) / 100,
  memoire_max_mo: Math.round(Math.max(...ms.map((m) => m.peakRssMb))),
});

interface Step { what: string; before: () => void; run: () => Promise<Measure> }

/**
 * Runs the steps in turn, round after round, rather than each series in a block: this
 * machine's speed drifts (by up to a factor of two within an hour), and a drift then weighs
 * on every series alike, so that their ratios hold.
 */
async function rounds<T extends Step[]>(steps: [...T]): Promise<{ [K in keyof T]: Series }> {
  const ms = steps.map(() => [] as Measure[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, step] of steps.entries()) {
      step.before();
      const m = check(await step.run(), step.what);
      log(`  ${step.what} ${i + 1}/${RUNS} : ${m.seconds.toFixed(1)} s, ${m.peakRssMb.toFixed(0)} Mo`);
      ms[k]!.push(m);
    }
  }
  return ms.map(series) as { [K in keyof T]: Series };
}

interface ResultN {
  n: number;
  contenu: Omit<Generated, 'dir'> & { dossier: string };
  validate: Series;
  jalons: { froid: Series; chaud: Series; site: ReturnType<typeof siteStats> };
  astro_nu: { froid: Series; chaud: Series; site: ReturnType<typeof siteStats> };
  ratios: { froid_sur_astro: number; chaud_sur_froid: number; chaud_sur_astro_chaud: number; validate_sur_astro_froid: number };
}

async function benchN(n: number): Promise<ResultN> {
  const contentDir = join(OUT, `contenu-${n}`);
  const g = generate(n, contentDir, { glossaryFrom: join(ROOT, 'content', 'glossaire') });
  log(`N = ${n} : ${g.sheets} fiches, ${g.roadmaps} feuilles de route, ${g.nodes} nœuds, ${g.actors} acteurs dans ${relative(ROOT, contentDir)}`);
  const rel = relative(ROOT, contentDir);

  const siteDir = join(OUT, `site-${n}`);
  const env = { JALONS_CONTENT_DIR: rel, JALONS_OUT_DIR: siteDir, JALONS_AUJOURDHUI: TODAY };
  const build = () => measure(NODE, ['src/cli/build.ts'], { cwd: ROOT, env });
  const nu = join(OUT, 'astro-nu');
  writeBareAstro(nu, contentDir);
  const nuOut = join(OUT, `astro-nu-site-${n}`);
  const nuBuild = () => measure(NODE, [ASTRO_BIN, 'build', '--silent'], { cwd: nu, env: { ASTRO_NU_OUT: nuOut } });

  // Cold: no cache and no previous output, as for the baseline. Before each run, the previous
  // site that a build leaves to a detached process to delete must be gone, so runs do not overlap.
  const [validate, froid, nuFroid] = await rounds([
    { what: 'validate', before: () => {}, run: () => measure(NODE, ['src/cli/validate.ts', '--contenu', rel], { cwd: ROOT }) },
    {
      what: 'Jalons à froid',
      before: () => {
        clearCaches(ROOT);
        rmSync(siteDir, { recursive: true, force: true });
        removeLeftovers(siteDir);
      },
      run: build,
    },
    {
      what: 'Astro nu à froid',
      before: () => {
        removeLeftovers(siteDir);
        clearCaches(nu);
        rmSync(nuOut, { recursive: true, force: true });
      },
      run: nuBuild,
    },
  ]);
  const oneSheetChanged = () => {
    removeLeftovers(siteDir);
    touchOneSheet(contentDir);
  };
  const [chaud, nuChaud] = await rounds([
    { what: 'Jalons à chaud (une fiche modifiée)', before: oneSheetChanged, run: build },
    { what: 'Astro nu à chaud (une fiche modifiée)', before: oneSheetChanged, run: nuBuild },
  ]);
  const site = siteStats(siteDir);
  const nuSite = siteStats(nuOut);
  rmSync(nuOut, { recursive: true, force: true });

  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    n,
    contenu: { sheets: g.sheets, roadmaps: g.roadmaps, nodes: g.nodes, actors: g.actors, files: g.files, dossier: rel },
    validate,
    jalons: { froid, chaud, site },
    astro_nu: { froid: nuFroid, chaud: nuChaud, site: nuSite },
    ratios: {
      froid_sur_astro: r2(froid.mediane_s / nuFroid.mediane_s),
      chaud_sur_froid: r2(chaud.mediane_s / froid.mediane_s),
      chaud_sur_astro_chaud: r2(chaud.mediane_s / nuChaud.mediane_s),
      validate_sur_astro_froid: r2(validate.mediane_s / nuFroid.mediane_s),
    },
  };
}

interface ResultHub {
  date: string;
  executions: number;
  contenu: { sources: number; feuilles_de_route: number; fiches: number; json_octets: number; dossier: string };
  /** Reading, checking and merging the sources outside Astro (bench/portail.ts lecture). */
  lecture: { mesure: Series; lecture_sources_ms: number; relecture_copies_ms: number; fusion_ms: number };
  jalons: { froid: Series; chaud: Series; site: ReturnType<typeof siteStats> };
  astro_nu: { froid: Series; chaud: Series; site: ReturnType<typeof siteStats> };
  ratios: { froid_sur_astro: number; chaud_sur_froid: number; chaud_sur_astro_chaud: number };
}

/** The hub: its sources generated and published, then built like a site against bare Astro (see the header). */
async function benchHub(): Promise<ResultHub> {
  const dir = join(OUT, 'portail');
  const hub = generateHub(dir, { ...HUB, glossaryFrom: join(ROOT, 'content', 'glossaire') });
  const octets = sourcesBytes(hub);
  log(`Portail : ${hub.sources.length} sources, ${hub.feuilles_de_route} feuilles de route, ${hub.fiches} fiches ; ${(octets / 1024 / 1024).toFixed(0)} Mo de jalons.json dans ${relative(ROOT, dir)}`);

  const files = hub.sources.map((x) => x.json);
  const lectures = [] as Array<{ m: Measure; lecture_sources_ms: number; relecture_copies_ms: number; fusion_ms: number }>;
  for (let i = 0; i < RUNS; i++) {
    const m = check(await measure(NODE, ['bench/portail.ts', 'lecture', ...files], { cwd: ROOT }), 'Lecture des sources du portail');
    lectures.push({ m, ...JSON.parse(m.stdout.trim().split('\n').at(-1)!) });
    log(`  lecture et fusion des sources ${i + 1}/${RUNS} : ${m.seconds.toFixed(1)} s, ${m.peakRssMb.toFixed(0)} Mo (${m.stdout.trim()})`);
  }
  const mid = (k: 'lecture_sources_ms' | 'relecture_copies_ms' | 'fusion_ms') => Math.round(median(lectures.map((l) => l[k])));

  const siteDir = join(OUT, 'site-portail');
  const env = { JALONS_CONTENT_DIR: relative(ROOT, hub.vide), JALONS_OUT_DIR: siteDir, JALONS_AUJOURDHUI: TODAY, JALONS_PDF: 'non', JALONS_SOURCES: hub.jalonsSources };
  const build = () => measure(NODE, ['src/cli/build.ts'], { cwd: ROOT, env });
  const nu = join(OUT, 'astro-nu');
  writeBareAstro(nu, dir, 'contenu-*/*/fiches/*.md');
  const nuOut = join(OUT, 'astro-nu-site-portail');
  const nuBuild = () => measure(NODE, [ASTRO_BIN, 'build', '--silent'], { cwd: nu, env: { ASTRO_NU_OUT: nuOut } });

  const [froid, nuFroid] = await rounds([
    {
      what: 'Portail à froid',
      before: () => {
        clearCaches(ROOT);
        // The copies of the sources too: a cold hub has never read them.
        rmSync(join(ROOT, '.jalons', 'sources'), { recursive: true, force: true });
        rmSync(siteDir, { recursive: true, force: true });
        removeLeftovers(siteDir);
      },
      run: build,
    },
    {
      what: 'Astro nu à froid (fiches du portail)',
      before: () => {
        removeLeftovers(siteDir);
        clearCaches(nu);
        rmSync(nuOut, { recursive: true, force: true });
      },
      run: nuBuild,
    },
  ]);
  // Warm: the first site changed one sheet and published its model again (not timed), as it would after its own build.
  const first = hub.sources[0]!;
  const [chaud, nuChaud] = await rounds([
    {
      what: 'Portail à chaud (une fiche modifiée dans une source)',
      before: () => {
        removeLeftovers(siteDir);
        touchOneSheet(first.contenu);
        publishSource(first.contenu, first.json);
      },
      run: build,
    },
    {
      what: 'Astro nu à chaud (une fiche modifiée)',
      before: () => {
        removeLeftovers(siteDir);
        touchOneSheet(first.contenu);
      },
      run: nuBuild,
    },
  ]);
  const site = siteStats(siteDir);
  const nuSite = siteStats(nuOut);
  rmSync(nuOut, { recursive: true, force: true });
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    executions: RUNS,
    contenu: { sources: hub.sources.length, feuilles_de_route: hub.feuilles_de_route, fiches: hub.fiches, json_octets: octets, dossier: relative(ROOT, dir) },
    lecture: { mesure: series(lectures.map((l) => l.m)), lecture_sources_ms: mid('lecture_sources_ms'), relecture_copies_ms: mid('relecture_copies_ms'), fusion_ms: mid('fusion_ms') },
    jalons: { froid, chaud, site },
    astro_nu: { froid: nuFroid, chaud: nuChaud, site: nuSite },
    ratios: {
      froid_sur_astro: r2(froid.mediane_s / nuFroid.mediane_s),
      chaud_sur_froid: r2(chaud.mediane_s / froid.mediane_s),
      chaud_sur_astro_chaud: r2(chaud.mediane_s / nuChaud.mediane_s),
    },
  };
}

/** Lighthouse (mobile emulation, the default) on the real site's home, a sheet, a calendar and the search page. */
async function lighthouse() {
  const siteDir = join(OUT, 'site-reel');
  check(await measure(NODE, ['src/cli/build.ts'], { cwd: ROOT, env: { JALONS_OUT_DIR: siteDir, JALONS_CONTENT_DIR: '' } }), 'Construction du site réel');
  const { serveStatic } = await import('../scripts/static-server.ts');
  const server = await serveStatic(siteDir);
  const pages = {
    accueil: '',
    fiche: 'scoran-pays-de-la-loire/action-1-1-1-1/',
    calendrier: 'scoran-pays-de-la-loire/calendrier/',
    recherche: 'recherche/?q=numérique',
  };
  const out: Record<string, { performance: number | null; accessibilite: number | null; lcp_ms?: number; tbt_ms?: number; cls?: number } | { erreur: string }> = {};
  const flags = '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic';
  try {
    for (const [name, path] of Object.entries(pages)) {
      const report = join(OUT, `lighthouse-${name}.json`);
      const m = await measure('npx', ['--yes', LIGHTHOUSE, `${server.url}${path}`, `--chrome-path=${process.env.JALONS_CHROMIUM ?? '/usr/bin/chromium'}`, `--chrome-flags=${flags}`,
        '--only-categories=performance,accessibility', '--output=json', `--output-path=${report}`, '--quiet'], { cwd: OUT });
      if (m.code !== 0 || !existsSync(report)) {
        out[name] = { erreur: `${m.stderr.slice(-500)}` };
        log(`  Lighthouse ${name} : échec`);
        continue;
      }
      const j = JSON.parse(readFileSync(report, 'utf8'));
      const score = (c: string) => (j.categories[c]?.score === null || j.categories[c]?.score === undefined ? null : Math.round(j.categories[c].score * 100));
      out[name] = {
        performance: score('performance'),
        accessibilite: score('accessibility'),
        lcp_ms: Math.round(j.audits['largest-contentful-paint']?.numericValue ?? 0),
        tbt_ms: Math.round(j.audits['total-blocking-time']?.numericValue ?? 0),
        cls: Math.round((j.audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000,
      };
      log(`  Lighthouse ${name} : performance ${score('performance')}, accessibilité ${score('accessibility')}`);
    }
  } finally {
    await server.close();
  }
  return out;
}

const fmt = (x: number) => x.toLocaleString('fr-FR', { maximumFractionDigits: 2 });
const mb = (octets: number) => `${fmt(Math.round(octets / 1024 / 1024))} Mo`;

function hubMarkdown(p: ResultHub, runDate: string): string[] {
  const s = (x: Series) => `${fmt(x.mediane_s)} s`;
  const memory = (a: Series, b: Series) => `${fmt(Math.max(a.memoire_max_mo, b.memoire_max_mo))} Mo`;
  return [
    '## Portail',
    '',
    `Un portail au contenu vide publie ${fmt(p.contenu.feuilles_de_route)} feuilles de route et ${fmt(p.contenu.fiches)} fiches de ${p.contenu.sources} sites Jalons (JALONS_SOURCES : leurs jalons.json, ${mb(p.contenu.json_octets)} en tout, en fichiers locaux ; sans PDF).${p.date.slice(0, 16) === runDate.slice(0, 16) ? '' : ` Mesuré le ${p.date}, par un autre passage du banc que le reste de ces résultats.`} Médianes sur ${p.executions} exécution(s). À chaud : un site source a modifié une fiche et republié son jalons.json.`,
    '',
    '| fiches | sources | lecture et fusion des sources | portail à froid | Astro nu à froid | ratio froid | portail à chaud | chaud / froid | Astro nu à chaud | mémoire portail | mémoire Astro nu | pages portail (Astro nu) | taille portail (Astro nu) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${fmt(p.contenu.fiches)} | ${p.contenu.sources} | ${s(p.lecture.mesure)}, ${fmt(p.lecture.mesure.memoire_max_mo)} Mo | ${s(p.jalons.froid)} | ${s(p.astro_nu.froid)} | ${fmt(p.ratios.froid_sur_astro)}× | ${s(p.jalons.chaud)} | ${fmt(p.ratios.chaud_sur_froid)}× | ${s(p.astro_nu.chaud)} | ${memory(p.jalons.froid, p.jalons.chaud)} | ${memory(p.astro_nu.froid, p.astro_nu.chaud)} | ${fmt(p.jalons.site.pages)} (${fmt(p.astro_nu.site.pages)}) | ${mb(p.jalons.site.octets)} (${mb(p.astro_nu.site.octets)}) |`,
    '',
    `Lecture et fusion des sources hors d'Astro (processus entier, démarrage de Node compris) : lecture, vérification par le schéma et copie de ${p.contenu.sources} sources ${fmt(p.lecture.lecture_sources_ms)} ms (dans npm run build), relecture des copies ${fmt(p.lecture.relecture_copies_ms)} ms et fusion ${fmt(p.lecture.fusion_ms)} ms (dans chaque processus de rendu).`,
    '',
  ];
}

function markdown(r: Awaited<ReturnType<typeof main>>): string {
  const m = r.machine;
  const lines = [
    `# Banc d'essai Jalons — ${r.date}`,
    '',
    `Machine : ${m.nproc} cœurs (${m.cpu}), ${m.memoire_gio} Gio de mémoire, Node ${m.node}, Astro ${m.astro}, Pagefind ${m.pagefind}, noyau ${m.noyau}.`,
    `Médianes sur ${r.executions} exécution(s) par mesure ; mémoire : pic de la somme des RSS de tout l'arbre de processus (Node, Pagefind, esbuild…). Durée totale du banc : ${fmt(r.duree_totale_s / 60)} min.`,
    '',
  ];
  if (r.resultats.length) {
    lines.push(
      '| N fiches | validate | Jalons à froid | Astro nu à froid | ratio froid | Jalons à chaud | chaud / froid | Astro nu à chaud | mémoire Jalons | mémoire Astro nu | validate / Astro froid | pages Jalons (Astro nu) | taille Jalons (Astro nu) |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...r.resultats.map((x) =>
        `| ${fmt(x.n)} | ${fmt(x.validate.mediane_s)} s | ${fmt(x.jalons.froid.mediane_s)} s | ${fmt(x.astro_nu.froid.mediane_s)} s | ${fmt(x.ratios.froid_sur_astro)}× | ${fmt(x.jalons.chaud.mediane_s)} s | ${fmt(x.ratios.chaud_sur_froid)}× | ${fmt(x.astro_nu.chaud.mediane_s)} s | ${fmt(Math.max(x.jalons.froid.memoire_max_mo, x.jalons.chaud.memoire_max_mo))} Mo | ${fmt(Math.max(x.astro_nu.froid.memoire_max_mo, x.astro_nu.chaud.memoire_max_mo))} Mo | ${fmt(x.ratios.validate_sur_astro_froid)}× | ${fmt(x.jalons.site.pages)} (${fmt(x.astro_nu.site.pages)}) | ${mb(x.jalons.site.octets)} (${mb(x.astro_nu.site.octets)}) |`),
      '',
    );
  }
  if (r.croissance) lines.push(`Croissance de ${fmt(r.croissance.de)} à ${fmt(r.croissance.a)} fiches : construction à froid × ${fmt(r.croissance.froid)}, à chaud × ${fmt(r.croissance.chaud)}, validate × ${fmt(r.croissance.validate)} (cible ≤ 12 pour × 10).`, '');
  if (r.recherche) {
    const s = r.recherche;
    const ko = (n: number) => fmt(Math.round(n / 1024));
    lines.push(
      `Première recherche (« ${s.requete} ») sur le site de ${fmt(s.n)} fiches, servi compressé comme par un hébergeur statique : ${ko(s.octets)} Ko transférés jusqu'aux premiers résultats (cible ≤ 250 Ko ; ${ko(s.brut)} Ko sur disque), ${s.resultats_affiches} résultats affichés ; puis ${ko(s.avec_filtres.octets - s.octets)} Ko pour les compteurs des filtres, chargés après les résultats (${ko(s.avec_filtres.octets)} Ko en tout).`,
      '',
    );
    const kinds = s.avec_filtres.par_type;
    lines.push('| fichiers Pagefind | nombre | Ko transférés | Ko sur disque |', '| --- | ---: | ---: | ---: |', ...Object.entries(kinds).map(([k, v]) => `| ${k}${k === 'filtres' ? ' (après les résultats)' : ''} | ${v.fichiers} | ${ko(v.octets)} | ${ko(v.brut)} |`), '');
  }
  if (r.lighthouse) {
    lines.push('Lighthouse (émulation mobile) sur le site réel :', '', '| page | performance | accessibilité | LCP | TBT | CLS |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const [k, v] of Object.entries(r.lighthouse)) {
      if ('erreur' in v) lines.push(`| ${k} | échec | | | | |`);
      else lines.push(`| ${k} | ${v.performance} | ${v.accessibilite} | ${fmt(v.lcp_ms ?? 0)} ms | ${fmt(v.tbt_ms ?? 0)} ms | ${v.cls} |`);
    }
    lines.push('');
  }
  if (r.portail) lines.push(...hubMarkdown(r.portail, r.date));
  if (r.erreurs.length) lines.push('Erreurs :', '', ...r.erreurs.map((e) => `- ${e}`), '');
  return lines.join('\n');
}

async function main() {
  const info = machine();
  log(`Machine : ${info.nproc} cœurs, ${info.memoire_gio} Gio, ${info.cpu}, Node ${info.node}, Astro ${info.astro}, Pagefind ${info.pagefind}`);
  mkdirSync(OUT, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  const resultats: ResultN[] = [];
  const erreurs: string[] = [];
  for (const n of PORTAIL === 'seul' ? [] : NS) {
    try {
      resultats.push(await benchN(n));
    } catch (e) {
      erreurs.push(`N = ${n} : ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      log(`N = ${n} : ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const sorted = [...resultats].sort((a, b) => a.n - b.n);
  const big = sorted.at(-1);
  const prev = sorted.find((x) => big && x.n * 10 === big.n);
  const croissance = big && prev
    ? {
      de: prev.n, a: big.n,
      froid: Math.round((big.jalons.froid.mediane_s / prev.jalons.froid.mediane_s) * 100) / 100,
      chaud: Math.round((big.jalons.chaud.mediane_s / prev.jalons.chaud.mediane_s) * 100) / 100,
      validate: Math.round((big.validate.mediane_s / prev.validate.mediane_s) * 100) / 100,
    }
    : null;
  let recherche: (Awaited<ReturnType<typeof firstSearch>> & { n: number }) | null = null;
  if (big && process.env.JALONS_BENCH_RECHERCHE !== '0') {
    try {
      recherche = { n: big.n, ...(await firstSearch(join(OUT, `site-${big.n}`), SEARCH_QUERY)) };
      log(`Première recherche sur ${big.n} fiches : ${(recherche.octets / 1024).toFixed(0)} Ko`);
    } catch (e) {
      erreurs.push(`Recherche : ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  let lh: Awaited<ReturnType<typeof lighthouse>> | null = null;
  if (PORTAIL !== 'seul' && process.env.JALONS_BENCH_LIGHTHOUSE !== '0') {
    try {
      lh = await lighthouse();
    } catch (e) {
      erreurs.push(`Lighthouse : ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  let portail: ResultHub | null = null;
  if (PORTAIL !== 'non') {
    try {
      portail = await benchHub();
    } catch (e) {
      erreurs.push(`Portail : ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      log(`Portail : ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: info,
    executions: RUNS,
    aujourdhui: TODAY,
    duree_totale_s: Math.round((Date.now() - started) / 1000),
    resultats: sorted,
    croissance,
    recherche,
    lighthouse: lh,
    portail,
    erreurs,
  };
}

type Results = Awaited<ReturnType<typeof main>>;
/** This run, with what it did not measure (the N series, or the hub) kept from the previous results. */
function merged(r: Results): Results {
  const file = join(RESULTS, 'resultats.json');
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Results>) : {};
  if (PORTAIL === 'seul' && previous.resultats?.length) {
    return { ...r, ...previous, portail: r.portail ?? previous.portail ?? null, erreurs: [...(previous.erreurs ?? []).filter((e) => !e.startsWith('Portail')), ...r.erreurs] } as Results;
  }
  if (PORTAIL === 'non') return { ...r, portail: previous.portail ?? null };
  return r;
}

const r = await main();
const all = merged(r);
writeFileSync(join(RESULTS, 'resultats.json'), `${JSON.stringify(all, null, 2)}\n`);
writeFileSync(join(RESULTS, 'resultats.md'), markdown(all));
const md = markdown(r);
writeFileSync(join(RESULTS, 'derniers.md'), md);
process.stdout.write(`\n${md}\n`);
log(`Résultats écrits dans ${relative(ROOT, RESULTS)}/ (resultats.json, resultats.md, derniers.md).`);
if (r.erreurs.length) process.exitCode = 1;
