/**
 * A sheet's history on its page: the date of the last commit that touched its file,
 * read from git at build time, and links to its history and to "modifier cette fiche"
 * on the forge set by JALONS_DEPOT (the test site is built with a GitLab address).
 * Outside git nothing is shown and the build still works (the robustness and attack
 * corpora are built from temporary folders outside the repository).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { changesFrom } from '../src/lib/export/atom.ts';
import { readFileVersions, readGitHistory, readLastChanges } from '../src/lib/export/git-history.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { formatChangeDate } from '../src/lib/site/display.ts';
import { forgeFromEnv, forgeLinks } from '../src/lib/site/forge.ts';
import { TEST_FORGE } from './setup/build-site.ts';

const root = join(import.meta.dirname, '..');
const gitDate = (file: string) => spawnSync('git', ['log', '-1', '--format=%cI', '--', file], { cwd: root, encoding: 'utf8' }).stdout.trim();

describe('forge links', () => {
  it('builds GitHub and GitLab edit and history addresses for a file', () => {
    expect(forgeLinks({ type: 'github', depot: 'https://github.com/org/jalons', branche: 'main' }, 'content/mayenne/fiches/fiche 1.md')).toEqual({
      modifier: 'https://github.com/org/jalons/edit/main/content/mayenne/fiches/fiche%201.md',
      historique: 'https://github.com/org/jalons/commits/main/content/mayenne/fiches/fiche%201.md',
    });
    expect(forgeLinks({ type: 'gitlab', depot: 'https://gitlab.cd53.fr/numerique/jalons', branche: 'publication' }, 'content/a.md')).toEqual({
      modifier: 'https://gitlab.cd53.fr/numerique/jalons/-/edit/publication/content/a.md',
      historique: 'https://gitlab.cd53.fr/numerique/jalons/-/commits/publication/content/a.md',
    });
  });

  it('reads the forge from the environment, guessing GitLab from its address, and says what is wrong', () => {
    expect(forgeFromEnv({})).toBeNull();
    expect(forgeFromEnv({ JALONS_DEPOT: 'https://gitlab.exemple.fr/g/p/' })).toEqual({ type: 'gitlab', depot: 'https://gitlab.exemple.fr/g/p', branche: 'main' });
    expect(forgeFromEnv({ JALONS_DEPOT: 'https://forge.exemple.fr/g/p', JALONS_FORGE: 'gitlab', JALONS_CMS_BRANCH: 'prod' })).toEqual({ type: 'gitlab', depot: 'https://forge.exemple.fr/g/p', branche: 'prod' });
    expect(forgeFromEnv({ JALONS_CMS_REPO: 'cd49/jalons' })).toEqual({ type: 'github', depot: 'https://github.com/cd49/jalons', branche: 'main' });
    expect(() => forgeFromEnv({ JALONS_DEPOT: 'github.com/org/x' })).toThrow("JALONS_DEPOT : « github.com/org/x » n'est pas une adresse complète (https://github.com/organisation/depot).");
    expect(() => forgeFromEnv({ JALONS_DEPOT: 'https://x.fr/a', JALONS_FORGE: 'gitea' })).toThrow("JALONS_FORGE : « gitea » n'est pas reconnu ; écrivez « github » ou « gitlab ».");
  });
});

describe('last change of each file, from git', () => {
  it('gives the date of the newest commit that touched a content file', () => {
    const file = 'content/mednum49-2023-2025/fiches/a-1-1.md';
    const { last } = readLastChanges(root, join(root, 'content'));
    const expected = gitDate(file);
    if (!expected) return expect(last.size).toBe(0); // a copy of the sources without git
    expect(last.get(file)?.date).toBe(expected);
  });

  it('is empty outside a repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalons-sans-git-'));
    try {
      expect(readLastChanges(dir, dir).last.size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the day in French, in UTC', () => {
    expect(formatChangeDate('2026-12-01T23:30:00-02:00')).toBe('2 décembre 2026');
    expect(formatChangeDate('2026-03-01T10:00:00+00:00')).toBe('1er mars 2026');
  });
});

describe('on the sheet page', () => {
  const siteDir = inject('siteDir');
  const file = 'content/scoran-pays-de-la-loire/fiches/action-1-1-1-1.md';
  const html = readFileSync(join(siteDir, 'scoran-pays-de-la-loire', 'action-1-1-1-1', 'index.html'), 'utf8');

  it('shows the last change date read from git', () => {
    const expected = gitDate(file);
    if (!expected) return expect(html).not.toContain('Dernière modification');
    expect(html).toContain(`Dernière modification le <time datetime="${expected}">${formatChangeDate(expected)}</time>`);
  });

  it('says in French what the last change did to the sheet\'s data, never the commit subject', () => {
    const expected = gitDate(file);
    if (!expected) return;
    const content = join(root, 'content');
    const history = readGitHistory(content);
    const last = changesFrom(history, validateProject(root).model, { roadmap: () => '', entry: () => '' }, (r) => readFileVersions(content, r))
      .find((c) => c.chemin === 'scoran-pays-de-la-loire/fiches/action-1-1-1-1.md')!;
    expect(last.resume.length).toBeGreaterThan(0);
    const escaped = last.resume.join(' ; ').replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(html).toContain(`${formatChangeDate(expected)}</time> — ${escaped}`);
    const subject = history.find((c) => c.hash === last.hash)!.sujet;
    expect(html).not.toContain(subject);
  });

  it('links to the sheet\'s history and to its editor on the forge', () => {
    const links = forgeLinks(forgeFromEnv(TEST_FORGE)!, file);
    expect(html).toContain(`<a href="${links.historique}" class="lien-externe" rel="external noopener">Historique des modifications<span class="sr-only"> (sur GitLab)</span></a>`);
    expect(html).toContain(`<a href="${links.modifier}" class="lien-externe" rel="external noopener">Modifier cette fiche<span class="sr-only"> (sur GitLab)</span></a>`);
  });
});
