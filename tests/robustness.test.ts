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
import { BROKEN_CASES, type BrokenCase } from './support/robustness-corpus.ts';
import { pool, runCli, type RunResult } from './support/run.ts';

/** Cases also built with `npm run build` (each spawn loads Astro, ~2 s): one of each kind of failure. */
const BUILT = [
  'guillemet non fermé', 'tabulation', 'octet Latin-1', 'fiche de 5 Mo', 'bombe d\'alias YAML', 'titre manquant',
  'dates inversées', 'parent introuvable', 'boucle dans la hiérarchie', 'fichier hors de toute feuille de route',
  'identifiant réservé fiches.md', 'lien javascript:',
];

const lines = (c: BrokenCase) => (Array.isArray(c.ligne) ? c.ligne : [c.ligne]);
const bytes = (c: BrokenCase) => (typeof c.content === 'function' ? c.content() : c.content);
/** The "file:line:" prefix of the human report, for any of the accepted lines. */
const located = (c: BrokenCase) => new RegExp(`content/${c.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(${lines(c).join('|')}):\\d+ +erreur`);

const trees = new Map<string, ContentTree>();
beforeAll(() => {
  for (const c of BROKEN_CASES) trees.set(c.name, makeContentTree('valide', { [c.file]: bytes(c) }, 'jalons-robustesse-'));
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

describe('validator, in-process', () => {
  it.each(BROKEN_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const tree = trees.get(c.name)!;
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
    }
  });
});

describe('npm run validate', () => {
  let runs: RunResult[];
  beforeAll(async () => {
    runs = await pool(BROKEN_CASES, 3, (c) => runCli('src/cli/validate.ts', ['--contenu', trees.get(c.name)!.dir]));
  }, 120_000);

  it.each(BROKEN_CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    const run = runs[i]!;
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(located(c));
    expect(run.stdout).toMatch(c.message);
    expect(run.stdout).toMatch(/✗ \d+ erreurs? dans \d+ fichiers?\. Rien n'est publié/);
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).toBe('');
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
});
