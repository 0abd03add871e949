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
  // Derived from the progress log at the build date: published, never read back.
  'statut_actuel', 'derniere_mise_a_jour', 'avancement',
  // On a hub, the site that publishes the roadmap (empty for the site's own): published, never read back.
  'origine',
  // Nodes or sheets of other roadmaps (« feuille/id ») and pages of other sites it contributes to: published, never read back.
  'contribue_a',
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
    statut_actuel: f.statut_actuel ?? '',
    derniere_mise_a_jour: f.derniere_mise_a_jour?.texte ?? '',
    avancement: f.avancement === null ? '' : String(f.avancement),
    origine: rm.origine?.nom ?? '',
    contribue_a: [...f.contribue_a.map((c) => `${c.feuille_de_route}/${c.id}`), ...f.contribue_a_adresses].join(LIST_SEPARATOR),
  };
}

export function roadmapRows(rm: ModelRoadmap, sheetUrl: (rm: string, id: string) => string): CsvRow[] {
  return rm.fiches.map((f) => sheetRow(rm, f, sheetUrl));
}

/**
 * A cell a spreadsheet would run as a formula (OWASP: it starts with =, +, -, @, a tab
 * or a carriage return) gets a leading apostrophe, which spreadsheets show as text. A
 * value that already starts with apostrophes before such a character gets one more, so
 * that `restoreFormulaText` gives back exactly what was written.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function neutraliseFormula(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/** The inverse of neutraliseFormula, for the importer reading a CSV the site wrote. */
export function restoreFormulaText(v: string): string {
  return v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
}

const quote = (v: string) => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const cell = (v: string) => quote(neutraliseFormula(v));

/** UTF-8 with a BOM (so that Excel reads the accents), comma separated, CRLF after every record. */
export function toCsv(rows: readonly CsvRow[]): string {
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))];
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`;
}
