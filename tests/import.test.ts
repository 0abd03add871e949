/**
 * Spreadsheet import. Round trip on every real roadmap: the site's CSV, imported
 * into an empty copy of the roadmap (its file and nodes, no sheet), exported
 * again, gives the same bytes; the same through .xlsx for one roadmap. A file
 * with bad rows is refused whole, each bad row named with its number and reason,
 * and nothing is written. An update changes only the cells that differ.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { roadmapRows, toCsv, type CsvColumn, type CsvRow } from '../src/lib/export/csv.ts';
import { applyImport, planImport } from '../src/lib/import/sheets.ts';
import { readTable } from '../src/lib/import/table.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
const siteDir = inject('siteDir');
const model = validateProject(root).model;
const base = new URL('.', readFileSync(join(siteDir, 'robots.txt'), 'utf8').match(/Sitemap: (\S+)/)![1]!);
const sheetUrl = (rm: string, id: string) => new URL(`${rm}/${id}/`, base).href;
const fixtures = join(root, 'tests', 'fixtures', 'import');

/** A project folder whose content has the actors, the glossary and one roadmap without its sheets. */
function emptyCopy(rm: string, withSheets = false): { dir: string; content: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jalons-import-'));
  const content = join(dir, 'content');
  for (const shared of ['acteurs', 'glossaire']) cpSync(join(root, 'content', shared), join(content, shared), { recursive: true });
  cpSync(join(root, 'content', rm, 'feuille-de-route.md'), join(content, rm, 'feuille-de-route.md'));
  if (existsSync(join(root, 'content', rm, 'noeuds'))) cpSync(join(root, 'content', rm, 'noeuds'), join(content, rm, 'noeuds'), { recursive: true });
  if (withSheets) cpSync(join(root, 'content', rm, 'fiches'), join(content, rm, 'fiches'), { recursive: true });
  return { dir, content };
}

function exportAgain(dir: string, content: string, rm: string): string {
  const result = validateProject(dir, content);
  expect(result.problems.filter((p) => p.gravite === 'erreur')).toEqual([]);
  return toCsv(roadmapRows(result.model.feuilles_de_route.find((r) => r.id === rm)!, sheetUrl));
}

const listing = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

/**
 * The progress columns are derived from a sheet's « suivi », which one CSV row cannot hold:
 * a sheet created by the import has no log yet, so they are compared blank on both sides.
 */
const DERIVED: CsvColumn[] = ['statut_actuel', 'derniere_mise_a_jour', 'avancement'];
function withoutDerived(csv: string): string {
  const rows = parse(csv, { bom: true, columns: true, record_delimiter: '\r\n' }) as CsvRow[];
  return toCsv(rows.map((r) => ({ ...r, ...Object.fromEntries(DERIVED.map((c) => [c, ''])) }) as CsvRow));
}

describe('import round trip', () => {
  for (const rm of model.feuilles_de_route) {
    it(`gives back the same CSV for ${rm.id}`, async () => {
      const published = join(siteDir, 'donnees', `${rm.id}.csv`);
      const { dir, content } = emptyCopy(rm.id);
      const plan = planImport(await readTable(published), { projectRoot: dir, contentDir: content, roadmap: rm.id });
      expect(plan.erreurs).toEqual([]);
      expect(plan.fichiers).toHaveLength(rm.fiches.length);
      expect(plan.fichiers.every((f) => f.action === 'creation')).toBe(true);
      applyImport(plan);
      const again = exportAgain(dir, content, rm.id);
      const original = readFileSync(published, 'utf8');
      if (rm.fiches.some((f) => f.suivi.length > 0)) expect(withoutDerived(again)).toBe(withoutDerived(original));
      else expect(again).toBe(original);
    });
  }

  it('reads .xlsx too', async () => {
    const rm = 'mednum49-2023-2025';
    const published = readFileSync(join(siteDir, 'donnees', `${rm}.csv`), 'utf8');
    const matrix = parse(published, { bom: true }) as string[][];
    const { dir, content } = emptyCopy(rm);
    const xlsx = join(dir, 'fiches.xlsx');
    await writeXlsxFile(matrix.map((row) => row.map((value) => ({ type: String, value })))).toFile(xlsx);
    const plan = planImport(await readTable(xlsx), { projectRoot: dir, contentDir: content, roadmap: rm });
    expect(plan.erreurs).toEqual([]);
    applyImport(plan);
    expect(exportAgain(dir, content, rm)).toBe(published);
  });
});

