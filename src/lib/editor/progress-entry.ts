/**
 * `npm run point-d-etape`: appends one dated progress entry (« suivi ») to a sheet, as text,
 * so that everything else in the file (comments, quotes, blank lines, body) stays byte for
 * byte; then the whole project is validated, and the file restored if the entry made it invalid.
 */
import { lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML, { isMap, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { ROADMAP_FILE } from '../content/load.ts';
import type { Problem } from '../content/problem.ts';
import { fsErrorMessage, kindOf, specialEntryMessage, type EntryKind } from '../content/safe-read.ts';
import { didYouMean } from '../content/suggest.ts';
import { validateProject } from '../model/validate-project.ts';

export class ProgressEntryError extends Error {}

export interface ProgressEntryOptions {
  /** « <feuille-de-route>/<fiche> ». */
  fiche: string;
  texte: string;
  /** ISO day (YYYY-MM-DD) or any fuzzy date; the caller defaults it to today. */
  date: string;
  statut?: string | undefined;
  avancement?: string | undefined;
  /** « libellé=12 », repeatable. */
  valeurs?: string[] | undefined;
  jalons?: string[] | undefined;
  lien?: string | undefined;
  titreLien?: string | undefined;
}

export type ProgressEntryResult = { ok: true; path: string; added: string } | { ok: false; path: string; problems: Problem[] };

function kindAt(path: string): EntryKind | null {
  try {
    return kindOf(lstatSync(path));
  } catch {
    return null;
  }
}

const dirs = (dir: string) => {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
};
const sheetStems = (dir: string) => {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => e.name.slice(0, -3));
  } catch {
    return [];
  }
};

/** The sheet's file, checked to be a plain file reached through plain folders (never a link). */
export function locateSheet(contentDir: string, fiche: string): string {
  const m = /^([^/\\]+)\/([^/\\]+?)(?:\.md)?$/.exec(fiche.trim());
  if (!m) throw new ProgressEntryError(`« ${fiche} » n'est pas une fiche : écrivez --fiche <feuille-de-route>/<fiche>, par exemple --fiche ma-feuille/a-1-2.`);
  const [, rm, id] = m as unknown as [string, string, string];
  const roadmaps = dirs(contentDir).filter((d) => kindAt(join(contentDir, d, ROADMAP_FILE)) === 'file');
  if (kindAt(join(contentDir, rm)) !== 'directory' || !roadmaps.includes(rm)) {
    throw new ProgressEntryError(`La feuille de route « ${rm} » n'existe pas.${didYouMean(rm, roadmaps)} Feuilles de route existantes : ${roadmaps.join(', ') || 'aucune'}.`);
  }
  const fichesDir = join(contentDir, rm, 'fiches');
  const path = join(fichesDir, `${id}.md`);
  for (const at of [fichesDir, path]) {
    const kind = kindAt(at);
    if (kind === null) break;
    if (kind !== 'directory' && kind !== 'file') throw new ProgressEntryError(`${at} : ${specialEntryMessage(kind)}`);
  }
  if (kindAt(path) !== 'file') {
    throw new ProgressEntryError(`La fiche « ${id} » n'existe pas dans la feuille de route « ${rm} » (pas de fichier ${rm}/fiches/${id}.md).${didYouMean(id, sheetStems(fichesDir))}`);
  }
  return path;
}

