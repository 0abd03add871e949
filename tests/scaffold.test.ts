/** Scaffolded files are valid as created, explain every field, and never overwrite anything. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roadmapSchema } from '../schemas/roadmap.ts';
import { sheetSchema } from '../schemas/sheet.ts';
import { idFrom, newRoadmap, newSheet, ScaffoldError } from '../src/lib/editor/scaffold.ts';
import { fieldsOf } from '../src/lib/editor/schema-walk.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
function copyOfValid(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jalons-scaffold-'));
  cpSync(join(root, 'tests', 'fixtures', 'valide'), join(dir, 'content'), { recursive: true });
  return dir;
}

describe('nouvelle-fiche', () => {
  it('creates a sheet that validates as created and appears in the model', () => {
    const dir = copyOfValid();
    const created = newSheet(join(dir, 'content'), { feuilleDeRoute: 'exemple', parent: 'a-1', titre: "Former les agents d'accueil", code: 'A.1.3' });
    expect(created.id).toBe('a-1-3');
    const result = validateProject(dir);
    expect(result.problems).toEqual([]);
    const sheet = result.model.feuilles_de_route[0]!.fiches.find((f) => f.id === 'a-1-3')!;
    expect([sheet.titre, sheet.code, sheet.parent, sheet.parents.map((p) => p.code)]).toEqual(["Former les agents d'accueil", 'A.1.3', 'a-1', ['A', 'A.1']]);
  });

  it('writes every schema field, each explained by its schema description', () => {
    const { text } = newSheet(join(copyOfValid(), 'content'), { feuilleDeRoute: 'exemple', parent: 'a-1', titre: 'Une fiche' });
    for (const f of fieldsOf(sheetSchema)) {
      expect(text).toMatch(new RegExp(`^(# )?${f.key}:`, 'm'));
      expect(text).toContain(`# ${f.key} (${f.required ? 'obligatoire' : 'facultatif'}`);
      expect(text).toContain(f.description);
    }
    // Nested fields too (calendrier.jalons[].libelle…), with their own descriptions.
    expect(text).toMatch(/^# {7}libelle: …  # Ce qui a lieu à cette date/m);
  });

  it('takes the id from the code, else from the title', () => {
    expect(idFrom('A.1.2.a')).toBe('a-1-2-a');
    expect(idFrom("Développer l'inclusion numérique des séniors")).toBe('developper-l-inclusion-numerique-des-seniors');
    const { id } = newSheet(join(copyOfValid(), 'content'), { feuilleDeRoute: 'exemple', parent: 'a-1', titre: 'Médiation à domicile' });
    expect(id).toBe('mediation-a-domicile');
  });

  it('refuses an unknown roadmap or parent, and any overwrite, in French', () => {
    const content = join(copyOfValid(), 'content');
    expect(() => newSheet(content, { feuilleDeRoute: 'exempel', parent: 'a-1', titre: 'x' })).toThrow(/n'existe pas.*Vouliez-vous dire « exemple »/);
    expect(() => newSheet(content, { feuilleDeRoute: 'exemple', parent: 'a-9', titre: 'x' })).toThrow(/Le parent « a-9 » n'existe pas.*« a-1 »/);
    const existing = readFileSync(join(content, 'exemple', 'fiches', 'a-1-2.md'), 'utf8');
    expect(() => newSheet(content, { feuilleDeRoute: 'exemple', parent: 'a-1', code: 'A.1.2' })).toThrow(ScaffoldError);
    expect(readFileSync(join(content, 'exemple', 'fiches', 'a-1-2.md'), 'utf8')).toBe(existing);
    // A node and a sheet cannot share an id either.
    expect(() => newSheet(content, { feuilleDeRoute: 'exemple', parent: 'a-1', code: 'A.1' })).toThrow(/déjà pris/);
  });

  it('works from the command line and exits 1 with a French message on error', () => {
    const dir = copyOfValid();
    const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'src/cli/nouvelle-fiche.ts'), ...args], { cwd: dir, encoding: 'utf8' });
    const ok = run('--feuille-de-route', 'exemple', '--parent', 'a-1-2', '--code', 'A.1.2.b', '--titre', 'Deuxième sous-action');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('content/exemple/fiches/a-1-2-b.md');
    const again = run('--feuille-de-route', 'exemple', '--parent', 'a-1-2', '--code', 'A.1.2.b', '--titre', 'Deuxième sous-action');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/déjà pris/);
    expect(validateProject(dir).ok).toBe(true);
  });
});

describe('nouvelle-feuille-de-route', () => {
  it('creates a roadmap that validates as created, ready for its first node and sheet', () => {
    const dir = copyOfValid();
    const content = join(dir, 'content');
    const created = newRoadmap(content, { id: 'haute-exemple', titre: 'Feuille de route de la Haute-Exemple', porteurs: ['CD99'] });
    for (const f of fieldsOf(roadmapSchema)) expect(created.text).toContain(`# ${f.key} (`);
    mkdirSync(join(content, 'haute-exemple', 'noeuds'));
    writeFileSync(join(content, 'haute-exemple', 'noeuds', 'axe-1.md'), '---\ntitre: Premier axe\ncode: "1"\nniveau: axe\n---\n', { flag: 'wx' });
    newSheet(content, { feuilleDeRoute: 'haute-exemple', parent: 'axe-1', code: '1.1', titre: 'Première fiche' });
    const result = validateProject(dir);
    expect(result.problems).toEqual([]);
    const rm = result.model.feuilles_de_route.find((r) => r.id === 'haute-exemple')!;
    expect(rm.porteurs[0]!.acteur).toBe('departement-exemple');
    expect(rm.fiches.map((f) => f.id)).toEqual(['1-1']);
  });

  it('without a known carrier, still validates (a mention to complete)', () => {
    const dir = copyOfValid();
    newRoadmap(join(dir, 'content'), { id: 'autre', titre: 'Autre' });
    expect(validateProject(dir).problems).toEqual([]);
  });

  it('refuses ids the site reserves and existing roadmaps', () => {
    const content = join(copyOfValid(), 'content');
    expect(() => newRoadmap(content, { id: 'admin', titre: 'x' })).toThrow(/réservé/);
    expect(() => newRoadmap(content, { id: 'Avec Espaces', titre: 'x' })).toThrow(/minuscules/);
    expect(() => newRoadmap(content, { id: 'exemple', titre: 'x' })).toThrow(/existe déjà/);
  });
});
