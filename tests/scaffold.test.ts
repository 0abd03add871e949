/** Scaffolded files are valid as created, explain every field, and never overwrite anything. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roadmapSchema } from '../schemas/roadmap.ts';
import { sheetSchema } from '../schemas/sheet.ts';
import { idFrom, newNode, newRoadmap, newSheet, ScaffoldError } from '../src/lib/editor/scaffold.ts';
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

describe('nouvelle-fiche --id', () => {
  it('names the file after --id rather than the code, and says the id it chose', () => {
    const dir = copyOfValid();
    const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'src/cli/nouvelle-fiche.ts'), ...args], { cwd: dir, encoding: 'utf8' });
    const r = run('--feuille-de-route', 'exemple', '--parent', 'a-1', '--code', '1', '--id', 'former-les-aidants', '--titre', 'Former les aidants');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('✓ Fiche créée : content/exemple/fiches/former-les-aidants.md (identifiant « former-les-aidants »)');
    const derived = run('--feuille-de-route', 'exemple', '--parent', 'a-1', '--code', '2');
    expect(derived.stdout).toContain('content/exemple/fiches/2.md (identifiant « 2 »)');
    // Only a code: the title is made up from it, and marked so.
    expect(derived.stdout).toContain('Complétez les champs marqués « À compléter » : titre.');
    expect(readFileSync(join(dir, 'content/exemple/fiches/2.md'), 'utf8')).toMatch(/^titre: Fiche 2 {2}# À compléter$/m);
    const bad = run('--feuille-de-route', 'exemple', '--parent', 'a-1', '--titre', 'x', '--id', 'Mauvais Id');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('✗ L\'identifiant « Mauvais Id » ne convient pas (minuscules sans accent, chiffres et tirets ; ni calendrier, fiches, donnees, document, declinaisons) : choisissez-en un avec --id.');
    expect(validateProject(dir).problems).toEqual([]);
  });
});

describe('nouveau-noeud', () => {
  it('creates a node that validates as created, at the level under its parent by default', () => {
    const dir = copyOfValid();
    const content = join(dir, 'content');
    const axis = newNode(content, { feuilleDeRoute: 'exemple', code: 'B', titre: 'Deuxième axe' });
    expect(axis.id).toBe('b');
    expect(axis.text).toMatch(/^niveau: axe$/m);
    const objective = newNode(content, { feuilleDeRoute: 'exemple', parent: 'b', code: 'B.1', titre: 'Un objectif', id: 'objectif-b-1' });
    expect(objective.path).toBe(join(content, 'exemple', 'noeuds', 'objectif-b-1.md'));
    expect(objective.text).toMatch(/^niveau: objectif$/m);
    newSheet(content, { feuilleDeRoute: 'exemple', parent: 'objectif-b-1', code: 'B.1.1', titre: 'Une fiche' });
    const result = validateProject(dir);
    expect(result.problems).toEqual([]);
    const rm = result.model.feuilles_de_route[0]!;
    expect(rm.fiches.find((f) => f.id === 'b-1-1')!.parents.map((p) => p.code)).toEqual(['B', 'B.1']);
  });

  it('checks the level and the parent, with the closest existing one', () => {
    const content = join(copyOfValid(), 'content');
    expect(() => newNode(content, { feuilleDeRoute: 'exemple', niveau: 'objectf', code: 'X' })).toThrow('Le niveau « objectf » n\'est pas déclaré dans « niveaux » de content/exemple/feuille-de-route.md. Vouliez-vous dire « objectif » ? Niveaux déclarés : axe, objectif.');
    expect(() => newNode(content, { feuilleDeRoute: 'exemple', parent: 'axe-b', code: 'X' })).toThrow('Le nœud parent « axe-b » n\'existe pas dans exemple/noeuds/. Vouliez-vous dire « axe-a » ? Nœuds existants : a-1, axe-a.');
    expect(() => newNode(content, { feuilleDeRoute: 'exemple', parent: 'a-1-2', code: 'X' })).toThrow('Le parent « a-1-2 » est une fiche : un nœud ne peut dépendre que d\'un autre nœud (fichier de noeuds/).');
    expect(() => newNode(content, { feuilleDeRoute: 'exemple', parent: 'a-1', code: 'X' })).toThrow('Le nœud « a-1 » est au dernier niveau (« objectif ») : sous lui viennent des fiches (« npm run nouvelle-fiche »), pas des nœuds.');
    expect(() => newNode(content, { feuilleDeRoute: 'exemple', parent: 'axe-a', niveau: 'axe', code: 'X' })).toThrow(/Le niveau « axe » n'est pas plus fin que celui du parent « axe-a »/);
    expect(() => newNode(content, { feuilleDeRoute: 'exemple', code: 'A' })).toThrow('Le code « A » est déjà celui de content/exemple/noeuds/axe-a.md, sous le même parent : deux éléments frères ne peuvent pas avoir le même code. Choisissez-en un autre.');
    expect(() => newNode(content, { feuilleDeRoute: 'exempel', code: 'X' })).toThrow(/Vouliez-vous dire « exemple »/);
  });

  it('is npm run nouveau-noeud', () => {
    const dir = copyOfValid();
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts['nouveau-noeud']).toBe('node src/cli/nouveau-noeud.ts');
    const r = spawnSync(process.execPath, [join(root, 'src/cli/nouveau-noeud.ts'), '--feuille-de-route', 'exemple', '--code', 'C', '--titre', 'Troisième axe', '--id', 'axe-c'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('✓ Nœud créé : content/exemple/noeuds/axe-c.md (identifiant « axe-c »)');
    expect(validateProject(dir).problems).toEqual([]);
  });
});

describe('nouvelle-feuille-de-route', () => {
  const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, [join(root, 'src/cli/nouvelle-feuille-de-route.ts'), ...args], { cwd: dir, encoding: 'utf8' });
  /** The fields whose line in the file carries « À compléter » (« territoire.nom » for a nested one). */
  const markedFields = (text: string) => {
    let parent = '';
    const out: string[] = [];
    for (const line of text.split('\n')) {
      const m = /^( *)([a-z_]+):/.exec(line);
      if (!m) continue;
      if (!m[1]) parent = m[2]!;
      if (line.includes('À compléter')) out.push(m[1] ? `${parent}.${m[2]}` : m[2]!);
    }
    return out;
  };

  it('keeps every --porteur, makes France national, and marks exactly the fields it tells to complete', () => {
    const dir = copyOfValid();
    const r = run(dir, '--id', 'france-exemple', '--titre', 'Stratégie nationale', '--porteur', 'CD99', '--porteur', 'reseau-cyb', '--territoire', 'France');
    expect(r.status).toBe(0);
    const text = readFileSync(join(dir, 'content/france-exemple/feuille-de-route.md'), 'utf8');
    expect(text).toMatch(/^porteurs: \[ CD99, reseau-cyb \]$/m);
    expect(text).toMatch(/^ {2}niveau: national {2}#/m);
    expect(r.stdout).toContain('Complétez les champs marqués « À compléter » : statut, niveaux, source.titre.');
    expect(markedFields(text)).toEqual(['statut', 'niveaux', 'source.titre']);
    const rm = validateProject(dir).model.feuilles_de_route.find((x) => x.id === 'france-exemple')!;
    expect(rm.porteurs.map((p) => p.acteur)).toEqual(['departement-exemple', 'reseau-cyb']);
  });

  it('without carrier nor territory, marks those too, and still validates', () => {
    const dir = copyOfValid();
    const r = run(dir, '--id', 'autre', '--titre', 'Autre');
    expect(r.status).toBe(0);
    const printed = /« À compléter » : (.*)\.$/m.exec(r.stdout)![1]!.split(', ');
    expect(printed).toEqual(['porteurs', 'territoire.nom', 'territoire.niveau', 'statut', 'niveaux', 'source.titre']);
    expect(markedFields(readFileSync(join(dir, 'content/autre/feuille-de-route.md'), 'utf8'))).toEqual(printed);
    expect(validateProject(dir).problems).toEqual([]);
  });

  it('refuses a carrier missing from the directory and an unknown territory level, with the closest value', () => {
    const dir = copyOfValid();
    const unknown = run(dir, '--id', 'x', '--titre', 'X', '--porteur', 'CD99', '--porteur', 'CD98');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('✗ Porteur « CD98 » absent de l\'annuaire (content/acteurs/). Vouliez-vous dire « CD99 » ?');
    const level = run(dir, '--id', 'x', '--titre', 'X', '--niveau-territoire', 'departemnt');
    expect(level.status).toBe(1);
    expect(level.stderr).toContain('✗ Niveau de territoire « departemnt » inconnu. Vouliez-vous dire « departement » ? Valeurs : commune, epci, departement, region, national.');
    for (const niveau of ['commune', 'epci', 'departement', 'region', 'national']) {
      expect(newRoadmap(join(dir, 'content'), { id: `rm-${niveau}`, titre: 'T', territoire: 'Quelque part', niveauTerritoire: niveau }).text).toMatch(new RegExp(`^ {2}niveau: ${niveau} {2}#`, 'm'));
    }
    expect(validateProject(dir).problems).toEqual([]);
  });

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
