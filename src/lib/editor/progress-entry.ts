/**
 * `npm run point-d-etape`: appends one dated progress entry (« suivi ») to a sheet or to one
 * of its sub-actions, as text, so that everything else in the file (comments, quotes, blank
 * lines, body) stays byte for byte; then the whole project is validated, and the file
 * restored if the entry made it invalid.
 */
import { lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import YAML, { isMap, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { ROADMAP_FILE } from '../content/load.ts';
import { shorten, type Problem } from '../content/problem.ts';
import { fsErrorMessage, kindOf, specialEntryMessage, type EntryKind } from '../content/safe-read.ts';
import { didYouMean } from '../content/suggest.ts';
import { validateProject } from '../model/validate-project.ts';
import { looseKey } from '../values/text.ts';

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
  /** The sub-action whose « suivi » gets the entry: its code, its title or an extract of it, or its rank from 1 (see findSubAction). */
  sousAction?: string | undefined;
}

export type ProgressEntryResult =
  | { ok: true; path: string; added: string; /** Title of the sub-action that got the entry. */ sousAction: string | null }
  | { ok: false; path: string; problems: Problem[] };

/** Where the entry goes: the sheet's own « suivi », or a sub-action's (named as the editor wrote it). */
export interface EntryTarget {
  sousAction: string;
  /** « feuille/fiche », for messages. */
  fiche: string;
}

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

export interface SubActionRef {
  titre: string;
  code: string | null;
}

const subActionName = (s: SubActionRef, i: number) => `${i + 1} « ${shorten(s.titre)} »${s.code !== null ? ` (code ${s.code})` : ''}`;

/**
 * The index of the sub-action `wanted` designates, trying in turn its code, its whole title,
 * its rank from 1, the beginning of its title, then words of its title (titles compared
 * loosely: case, accents and punctuation aside); the first unique match wins.
 * Throws a French message listing the sheet's sub-actions when none or several match.
 */
export function findSubAction(subs: readonly SubActionRef[], wanted: string, fiche: string): number {
  if (!subs.length) throw new ProgressEntryError(noSubActions(fiche));
  const w = looseKey(wanted);
  const indexes = (test: (s: SubActionRef) => boolean) => (w ? subs.flatMap((s, i) => (test(s) ? [i] : [])) : []);
  const rank = /^\s*(\d+)\s*$/.exec(wanted);
  for (const found of [
    indexes((s) => s.code !== null && looseKey(s.code) === w),
    indexes((s) => looseKey(s.titre) === w),
    // A bare number is a rank before it is the beginning of a title (« 2 ateliers »).
    rank && Number(rank[1]) >= 1 && Number(rank[1]) <= subs.length ? [Number(rank[1]) - 1] : [],
    indexes((s) => looseKey(s.titre).startsWith(w)),
    indexes((s) => looseKey(s.titre).includes(w)),
  ]) {
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      throw new ProgressEntryError(`« ${wanted} » désigne plusieurs sous-actions de la fiche « ${fiche} » : ${found.map((i) => subActionName(subs[i]!, i)).join(', ')}. Donnez un extrait d'intitulé plus long, ou le rang (--sous-action ${found[0]! + 1}).`);
    }
  }
  const names = [...subs.map((s) => s.titre), ...subs.flatMap((s) => (s.code !== null ? [s.code] : []))];
  throw new ProgressEntryError(`La sous-action « ${wanted} » n'existe pas dans la fiche « ${fiche} ».${didYouMean(wanted, names)} Sous-actions de la fiche : ${subs.map(subActionName).join(', ')}. Écrivez --sous-action suivi de son code, d'un extrait de son intitulé ou de son rang (1 pour la première).`);
}

const noSubActions = (fiche: string) => `La fiche « ${fiche} » n'a pas de sous-actions (« sous_actions ») : retirez --sous-action pour ajouter l'étape au suivi de la fiche elle-même.`;

