/**
 * A sheet's freshness: its newest progress entry, else the last commit that changed its
 * data (a re-formatting commit does not count), else nothing. Checked on a temporary git
 * repository holding the « suivi » fixture with hand-set commit dates, on a shallow clone
 * of it (the commit where the history is cut dates nothing), and on a plain copy without
 * git; then in the model, in words, and in the reminders of npm run relances.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastDataChanges } from '../src/lib/export/freshness.ts';
import { readGitHistory } from '../src/lib/export/git-history.ts';
import { reminders } from '../src/lib/editor/reminders.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { freshnessText } from '../src/lib/site/progress-view.ts';
import { FIXTURES, ROOT } from './support/content-tree.ts';
import { runCli } from './support/run.ts';

const parent = mkdtempSync(join(tmpdir(), 'jalons-fraicheur-'));
const repo = join(parent, 'depot');
const content = join(repo, 'content');
const shallow = join(parent, 'superficiel');
const plain = join(parent, 'sans-git');
/** Paths as the model's « fichier » gives them: from the project root the build runs in. */
const fichier = (dir: string, id: string) => `${relative(ROOT, dir)}/suivi/fiches/${id}.md`;

function git(cwd: string, date: string, ...args: string[]) {
  const r = spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} : ${r.stderr}`);
}
const edit = (id: string, from: string, to: string) => {
  const file = join(content, 'suivi', 'fiches', `${id}.md`);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`rien à remplacer dans ${id}`);
  writeFileSync(file, text.replace(from, to));
};

beforeAll(() => {
  cpSync(join(FIXTURES, 'suivi'), content, { recursive: true });
  cpSync(join(FIXTURES, 'suivi'), plain, { recursive: true });
  git(repo, '2024-02-01T10:00:00+01:00', 'init', '-q');
  git(repo, '2024-02-01T10:00:00+01:00', 'add', '.');
  git(repo, '2024-02-01T10:00:00+01:00', 'commit', '-q', '-m', 'Import initial des fiches');
  // B.3 is given a status: a change of its data.
  edit('b-3', 'calendrier: "2023-2024"', 'statut: en_cours\ncalendrier: "2023-2024"');
  git(repo, '2024-06-10T09:00:00+02:00', 'commit', '-q', '-am', 'SECRET-SUJET statut de B.3');
  // Then B.3 and A.2 are only re-formatted: the same data, written otherwise.
  edit('b-3', 'calendrier: "2023-2024"', 'calendrier: \'2023-2024\'');
  edit('a-2', '\n---\n', '\n---\n\n');
  git(repo, '2024-09-20T09:00:00+02:00', 'commit', '-q', '-am', 'SECRET-SUJET mise en forme de toutes les fiches');
  // And B.1's summary changes, late in the evening west of Greenwich: 6 October in UTC.
  edit('b-1', 'titre:', 'resume: Un bus qui va de commune en commune.\ntitre:');
  git(repo, '2024-10-05T23:30:00-02:00', 'commit', '-q', '-am', 'SECRET-SUJET résumé de B.1');
  // Two commits kept: the re-formatting one is where this clone's history is cut.
  spawnSync('git', ['clone', '-q', '--depth', '2', `file://${repo}`, shallow], { encoding: 'utf8' });
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('last data change of each sheet, from git', () => {
  it('is the newest commit that changed the sheet\'s data, a re-formatting aside', () => {
    const last = lastDataChanges(ROOT, content);
    expect(last.get(fichier(content, 'b-3'))).toBe('2024-06-10');
    expect(last.get(fichier(content, 'a-2'))).toBe('2024-02-01');
    // The day in UTC, as the page's « Dernière modification le » gives it.
    expect(last.get(fichier(content, 'b-1'))).toBe('2024-10-06');
    expect(last.get(fichier(content, 'a-1'))).toBe('2024-02-01');
    // Only sheets: the roadmap and its nodes have no freshness.
    expect([...last.keys()].every((k) => k.includes('/fiches/'))).toBe(true);
    expect(last.size).toBe(5);
  });

  it('in a shallow clone, dates only what the kept history shows, never the cut', () => {
    const dir = join(shallow, 'content');
    const history = readGitHistory(dir, null);
    expect(history.map((c) => c.date.slice(0, 10))).toEqual(['2024-10-05', '2024-09-20']);
    // git shows the cut commit as creating every file: none of that is taken as a change.
    expect(history[1]!.fichiers).toEqual([]);
    expect(Object.fromEntries(lastDataChanges(ROOT, dir))).toEqual({ [fichier(dir, 'b-1')]: '2024-10-06' });
  });

  it('is empty without git', () => {
    expect(lastDataChanges(ROOT, plain).size).toBe(0);
  });
});

