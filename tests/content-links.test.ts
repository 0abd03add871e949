/**
 * Every tool that reads or writes the content folder besides the validator (the CMS
 * configuration, the sheet and roadmap scaffolds, the spreadsheet import) sees it as the
 * validator does: a link is never followed (nothing read or written outside the content
 * folder), a FIFO is never opened for reading, and each refusal is a French message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRoadmaps } from '../src/lib/editor/cms-config.ts';
import { newRoadmap, newSheet, ScaffoldError } from '../src/lib/editor/scaffold.ts';
import { planImport } from '../src/lib/import/sheets.ts';
import { makeContentTree, type ContentTree } from './support/content-tree.ts';

const trees: ContentTree[] = [];
const tree = (files: Parameters<typeof makeContentTree>[1] = {}) => {
  const t = makeContentTree('valide', files, 'jalons-liens-');
  trees.push(t);
  return t;
};
afterEach(() => {
  for (const t of trees.splice(0)) t.remove();
});

const SECRET = 'ghp_JalonsFauxJeton5f0c9e2d';
const outsideRoadmap = (path: string, outside: string) => {
  const folder = join(outside, 'feuille');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'feuille-de-route.md'), `---\ntitre: ${SECRET}\n---\n`);
  symlinkSync(folder, path);
};
const fifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);

describe('CMS configuration (npm run cms)', () => {
  it('lists only real roadmap folders, and never opens a FIFO or follows a link', () => {
    const t = tree({ ailleurs: outsideRoadmap, 'tube/feuille-de-route.md': fifo });
    const roadmaps = readRoadmaps(t.dir);
    expect(roadmaps.map((r) => r.id)).toEqual(['exemple']);
    expect(JSON.stringify(roadmaps)).not.toContain(SECRET);
  });
});

describe('scaffolds (npm run nouvelle-fiche, nouvelle-feuille-de-route)', () => {
  it('does not write through a linked fiches/ folder', () => {
    let outsideDir = '';
    const t = tree({
      'exemple/fiches': (path, outside) => {
        outsideDir = join(outside, 'fiches');
        mkdirSync(outsideDir);
        symlinkSync(outsideDir, path);
      },
    });
    expect(() => newSheet(t.dir, { feuilleDeRoute: 'exemple', parent: 'a-1', titre: 'Nouvelle' })).toThrow(/fiches : Cette entrée est un lien symbolique/);
    expect(readdirSync(outsideDir)).toEqual([]);
  });

  it('does not create a file through a dangling link, nor a roadmap through a linked folder', () => {
    let target = '';
    const t = tree({
      'exemple/fiches/nouvelle.md': (path, outside) => {
        target = join(outside, 'cible.md');
        symlinkSync(target, path);
      },
      ailleurs: outsideRoadmap,
    });
    expect(() => newSheet(t.dir, { feuilleDeRoute: 'exemple', parent: 'a-1', titre: 'Nouvelle' })).toThrow(/nouvelle\.md : Cette entrée est un lien symbolique/);
    expect(existsSync(target)).toBe(false);
    expect(() => newRoadmap(t.dir, { id: 'ailleurs', titre: 'Ailleurs' })).toThrow(ScaffoldError);
    expect(() => newSheet(t.dir, { feuilleDeRoute: 'ailleurs', parent: 'a-1', titre: 'x' })).toThrow(/La feuille de route « ailleurs » n'existe pas/);
  });
});

describe('spreadsheet import (npm run importer)', () => {
  const table = { colonnes: ['id', 'titre', 'chemin'], lignes: [{ ligne: 2, cells: { id: 'nouvelle', titre: 'Nouvelle', chemin: 'a-1' } }] };

  it('refuses a content folder that holds a link or a FIFO, naming each', () => {
    const t = tree({ 'exemple/fiches/lien.md': (path, outside) => { writeFileSync(join(outside, 'f.md'), SECRET); symlinkSync(join(outside, 'f.md'), path); }, 'exemple/fiches/tube.md': fifo });
    const plan = planImport(table, { projectRoot: join(t.dir, '..'), contentDir: t.dir, roadmap: 'exemple' });
    expect(plan.fichiers).toEqual([]);
    expect(plan.erreurs.map((e) => e.message)).toEqual([
      expect.stringMatching(/^content\/exemple\/fiches\/lien\.md : Cette entrée est un lien symbolique/),
      expect.stringMatching(/^content\/exemple\/fiches\/tube\.md : Cette entrée est un tube nommé/),
    ]);
    expect(JSON.stringify(plan)).not.toContain(SECRET);
  });

  it('plans from a content folder that is itself a link without writing into it', () => {
    const t = tree();
    const project = join(t.dir, '..', 'projet');
    mkdirSync(project);
    symlinkSync(t.dir, join(project, 'content'));
    const before = readdirSync(join(t.dir, 'exemple', 'fiches')).sort();
    const plan = planImport(table, { projectRoot: project, contentDir: join(project, 'content'), roadmap: 'exemple' });
    expect(plan.erreurs).toEqual([]);
    expect(plan.fichiers.map((f) => [f.id, f.action])).toEqual([['nouvelle', 'creation']]);
    expect(readdirSync(join(t.dir, 'exemple', 'fiches')).sort()).toEqual(before);
    expect(readFileSync(join(t.dir, 'exemple', 'feuille-de-route.md'), 'utf8')).toContain('titre');
  });
});
