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
 * Writes bench/resultats/resultats.json, resultats.md and derniers.md.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { writeBareAstro } from './astro-nu.ts';
import { generate, type Generated } from './generate.ts';
import { measure, median, type Measure } from './measure.ts';
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
async function rounds(steps: Step[]): Promise<Series[]> {
  const ms = steps.map(() => [] as Measure[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, step] of steps.entries()) {
      step.before();
      const m = check(await step.run(), step.what);
      log(`  ${step.what} ${i + 1}/${RUNS} : ${m.seconds.toFixed(1)} s, ${m.peakRssMb.toFixed(0)} Mo`);
      ms[k]!.push(m);
    }
  }
  return ms.map(series);
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

function markdown(r: Awaited<ReturnType<typeof main>>): string {
  const m = r.machine;
  const lines = [
    `# Banc d'essai Jalons — ${r.date}`,
    '',
    `Machine : ${m.nproc} cœurs (${m.cpu}), ${m.memoire_gio} Gio de mémoire, Node ${m.node}, Astro ${m.astro}, Pagefind ${m.pagefind}, noyau ${m.noyau}.`,
    `Médianes sur ${r.executions} exécution(s) par mesure ; mémoire : pic de la somme des RSS de tout l'arbre de processus (Node, Pagefind, esbuild…). Durée totale du banc : ${fmt(r.duree_totale_s / 60)} min.`,
    '',
    '| N fiches | validate | Jalons à froid | Astro nu à froid | ratio froid | Jalons à chaud | chaud / froid | Astro nu à chaud | mémoire Jalons | mémoire Astro nu | validate / Astro froid | pages Jalons (Astro nu) | taille Jalons (Astro nu) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.resultats.map((x) =>
      `| ${fmt(x.n)} | ${fmt(x.validate.mediane_s)} s | ${fmt(x.jalons.froid.mediane_s)} s | ${fmt(x.astro_nu.froid.mediane_s)} s | ${fmt(x.ratios.froid_sur_astro)}× | ${fmt(x.jalons.chaud.mediane_s)} s | ${fmt(x.ratios.chaud_sur_froid)}× | ${fmt(x.astro_nu.chaud.mediane_s)} s | ${fmt(Math.max(x.jalons.froid.memoire_max_mo, x.jalons.chaud.memoire_max_mo))} Mo | ${fmt(Math.max(x.astro_nu.froid.memoire_max_mo, x.astro_nu.chaud.memoire_max_mo))} Mo | ${fmt(x.ratios.validate_sur_astro_froid)}× | ${fmt(x.jalons.site.pages)} (${fmt(x.astro_nu.site.pages)}) | ${mb(x.jalons.site.octets)} (${mb(x.astro_nu.site.octets)}) |`),
    '',
  ];
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
  for (const n of NS) {
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
  if (process.env.JALONS_BENCH_LIGHTHOUSE !== '0') {
    try {
      lh = await lighthouse();
    } catch (e) {
      erreurs.push(`Lighthouse : ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
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
    erreurs,
  };
}

const r = await main();
writeFileSync(join(RESULTS, 'resultats.json'), `${JSON.stringify(r, null, 2)}\n`);
const md = markdown(r);
writeFileSync(join(RESULTS, 'resultats.md'), md);
writeFileSync(join(RESULTS, 'derniers.md'), md);
process.stdout.write(`\n${md}\n`);
log(`Résultats écrits dans ${relative(ROOT, RESULTS)}/ (resultats.json, resultats.md, derniers.md).`);
if (r.erreurs.length) process.exitCode = 1;
