/**
 * Turns spreadsheet rows (the CSV columns of src/lib/export/csv.ts) into sheet
 * files. A new sheet gets a file with every column's value; an existing sheet
 * is changed only where a cell differs from what the site exports for it today,
 * so the fields the spreadsheet does not carry (body, indicators, milestones…)
 * are kept. Nothing is written unless every row is readable and the content,
 * with the changes, passes the validator.
 */
import { cpSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import YAML from 'yaml';
import { SHEET_STATUSES, SHEET_TYPES, sheetSchema } from '../../../schemas/sheet.ts';
import { checkCrossFileRules } from '../content/cross-rules.ts';
import { splitFrontmatter } from '../content/frontmatter.ts';
import { loadContent } from '../content/load.ts';
import { readRegularFile, resolveContentRoot, walkContent } from '../content/safe-read.ts';
import { didYouMean } from '../content/suggest.ts';
import { CSV_COLUMNS, LIST_SEPARATOR, sheetRow, type CsvColumn, type CsvRow } from '../export/csv.ts';
import { PRECISIONS, parseFuzzyDate, type Precision } from '../values/fuzzy-date.ts';
import { normaliseCalendar, type CalendarInput, type Period } from '../values/calendar.ts';
import type { ModelRoadmap } from '../model/types.ts';
import { idFrom } from '../editor/scaffold.ts';
import { validateProject } from '../model/validate-project.ts';
import type { TableRow } from './table.ts';

export interface RowError {
  /** Spreadsheet row (header = 1), or 0 for a problem that belongs to no row. */
  ligne: number;
  message: string;
}

export interface PlannedFile {
  ligne: number;
  id: string;
  /** Absolute path. */
  chemin: string;
  action: 'creation' | 'modification' | 'inchangee';
  texte: string;
}

export interface ImportPlan {
  fichiers: PlannedFile[];
  erreurs: RowError[];
  /** What the import accepts but the editor should know: a pilot kept as free text, an id derived from the code, a sheet without parent. */
  avertissements: RowError[];
}

type Fm = Record<string, unknown>;
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO = /^\d{4}-\d{2}-\d{2}$/;
/** Columns the importer reads; the others (feuille_de_route, url, and statut_actuel, derniere_mise_a_jour, avancement, derived from « suivi », origine, a hub's, and contribue_a, written in the sheet's file) are checked or ignored. */
const FIELD_OF: Partial<Record<CsvColumn, string>> = {
  titre: 'titre', code: 'code', type: 'type', statut: 'statut', priorite: 'priorite', resume: 'resume',
  pilotes: 'pilotes', porteurs: 'porteurs', partenaires: 'partenaires', cofinanceurs: 'cofinanceurs',
  territoire: 'territoire', budget: 'budget', pages: 'source', chemin: 'parent',
  debut: 'calendrier', fin: 'calendrier', precision: 'calendrier', calendrier_texte: 'calendrier',
};
/** Key order of a new file: the order of the sheet schema. */
const KEY_ORDER = Object.keys(sheetSchema.shape);

const lines = (cell: string) => cell.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);

/** "Nom (précision) : rôle" back into an actor reference (see formatRef). */
export function parseRef(item: string, resolve: (name: string) => string | null): unknown {
  const sep = item.indexOf(' : ');
  const head = (sep === -1 ? item : item.slice(0, sep)).trim();
  const role = sep === -1 ? undefined : item.slice(sep + 3).trim() || undefined;
  let acteur = resolve(head);
  let precision: string | undefined;
  if (!acteur) {
    // "Département de la Mayenne (Direction de l'éducation)": try each " (" from the right.
    for (let i = head.lastIndexOf(' ('); i > 0 && !acteur; i = head.lastIndexOf(' (', i - 1)) {
      if (!head.endsWith(')')) break;
      const id = resolve(head.slice(0, i));
      if (id) [acteur, precision] = [id, head.slice(i + 2, -1)];
    }
  }
  if (acteur && !precision && !role) return acteur;
  const ref: Fm = acteur ? { acteur } : { texte: head };
  if (precision) ref.precision = precision;
  if (role) ref.role = role;
  return ref;
}