/** The sub-action map `target` designates in the frontmatter, and its title. */
function subActionNode(root: YAMLMap, target: EntryTarget): { node: YAMLMap; titre: string; index: number } {
  const fix = 'corrigez-le d\'abord (npm run validate dit où).';
  const list = root.get('sous_actions', true);
  if (list === undefined || list === null || (YAML.isScalar(list) && list.value === null)) throw new ProgressEntryError(noSubActions(target.fiche));
  if (!isSeq(list)) throw new ProgressEntryError(`Le champ « sous_actions » de la fiche n'est pas une liste : ${fix}`);
  const nodes = list.items.map((item) => {
    if (!isMap(item)) throw new ProgressEntryError(`Une sous-action de la fiche n'est pas une liste de champs (titre, calendrier…) : ${fix}`);
    return item;
  });
  const refs = nodes.map((n) => {
    const code = n.get('code');
    return { titre: String(n.get('titre') ?? ''), code: code === undefined || code === null ? null : String(code) };
  });
  const i = findSubAction(refs, target.sousAction, target.fiche);
  return { node: nodes[i]!, titre: refs[i]!.titre, index: i };
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
/** End of the line where the text before `end` stops (trailing blank lines and spaces left out). */
function endOfContent(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const eol = text.indexOf('\n', end);
  return eol === -1 ? text.length : eol;
}

/** The entry in flow style (« { date: "…", texte: … } »), for a one-line list. */
function flowText(entry: Record<string, unknown>): string {
  return itemText(entry, true, '').replace(/^- /, '');
}

/** `yaml` with the entry appended to the « suivi » of `owner` (the root map or a sub-action's), all else untouched. */
function appendToOwner(yaml: string, doc: YAML.Document, owner: YAMLMap, entry: Record<string, unknown>): string {
  const isRoot = owner === doc.contents;
  const suivi = owner.get('suivi', true);
  if (suivi === undefined) {
    if (isRoot) {
      const base = yaml.replace(/\s+$/, '');
      return `${base}${base ? '\n' : ''}suivi:\n${itemText(entry, false, '  ')}${yaml.slice(base.length) || ''}`;
    }
    if (!owner.range) throw new ProgressEntryError('La sous-action est introuvable dans le texte de l\'en-tête.');
    if (owner.flow) {
      // « - { titre: …, calendrier: … } »: the log joins the braces, one line still.
      const close = owner.range[1] - 1;
      if (yaml[close] !== '}') throw new ProgressEntryError('La sous-action est introuvable dans le texte de l\'en-tête.');
      let before = close;
      while (before > 0 && /\s/.test(yaml[before - 1]!)) before--;
      const sep = yaml[before - 1] === '{' || yaml[before - 1] === ',' ? ' ' : ', ';
      return `${yaml.slice(0, before)}${sep}suivi: [ ${flowText(entry)} ]${yaml.slice(before)}`;
    }
    const indent = ' '.repeat(owner.range[0] - lineStart(yaml, owner.range[0]));
    const lastPair = owner.items[owner.items.length - 1] as { value?: { range?: [number, number, number] | null } | null; key?: { range?: [number, number, number] | null } | null } | undefined;
    const end = endOfContent(yaml, lastPair?.value?.range?.[1] ?? lastPair?.key?.range?.[1] ?? owner.range[1]);
    return `${yaml.slice(0, end)}\n${indent}suivi:\n${itemText(entry, false, `${indent}  `)}${yaml.slice(end)}`;
  }
  if (suivi === null || (YAML.isScalar(suivi) && suivi.value === null)) {
    // « suivi: » left empty: the Document API rewrites the header, rare enough.
    owner.set('suivi', [entry]);
    return doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
  }
  if (!isSeq(suivi)) throw new ProgressEntryError('Le champ « suivi » n\'est pas une liste : corrigez-le d\'abord (npm run validate dit où).');
  if (!suivi.range) {
    suivi.items.push(doc.createNode(entry));
    return doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
  }
  if (suivi.flow) {
    // « suivi: [ { … }, { … } ] »: the entry goes before the closing bracket.
    const close = suivi.range[1] - 1;
    if (yaml[close] !== ']') throw new ProgressEntryError('Le champ « suivi » est introuvable dans le texte de l\'en-tête.');
    let before = close;
    while (before > 0 && /\s/.test(yaml[before - 1]!)) before--;
    if (yaml[before - 1] === '[') return `${yaml.slice(0, before)} ${flowText(entry)} ${yaml.slice(close)}`;
    return `${yaml.slice(0, before)}${yaml[before - 1] === ',' ? ' ' : ', '}${flowText(entry)}${yaml.slice(before)}`;
  }
  if (suivi.items.length === 0) {
    suivi.items.push(doc.createNode(entry));
    return doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
  }
  const start = suivi.range[0];
  const indent = ' '.repeat(start - lineStart(yaml, start));
  const last = suivi.items[suivi.items.length - 1] as { range?: [number, number, number] | null };
  const at = endOfContent(yaml, last.range ? last.range[1] : suivi.range[1]);
  const flow = suivi.items.every((i) => isMap(i) && i.flow);
  return `${yaml.slice(0, at)}\n${itemText(entry, flow, indent)}${yaml.slice(at)}`;
}

/**
 * The frontmatter with the entry appended to the « suivi » list of the sheet, or of the
 * sub-action `target` names (the list created when absent), all else untouched.
 */
export function appendEntryToFrontmatter(yaml: string, entry: Record<string, unknown>, target?: EntryTarget): string {
  return appendEntryWithTitle(yaml, entry, target).yaml;
}

function appendEntryWithTitle(yaml: string, entry: Record<string, unknown>, target?: EntryTarget): { yaml: string; sousAction: string | null } {
  const doc = YAML.parseDocument(yaml, { keepSourceTokens: false });
  if (doc.errors.length) throw new ProgressEntryError(`L'en-tête de la fiche n'est pas du YAML valide : corrigez-le d'abord (npm run validate dit où). ${doc.errors[0]!.message.split('\n')[0]}`);
  if (!isMap(doc.contents)) throw new ProgressEntryError('L\'en-tête de la fiche n\'est pas une liste de champs : corrigez-le d\'abord (npm run validate dit où).');
  const expected = doc.toJS() as Record<string, unknown>;
  const { node: owner, titre, index } = target ? subActionNode(doc.contents, target) : { node: doc.contents, titre: null, index: -1 };
  const ownerData = target ? (expected['sous_actions'] as Array<Record<string, unknown>>)[index]! : expected;
  const log = ownerData['suivi'];
  ownerData['suivi'] = [...(Array.isArray(log) ? log : []), entry];
  const out = appendToOwner(yaml, doc, owner, entry);
  // The text was edited by hand: check it says exactly what was meant before writing it.
  const check = YAML.parseDocument(out);
  if (check.errors.length || !isDeepStrictEqual(check.toJS(), expected)) {
    throw new ProgressEntryError('L\'étape n\'a pas pu être ajoutée sans toucher au reste de l\'en-tête (mise en forme inhabituelle) : ajoutez-la à la main, comme le montre le guide de l\'éditeur (« Tenir la feuille de route à jour »).');
  }
  return { yaml: out, sousAction: titre };
}

/** The whole file with the entry added (the frontmatter found as the validator finds it). */
export function appendEntryToFile(text: string, entry: Record<string, unknown>, target?: EntryTarget): string {
  return appendToFile(text, entry, target).text;
}

function appendToFile(text: string, entry: Record<string, unknown>, target?: EntryTarget): { text: string; sousAction: string | null } {
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const lf = text.replace(/\r\n/g, '\n');
  if (!/^---[ \t]*\n/.test(lf)) throw new ProgressEntryError('La fiche ne commence pas par une ligne « --- » : corrigez-la d\'abord (npm run validate dit comment).');
  const lines = lf.split('\n');
  const close = lines.findIndex((line, i) => i > 0 && /^---[ \t]*$/.test(line));
  if (close === -1) throw new ProgressEntryError('La ligne « --- » qui ferme l\'en-tête de la fiche est introuvable : corrigez-la d\'abord (npm run validate dit comment).');
  const yaml = lines.slice(1, close).join('\n');
  const updated = appendEntryWithTitle(yaml, entry, target);
  const out = [lines[0], updated.yaml, ...lines.slice(close)].join('\n');
  return { text: nl === '\n' ? out : out.replace(/\n/g, '\r\n'), sousAction: updated.sousAction };
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
  const fiche = options.fiche.trim().replace(/\.md$/, '');
  const { text: after, sousAction } = appendToFile(before, entry, options.sousAction !== undefined ? { sousAction: options.sousAction, fiche } : undefined);
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
  return { ok: true, path, added: itemText(entry, false, ''), sousAction };
}
