/**
 * Sheets as spreadsheet rows: one row per sheet, flattened, RFC 4180. The same
 * columns are read back by the importer (src/lib/import/), so every cell is
 * written in a form that can be parsed again without loss.
 */
import type { ModelActorRef, ModelRoadmap, ModelSheet } from '../model/types.ts';

/** Column order is part of the published format: add at the end, never rename. */
export const CSV_COLUMNS = [
  'feuille_de_route', 'id', 'chemin', 'code', 'titre', 'type', 'statut', 'priorite', 'resume',
  'pilotes', 'porteurs', 'partenaires', 'cofinanceurs', 'territoire',
  'debut', 'fin', 'precision', 'calendrier_texte', 'budget', 'pages', 'url',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvRow = Record<CsvColumn, string>;

/** Several values in one cell are written one per line: no separator can clash with the text. */
export const LIST_SEPARATOR = '\n';

/** "Nom (précision) : rôle": readable, and parsed back by the importer. */
export function formatRef(r: ModelActorRef): string {
  return `${r.nom}${r.precision ? ` (${r.precision})` : ''}${r.role ? ` : ${r.role}` : ''}`;
}

export function sheetRow(rm: ModelRoadmap, f: ModelSheet, sheetUrl: (rm: string, id: string) => string): CsvRow {
  const refs = (list: ModelActorRef[]) => list.map(formatRef).join(LIST_SEPARATOR);
  const cal = f.calendrier;
  return {
    feuille_de_route: rm.id,
    id: f.id,
    chemin: f.parents.map((p) => p.id).join('/'),
    code: f.code ?? '',
    titre: f.titre,
    type: f.type ?? '',
    statut: f.statut ?? '',
    priorite: f.priorite ?? '',
    resume: f.resume ?? '',
    pilotes: refs(f.pilotes),
    porteurs: refs(f.porteurs),
    partenaires: refs(f.partenaires),
    cofinanceurs: refs(f.cofinanceurs),
    territoire: f.territoire ?? '',
    debut: cal?.debut ?? '',
    fin: cal?.fin ?? '',
    precision: cal?.precision ?? '',
    calendrier_texte: cal?.texte ?? '',
    budget: f.budget.map((b) => b.texte).join(LIST_SEPARATOR),
    pages: f.source.pages ?? '',
    url: sheetUrl(rm.id, f.id),
  };
}

export function roadmapRows(rm: ModelRoadmap, sheetUrl: (rm: string, id: string) => string): CsvRow[] {
  return rm.fiches.map((f) => sheetRow(rm, f, sheetUrl));
}

const cell = (v: string) => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** UTF-8 with a BOM (so that Excel reads the accents), comma separated, CRLF after every record. */
export function toCsv(rows: readonly CsvRow[]): string {
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))];
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`;
}