/** Forms of each precision for one year, to find the one that starts (or ends) on a given day. */
const PERIOD_FORMS: Record<Precision, (y: number, iso: string) => string[]> = {
  annee: (y) => [String(y)],
  semestre: (y) => [`${y}-S1`, `${y}-S2`],
  saison: (y) => [...['printemps', 'été', 'automne', 'hiver'].map((s) => `${s} ${y}`), `hiver ${y - 1}`],
  trimestre: (y) => [1, 2, 3, 4].map((t) => `${y}-T${t}`),
  mois: (y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`),
  jour: (_, iso) => [iso],
};

/** The coarsest French form, no coarser than `cap`, whose first (or last) day is `iso`; the parser decides. */
function boundText(iso: string, cap: Precision | null, side: 'debut' | 'fin'): string {
  for (const p of PRECISIONS.slice(0, PRECISIONS.indexOf(cap ?? 'jour') + 1).reverse()) {
    const found = PERIOD_FORMS[p](Number(iso.slice(0, 4)), iso).find((c) => {
      const r = parseFuzzyDate(c);
      return r.ok && r.value[side] === iso;
    });
    if (found) return found;
  }
  return iso;
}

/** A calendar input that the model normalises back to the row's dates, precision and text. */
function calendarFrom(row: CsvRow, period: Period, fail: (m: string) => void): CalendarInput | undefined {
  const { debut, fin, precision, calendrier_texte: texte } = row;
  if (!debut && !fin && !texte) return undefined;
  if (precision && !(PRECISIONS as readonly string[]).includes(precision)) {
    fail(`précision « ${precision} » inconnue : ${PRECISIONS.join(', ')}.`);
    return undefined;
  }
  const cap = (precision || null) as Precision | null;
  const bound = (value: string, side: 'debut' | 'fin') => {
    if (!value) return undefined;
    if (ISO.test(value)) return boundText(value, cap, side);
    const parsed = parseFuzzyDate(value);
    if (!parsed.ok) fail(`${side} « ${value} » : ${parsed.message}`);
    return value;
  };
  const d = bound(debut, 'debut');
  const f = bound(fin, 'fin');
  const candidates: CalendarInput[] = [];
  if (!debut && !fin) return { texte };
  if (texte && parseFuzzyDate(texte).ok) candidates.push(texte);
  const object = { ...(texte ? { texte } : {}), ...(d ? { debut: d } : {}), ...(f ? { fin: f } : {}) };
  candidates.push(object, { texte, ...object });
  const same = (c: CalendarInput) => {
    const n = normaliseCalendar(c, period);
    return n && (n.debut ?? '') === debut && (n.fin ?? '') === fin && (n.precision ?? '') === precision && (n.texte ?? '') === texte;
  };
  return candidates.find(same) ?? object;
}

/** Each reference of a cell; a name the directory does not know is kept as free text, and `unknown` is told. */
function refsFrom(cell: string, resolve: (n: string) => string | null, unknown: (name: string) => void) {
  return lines(cell).map((item) => {
    const ref = parseRef(item, resolve);
    if (typeof ref === 'object' && ref !== null && 'texte' in ref) unknown(String((ref as Fm).texte));
    return ref;
  });
}

/** The frontmatter fields a row defines, keyed by frontmatter key (undefined = field absent). */
function fieldsFrom(row: CsvRow, has: (c: CsvColumn) => boolean, period: Period, resolve: (n: string) => string | null, fail: (m: string) => void, unknownActor: (column: CsvColumn, name: string) => void): Fm {
  const fm: Fm = {};
  // Cells are kept as written (a multi-line text keeps its last line break); only a blank cell means "no value".
  const text = (v: string) => (v.trim() ? v : undefined);
  if (has('titre')) fm.titre = text(row.titre);
  if (has('code')) fm.code = text(row.code);
  if (has('type')) {
    if (row.type && !(SHEET_TYPES as readonly string[]).includes(row.type)) fail(`type « ${row.type} » inconnu.${didYouMean(row.type, [...SHEET_TYPES])} Valeurs : ${SHEET_TYPES.join(', ')}.`);
    fm.type = text(row.type);
  }
  if (has('statut')) {
    if (row.statut && !(SHEET_STATUSES as readonly string[]).includes(row.statut)) fail(`statut « ${row.statut} » inconnu.${didYouMean(row.statut, [...SHEET_STATUSES])} Valeurs : ${SHEET_STATUSES.join(', ')}.`);
    fm.statut = text(row.statut);
  }
  // A number only when written as one (« 2 »); « 02 » keeps its digits, as the validator reads it.
  if (has('priorite')) fm.priorite = /^\d+$/.test(row.priorite.trim()) && String(Number(row.priorite.trim())) === row.priorite.trim() ? Number(row.priorite.trim()) : text(row.priorite);
  if (has('resume')) fm.resume = text(row.resume);
  for (const k of ['pilotes', 'porteurs', 'partenaires', 'cofinanceurs'] as const) {
    if (has(k)) fm[k] = row[k].trim() ? refsFrom(row[k], resolve, (name) => unknownActor(k, name)) : undefined;
  }
  if (has('territoire')) fm.territoire = text(row.territoire);
  if (has('budget')) {
    const b = lines(row.budget);
    fm.budget = b.length === 0 ? undefined : b.length === 1 ? b[0] : b;
  }
  if (has('pages')) fm.source = text(row.pages) ? { pages: row.pages.trim() } : undefined;
  if (['debut', 'fin', 'precision', 'calendrier_texte'].some((c) => has(c as CsvColumn))) fm.calendrier = calendarFrom(row, period, fail);
  return fm;
}

function orderedYaml(fm: Fm): string {
  const sorted = Object.fromEntries(KEY_ORDER.filter((k) => fm[k] !== undefined).map((k) => [k, fm[k]]));
  return YAML.stringify(sorted, { lineWidth: 0 });
}

/**
 * Sibling rank for new sheets, so that the depth-first order of the roadmap
 * follows the spreadsheet's row order, between the nodes that already exist.
 */
function ranks(rm: ModelRoadmap, rows: Array<{ id: string; parent: string; chemin: string[] }>, nodeOrder: Map<string, number | undefined>): Map<string, number> {
  const out = new Map<string, number>();
  const byParent = new Map<string, typeof rows>();
  rows.forEach((r) => byParent.set(r.parent, [...(byParent.get(r.parent) ?? []), r]));
  for (const [parent, sheets] of byParent) {
    const siblings = rm.noeuds.filter((n) => (n.parent ?? '') === parent);
    const values = siblings.map((n) => nodeOrder.get(n.id));
    if (siblings.length === 0 || values.some((v) => v === undefined)) {
      sheets.forEach((s, i) => out.set(s.id, i + 1));
      continue;
    }
    // A sheet goes after every sibling node whose subtree holds a row above it.
    const gap = (s: (typeof rows)[number]) => {
      const before = rows.slice(0, rows.indexOf(s));
      const at = (ids: string[]) => ids[parent ? ids.indexOf(parent) + 1 : 0];
      return siblings.reduce((k, n, i) => (before.some((b) => at([...b.chemin, b.id]) === n.id) ? i + 1 : k), 0);
    };
    const groups = new Map<number, string[]>();
    sheets.forEach((s) => groups.set(gap(s), [...(groups.get(gap(s)) ?? []), s.id]));
    const sorted = (values as number[]).slice().sort((a, b) => a - b);
    for (const [k, ids] of groups) {
      const lo = k === 0 ? sorted[0]! - ids.length - 1 : sorted[k - 1]!;
      const hi = k === sorted.length ? lo + ids.length + 1 : sorted[k]!;
      ids.forEach((id, i) => out.set(id, Number((lo + ((hi - lo) * (i + 1)) / (ids.length + 1)).toFixed(4))));
    }
  }
  return out;
}

export function planImport(table: { colonnes: string[]; lignes: TableRow[] }, options: { projectRoot: string; contentDir: string; roadmap: string }): ImportPlan {
  const erreurs: RowError[] = [];
  const avertissements: RowError[] = [];
  const unknown = table.colonnes.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  for (const c of unknown) erreurs.push({ ligne: 1, message: `Colonne inconnue « ${c} ».${didYouMean(c, [...CSV_COLUMNS])} Colonnes reconnues : ${CSV_COLUMNS.join(', ')}.` });
  if (!table.colonnes.includes('titre') || !(table.colonnes.includes('id') || table.colonnes.includes('code'))) {
    erreurs.push({ ligne: 1, message: 'Il faut au moins les colonnes « titre » et « id » (ou « code », dont l\'identifiant est tiré).' });
  }
  if (erreurs.length) return { fichiers: [], erreurs, avertissements };

  // Content is read as the validator reads it: no link followed, nothing but regular files.
  const realRoot = resolveContentRoot(options.contentDir);
  if (realRoot === null) return { fichiers: [], avertissements, erreurs: [{ ligne: 0, message: `Le dossier de contenu ${relative(options.projectRoot, options.contentDir) || '.'} est introuvable ou n'est pas un dossier.` }] };
  const special = walkContent(realRoot).filter((e) => e.message !== undefined);
  if (special.length) {
    return {
      fichiers: [],
      avertissements,
      erreurs: special.map((e) => ({ ligne: 0, message: `${relative(options.projectRoot, join(options.contentDir, ...e.parts)).split(sep).join('/')} : ${e.message}` })),
    };
  }
  const result = validateProject(options.projectRoot, options.contentDir);
  const rm = result.model.feuilles_de_route.find((r) => r.id === options.roadmap);
  if (!rm) return { fichiers: [], avertissements, erreurs: [{ ligne: 0, message: `Feuille de route « ${options.roadmap} » introuvable dans ${relative(options.projectRoot, options.contentDir) || '.'}.${didYouMean(options.roadmap, result.model.feuilles_de_route.map((r) => r.id))}` }] };
  const content = loadContent(options.contentDir, options.projectRoot);
  const { index } = checkCrossFileRules(content);
  const rmIndex = index.roadmaps.get(rm.id)!;
  const sheetsDir = join(options.contentDir, rm.id, 'fiches');
  const has = (c: CsvColumn) => table.colonnes.includes(c);
  const sheetUrl = () => '';

  const seen = new Map<string, number>();
  const accepted: Array<{ ligne: number; id: string; parent: string; chemin: string[]; row: CsvRow; fm: Fm; notes: Array<{ colonne: CsvColumn; message: string }> }> = [];
  const actorNames = [...new Set([...index.actors.values()].flatMap((a) => [a.data.nom, ...(a.data.sigle ? [a.data.sigle] : []), ...(a.data.aliases ?? [])]))];
  for (const { ligne, cells } of table.lignes) {
    const row = Object.fromEntries(CSV_COLUMNS.map((c) => [c, (cells[c] ?? '').replace(/\r\n/g, '\n')])) as CsvRow;
    const before = erreurs.length;
    const fail = (message: string) => erreurs.push({ ligne, message });
    if (row.feuille_de_route && row.feuille_de_route !== rm.id) fail(`la ligne appartient à la feuille de route « ${row.feuille_de_route} », pas à « ${rm.id} ».`);
    const notes: Array<{ colonne: CsvColumn; message: string }> = [];
    const id = row.id.trim() || (row.code.trim() ? idFrom(row.code) : row.titre.trim() ? idFrom(row.titre) : '');
    if (id && !row.id.trim()) {
      const from = row.code.trim() ? `du code « ${row.code.trim()} »` : `du titre`;
      notes.push({ colonne: 'id', message: `identifiant absent : « ${id} », tiré ${from}, devient le nom du fichier et l'adresse de la page. Remplissez la colonne « id » pour le choisir.` });
    }
    if (!id) fail('identifiant manquant : remplissez la colonne « id » (ou « code »).');
    else if (!ID_PATTERN.test(id)) fail(`identifiant « ${id} » invalide : lettres minuscules sans accent, chiffres et tirets (« a-1-2-b »).`);
    else if (seen.has(id)) fail(`l'identifiant « ${id} » est déjà celui de la ligne ${seen.get(id)}.`);
    else if (rm.noeuds.some((n) => n.id === id)) fail(`l'identifiant « ${id} » est celui d'un nœud de la feuille de route, pas d'une fiche.`);
    if (!row.titre.trim()) fail('titre manquant.');
    const chemin = row.chemin.split('/').map((s) => s.trim()).filter(Boolean);
    const parent = chemin.at(-1) ?? '';
    const fm = fieldsFrom(row, has, rmIndex.period, index.resolveActor, fail, (colonne, name) =>
      notes.push({ colonne, message: `${colonne} : « ${name} » n'est pas dans l'annuaire (content/acteurs/) : importé comme mention libre (« texte »), sans lien vers une organisation.${didYouMean(name, actorNames)} Si c'est une organisation, corrigez la cellule ou ajoutez-la à l'annuaire.` }));
    if (has('chemin')) fm.parent = parent || undefined;
    const checked = sheetSchema.safeParse(Object.fromEntries(Object.entries(fm).filter(([, v]) => v !== undefined)));
    if (!checked.success) for (const issue of checked.error.issues) fail(`${issue.path.join('.') || 'fiche'} : ${issue.message}`);
    if (id) seen.set(id, ligne);
    if (erreurs.length === before) accepted.push({ ligne, id, parent, chemin, row, fm, notes });
  }
  for (const a of accepted) {
    if (a.parent && !rm.noeuds.some((n) => n.id === a.parent) && !rm.fiches.some((f) => f.id === a.parent) && !seen.has(a.parent)) {
      erreurs.push({ ligne: a.ligne, message: `parent « ${a.parent} » (dernier élément de « chemin ») introuvable : ni nœud ni fiche de « ${rm.id} ».${didYouMean(a.parent, [...rm.noeuds.map((n) => n.id), ...rm.fiches.map((f) => f.id), ...seen.keys()])}` });
    }
  }
  if (erreurs.length) return { fichiers: [], erreurs, avertissements };

  const nodeOrder = new Map([...rmIndex.nodes.values()].map((n) => [n.id, n.data.ordre]));
  const fresh = accepted.filter((a) => !rm.fiches.some((f) => f.id === a.id));
  const order = ranks(rm, fresh, nodeOrder);
  const fichiers: PlannedFile[] = accepted.map((a) => {
    const chemin = join(sheetsDir, `${a.id}.md`);
    const existing = rm.fiches.find((f) => f.id === a.id);
    const note = (colonnes: (c: CsvColumn) => boolean) => {
      for (const n of a.notes) if (colonnes(n.colonne)) avertissements.push({ ligne: a.ligne, message: n.message });
    };
    if (!existing) {
      note(() => true);
      const fm = { ...a.fm, ordre: order.get(a.id) };
      return { ligne: a.ligne, id: a.id, chemin, action: 'creation' as const, texte: `---\n${orderedYaml(fm)}---\n` };
    }
    // Existing sheet: only the fields whose cells differ from today's export change.
    const current = sheetRow(rm, existing, sheetUrl);
    const changedColumns = CSV_COLUMNS.filter((c) => has(c) && FIELD_OF[c] && current[c] !== a.row[c]);
    const changed = new Set(changedColumns.map((c) => FIELD_OF[c]!));
    // A cell the site exported as it is says nothing new: only what this import changes is worth a warning.
    note((c) => changedColumns.includes(c));
    const read = readRegularFile(join(realRoot, relative(options.contentDir, join(options.projectRoot, existing.fichier))));
    if (!read.ok) {
      erreurs.push({ ligne: a.ligne, message: `${existing.fichier} : ${read.message}` });
      return { ligne: a.ligne, id: a.id, chemin, action: 'inchangee' as const, texte: '' };
    }
    const original = read.bytes.toString('utf8');
    if (changed.size === 0) return { ligne: a.ligne, id: a.id, chemin, action: 'inchangee' as const, texte: original };
    const split = splitFrontmatter(existing.fichier, original).split!;
    const doc = YAML.parseDocument(split.yaml);
    for (const key of changed) {
      let value = a.fm[key];
      if (key === 'source' && value !== undefined) value = { ...(doc.toJS()?.source ?? {}), ...(value as Fm) };
      if (value === undefined) doc.delete(key);
      else doc.set(key, doc.createNode(value));
    }
    return { ligne: a.ligne, id: a.id, chemin, action: 'modification' as const, texte: `---\n${doc.toString({ lineWidth: 0 })}---\n${split.body}` };
  });

  if (erreurs.length) return { fichiers: [], erreurs, avertissements };

  // The validator has the last word: apply the changes to a copy of the content and check it all.
  const scratch = mkdtempSync(join(tmpdir(), 'jalons-import-'));
  try {
    const copy = join(scratch, 'content');
    // From the real folder (a linked content folder copied as a link would take the changes), folders and regular files only.
    cpSync(realRoot, copy, { recursive: true, filter: (src) => { const k = lstatSync(src); return k.isDirectory() || k.isFile(); } });
    for (const f of fichiers) {
      if (f.action === 'inchangee') continue;
      const target = join(copy, relative(options.contentDir, f.chemin));
      writeText(target, f.texte);
    }
    const check = validateProject(scratch, copy);
    const rowOf = new Map(fichiers.map((f) => [`content/${relative(options.contentDir, f.chemin)}`, f.ligne]));
    for (const p of check.problems) {
      const ligne = rowOf.get(p.fichier);
      // The validator's warnings, for the files this import writes: the same as « npm run validate » will give.
      if (p.gravite === 'avertissement') {
        if (ligne) avertissements.push({ ligne, message: `${p.chemin ? `${p.chemin} : ` : ''}${p.message}` });
        continue;
      }
      erreurs.push({ ligne: ligne ?? 0, message: ligne ? `${p.chemin ? `${p.chemin} : ` : ''}${p.message}` : `${p.fichier}:${p.ligne} : ${p.message}` });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  avertissements.sort((x, y) => x.ligne - y.ligne);
  return erreurs.length ? { fichiers: [], avertissements, erreurs: erreurs.sort((x, y) => x.ligne - y.ligne) } : { fichiers, erreurs, avertissements };
}

function writeText(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Writes the planned files; call only with a plan that has no error. */
export function applyImport(plan: ImportPlan): void {
  if (plan.erreurs.length) throw new Error('Import refusé : il reste des erreurs.');
  for (const f of plan.fichiers) if (f.action !== 'inchangee') writeText(f.chemin, f.texte);
}