describe('import errors', () => {
  it('reports every bad row with its number and reason, and writes nothing', async () => {
    const { dir, content } = emptyCopy('mednum49-2023-2025');
    const before = listing(content);
    const plan = planImport(await readTable(join(fixtures, 'invalide.csv')), { projectRoot: dir, contentDir: content, roadmap: 'mednum49-2023-2025' });
    expect(plan.fichiers).toEqual([]);
    const lines = plan.erreurs.map((e) => e.ligne);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(new Set(lines)).toEqual(new Set([3, 4, 5, 6]));
    const at = (n: number) => plan.erreurs.filter((e) => e.ligne === n).map((e) => e.message).join(' ');
    expect(at(3)).toMatch(/statut « en-cours » inconnu/);
    expect(at(3)).toMatch(/en_cours/);
    expect(at(4)).toMatch(/debut « bientôt »/);
    expect(at(5)).toMatch(/titre manquant/);
    expect(at(6)).toMatch(/parent « axe-z »/);
    expect(listing(content)).toEqual(before);
  });

  it('refuses from the command line with exit code 1, in French, without writing', () => {
    const { dir, content } = emptyCopy('mednum49-2023-2025');
    const before = listing(content);
    const r = spawnSync(process.execPath, [join(root, 'src/cli/importer.ts'), join(fixtures, 'invalide.csv'), '--feuille-de-route', 'mednum49-2023-2025', '--ecrire', '--contenu', content], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Ligne 3 : statut « en-cours » inconnu/m);
    expect(r.stderr).toMatch(/^Ligne 6 : /m);
    expect(r.stderr).toContain('aucun fichier n\'a été écrit');
    expect(listing(content)).toEqual(before);
  });

  it('rejects an unknown column and a row with too many cells', async () => {
    const { dir, content } = emptyCopy('mednum49-2023-2025');
    const csv = join(dir, 'x.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(csv, 'id,titre,pilote\r\na,Titre,x\r\nb,Titre,x,de trop\r\n');
    const table = await readTable(csv);
    expect(table.erreurs).toEqual([{ ligne: 3, message: expect.stringMatching(/4 cellules pour 3 colonnes/) }]);
    const plan = planImport(table, { projectRoot: dir, contentDir: content, roadmap: 'mednum49-2023-2025' });
    expect(plan.erreurs[0]!.message).toMatch(/Colonne inconnue « pilote »/);
  });
});

describe('import into existing sheets', () => {
  it('changes only the fields whose cells differ and keeps the rest of the file', async () => {
    const rm = 'mednum49-2023-2025';
    const { dir, content } = emptyCopy(rm, true);
    const file = join(content, rm, 'fiches', 'a-1-2-b.md');
    const original = readFileSync(file, 'utf8');
    const plan = planImport(await readTable(join(fixtures, 'mise-a-jour.csv')), { projectRoot: dir, contentDir: content, roadmap: rm });
    expect(plan.erreurs).toEqual([]);
    expect(plan.fichiers.map((f) => f.action)).toEqual(['modification']);
    applyImport(plan);
    const updated = readFileSync(file, 'utf8');
    expect(updated).toContain('statut: en_cours');
    expect(updated.split('\n---\n')[1]).toBe(original.split('\n---\n')[1]); // body untouched
    expect(updated).toContain('recurrence:'); // fields the spreadsheet does not carry are kept
    const sheet = validateProject(dir, content).model.feuilles_de_route.find((r) => r.id === rm)!.fiches.find((f) => f.id === 'a-1-2-b')!;
    expect(sheet.statut).toBe('en_cours');
    expect(sheet.calendrier!.recurrence).toHaveLength(5);
    // Importing the site's own CSV over the real sheets changes nothing.
    const { dir: dir2, content: content2 } = emptyCopy(rm, true);
    const same = planImport(await readTable(join(siteDir, 'donnees', `${rm}.csv`)), { projectRoot: dir2, contentDir: content2, roadmap: rm });
    expect(same.erreurs).toEqual([]);
    expect(same.fichiers.every((f) => f.action === 'inchangee')).toBe(true);
  });
});

describe('what the import accepts but says', () => {
  const rm = 'mednum49-2023-2025';
  const csv = (dir: string, text: string) => {
    const file = join(dir, 'x.csv');
    writeFileSync(file, text);
    return file;
  };

  it('warns, row by row, of a pilot kept as free text, an id taken from the code, and a sheet without parent', async () => {
    const { dir, content } = emptyCopy(rm);
    const file = csv(dir, 'id,chemin,code,titre,pilotes\r\n,axe-a/a-1,A.1.9,Une fiche,Anjou Numerik\r\nsans-parent,,A.1.10,Sans parent,Anjou Numérique\r\n');
    const plan = planImport(await readTable(file), { projectRoot: dir, contentDir: content, roadmap: rm });
    expect(plan.erreurs).toEqual([]);
    expect(plan.fichiers.map((f) => f.action)).toEqual(['creation', 'creation']);
    expect(plan.avertissements).toEqual([
      { ligne: 2, message: 'identifiant absent : « a-1-9 », tiré du code « A.1.9 », devient le nom du fichier et l\'adresse de la page. Remplissez la colonne « id » pour le choisir.' },
      { ligne: 2, message: 'pilotes : « Anjou Numerik » n\'est pas dans l\'annuaire (content/acteurs/) : importé comme mention libre (« texte »), sans lien vers une organisation. Vouliez-vous dire « Anjou Numérique » ? Si c\'est une organisation, corrigez la cellule ou ajoutez-la à l\'annuaire.' },
      // The validator's own warning, as « npm run validate » will give it after the import.
      { ligne: 3, message: expect.stringMatching(/^La fiche n'a pas de « parent » : elle n'est rangée sous aucun axe de la feuille de route, qui déclare des niveaux\./) },
    ]);
  });

  it('prints the warnings on the command line and still imports, exit 0', () => {
    const { dir, content } = emptyCopy(rm);
    const file = csv(dir, 'id,chemin,code,titre,pilotes\r\nune-fiche,axe-a/a-1,A.1.9,Une fiche,Anjou Numerik\r\n');
    const r = spawnSync(process.execPath, [join(root, 'src/cli/importer.ts'), file, '--feuille-de-route', rm, '--ecrire', '--contenu', content], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^Ligne 2 : avertissement : pilotes : « Anjou Numerik » n'est pas dans l'annuaire/m);
    expect(r.stdout).toContain('1 avertissement(s) ci-dessus à relire');
    expect(existsSync(join(content, rm, 'fiches', 'une-fiche.md'))).toBe(true);
  });

  it('suggests the closest parent, as the validator does', async () => {
    const { dir, content } = emptyCopy(rm);
    const file = csv(dir, 'id,chemin,code,titre\r\nx,axe-a/axe-aa,A.1.9,Une fiche\r\n');
    const plan = planImport(await readTable(file), { projectRoot: dir, contentDir: content, roadmap: rm });
    expect(plan.erreurs).toEqual([{ ligne: 2, message: `parent « axe-aa » (dernier élément de « chemin ») introuvable : ni nœud ni fiche de « ${rm} ». Vouliez-vous dire « axe-a » ou « axe-b » ou « axe-c » ?` }]);
  });

  it('says nothing of a free-text actor the site exported itself, when its cell is unchanged', async () => {
    const { dir, content } = emptyCopy(rm, true);
    const plan = planImport(await readTable(join(siteDir, 'donnees', `${rm}.csv`)), { projectRoot: dir, contentDir: content, roadmap: rm });
    expect(plan.avertissements).toEqual([]);
  });
});
