/**
 * The build is deterministic, and incremental builds never publish a stale page. A content tree is built once to
 * fill its cache; then one sheet's body, another sheet's title (seen on its neighbours,
 * its parent node and the roadmap) and a glossary entry (seen in every body) change. The
 * rebuild that reuses the cache must give, byte for byte, the site a build without any
 * cache gives, while copying the pages nothing touched.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshOutDir, makeContentTree, type ContentTree } from './support/content-tree.ts';
import { listFiles } from './support/html.ts';
import { buildSite } from './support/run.ts';

let tree: ContentTree;
const outs: string[] = [];

async function build(env: Record<string, string> = {}) {
  const out = freshOutDir('jalons-incremental-');
  outs.push(out);
  const run = await buildSite(tree.relative, out, { JALONS_LOG: 'info', ...env });
  return { out, log: run.stdout + run.stderr };
}

const edit = (file: string, from: string | RegExp, to: string) => {
  const path = join(tree.dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`rien à remplacer dans ${file}`);
  writeFileSync(path, next);
};

/** Every file but the search index (which Pagefind writes anew) identical between two sites. */
function differences(a: string, b: string): string[] {
  const files = listFiles(b).filter((f) => !f.startsWith('pagefind/'));
  const mine = listFiles(a).filter((f) => !f.startsWith('pagefind/'));
  if (mine.join('\n') !== files.join('\n')) return ['(listes de fichiers différentes)'];
  return files.filter((f) => !readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

/** A rebuild that reuses the cache, and the same content built without any cache. */
async function rebuild() {
  const cached = await build();
  const fresh = await build({ JALONS_SANS_CACHE: '1' });
  return { ...cached, differ: differences(cached.out, fresh.out), copied: cached.log.match(/\((restored|cached)\)/g)?.length ?? 0 };
}

beforeAll(async () => {
  tree = makeContentTree('valide', {}, 'jalons-incremental-');
  // An abbreviation in a page no other edit touches: only the glossary change reaches it.
  edit('exemple/noeuds/axe-a.md', /\n---\n/, '\n---\n\nLes EPCI du territoire.\n\n');
  await build();
}, 120_000);

afterAll(() => {
  tree?.remove();
  for (const out of outs) rmSync(dirname(out), { recursive: true, force: true });
});

describe('determinism', () => {
  it('two builds of the same content without cache give byte-identical sites, search index included', async () => {
    const a = await build({ JALONS_SANS_CACHE: '1' });
    const b = await build({ JALONS_SANS_CACHE: '1' });
    const files = listFiles(a.out);
    expect(listFiles(b.out)).toEqual(files);
    expect(files.filter((f) => !readFileSync(join(a.out, f)).equals(readFileSync(join(b.out, f))))).toEqual([]);
  }, 120_000);

  it('a build split across two rendering processes gives the site one process gives, also when rebuilt from its caches', async () => {
    const whole = await build({ JALONS_SANS_CACHE: '1', JALONS_PARALLELE: '1' });
    const split = await build({ JALONS_SANS_CACHE: '1', JALONS_PARALLELE: '2' });
    expect(differences(split.out, whole.out)).toEqual([]);
    // The split build indexes one process's pages while the other still renders: the same pages are found.
    const fragments = (dir: string) => listFiles(dir).filter((f) => f.startsWith('pagefind/fragment/'));
    expect(fragments(split.out)).toEqual(fragments(whole.out));
    expect(fragments(whole.out).length).toBeGreaterThan(3);
    // Each process has its own cache; the pages of both are copied on a rebuild.
    await build({ JALONS_PARALLELE: '2' });
    const again = await build({ JALONS_PARALLELE: '2' });
    expect(differences(again.out, whole.out)).toEqual([]);
    expect(again.log.match(/\((restored|cached)\)/g)?.length).toBeGreaterThan(0);
  }, 180_000);
});

describe('incremental build', () => {
  it('copies every node and sheet page when nothing changed', async () => {
    const r = await rebuild();
    expect(r.differ).toEqual([]);
    expect(r.copied).toBe(5); // 2 nodes and 3 sheets in the fixture
  }, 120_000);

  it('renders again every page a glossary change reaches (an abbreviation may sit in any body)', async () => {
    edit('glossaire/epci.yaml', /definition: .*/, 'definition: "Établissement public de coopération intercommunale (définition modifiée)"');
    const r = await rebuild();
    expect(r.differ).toEqual([]);
    expect(readFileSync(join(r.out, 'exemple/axe-a/index.html'), 'utf8')).toContain('(définition modifiée)');
  }, 120_000);

  it('after a body and a title change, gives exactly the site a build without cache gives', async () => {
    edit('exemple/fiches/a-1-1.md', /\n---\n/, '\n---\n\nUn paragraphe ajouté après la première construction.\n\n');
    // The title shows on the neighbours, the parent node and the roadmap's tree.
    edit('exemple/fiches/a-1-2.md', 'titre: Services civiques', 'titre: Services civiques numériques');
    const r = await rebuild();
    expect(r.differ).toEqual([]);
    expect(readFileSync(join(r.out, 'exemple/a-1-1/index.html'), 'utf8')).toContain('Un paragraphe ajouté après la première construction');
    expect(readFileSync(join(r.out, 'exemple/a-1-2-a/index.html'), 'utf8')).toContain('Services civiques numériques');
  }, 120_000);

  it('renders only the page whose body changed', async () => {
    edit('exemple/fiches/a-1-2-a.md', /\n---\n/, '\n---\n\nUne seule fiche change.\n\n');
    const r = await rebuild();
    expect(r.differ).toEqual([]);
    expect(r.copied).toBe(4);
    expect(readFileSync(join(r.out, 'exemple/a-1-2-a/index.html'), 'utf8')).toContain('Une seule fiche change.');
  }, 120_000);

  it('a commit alone (the files as they were) moves a sheet\'s freshness: that page is rendered again, the others copied', async () => {
    const git = (date: string, ...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], {
        cwd: tree.dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
      if (r.status !== 0) throw new Error(r.stderr);
    };
    git('2024-01-10T10:00:00+01:00', 'init', '-q');
    git('2024-01-10T10:00:00+01:00', 'add', '.');
    git('2024-01-10T10:00:00+01:00', 'commit', '-q', '-m', 'Première version');
    edit('exemple/fiches/a-1-1.md', /\n---\n/, '\n---\n\nUn texte écrit avant le commit.\n\n');
    await rebuild();
    // The same files, now committed: only git knows, and a-1-1's data changed on 5 February.
    git('2024-02-05T10:00:00+01:00', 'commit', '-q', '-am', 'Texte de a-1-1');
    const r = await rebuild();
    expect(r.differ).toEqual([]);
    expect(r.copied).toBe(4);
    const html = readFileSync(join(r.out, 'exemple/a-1-1/index.html'), 'utf8');
    expect(html).toContain('données de la fiche modifiées pour la dernière fois le 5 février 2024.');
  }, 180_000);
});