describe('freshness in the model and in words', () => {
  const sheet = (dir: string, id: string, changes = true) =>
    validateProject(ROOT, dir, '2025-01-15', changes ? () => lastDataChanges(ROOT, dir) : undefined).model.feuilles_de_route[0]!.fiches.find((f) => f.id === id)!;

  it('comes from the newest progress entry when there is one, whatever git says', () => {
    const a1 = sheet(content, 'a-1');
    expect(a1.derniere_modification).toBe('2024-02-01');
    expect(a1.fraicheur).toEqual({ source: 'suivi', date: a1.suivi[0]!.date });
    expect(freshnessText(a1)).toBe('Dernière étape de suivi : 10 janvier 2025.');
  });

  it('else from the file\'s last data change, said as such', () => {
    const b3 = sheet(content, 'b-3');
    expect(b3.suivi).toEqual([]);
    expect(b3.fraicheur).toEqual({ source: 'modification', date: { texte: '2024-06-10', debut: '2024-06-10', fin: '2024-06-10', precision: 'jour' } });
    expect(freshnessText(b3)).toBe('Aucune étape de suivi ; données de la fiche modifiées pour la dernière fois le 10 juin 2024.');
  });

  it('else nothing: no git history, no date', () => {
    const b3 = sheet(plain, 'b-3');
    expect([b3.derniere_modification, b3.fraicheur]).toEqual([null, null]);
    expect(freshnessText(b3)).toBe('Aucune étape de suivi.');
    // The model never reads git itself: without the build's map, the same.
    expect(sheet(content, 'b-3', false).fraicheur).toBeNull();
  });
});

describe('reminders use the freshness', () => {
  const model = () => validateProject(ROOT, content, '2024-11-01', () => lastDataChanges(ROOT, content)).model;

  it('a sheet without progress entry whose data changed recently is not asked for news; re-formatting does not count', () => {
    // B.3's data changed on 10 June (its re-formatting of 20 September aside): less than 6 months before 1 November…
    const soon = reminders(model(), { today: '2024-11-01', months: 6, contentValid: true }).feuilles_de_route[0]!;
    expect(soon.sans_nouvelles.map((s) => s.id)).not.toContain('b-3');
    // …but more than 4: had the re-formatting counted, B.3 would not be listed.
    const later = reminders(model(), { today: '2024-11-01', months: 4, contentValid: true }).feuilles_de_route[0]!;
    expect(later.sans_nouvelles.map((s) => s.id)).toContain('b-3');
    expect(later.markdown).toContain('- B.3 Coffres-forts numériques : En cours ; aucune étape de suivi ; données de la fiche modifiées le 10 juin 2024.');
  });

  it('npm run relances reads the history of the content folder it is given, and does without one', async () => {
    const withGit = await runCli(join(ROOT, 'src', 'cli', 'relances.ts'), ['--contenu', content, '--sans-nouvelles', '4'], { JALONS_AUJOURDHUI: '2024-11-01', JALONS_SITE: '' });
    expect(withGit.status).toBe(0);
    expect(withGit.stdout).toContain('- B.3 Coffres-forts numériques : En cours ; aucune étape de suivi ; données de la fiche modifiées le 10 juin 2024.');
    expect(withGit.stdout).not.toContain('SECRET-SUJET');
    // The same content without git: B.3 is still asked for news, with no date made up.
    edit('b-3', 'calendrier: \'2023-2024\'', 'calendrier: "2023-2024"');
    cpSync(join(content, 'suivi', 'fiches', 'b-3.md'), join(plain, 'suivi', 'fiches', 'b-3.md'));
    const withoutGit = await runCli(join(ROOT, 'src', 'cli', 'relances.ts'), ['--contenu', plain, '--sans-nouvelles', '6'], { JALONS_AUJOURDHUI: '2024-11-01', JALONS_SITE: '' });
    expect(withoutGit.status).toBe(0);
    expect(withoutGit.stdout).toContain('- B.3 Coffres-forts numériques : En cours ; aucune étape de suivi.');
  });
});
