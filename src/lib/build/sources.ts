/**
 * The sources of a hub (JALONS_SOURCES, src/lib/import/federation.ts): read once by
 * `npm run build` before any page is rendered, each checked, its last good copy kept in
 * .jalons/sources/ so that a rebuild works offline or while a source is down. A source that
 * cannot be read nor found in the cache is reported and left out: the hub is built from
 * the rest and says on its home page which sources are missing.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildShared } from './build-share.ts';
import { federate, isWebAddress, parseSources, readSourceModel, sourceName, type ReadSource, type SourceSpec } from '../import/federation.ts';
import type { ValidationResult } from '../model/validate-project.ts';
import type { HubSource } from '../site/origin.ts';
import { formatSize } from '../site/display.ts';
import { plural } from '../values/text.ts';
import type { Model } from '../model/types.ts';
import { modelCounts } from '../model/counts.ts';

export interface SourceLimits {
  /** Time allowed to fetch one source. */
  timeoutMs: number;
  /**
   * Largest source read, in bytes (a 10,000-sheet site's jalons.json is about 90 MB). The text,
   * its string and the parsed model each take about as much again: past a few hundred MB the
   * build would run out of memory instead of leaving the source out.
   */
  maxBytes: number;
}

export const SOURCE_LIMITS: SourceLimits = { timeoutMs: 60_000, maxBytes: 256 * 1024 * 1024 };

export const sourcesCacheDir = (root: string) => join(root, '.jalons', 'sources');
const cacheKey = (address: string) => createHash('sha256').update(address).digest('hex').slice(0, 20);
const cacheFile = (dir: string, address: string) => join(dir, `${cacheKey(address)}.json`);
const cacheDateFile = (dir: string, address: string) => join(dir, `${cacheKey(address)}.date`);

const secondsText = (ms: number) => `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;

/** Why fetch failed, in words an editor can act on. */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connexion refusée : aucun serveur à cette adresse',
    ENOTFOUND: 'nom de domaine inconnu',
    EAI_AGAIN: 'nom de domaine introuvable pour l\'instant : réseau coupé ?',
    ECONNRESET: 'connexion coupée par le serveur',
    ETIMEDOUT: 'délai de connexion dépassé',
    CERT_HAS_EXPIRED: 'certificat du site expiré',
  };
  // fetch refuses ports kept for other protocols (the Fetch standard's « bad ports »: 9, 6000, 6667…) without a code.
  if (cause?.message === 'bad port') return 'port refusé : réservé à un autre protocole, ni Node ni les navigateurs n\'y lisent de page web ; servez le site sur un autre port';
  return (cause?.code && words[cause.code]) || cause?.message || (error as Error).message;
}

/** A source's text, or why it cannot be read (French). */
async function fetchText(spec: SourceSpec, root: string, limits: SourceLimits): Promise<{ text: string } | { raison: string }> {
  if (!isWebAddress(spec.adresse)) {
    const file = resolve(root, spec.adresse);
    // The path is in the build's report beside the source; the reason is also shown on the home page.
    if (!existsSync(file) || !statSync(file).isFile()) return { raison: 'le fichier indiqué n\'existe pas sur la machine qui construit le site.' };
    const size = statSync(file).size;
    if (size > limits.maxBytes) return { raison: `le fichier pèse ${formatSize(size)}, plus que les ${formatSize(limits.maxBytes)} lus au plus.` };
    return { text: readFileSync(file, 'utf8') };
  }
  let response: Response;
  try {
    response = await fetch(spec.adresse, { signal: AbortSignal.timeout(limits.timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    const cause = (error as Error).name === 'TimeoutError' ? `pas de réponse en ${secondsText(limits.timeoutMs)}` : networkCause(error);
    return { raison: `l'adresse ne répond pas (${cause}).` };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { raison: `l'adresse répond « ${response.status} ${response.statusText} ».` };
  }
  // Read as it comes, so that a source larger than allowed is cut off before it fills the memory.
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength;
      if (total > limits.maxBytes) {
        await response.body?.cancel().catch(() => {});
        return { raison: `la réponse dépasse les ${formatSize(limits.maxBytes)} lus au plus.` };
      }
      chunks.push(chunk);
    }
  } catch (error) {
    return { raison: `la lecture a été interrompue (${(error as Error).name === 'TimeoutError' ? `plus de ${secondsText(limits.timeoutMs)}` : (error as Error).message}).` };
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

/** Writes whole or not at all: a build cut short never leaves half a copy behind. */
function writeAtomically(file: string, text: string) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

/**
 * Reads every source now, keeps the good ones in the cache and says what became of each.
 * `now` dates the copies (ISO date and time).
 */
export async function gatherSources(specs: SourceSpec[], root: string, now: string, limits: SourceLimits = SOURCE_LIMITS): Promise<HubSource[]> {
  const dir = sourcesCacheDir(root);
  mkdirSync(dir, { recursive: true });
  const states: HubSource[] = [];
  for (const spec of specs) {
    const got = await fetchText(spec, root, limits);
    const reading = 'text' in got ? readSourceModel(got.text) : null;
    if (reading?.ok) {
      writeAtomically(cacheFile(dir, spec.adresse), (got as { text: string }).text);
      writeAtomically(cacheDateFile(dir, spec.adresse), now);
      states.push({ nom: sourceName(spec, reading.model), adresse: spec.adresse, etat: 'lue', raison: null, lue_le: now, ...modelCounts(reading.model) });
      continue;
    }
    const raison = reading && !reading.ok ? reading.raison : (got as { raison: string }).raison;
    states.push(fromCache(spec, dir, raison).state);
  }
  return states;
}

/** What the cache holds of a source that cannot be read now, with the model it holds. */
function fromCache(spec: SourceSpec, dir: string, raison: string): { state: HubSource; model: Model | null } {
  const file = cacheFile(dir, spec.adresse);
  const cached = existsSync(file) ? readSourceModel(readFileSync(file, 'utf8')) : null;
  if (cached?.ok) {
    const date = existsSync(cacheDateFile(dir, spec.adresse)) ? readFileSync(cacheDateFile(dir, spec.adresse), 'utf8').trim() : null;
    return { state: { nom: sourceName(spec, cached.model), adresse: spec.adresse, etat: 'copie', raison, lue_le: date, ...modelCounts(cached.model) }, model: cached.model };
  }
  return { state: { nom: sourceName(spec), adresse: spec.adresse, etat: 'absente', raison, lue_le: null, feuilles_de_route: 0, fiches: 0 }, model: null };
}

/** The build's step line: « 2 lues, 1 copie, 1 absente ». */
export function sourcesText(states: HubSource[]): string {
  const n = (etat: HubSource['etat']) => states.filter((s) => s.etat === etat).length;
  return [plural(n('lue'), 'lue', 'lues'), n('copie') ? `${plural(n('copie'), 'copie', 'copies')} d'une lecture précédente` : '', n('absente') ? plural(n('absente'), 'absente', 'absentes') : ''].filter(Boolean).join(', ');
}

