/**
 * Runs the fuzz cases in a worker thread, so that the test can stop a validator
 * that hangs (a synchronous loop would block the test's own timers). Reports each
 * case before running it and its outcome after.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { validateProject } from '../../src/lib/model/validate-project.ts';
import { makeCase } from './fuzz.ts';

interface Input { root: string; seed: number; count: number; timeMs: number; only: number | null }
const { root, seed, count, timeMs, only } = workerData as Input;
const content = join(root, 'content');

// One small tree per roadmap (its folder, the actors, the glossary): a real context, validated fast.
const base = mkdtempSync(join(tmpdir(), 'jalons-fuzz-'));
const roadmaps = readdirSync(content, { withFileTypes: true }).filter((d) => d.isDirectory() && !['acteurs', 'glossaire'].includes(d.name)).map((d) => d.name);
const files: Array<{ path: string; bytes: Buffer; tree: string }> = [];
for (const rm of roadmaps) {
  const tree = join(base, rm);
  for (const shared of ['acteurs', 'glossaire', rm]) cpSync(join(content, shared), join(tree, shared), { recursive: true });
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
  for (const abs of walk(join(content, rm))) files.push({ path: relative(content, abs), bytes: readFileSync(abs), tree });
}
for (const name of ['acteurs', 'glossaire']) {
  for (const f of readdirSync(join(content, name)).slice(0, 40)) files.push({ path: `${name}/${f}`, bytes: readFileSync(join(content, name, f)), tree: join(base, roadmaps[0]!) });
}

const started = Date.now();
let done = 0;
for (let index = only ?? 0; index < (only === null ? count : only + 1); index++) {
  if (Date.now() - started > timeMs) break;
  const c = makeCase(seed, index, files);
  const source = files.find((f) => f.path === c.file)!;
  const target = join(source.tree, c.file);
  parentPort!.postMessage({ type: 'start', index, file: c.file, mutations: c.mutations });
  writeFileSync(target, c.bytes);
  const t0 = Date.now();
  let outcome: unknown;
  try {
    const r = validateProject(source.tree, source.tree);
    outcome = { ok: r.ok, problems: r.problems };
  } catch (error) {
    outcome = { thrown: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error) };
  } finally {
    writeFileSync(target, source.bytes);
  }
  parentPort!.postMessage({ type: 'end', index, ms: Date.now() - t0, outcome, bytes: c.bytes.toString('base64') });
  done++;
}
rmSync(base, { recursive: true, force: true });
parentPort!.postMessage({ type: 'done', done, ms: Date.now() - started, files: files.length });
