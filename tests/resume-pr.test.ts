/** The pull-request summary, computed on a real (temporary) git repository. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatJson } from '../src/lib/build/report.ts';
import { changedData, changedFiles, codeQuality, prSummary, type ValidationJson } from '../src/lib/editor/resume-pr.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
let repo: string;
const git = (...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.email=ci@example.org', '-c', 'user.name=CI', ...args], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
};
const validation = (): ValidationJson => {
  const r = validateProject(repo);
  return JSON.parse(formatJson(r.ok, r.problems, r.model));
};

beforeAll(() => {
  // main holds the valid fixture; the branch "proposition" changes a sheet, breaks another, adds and removes files.
  repo = mkdtempSync(join(tmpdir(), 'jalons-pr-'));
  cpSync(join(root, 'tests', 'fixtures', 'valide'), join(repo, 'content'), { recursive: true });
  writeFileSync(join(repo, 'README.md'), 'dépôt de test\n');
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'départ');
  git('checkout', '-qb', 'proposition');
  const a11 = join(repo, 'content', 'exemple', 'fiches', 'a-1-1.md');
  writeFileSync(a11, readFileSync(a11, 'utf8').replace(/^statut: .*$/m, '').replace(/^titre: .*$/m, '$&\nstatut: encours'));
  const a12 = join(repo, 'content', 'exemple', 'fiches', 'a-1-2.md');
  writeFileSync(a12, readFileSync(a12, 'utf8').replace('titre: Services civiques', 'titre: Services civiques renforcés'));
  writeFileSync(join(repo, 'content', 'exemple', 'fiches', 'a-1-3.md'), '---\ntitre: Nouvelle fiche\ncode: A.1.3\nparent: a-1\n---\n');
  writeFileSync(join(repo, 'content', 'glossaire', 'caf.yaml'), 'sigle: CAF\ndefinition: Caisse d\'allocations familiales\n');
  rmSync(join(repo, 'README.md'));
  git('add', '-A');
  git('commit', '-qm', 'proposition');
});

describe('changedFiles', () => {
  it('lists the files the branch changes since its merge base, with their status', () => {
    expect(changedFiles(repo, 'main')).toEqual([
      { fichier: 'README.md', statut: 'supprimé' },
      { fichier: 'content/exemple/fiches/a-1-1.md', statut: 'modifié' },
      { fichier: 'content/exemple/fiches/a-1-2.md', statut: 'modifié' },
      { fichier: 'content/exemple/fiches/a-1-3.md', statut: 'ajouté' },
      { fichier: 'content/glossaire/caf.yaml', statut: 'ajouté' },
    ]);
  });

  it('returns null when the base cannot be compared (shallow clone, unknown ref)', () => {
    expect(changedFiles(repo, 'branche-inconnue')).toBeNull();
    expect(changedFiles(repo, '0000000000000000000000000000000000000000')).toBeNull();
  });
});

describe('prSummary', () => {
  it('names the roadmap and the sheets changed, and puts the errors of changed files first', () => {
    const summary = prSummary(changedFiles(repo, 'main'), validation());
    expect(summary).toContain('✗ **1 erreur**');
    expect(summary).toContain('- **Feuille de route d\'exemple** (`exemple`)');
    expect(summary).toContain('  - Fiche A.1.2 « Services civiques renforcés » (modifié)');
    expect(summary).toContain('  - Fiche A.1.3 « Nouvelle fiche » (ajouté)');
    expect(summary).toMatch(/ {2}- Fiche `a-1-1` \(modifié\) ✗/);
    expect(summary).toContain('- Glossaire `content/glossaire/caf.yaml` (ajouté)');
    expect(summary).toContain('1 autre fichier modifié hors du contenu');
    expect(summary).toContain('### Dans les fichiers modifiés');
    expect(summary).toMatch(/\| `content\/exemple\/fiches\/a-1-1.md:3` \| erreur \| statut \| Le texte « encours » n'est pas une valeur admise/);
  });

  it('says field by field what a modified sheet changes, and links each changed page of the review site', () => {
    const changed = changedFiles(repo, 'main')!;
    const v = validation();
    const summary = prSummary(changed, v, 'content', { details: changedData(repo, 'main', changed, v), previewUrl: 'https://revue.example.org/mr-12' });
    expect(summary).toContain('  - Fiche A.1.2 « Services civiques renforcés » (modifié) : [voir la page](https://revue.example.org/mr-12/exemple/a-1-2/)\n    - Titre : « Services civiques » → « Services civiques renforcés »');
    // The broken sheet still says what changed in it, even though the site cannot show it.
    expect(summary).toContain("  - Fiche `a-1-1` (modifié) ✗\n    - Statut ajouté : encours");
    // A new file says so by its status, with no field list.
    expect(summary).toContain('  - Fiche A.1.3 « Nouvelle fiche » (ajouté) : [voir la page](https://revue.example.org/mr-12/exemple/a-1-3/)\n- Glossaire');
  });

  it('links each page\'s index.html on a review site that serves only named files (GitLab\'s artifact browser)', () => {
    const changed = changedFiles(repo, 'main')!;
    const v = validation();
    const apercu = 'https://groupe.gitlab.io/-/jalons/-/jobs/42/artifacts/dist/';
    const summary = prSummary(changed, v, 'content', { details: changedData(repo, 'main', changed, v), previewUrl: apercu, previewIndex: true });
    expect(summary).toContain(`  - Fiche A.1.2 « Services civiques renforcés » (modifié) : [voir la page](${apercu}exemple/a-1-2/index.html)`);
    expect(summary).not.toMatch(/\]\([^)]*\/\)/);
  });

  it('says so when the content is valid, and when nothing can be compared', () => {
    git('checkout', '-q', 'main');
    try {
      const summary = prSummary(null, validation());
      expect(summary).toContain('✓ **Contenu valide**');
      expect(summary).toContain('comparaison avec la branche de base est impossible');
    } finally {
      git('checkout', '-q', 'proposition');
    }
  });

  it('runs from the command line as the workflows call it', () => {
    const out = spawnSync(process.execPath, [join(root, 'src/cli/resume-pr.ts'), '--base', 'main', '--code-quality', 'cq.json'], { cwd: repo, encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Fiche A.1.3 « Nouvelle fiche » (ajouté)');
    const report = JSON.parse(readFileSync(join(repo, 'cq.json'), 'utf8'));
    expect(report).toEqual([expect.objectContaining({ severity: 'major', location: { path: 'content/exemple/fiches/a-1-1.md', lines: { begin: 3 } } })]);
  });
});

describe('codeQuality', () => {
  it('gives each problem a stable fingerprint', () => {
    const p = { fichier: 'content/x.md', ligne: 2, colonne: 1, chemin: 'titre', message: 'm', gravite: 'avertissement' as const };
    const [a] = JSON.parse(codeQuality([p]));
    expect(a).toMatchObject({ severity: 'minor', description: 'titre : m' });
    expect(JSON.parse(codeQuality([p]))[0].fingerprint).toBe(a.fingerprint);
  });
});