/** One line per source the build could not read now, for its report (French). */
export function sourceReport(states: HubSource[]): string[] {
  return states.filter((s) => s.etat !== 'lue').map((s) =>
    s.etat === 'copie'
      ? `⚠ Source « ${s.nom} » (${s.adresse}) : ${s.raison} Sa copie du ${s.lue_le ?? '?'} est publiée.`
      : `⚠ Source « ${s.nom} » (${s.adresse}) : ${s.raison} Elle est absente du portail ; les autres sources sont publiées.`);
}

/** The sources' states handed from `npm run build` to its rendering processes (a file named by JALONS_SOURCES_ETAT). */
export const SOURCES_STATE_ENV = 'JALONS_SOURCES_ETAT';

const sharedSources = buildShared<HubSource[]>('sources-portail');
/** Results that already hold their sources: the build's and the pages' module graphs both ask. */
const federated = buildShared<WeakSet<ValidationResult>>('resultats-portail');

/** What the pages say about the hub's sources (empty for a site that is not a hub). */
export const hubSources = (): HubSource[] => sharedSources.get() ?? [];

/** The hub's public address, when JALONS_SITE says it: its own roadmaps' pages are then recognised in the sources' relations. */
function ownSite(env: NodeJS.ProcessEnv): string | null {
  if (!env.JALONS_SITE) return null;
  return new URL((env.JALONS_BASE || '/').replace(/^\/?/, '/'), env.JALONS_SITE).href;
}

/**
 * The validated site with the sources' roadmaps added, as every page reads it. Reads the
 * states `npm run build` wrote; without them (`npm run dev`), only what the cache holds.
 * A site without JALONS_SOURCES is returned as it is.
 */
export function withSources(result: ValidationResult, root: string, env: NodeJS.ProcessEnv = process.env): { result: ValidationResult; notes: string[] } {
  const specs = parseSources(env.JALONS_SOURCES);
  if (specs.length === 0 || !result.ok || federated.get()?.has(result)) return { result, notes: [] };
  const dir = sourcesCacheDir(root);
  const stateFile = env[SOURCES_STATE_ENV];
  const read: ReadSource[] = [];
  let states: HubSource[];
  if (stateFile && existsSync(stateFile)) {
    states = JSON.parse(readFileSync(stateFile, 'utf8'));
    for (const state of states) {
      const spec = specs.find((s) => s.adresse === state.adresse);
      if (!spec || state.etat === 'absente') continue;
      const reading = readSourceModel(readFileSync(cacheFile(dir, spec.adresse), 'utf8'));
      if (reading.ok) read.push({ spec, model: reading.model });
    }
  } else {
    // The preview reads no source: what the cache holds, each copy read once.
    const cached = specs.map((spec) => ({ spec, ...fromCache(spec, dir, 'pas lue par cet aperçu ; « npm run build » la lit.') }));
    states = cached.map((c) => c.state);
    for (const c of cached) if (c.model) read.push({ spec: c.spec, model: c.model });
  }
  sharedSources.set(states);
  const { model, notes } = federate(result.model, read, ownSite(env));
  const hub = { ...result, model };
  if (!federated.get()) federated.set(new WeakSet());
  federated.get()!.add(hub);
  return { result: hub, notes };
}
