/**
 * Reads a spreadsheet (CSV as exported by the site, or .xlsx) into rows of text
 * cells keyed by column name, each with the row number a spreadsheet shows.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { restoreFormulaText } from '../export/csv.ts';

export interface TableRow {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  ligne: number;
  cells: Record<string, string>;
}

export interface Table {
  colonnes: string[];
  lignes: TableRow[];
  /** Rows that could not be read at all (wrong number of cells…). */
  erreurs: Array<{ ligne: number; message: string }>;
}

export class TableError extends Error {}

function fromMatrix(matrix: string[][]): Table {
  const [header = [], ...rest] = matrix;
  const colonnes = header.map((h) => h.trim());
  const table: Table = { colonnes, lignes: [], erreurs: [] };
  rest.forEach((cells, i) => {
    const ligne = i + 2;
    if (cells.every((c) => c.trim() === '')) return; // blank lines left by spreadsheets
    if (cells.length > colonnes.length && cells.slice(colonnes.length).some((c) => c.trim() !== '')) {
      table.erreurs.push({ ligne, message: `${cells.length} cellules pour ${colonnes.length} colonnes : une virgule ou un guillemet est sans doute mal placé.` });
      return;
    }
    table.lignes.push({ ligne, cells: Object.fromEntries(colonnes.map((c, j) => [c, cells[j] ?? ''])) });
  });
  return table;
}

// The site's CSV neutralises cells a spreadsheet would run as formulas ('=…), and a
// spreadsheet saved from it keeps the apostrophe: both are read as first written.

/** Excel cells come typed: dates back to ISO days, numbers as written (no "1.0"). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

export async function readTable(path: string): Promise<Table> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') {
    // trim: false, so that a cell reads exactly as it does from the CSV.
    const rows = await readSheet(readFileSync(path), { trim: false });
    return fromMatrix(rows.map((r) => r.map((v) => restoreFormulaText(cellText(v)))));
  }
  if (ext !== '.csv') throw new TableError(`Format non pris en charge : « ${ext || path} ». Donnez un fichier .csv (comme ceux de /donnees/) ou .xlsx.`);
  const text = readFileSync(path, 'utf8');
  try {
    // relax_column_count: a short or long row is reported with its number, not as a parse failure of the whole file.
    const matrix = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
    return fromMatrix(matrix.map((row) => row.map(restoreFormulaText)));
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new TableError(`Fichier CSV illisible${e.lines ? ` vers la ligne ${e.lines}` : ''} : ${e.message}`);
  }
}
