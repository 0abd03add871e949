/**
 * Fuzz gate: real content files mutated at random (bit flips, lines deleted,
 * duplicated or swapped, indentation changed, values swapped or emptied, special
 * characters inserted, truncation). The validator must never throw, never hang,
 * and always answer "valid" or a list of problems each at a file and a line ≥ 1.
 *
 * Replay: JALONS_FUZZ_SEED=<seed> npx vitest run tests/fuzz.test.ts
 * (JALONS_FUZZ_N cases, default 300; JALONS_FUZZ_TIME_MS, default 30000;
 * JALONS_FUZZ_CASE=<index> runs one case alone). A failing case's bytes are kept in
 * test-results/fuzz/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { ROOT } from './support/content-tree.ts';

const seed = process.env.JALONS_FUZZ_SEED ? Number(process.env.JALONS_FUZZ_SEED) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
const count = Number(process.env.JALONS_FUZZ_N ?? 300);
const timeMs = Number(process.env.JALONS_FUZZ_TIME_MS ?? 30_000);
const only = process.env.JALONS_FUZZ_CASE ? Number(process.env.JALONS_FUZZ_CASE) : null;
/** A validation that takes longer than this on one small tree counts as a hang. */
const HANG_MS = Number(process.env.JALONS_FUZZ_HANG_MS ?? 10_000);
const OUT = join(ROOT, 'test-results', 'fuzz');

interface Problem { fichier: unknown; ligne: unknown; colonne: unknown; message: unknown; gravite: unknown }

function check(outcome: { ok?: unknown; problems?: Problem[]; thrown?: string }): string[] {
  if (outcome.thrown) return [`exception : ${outcome.thrown}`];
  const errors: string[] = [];
  if (typeof outcome.ok !== 'boolean') errors.push(`ok n'est pas un booléen : ${String(outcome.ok)}`);
  if (!Array.isArray(outcome.problems)) return [...errors, 'pas de liste de problèmes'];
  for (const p of outcome.problems) {
    const bad =
      typeof p.fichier !== 'string' || !p.fichier ||
      !Number.isInteger(p.ligne) || (p.ligne as number) < 1 ||
      !Number.isInteger(p.colonne) || (p.colonne as number) < 1 ||
      typeof p.message !== 'string' || !p.message.trim() || /\bat \S+ \(\S+:\d+:\d+\)|node:internal\/|undefined|\[object Object\]/.test(p.message) ||
      !['erreur', 'avertissement'].includes(p.gravite as string);
    if (bad) errors.push(`problème mal formé : ${JSON.stringify(p)}`);
  }
  const hasError = outcome.problems.some((p) => p.gravite === 'erreur');
  if (outcome.ok === hasError) errors.push(`ok=${String(outcome.ok)} mais ${hasError ? 'des' : 'aucune'} erreur(s)`);
  return errors;
}

it(`validator survives ${only === null ? count : 1} mutated content files (JALONS_FUZZ_SEED=${seed}${only === null ? '' : ` JALONS_FUZZ_CASE=${only}`})`, async () => {
  const failures: string[] = [];
  let current: { index: number; file: string; mutations: string[] } | null = null;
  const summary = await new Promise<{ done: number; ms: number; files: number }>((resolve, reject) => {
    const worker = new Worker(new URL('./support/fuzz-worker.ts', import.meta.url), { workerData: { root: ROOT, seed, count, timeMs, only } });
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`Le validateur ne répond plus depuis ${HANG_MS} ms (JALONS_FUZZ_SEED=${seed} JALONS_FUZZ_CASE=${current?.index}) sur ${current?.file} après « ${current?.mutations.join(', ')} ».`));
      }, HANG_MS);
    };
    arm();
    worker.on('message', (m) => {
      arm();
      if (m.type === 'start') current = m;
      else if (m.type === 'end') {
        const problems = check(m.outcome);
        if (m.ms > HANG_MS / 2) problems.push(`${m.ms} ms pour un seul fichier`);
        if (problems.length) {
          const where = `cas ${m.index} (JALONS_FUZZ_SEED=${seed} JALONS_FUZZ_CASE=${m.index}) : ${current!.file} après « ${current!.mutations.join(', ')} »`;
          failures.push(`${where}\n  ${problems.join('\n  ')}`);
          mkdirSync(OUT, { recursive: true });
          writeFileSync(join(OUT, `${seed}-${m.index}-${current!.file.replace(/\//g, '_')}`), Buffer.from(m.bytes, 'base64'));
        }
      } else if (m.type === 'done') {
        clearTimeout(timer);
        resolve(m);
      }
    });
    worker.on('error', (e) => { clearTimeout(timer); reject(e); });
    worker.on('exit', (code) => { if (code !== 0) { clearTimeout(timer); reject(new Error(`le fil du fuzz s'est arrêté (code ${code}, JALONS_FUZZ_SEED=${seed})`)); } });
  });
  expect(failures, `JALONS_FUZZ_SEED=${seed}`).toEqual([]);
  // The time bound must not hide the whole test: most cases run on a normal machine.
  expect(summary.done).toBeGreaterThan(only === null ? Math.min(count, 50) - 1 : 0);
  process.stdout.write(`fuzz : ${summary.done} cas en ${(summary.ms / 1000).toFixed(1)} s sur ${summary.files} fichiers (JALONS_FUZZ_SEED=${seed})\n`);
}, 120_000);
