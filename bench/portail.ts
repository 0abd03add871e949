/**
 * The hub scenario of `npm run bench` (bench/run.ts): several Jalons sites, each with its own
 * generated content, publish their model (/donnees/jalons.json); a hub with an empty content
 * folder is built from them (JALONS_SOURCES). The model a site publishes is what
 * `npm run validate -- --json` prints without its report fields (`ok`, `erreurs`): the same
 * validation and the same JSON as the build's /donnees/jalons.json (src/lib/export/json.ts).
 *
 * `node bench/portail.ts lecture <jalons.json>…` times what a hub build does with its sources
 * outside Astro: reading and checking them (gatherSources, in npm run build), then reading the
 * kept copies again and merging them (readSourceModel and federate, in each rendering process).
 * It prints one JSON line of durations in milliseconds.
 */
import { modelCounts } from '../src/lib/model/counts.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generate } from './generate.ts';
import { modelJson } from '../src/lib/export/json.ts';
import { federate, parseSources, readSourceModel, type ReadSource } from '../src/lib/import/federation.ts';
import { gatherSources } from '../src/lib/build/sources.ts';
import type { Model } from '../src/lib/model/types.ts';

const ROOT = join(import.meta.dirname, '..');

export interface HubSource {
  nom: string;
  /** The source site's content folder. */
  contenu: string;
  /** Its published model, as a file the hub reads. */
  json: string;
  fiches: number;
  feuilles_de_route: number;
}

export interface Hub {
  dir: string;
  sources: HubSource[];
  /** The hub's own content folder: empty. */
  vide: string;
  fiches: number;
  feuilles_de_route: number;
  /** JALONS_SOURCES for the hub. */
  jalonsSources: string;
}

/** A share of `total` over `parts`, the remainder to the first ones. */
const share = (total: number, parts: number, k: number) => Math.floor(total / parts) + (k < total % parts ? 1 : 0);

/** Writes the model a site publishes for `contentDir` into `jsonFile`; throws when the content does not validate. */
export function publishSource(contentDir: string, jsonFile: string): void {
  const report = `${jsonFile}.validate.json`;
  try {
    execFileSync(process.execPath, ['src/cli/validate.ts', '--json', '--contenu', relative(ROOT, contentDir), '--sortie', report], { cwd: ROOT, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const erreurs = (() => {
      try {
        return JSON.stringify(JSON.parse(readFileSync(report, 'utf8')).erreurs.slice(0, 3));
      } catch {
        return String((error as { stderr?: unknown }).stderr ?? error);
      }
    })();
    throw new Error(`Le contenu de ${relative(ROOT, contentDir)} ne se valide pas : ${erreurs}`);
  }
  const { ok: _ok, erreurs: _erreurs, ...model } = JSON.parse(readFileSync(report, 'utf8')) as { ok: boolean; erreurs: unknown[] } & Model;
  rmSync(report, { force: true });
  const text = modelJson(model);
  // The hub must accept it, or the scenario would measure a hub without that source.
  const reading = readSourceModel(text);
  if (!reading.ok) throw new Error(`Le modèle publié par ${relative(ROOT, contentDir)} n'est pas lisible par un portail : ${reading.raison}`);
  writeFileSync(jsonFile, text);
}

/**
 * `sheets` sheets over `roadmaps` roadmaps, split between `sources` sites, each generated with
 * a seed of its own (its own actors' directory and vocabulary) and its own territories, then published.
 */
export function generateHub(dir: string, options: { sheets: number; roadmaps: number; sources: number; glossaryFrom: string }): Hub {
  rmSync(dir, { recursive: true, force: true });
  const vide = join(dir, 'vide');
  mkdirSync(vide, { recursive: true });
  const sources: HubSource[] = [];
  let firstRoadmap = 0;
  for (let k = 0; k < options.sources; k++) {
    const contenu = join(dir, `contenu-${k + 1}`);
    const roadmaps = share(options.roadmaps, options.sources, k);
    const g = generate(share(options.sheets, options.sources, k), contenu, { seed: 20261125 + k, glossaryFrom: options.glossaryFrom, roadmaps, firstRoadmap });
    firstRoadmap += roadmaps;
    const json = join(dir, `jalons-${k + 1}.json`);
    publishSource(contenu, json);
    sources.push({ nom: `Site ${k + 1}`, contenu, json, fiches: g.sheets, feuilles_de_route: g.roadmaps });
  }
  return {
    dir,
    sources,
    vide,
    fiches: sources.reduce((n, s) => n + s.fiches, 0),
    feuilles_de_route: sources.reduce((n, s) => n + s.feuilles_de_route, 0),
    jalonsSources: sources.map((s) => `${s.nom}=${s.json}`).join(';'),
  };
}

export const sourcesBytes = (hub: Hub) => hub.sources.reduce((n, s) => n + statSync(s.json).size, 0);

/** What a hub build does with its sources besides rendering, timed step by step (see the header). */
async function readingCost(files: string[]) {
  const specs = parseSources(files.map((f, i) => `Site ${i + 1}=${f}`).join(';'));
  const root = join(ROOT, 'bench', 'out', 'portail-lecture');
  rmSync(root, { recursive: true, force: true });
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - t);
    t = now;
    return ms;
  };
  const states = await gatherSources(specs, root, new Date().toISOString());
  const gather = lap();
  const unread = states.filter((s) => s.etat !== 'lue');
  if (unread.length) throw new Error(unread.map((s) => `${s.nom} : ${s.raison}`).join('\n'));
  const read: ReadSource[] = specs.map((spec) => {
    // The kept copy is the source's text as it was read: the same bytes.
    const reading = readSourceModel(readFileSync(spec.adresse, 'utf8'));
    if (!reading.ok) throw new Error(reading.raison);
    return { spec, model: reading.model };
  });
  const readAgain = lap();
  const empty: Model = { ...read[0]!.model, feuilles_de_route: [], acteurs: [], glossaire: [] };
  const { model } = federate(empty, read, null);
  const merge = lap();
  rmSync(root, { recursive: true, force: true });
  return {
    lecture_sources_ms: gather,
    relecture_copies_ms: readAgain,
    fusion_ms: merge,
    ...modelCounts(model),
  };
}

if (import.meta.main && process.argv[2] === 'lecture') {
  process.stdout.write(`${JSON.stringify(await readingCost(process.argv.slice(3)))}\n`);
}
