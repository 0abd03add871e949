/**
 * The Atom feeds of changes, read back with fast-xml-parser: well-formed XML, one
 * entry per roadmap file changed by a commit (checked against `git log`), links
 * to pages that exist. The git reader is also run on a throwaway repository and
 * outside any repository, where the feed is empty but still valid.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, inject, it } from 'vitest';
import { changesFrom, toAtom } from '../src/lib/export/atom.ts';
import { readGitHistory } from '../src/lib/export/git-history.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
const siteDir = inject('siteDir');
const today = inject('today');
const model = validateProject(root).model;
const base = new URL('.', readFileSync(join(siteDir, 'robots.txt'), 'utf8').match(/Sitemap: (\S+)/)![1]!);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'link' });

function feed(text: string): { id: string; title: string; updated: string; entry: Entry[] } {
  expect(XMLValidator.validate(text)).toBe(true);
  const f = parser.parse(text).feed;
  expect(f['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  return { ...f, entry: (f.entry ?? []) as Entry[] };
}
type Entry = Record<string, any>;
const pageExists = (href: string) => existsSync(join(siteDir, new URL(href).pathname.slice(base.pathname.length), 'index.html'));

/** Roadmap files per commit, straight from git, to compare with the feed. */
function gitChanges(): Array<{ hash: string; path: string }> {
  const r = spawnSync('git', ['log', '-n500', '--no-renames', '--name-only', '--format=@%H', '--', 'content'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) return [];
  const out: Array<{ hash: string; path: string }> = [];
  let hash = '';
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('@')) hash = line.slice(1);
    else if (/^content\/[^/]+\/(feuille-de-route\.md|(fiches|noeuds)\/[^/]+\.md)$/.test(line) && model.feuilles_de_route.some((rm) => line.startsWith(`content/${rm.id}/`))) out.push({ hash, path: line });
  }
  return out;
}

describe('Atom feeds', () => {
  it('list the changes of every roadmap from git, with links to existing pages', () => {
    const all = feed(readFileSync(join(siteDir, 'donnees', 'modifications.atom'), 'utf8'));
    const expected = gitChanges();
    expect(all.entry.length).toBe(Math.min(expected.length, 100));
    expect(all.id).toBe(new URL('donnees/modifications.atom', base).href);
    expect(all.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    for (const e of all.entry) {
      expect(e.title).toMatch(/(ajoutée|modifiée|supprimée)$/);
      expect(e.summary).toBeTruthy();
      expect(new Date(e.updated).getTime()).not.toBeNaN();
      expect(pageExists(e.link[0]['@href']), e.link[0]['@href']).toBe(true);
    }
    expect(new Set(all.entry.map((e) => e.id)).size).toBe(all.entry.length);
    for (const rm of model.feuilles_de_route) {
      const own = feed(readFileSync(join(siteDir, 'donnees', `${rm.id}.atom`), 'utf8'));
      const mine = expected.filter((c) => c.path.startsWith(`content/${rm.id}/`));
      expect(own.entry.length).toBe(Math.min(mine.length, 100));
      for (const e of own.entry) expect(e.category['@term']).toBe(rm.id);
      const sheetEntry = own.entry.find((e) => e.link[0]['@href'].match(/\/[^/]+\/[^/]+\/$/) && !e.link[0]['@href'].endsWith(`/${rm.id}/`));
      if (sheetEntry) expect(sheetEntry.title).toMatch(/^(Fiche|Partie) /);
    }
  });

  it('read a repository\'s history: which file, when, with which subject', () => {
    const repo = mkdtempSync(join(tmpdir(), 'jalons-git-'));
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org', GIT_COMMITTER_DATE: '2024-02-01T10:00:00+01:00', GIT_AUTHOR_DATE: '2024-02-01T10:00:00+01:00' } });
      expect(r.status, r.stderr).toBe(0);
    };
    git('init', '-q');
    const rm = model.feuilles_de_route.find((r) => r.id === 'mednum49-2023-2025')!;
    mkdirSync(join(repo, 'content', rm.id, 'fiches'), { recursive: true });
    writeFileSync(join(repo, 'content', rm.id, 'fiches', 'a-1-2-b.md'), '---\ntitre: x\n---\n');
    writeFileSync(join(repo, 'content', rm.id, 'fiches', 'ancienne.md'), '---\ntitre: y\n---\n');
    git('add', '.');
    git('commit', '-q', '-m', 'Première version');
    git('rm', '-q', join('content', rm.id, 'fiches', 'ancienne.md'));
    git('commit', '-q', '-m', 'Fiche retirée');
    const history = readGitHistory(join(repo, 'content'));
    expect(history.map((c) => c.sujet)).toEqual(['Fiche retirée', 'Première version']);
    expect(history[0]!.fichiers).toEqual([{ statut: 'D', chemin: `${rm.id}/fiches/ancienne.md` }]);
    expect(history[1]!.date).toBe('2024-02-01T10:00:00+01:00');
    const urls = { roadmap: (r: string) => `https://x/${r}/`, entry: (r: string, id: string) => `https://x/${r}/${id}/` };
    const changes = changesFrom(history, model, urls);
    expect(changes.map((c) => [c.statut, c.url])).toEqual([
      ['D', `https://x/${rm.id}/`],
      ['A', `https://x/${rm.id}/a-1-2-b/`],
      ['A', `https://x/${rm.id}/`],
    ]);
    expect(changes[1]!.titre).toBe('Fiche A.1.2.b Coordination des services civiques numériques ajoutée');
    const f = feed(toAtom({ title: 'T', self: 'https://x/donnees/t.atom', page: 'https://x/', today }, changes));
    expect(f.entry).toHaveLength(3);
    expect(f.updated).toBe('2024-02-01T10:00:00+01:00');
  });

  it('still build outside git, with an empty but valid feed', () => {
    const plain = mkdtempSync(join(tmpdir(), 'jalons-sans-git-'));
    expect(readGitHistory(plain)).toEqual([]);
    expect(readGitHistory(join(plain, 'absent'))).toEqual([]);
    const f = feed(toAtom({ title: 'Vide', self: 'https://x/donnees/v.atom', page: 'https://x/', today }, changesFrom(readGitHistory(plain), model, { roadmap: (r) => r, entry: (r, i) => `${r}/${i}` })));
    expect(f.entry).toEqual([]);
    expect(f.updated).toBe(`${today}T00:00:00Z`);
    expect(f.title).toBe('Vide');
  });
});
