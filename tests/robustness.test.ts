/**
 * Robustness gate: every malformed input of the corpus (tests/support/robustness-corpus.ts),
 * added alone to the valid fixture, gets its own clear French error at the right
 * file and line — from the validator in-process, from `npm run validate` and from
 * `npm run build` — with a non-zero exit, no stack trace and no site left behind.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { freshOutDir, makeContentTree, ROOT, STACK_TRACE, type ContentTree } from './support/content-tree.ts';
import { BROKEN_CASES, SECRET, type BrokenCase } from './support/robustness-corpus.ts';
import { pool, runCli, type RunResult } from './support/run.ts';

/** Cases also built with `npm run build` (each spawn loads Astro, ~2 s): one of each kind of failure. */
const BUILT = [
  'guillemet non fermé', 'tabulation', 'octet Latin-1', 'fiche de 5 Mo', 'bombe d\'alias YAML', 'titre manquant',
  'dates inversées', 'parent introuvable', 'boucle dans la hiérarchie', 'fichier hors de toute feuille de route',
  'identifiant réservé fiches.md', 'lien javascript:', 'lien vers une fiche hors du contenu',
  'lien vers un dossier de feuille de route hors du contenu', 'lien vers un acteur hors du contenu (jeton)', 'lien vers son dossier parent',
];
/** A run that reads a FIFO or /dev/zero would never end: it is killed after this long, and fails. */
const VALIDATE_TIMEOUT_MS = 30_000;
/** Every « quoted » part of a message: an editor's value, shortened, never a whole file. */
const quotes = (message: string) => [...message.matchAll(/« ([^«»]*) »/g)].map((m) => m[1]!);

const lines = (c: BrokenCase) => (Array.isArray(c.ligne) ? c.ligne : [c.ligne]);
const entry = (c: BrokenCase) => c.make ?? (typeof c.content === 'function' ? c.content() : c.content!);
/** The "file:line:" prefix of the human report, for any of the accepted lines. */
const located = (c: BrokenCase) => new RegExp(`content/${c.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(${lines(c).join('|')}):\\d+ +erreur`);

const trees = new Map<string, ContentTree>();
beforeAll(() => {
  for (const c of BROKEN_CASES) trees.set(c.name, makeContentTree('valide', { [c.file]: entry(c) }, 'jalons-robustesse-'));
});
afterAll(() => {
  for (const t of trees.values()) t.remove();
});

it('the corpus has at least 40 malformed inputs, each with its own name and file', () => {
  expect(BROKEN_CASES.length).toBeGreaterThanOrEqual(40);
  expect(new Set(BROKEN_CASES.map((c) => c.name)).size).toBe(BROKEN_CASES.length);
  // The base is valid: every error below comes from the one broken file.
  expect(validateProject(ROOT, join(ROOT, 'tests', 'fixtures', 'valide')).problems).toEqual([]);
});

// Before the in-process runs: an entry that would block the reader fails here, killed after a
// timeout, instead of blocking the test worker (see `blocks` below).
let validateRuns: RunResult[];
describe('npm run validate', () => {
  let runs: RunResult[];
  beforeAll(async () => {
    runs = validateRuns = await pool(BROKEN_CASES, 3, (c) => runCli('src/cli/validate.ts', ['--contenu', trees.get(c.name)!.dir], {}, VALIDATE_TIMEOUT_MS));
  }, 150_000);

  it.each(BROKEN_CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    const run = runs[i]!;
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(located(c));
    expect(run.stdout).toMatch(c.message);
    expect(run.stdout).toMatch(/✗ \d+ erreurs? dans \d+ fichiers?\. Rien n'est publié/);
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).toBe('');
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(run.ms, 'trop lent : la lecture a-t-elle bloqué ?').toBeLessThan(VALIDATE_TIMEOUT_MS);
  });
});

describe('validator, in-process', () => {
  it.each(BROKEN_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const tree = trees.get(c.name)!;
    // Reading a FIFO or /dev/zero here would block the worker for good: go on only if the CLI run ended.
    if (c.blocks) expect(validateRuns[BROKEN_CASES.indexOf(c)]?.status, 'npm run validate ne s\'est pas arrêté sur cette entrée').toBe(1);
    const result = validateProject(ROOT, tree.dir);
    expect(result.ok).toBe(false);
    const errors = result.problems.filter((p) => p.gravite === 'erreur');
    const inFile = (f: string) => (p: { fichier: string }) => p.fichier.endsWith(`content/${f}`);
    const own = errors.filter(inFile(c.file));
    expect(own.length, `aucune erreur sur ${c.file} : ${JSON.stringify(errors)}`).toBeGreaterThan(0);
    expect(own.some((p) => lines(c).includes(p.ligne) && c.message.test(p.message)), JSON.stringify(own, null, 1)).toBe(true);
    // Nothing else is blamed, apart from the other end of a cross-file problem.
    expect(errors.filter((p) => ![c.file, ...(c.autres ?? [])].some((f) => inFile(f)(p)))).toEqual([]);
    for (const p of result.problems) {
      expect(p.ligne).toBeGreaterThanOrEqual(1);
      expect(p.colonne).toBeGreaterThanOrEqual(1);
      expect(p.message).not.toMatch(STACK_TRACE);
      expect(p.message.length).toBeGreaterThan(15);
      for (const q of quotes(p.message)) expect(q.length, p.message).toBeLessThanOrEqual(60);
    }
    expect(JSON.stringify(result.problems)).not.toContain(SECRET);
  });
});

describe('npm run build', () => {
  const cases = BROKEN_CASES.filter((c) => BUILT.includes(c.name));
  const outDirs = cases.map(() => freshOutDir('jalons-robustesse-sortie-'));
  let runs: RunResult[];
  beforeAll(async () => {
    runs = await pool(cases, 2, (c, i) => runCli('src/cli/build.ts', [], { JALONS_CONTENT_DIR: trees.get(c.name)!.relative, JALONS_OUT_DIR: outDirs[i]! }));
  }, 180_000);

  it('covers every case it names', () => expect(cases.map((c) => c.name).sort()).toEqual([...BUILT].sort()));

  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    const run = runs[i]!;
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBeNull();
    expect(run.stderr).toMatch(located(c));
    expect(run.stderr).toMatch(c.message);
    expect(run.stderr).toMatch(/Le site n'a pas été construit/);
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(existsSync(outDirs[i]!), 'un dossier de sortie a été créé').toBe(false);
    expect(readdirSync(dirname(outDirs[i]!))).toEqual([]);
  });

  it('leaves a previously published site untouched', async () => {
    const out = freshOutDir('jalons-robustesse-sortie-');
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'ancien site');
    const run = await runCli('src/cli/build.ts', [], { JALONS_CONTENT_DIR: trees.get('clé en double')!.relative, JALONS_OUT_DIR: out });
    expect(run.status).toBe(1);
    expect(readdirSync(out)).toEqual(['index.html']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('ancien site');
  });

  it('does not publish a sheet linked from outside the content folder: the previous site stays', async () => {
    const out = freshOutDir('jalons-robustesse-sortie-');
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'ancien site');
    const run = await runCli('src/cli/build.ts', [], { JALONS_CONTENT_DIR: trees.get('lien vers une fiche hors du contenu')!.relative, JALONS_OUT_DIR: out });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/dehors\.md:1:1 +erreur[\s\S]*lien symbolique/);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(readdirSync(out)).toEqual(['index.html']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('ancien site');
  });
});
