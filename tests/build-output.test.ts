/**
 * What `npm run build` prints and leaves behind: one plain line per step with its counts
 * (no progress bar, no terminal codes without a terminal, as in CI), no Vite advice meant
 * for developers, a warning in CI when JALONS_SITE is unset, and nothing beside the
 * published site once the previous one is replaced.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectedPages, progressBar, siteWarning } from '../src/lib/build/progress.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { freshOutDir, makeContentTree, ROOT, type ContentTree } from './support/content-tree.ts';
import { listFiles } from './support/html.ts';
import { buildSite, type RunResult } from './support/run.ts';

let tree: ContentTree;
let out: string;
let ci: RunResult;
let withSite: RunResult;
const outs: string[] = [];

beforeAll(async () => {
  tree = makeContentTree('valide', {}, 'jalons-sortie-build-');
  out = freshOutDir('jalons-sortie-build-');
  outs.push(out);
  // A site is already published there: the build must replace it.
  mkdirSync(out);
  writeFileSync(join(out, 'index.html'), 'ancien site');
  ci = await buildSite(tree.relative, out, { CI: 'true', JALONS_SITE: '', GITHUB_ACTIONS: '' });
  const second = freshOutDir('jalons-sortie-build-');
  outs.push(second);
  withSite = await buildSite(tree.relative, second, { CI: 'true', JALONS_SITE: 'https://exemple.fr', GITHUB_ACTIONS: '' });
}, 240_000);

afterAll(() => {
  tree?.remove();
  for (const o of outs) rmSync(dirname(o), { recursive: true, force: true });
});

const pagesIn = (dir: string) => listFiles(dir).filter((f) => f.endsWith('.html') && !f.startsWith('admin/') && !f.startsWith('pagefind/'));

describe('npm run build without a terminal (CI)', () => {
  it('prints each step on a line of its own, with its counts and duration', () => {
    const lines = ci.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^Vérification du contenu : 1 feuille de route, 3 fiches \(\d+,\d s\)$/),
      `Rendu des pages : ${pagesIn(out).length} pages (${lines[1]!.match(/\((\d+,\d s)\)$/)?.[1]})`,
      expect.stringMatching(/^Index de recherche : écrit \(\d+,\d s\)$/),
      // The tests' builds print no PDF (vitest.config.ts), and say so.
      expect.stringMatching(/^PDF des feuilles de route : non produits, JALONS_PDF=non \(\d+,\d s\)$/),
      expect.stringMatching(/^Publication : \S+ remplacé \(\d+,\d s\)$/),
      `✓ Site construit dans ${out} : 1 feuille de route, 3 fiches, ${pagesIn(out).length} pages.`,
    ]);
    // No progress bar, no cursor codes: a CI log shows them as garbage.
    expect(ci.stdout).not.toMatch(/[\r\u001b█░]/);
  });

  it('shows no Vite advice meant for developers', () => {
    for (const r of [ci, withSite]) expect(r.stdout + r.stderr).not.toMatch(/chunks are larger|chunkSizeWarningLimit|\[WARN\]/);
  });

  it('warns once in CI when JALONS_SITE is unset, and not when it is set', () => {
    expect(ci.stderr).toBe(`${siteWarning({ CI: 'true' })}\n`);
    expect(ci.stderr).toMatch(/^⚠ JALONS_SITE n'est pas défini : les liens absolus du site .* visent l'adresse fictive https:\/\/jalons\.example\.org\./);
    expect(withSite.stderr).toBe('');
  });

  it('replaces the previous site and leaves nothing beside it', () => {
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toBe('ancien site');
    expect(readdirSync(dirname(out))).toEqual(['site']);
    // Nor in the project: the previous site went into .jalons/ (ignored by git), never beside dist/.
    expect(readdirSync(ROOT).filter((n) => n.includes('.ancien-'))).toEqual([]);
  });
});

/** Runs a shell line from the project root with `env` added, without blocking the test worker. */
function shell(line: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['-c', line], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', fail);
    child.on('close', () => (clearTimeout(timer), done({ stdout, stderr })));
  });
}
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('npm run build on a terminal, and cut short', () => {
  it.skipIf(!hasScript)('redraws one line with a progress bar on a terminal, then prints the finished steps', async () => {
    const site = freshOutDir('jalons-sortie-build-');
    outs.push(site);
    // `script` gives the build a terminal of its own.
    const r = await shell(`script -qec "node src/cli/build.ts" /dev/null`, { JALONS_CONTENT_DIR: tree.relative, JALONS_OUT_DIR: site, JALONS_AUJOURDHUI: '2024-03-15', CI: '' });
    expect(r.stdout).toContain('\r\u001b[KVérification du contenu…');
    expect(r.stdout).toMatch(/\r\u001b\[KRendu des pages \[[█░]{24}\] \d+ pages?/);
    expect(r.stdout).toMatch(/\r\u001b\[KRendu des pages : \d+ pages \(\d+,\d s\)\r?\n/);
    expect(r.stdout).toContain(`✓ Site construit dans ${site}`);
  }, 180_000);

  it('stops quietly, exit 1, when its reader goes away, and leaves no construction behind', async () => {
    const site = freshOutDir('jalons-sortie-build-');
    outs.push(site);
    const r = await shell('node src/cli/build.ts | head -1 > /dev/null; echo "statut=${PIPESTATUS[0]}" >&2', { JALONS_CONTENT_DIR: tree.relative, JALONS_OUT_DIR: site, JALONS_AUJOURDHUI: '2024-03-15', CI: '' });
    expect(r.stderr).toBe('statut=1\n');
    // Nothing published, and the build's folders in .jalons/ are gone with it.
    expect(existsSync(site)).toBe(false);
  }, 180_000);
});

describe('the warning and the progress bar', () => {
  it('say JALONS_SITE only in CI, as a GitHub annotation on GitHub Actions', () => {
    expect(siteWarning({})).toBeNull();
    expect(siteWarning({ CI: 'true', JALONS_SITE: 'https://exemple.fr' })).toBeNull();
    expect(siteWarning({ CI: 'true', GITHUB_ACTIONS: 'true' })).toMatch(/^::warning title=JALONS_SITE::JALONS_SITE n'est pas défini/);
  });

  it('draws the share of pages written, never full before the end', () => {
    expect(progressBar(0, 400, 10)).toBe('[░░░░░░░░░░] 0 page');
    expect(progressBar(200, 400, 10)).toBe('[█████░░░░░] 200 pages');
    expect(progressBar(450, 400, 10)).toBe('[█████████░] 450 pages');
  });

  it('sizes the bar from the model: within a tenth of the real site\'s pages', () => {
    const real = pagesIn(inject('siteDir')).length;
    const expected = expectedPages(validateProject(ROOT).model);
    expect(Math.abs(expected - real) / real).toBeLessThan(0.1);
  });
});
