/**
 * The Atom feeds of changes, read back with fast-xml-parser: well-formed XML, one
 * entry per roadmap file changed by a commit (checked against `git log`), links
 * to pages that exist. The git reader is also run on a throwaway repository and
 * outside any repository, where the feed is empty but still valid.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, inject, it } from 'vitest';
import { changesFrom, sheetFeedFile, toAtom } from '../src/lib/export/atom.ts';
import { readFileVersions, readGitHistory } from '../src/lib/export/git-history.ts';
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
      expect(e.title).toMatch(/^(Fiche|Partie|Présentation de la feuille de route)\b.* — \S/);
      expect(e.id).toMatch(/^tag:[^,]+,2024:jalons\/[0-9a-f]{40}\/[^/]+\//);
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
    expect(history[0]!.fichiers).toEqual([{ statut: 'D', chemin: `${rm.id}/fiches/ancienne.md`, blobs: { avant: expect.stringMatching(/^[0-9a-f]{40}$/), apres: undefined } }]);
    expect(history[1]!.date).toBe('2024-02-01T10:00:00+01:00');
    const urls = { roadmap: (r: string) => `https://x/${r}/`, entry: (r: string, id: string) => `https://x/${r}/${id}/` };
    const changes = changesFrom(history, model, urls);
    expect(changes.map((c) => [c.statut, c.url])).toEqual([
      ['D', `https://x/${rm.id}/`],
      ['A', `https://x/${rm.id}/a-1-2-b/`],
      ['A', `https://x/${rm.id}/`],
    ]);
    expect(changes[1]!.titre).toBe('Fiche A.1.2.b Coordination des services civiques numériques — Nouvelle fiche');
    expect(changes[0]!.titre).toBe('Fiche ancienne — Fiche supprimée');
    const f = feed(toAtom({ title: 'T', self: 'https://x/donnees/t.atom', page: 'https://x/', today }, changes));
    expect(f.entry).toHaveLength(3);
    expect(f.updated).toBe('2024-02-01T10:00:00+01:00');
  });

  it('tell what changed in the data, in French, never the commit subject', () => {
    const repo = mkdtempSync(join(tmpdir(), 'jalons-git-'));
    let clock = 0;
    const git = (...args: string[]) => {
      const date = `2024-02-0${++clock}T10:00:00+01:00`;
      const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org', GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date } });
      expect(r.status, r.stderr).toBe(0);
    };
    // The followed folder sits below the repository's root, as content/ may.
    const dir = join(repo, 'site', 'content', 'mednum49-2023-2025', 'fiches');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'a-1-2-b.md');
    const text = (statut: string, body = 'Texte.\n') => `---\ntitre: "Coordination"\nparent: a-1-2\nstatut: ${statut}\npartenaires: [caf-maine-et-loire]\n---\n${body}`;
    git('init', '-q');
    writeFileSync(file, text('a_lancer'));
    git('add', '.');
    git('commit', '-q', '-m', 'Initial import of the roadmaps from the PDF sources');
    writeFileSync(file, text('en_cours'));
    git('commit', '-q', '-am', 'Fix typo in sheet');
    writeFileSync(file, `${text('en_cours', 'Autre texte.\n').replace('[caf-maine-et-loire]', '[caf-maine-et-loire, msa-maine-et-loire]')}`);
    git('commit', '-q', '-am', 'Refactor the partners list of the sheet');
    writeFileSync(file, '---\ntitre: [cassé\n---\n');
    git('commit', '-q', '-am', 'Break the frontmatter on purpose');
    const content = join(repo, 'site', 'content');
    const history = readGitHistory(content);
    const urls = { roadmap: (r: string) => `https://x/${r}/`, entry: (r: string, id: string) => `https://x/${r}/${id}/` };
    const changes = changesFrom(history, model, urls, (requests) => readFileVersions(content, requests));
    expect(changes.map((c) => c.resume)).toEqual([
      ['Fiche modifiée'],
      ['Partenaire ajouté : MSA Maine-et-Loire', 'Texte modifié'].map((s) => s.replace('MSA Maine-et-Loire', model.acteurs.find((a) => a.id === 'msa-maine-et-loire')!.nom)),
      ['Statut : à lancer → en cours'],
      ['Nouvelle fiche'],
    ]);
    const site = toAtom({ title: 'T', self: 'https://x/donnees/t.atom', page: 'https://x/', today }, changes);
    const own = toAtom({ title: 'T', self: 'https://x/donnees/t/a.atom', page: 'https://x/', today, sheet: true }, changes);
    for (const text of [site, own]) {
      for (const subject of history.map((c) => c.sujet)) expect(text).not.toContain(subject);
      expect(text).not.toMatch(/Fix|typo|Refactor|Initial/);
    }
    const f = feed(site);
    expect(f.entry[2]!.title).toBe('Fiche A.1.2.b Coordination des services civiques numériques — Statut : à lancer → en cours');
    expect(f.entry[2]!.summary).toBe('Fiche A.1.2.b Coordination des services civiques numériques : Statut : à lancer → en cours.');
    expect(f.entry[1]!.title).toMatch(/ — Partenaire ajouté : .* \(et 1 autre modification\)$/);
    expect(feed(own).entry.map((e) => e.title)).toEqual(['Fiche modifiée', changes[1]!.resume.join(' ; '), 'Statut : à lancer → en cours', 'Nouvelle fiche']);
    // The same change keeps its id in every feed.
    expect(feed(own).entry.map((e) => e.id)).toEqual(f.entry.map((e) => e.id));
    // Outside the repository, no version is read: the summaries are the neutral ones.
    expect(readFileVersions(mkdtempSync(join(tmpdir(), 'jalons-sans-git-')), [{ hash: history[0]!.hash, chemin: 'x.md', statut: 'M' }]).size).toBe(0);
  });

  it('publish a feed per changed sheet, linked from its page and announced in its head', () => {
    const rm = model.feuilles_de_route.find((r) => r.id === 'scoran-pays-de-la-loire')!;
    const s = rm.fiches[0]!;
    const path = join(siteDir, sheetFeedFile(rm.id, s.id));
    if (!gitChanges().length) return expect(existsSync(path)).toBe(false); // a copy of the sources without git
    const own = feed(readFileSync(path, 'utf8'));
    expect(own.entry.length).toBeGreaterThan(0);
    expect(own.entry.at(-1)!.title).toBe('Nouvelle fiche');
    for (const e of own.entry) expect(e.link[0]['@href']).toBe(new URL(`${rm.id}/${s.id}/`, base).href);
    const html = readFileSync(join(siteDir, rm.id, s.id, 'index.html'), 'utf8');
    const href = `${base.pathname}${sheetFeedFile(rm.id, s.id)}`;
    expect(html).toMatch(new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="[^"]+" href="${href}"`));
    expect(html).toContain(`<a href="${href}" type="application/atom+xml">Suivre les modifications (Atom)</a>`);
    const roadmapHtml = readFileSync(join(siteDir, rm.id, 'index.html'), 'utf8');
    expect(roadmapHtml).toContain(`<a href="${base.pathname}donnees/${rm.id}.atom" type="application/atom+xml">`);
    if (existsSync(join(siteDir, 'donnees', `${rm.id}.ics`))) expect(roadmapHtml).toContain(`<a href="${base.pathname}donnees/${rm.id}.ics" type="text/calendar">`);
  });

  it('give each sheet with progress entries a news feed, newest first, and every sheet page a link to follow its news', () => {
    let withFeed = 0;
    for (const rm of model.feuilles_de_route) {
      for (const f of rm.fiches) {
        const file = join(siteDir, 'donnees', rm.id, `${f.id}.actualites.atom`);
        const html = readFileSync(join(siteDir, rm.id, f.id, 'index.html'), 'utf8');
        const href = `${base.pathname}donnees/${rm.id}/${f.id}.actualites.atom`;
        if (!f.suivi.length) {
          expect(existsSync(file), file).toBe(false);
          // Its roadmap's news instead: every sheet page can be followed.
          expect(html).toContain(`<a href="${base.pathname}donnees/${rm.id}.actualites.atom" type="application/atom+xml">Suivre les actualités de la feuille de route (Atom)</a>`);
          continue;
        }
        withFeed++;
        const news = feed(readFileSync(file, 'utf8'));
        expect(news.entry).toHaveLength(f.suivi.length);
        const updated = news.entry.map((e) => e.updated as string);
        expect(updated).toEqual([...updated].sort().reverse());
        expect(news.updated).toBe(updated[0]);
        for (const e of news.entry) expect(e.link[0]['@href']).toBe(new URL(`${rm.id}/${f.id}/`, base).href);
        expect(html).toMatch(new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="[^"]+" href="${href}"`));
        expect(html).toContain(`<a href="${href}" type="application/atom+xml">Suivre les étapes de suivi de la fiche (Atom)</a>`);
      }
    }
    expect(withFeed).toBeGreaterThan(0);
  });

  it('never show a commit subject anywhere on the built site', () => {
    const r = spawnSync('git', ['log', '--format=%s', '--', 'content'], { cwd: root, encoding: 'utf8' });
    const subjects = r.status === 0 ? r.stdout.split('\n').map((s) => s.trim()).filter((s) => s.length > 15) : [];
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : /\.(atom|html)$/.test(e.name) ? [join(dir, e.name)] : []);
    const built = files(siteDir);
    expect(built.some((f) => f.endsWith('.atom'))).toBe(true);
    const found: string[] = [];
    for (const f of built) {
      const text = readFileSync(f, 'utf8');
      // Subjects are compared as written and as escaped in XML or HTML.
      for (const s of subjects) if (text.includes(s) || text.includes(s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;'))) found.push(`${f}: ${s}`);
    }
    expect(found).toEqual([]);
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
