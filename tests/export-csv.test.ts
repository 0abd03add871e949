/**
 * The CSV exports, read back with csv-parse (an independent RFC 4180 parser):
 * UTF-8 with a BOM, CRLF after every record, one row per sheet whose cells match
 * the model, and fiches.csv = every roadmap's rows in turn.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';
import { CSV_COLUMNS, restoreFormulaText, toCsv, type CsvColumn, type CsvRow } from '../src/lib/export/csv.ts';
import { readTable } from '../src/lib/import/table.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
const siteDir = inject('siteDir');
const dir = join(siteDir, 'donnees');
const model = validateProject(root).model;
const site = new URL(readFileSync(join(siteDir, 'robots.txt'), 'utf8').match(/Sitemap: (\S+)/)![1]!);

function read(name: string) {
  const buffer = readFileSync(join(dir, name));
  // record_delimiter CRLF only: a bare LF outside quotes would merge two records and break the column count.
  const records = parse(buffer, { bom: true, record_delimiter: "\r\n", columns: true, relax_quotes: false }) as Array<Record<CsvColumn, string>>;
  return { buffer, text: buffer.toString('utf8'), records };
}

describe('CSV exports', () => {
  it('are UTF-8 with a BOM and CRLF record ends', () => {
    for (const name of ['fiches.csv', ...model.feuilles_de_route.map((r) => `${r.id}.csv`)]) {
      const { buffer, text } = read(name);
      expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.split('\r\n')[0]).toBe('\uFEFFfeuille_de_route,id,chemin,code,titre,type,statut,priorite,resume,pilotes,porteurs,partenaires,cofinanceurs,territoire,debut,fin,precision,calendrier_texte,budget,pages,url,statut_actuel,derniere_mise_a_jour,avancement,origine,contribue_a');
    }
  });

  it('have one row per sheet, matching the model', () => {
    for (const rm of model.feuilles_de_route) {
      const { records } = read(`${rm.id}.csv`);
      expect(records.map((r) => r.id)).toEqual(rm.fiches.map((f) => f.id));
      rm.fiches.forEach((f, i) => {
        // Cells a spreadsheet would run as formulas carry an apostrophe (tested below).
        const r = Object.fromEntries(Object.entries(records[i]!).map(([k, v]) => [k, restoreFormulaText(v)])) as Record<CsvColumn, string>;
        expect(r.feuille_de_route).toBe(rm.id);
        expect(r.titre).toBe(f.titre);
        expect(r.code).toBe(f.code ?? '');
        expect(r.type).toBe(f.type ?? '');
        expect(r.statut).toBe(f.statut ?? '');
        expect(r.priorite).toBe(f.priorite ?? '');
        expect(r.chemin.split('/').filter(Boolean)).toEqual(f.parents.map((p) => p.id));
        expect(r.debut).toBe(f.calendrier?.debut ?? '');
        expect(r.fin).toBe(f.calendrier?.fin ?? '');
        expect(r.precision).toBe(f.calendrier?.precision ?? '');
        expect(r.calendrier_texte).toBe(f.calendrier?.texte ?? '');
        expect(r.territoire).toBe(f.territoire ?? '');
        expect(r.pages).toBe(f.source.pages ?? '');
        expect(r.budget ? r.budget.split('\n') : []).toEqual(f.budget.map((b) => b.texte));
        for (const role of ['pilotes', 'porteurs', 'partenaires', 'cofinanceurs'] as const) {
          const cells = r[role] ? r[role].split('\n') : [];
          expect(cells.length).toBe(f[role].length);
          cells.forEach((c, j) => expect(c.startsWith(f[role][j]!.nom)).toBe(true));
        }
        expect(r.url).toBe(new URL(`${rm.id}/${f.id}/`, new URL('.', site)).href);
        // The site's own roadmaps: only a hub's copies of other sites' roadmaps name their origin.
        expect(r.origine).toBe('');
        expect(r.contribue_a).toBe('');
      });
    }
  });

  it('never start a cell with a formula character, even where the content does (« - 2022-2024 : … »)', () => {
    const cells = read('fiches.csv').records.flatMap((r) => Object.values(r));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells.some((c) => c.startsWith("'-"))).toBe(true);
  });

  it('gather every roadmap in fiches.csv', () => {
    const all = read('fiches.csv').records;
    const parts = model.feuilles_de_route.flatMap((rm) => read(`${rm.id}.csv`).records);
    expect(all).toEqual(parts);
    expect(all.length).toBe(model.feuilles_de_route.reduce((n, r) => n + r.fiches.length, 0));
  });

  it('write a role and a service in the actor cells', () => {
    const sheet = model.feuilles_de_route.flatMap((r) => r.fiches).find((f) => f.pilotes.some((p) => p.role))!;
    const row = read(`${sheet.feuille_de_route}.csv`).records.find((r) => r.id === sheet.id)!;
    const ref = sheet.pilotes.find((p) => p.role)!;
    expect(row.pilotes.split('\n')).toContain(`${ref.nom}${ref.precision ? ` (${ref.precision})` : ''} : ${ref.role}`);
  });
});

describe('CSV cells a spreadsheet would run as formulas', () => {
  const attacks = ['=HYPERLINK("http://evil.example","clic")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', "'=déjà une apostrophe"];
  const rows: CsvRow[] = attacks.map((titre, i) => ({ ...Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])), id: `f-${i}`, titre, resume: `${titre}\nsuite` }) as CsvRow);
  const csv = toCsv(rows);
  const records = parse(csv, { bom: true, record_delimiter: '\r\n', columns: true }) as Array<Record<CsvColumn, string>>;

  it('start with an apostrophe, which spreadsheets show as text (OWASP), whatever the formula', () => {
    expect(records.map((r) => r.titre)).toEqual(attacks.map((a) => `'${a}`));
    expect(records.map((r) => r.resume)).toEqual(attacks.map((a) => `'${a}\nsuite`));
    for (const r of records) for (const c of CSV_COLUMNS) expect(r[c]).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('leave ordinary text alone, apostrophes and inner signs included', () => {
    const plain = ["L'inclusion numérique", 'Coût : 1 200 € = 2 postes', 'A-1', '2024'];
    const out = parse(toCsv(plain.map((titre) => ({ ...Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])), titre }) as CsvRow)), { bom: true, record_delimiter: '\r\n', columns: true }) as Array<Record<CsvColumn, string>>;
    expect(out.map((r) => r.titre)).toEqual(plain);
  });

  it('are read back by the importer exactly as they were written', async () => {
    expect(records.map((r) => restoreFormulaText(r.titre))).toEqual(attacks);
    const dir = mkdtempSync(join(tmpdir(), 'jalons-csv-'));
    writeFileSync(join(dir, 'fiches.csv'), csv);
    const table = await readTable(join(dir, 'fiches.csv'));
    expect(table.lignes.map((l) => l.cells.titre)).toEqual(attacks);
  });
});