/** « 12 », « 12,5 » → a number; anything else (« 25 % ») stays text, as the schema allows. */
function indicatorValue(raw: string): number | string {
  const t = raw.trim();
  return /^-?\d+(?:[.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : t;
}

/** The entry as data, in the schema's field order; throws on an option it cannot read. */
export function entryData(o: ProgressEntryOptions): Record<string, unknown> {
  if (!o.texte.trim()) throw new ProgressEntryError('Le texte de l\'étape est vide : décrivez ce qui s\'est passé avec --texte "…".');
  const entry: Record<string, unknown> = { date: o.date.trim(), texte: o.texte.trim() };
  if (o.statut !== undefined) entry['statut'] = o.statut.trim();
  if (o.avancement !== undefined) {
    const n = Number(o.avancement.trim().replace(/\s*%$/, '').replace(',', '.'));
    if (!o.avancement.trim() || !Number.isFinite(n)) throw new ProgressEntryError(`L'avancement « ${o.avancement} » n'est pas un nombre : écrivez un pourcentage de 0 à 100, sans le signe % (--avancement 40).`);
    entry['avancement'] = n;
  }
  if (o.valeurs?.length) {
    const valeurs: Record<string, number | string> = {};
    for (const v of o.valeurs) {
      const at = v.lastIndexOf('=');
      if (at <= 0 || !v.slice(0, at).trim() || !v.slice(at + 1).trim()) {
        throw new ProgressEntryError(`La valeur « ${v} » ne se lit pas : écrivez --valeur "libellé de l'indicateur=12".`);
      }
      valeurs[v.slice(0, at).trim()] = indicatorValue(v.slice(at + 1));
    }
    entry['valeurs'] = valeurs;
  }
  if (o.jalons?.length) entry['jalons_atteints'] = o.jalons.map((j) => j.trim());
  if (o.titreLien !== undefined && o.lien === undefined) throw new ProgressEntryError('--titre-lien va avec --lien <adresse> : donnez aussi l\'adresse du document.');
  if (o.lien !== undefined) entry['lien'] = { titre: (o.titreLien ?? 'Document').trim(), url: o.lien.trim() };
  return entry;
}

/** YAML lines of one list item (« - date: … »), in flow style when the list's items are. */
function itemText(entry: Record<string, unknown>, flow: boolean, indent: string): string {
  const doc = new YAML.Document([entry]);
  const seq = doc.contents as YAMLSeq;
  const map = seq.items[0] as YAMLMap;
  (map.get('date', true) as Scalar).type = 'QUOTE_DOUBLE';
  if (flow) map.flow = true;
  return doc
    .toString({ lineWidth: 0, flowCollectionPadding: true })
    .trimEnd()
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}

/** The frontmatter with the entry appended to its « suivi » list (created at the end when absent), all else untouched. */
export function appendEntryToFrontmatter(yaml: string, entry: Record<string, unknown>): string {
  const doc = YAML.parseDocument(yaml, { keepSourceTokens: false });
  if (doc.errors.length) throw new ProgressEntryError(`L'en-tête de la fiche n'est pas du YAML valide : corrigez-le d'abord (npm run validate dit où). ${doc.errors[0]!.message.split('\n')[0]}`);
  if (!isMap(doc.contents)) throw new ProgressEntryError('L\'en-tête de la fiche n\'est pas une liste de champs : corrigez-le d\'abord (npm run validate dit où).');
  const suivi = doc.contents.get('suivi', true);
  if (suivi === undefined || suivi === null || (YAML.isScalar(suivi) && suivi.value === null)) {
    if (suivi !== undefined) {
      // « suivi: » left empty: the Document API rewrites the header, rare enough.
      doc.set('suivi', [entry]);
      return doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
    }
    const base = yaml.replace(/\s+$/, '');
    return `${base}${base ? '\n' : ''}suivi:\n${itemText(entry, false, '  ')}${yaml.slice(base.length) || ''}`;
  }
  if (!isSeq(suivi)) throw new ProgressEntryError('Le champ « suivi » de la fiche n\'est pas une liste : corrigez-le d\'abord (npm run validate dit où).');
  if (suivi.flow || !suivi.range || suivi.items.length === 0) {
    suivi.items.push(doc.createNode(entry));
    return doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
  }
  const start = suivi.range[0];
  const indent = ' '.repeat(start - (yaml.lastIndexOf('\n', start - 1) + 1));
  const last = suivi.items[suivi.items.length - 1] as { range?: [number, number, number] | null; flow?: boolean };
  let end = last.range ? last.range[1] : suivi.range[1];
  while (end > 0 && /\s/.test(yaml[end - 1]!)) end--;
  const eol = yaml.indexOf('\n', end);
  const at = eol === -1 ? yaml.length : eol;
  const flow = suivi.items.every((i) => isMap(i) && i.flow);
  return `${yaml.slice(0, at)}\n${itemText(entry, flow, indent)}${yaml.slice(at)}`;
}

/** The whole file with the entry added (the frontmatter found as the validator finds it). */
export function appendEntryToFile(text: string, entry: Record<string, unknown>): string {
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const lf = text.replace(/\r\n/g, '\n');
  if (!/^---[ \t]*\n/.test(lf)) throw new ProgressEntryError('La fiche ne commence pas par une ligne « --- » : corrigez-la d\'abord (npm run validate dit comment).');
  const lines = lf.split('\n');
  const close = lines.findIndex((line, i) => i > 0 && /^---[ \t]*$/.test(line));
  if (close === -1) throw new ProgressEntryError('La ligne « --- » qui ferme l\'en-tête de la fiche est introuvable : corrigez-la d\'abord (npm run validate dit comment).');
  const yaml = lines.slice(1, close).join('\n');
  const updated = appendEntryToFrontmatter(yaml, entry);
  const out = [lines[0], updated, ...lines.slice(close)].join('\n');
  return nl === '\n' ? out : out.replace(/\n/g, '\r\n');
}

/**
 * Adds the entry, validates the project at `today`, and restores the file when the sheet
 * then has an error: the validator's problems on that file are returned.
 */
export function addProgressEntry(projectRoot: string, contentDir: string, options: ProgressEntryOptions, today: string): ProgressEntryResult {
  const path = locateSheet(contentDir, options.fiche);
  const entry = entryData(options);
  let before: string;
  try {
    before = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ProgressEntryError(`${path} : ${fsErrorMessage(error)}`);
  }
  const after = appendEntryToFile(before, entry);
  const write = (text: string) => {
    if (kindAt(path) !== 'file') throw new ProgressEntryError(`${path} : ${specialEntryMessage('symlink')}`);
    try {
      writeFileSync(path, text);
    } catch (error) {
      throw new ProgressEntryError(`${path} : ${fsErrorMessage(error)}`);
    }
  };
  write(after);
  let problems: Problem[];
  try {
    problems = validateProject(projectRoot, contentDir, today).problems.filter((p) => p.gravite === 'erreur' && resolve(projectRoot, p.fichier) === path);
  } catch (error) {
    write(before);
    throw error;
  }
  if (problems.length) {
    write(before);
    return { ok: false, path, problems };
  }
  return { ok: true, path, added: itemText(entry, false, '') };
}
