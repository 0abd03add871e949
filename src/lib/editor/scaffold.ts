/**
 * Creates new content files (a sheet, a roadmap) that are valid as created and
 * explain every field in French comments. The field list and the comments come
 * from the zod schemas, so a new field appears here without touching this file.
 * Optional fields are written commented out: uncommenting one is all an editor does.
 */
import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { roadmapSchema } from '../../../schemas/roadmap.ts';
import { sheetSchema } from '../../../schemas/sheet.ts';
import { ROADMAP_FILE } from '../content/load.ts';
import { fsErrorMessage, kindOf, specialEntryMessage, type EntryKind } from '../content/safe-read.ts';
import { didYouMean } from '../content/suggest.ts';
import { acceptedValues, typeName } from './schema-doc.ts';
import { fieldsOf, nestedFields, richest, unwrap, type Field, type Shape } from './schema-walk.ts';
import { RESERVED_ENTRY_IDS, RESERVED_ROADMAP_IDS } from '../content/paths.ts';
import { slugify } from '../values/text.ts';

export class ScaffoldError extends Error {}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A file id from a printed code ("A.1.2.a" → "a-1-2-a") or a title, kept short enough for a URL. */
export function idFrom(codeOrTitle: string): string {
  const slug = slugify(codeOrTitle);
  if (slug.length <= 60) return slug;
  return slug.slice(0, 60).replace(/-[^-]*$/, '');
}

const flow = (value: unknown) => YAML.stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();

/** A value that shows the expected form; "…" marks what the editor fills in. */
function placeholder(shape: Shape): unknown {
  const s = richest(shape);
  switch (s.kind) {
    case 'text': return '…';
    case 'number': case 'integer': return 1;
    case 'boolean': return true;
    case 'url': return 'https://…';
    case 'date': return '2e semestre 2023';
    case 'annual': return 'octobre-juin';
    case 'actor': return 'identifiant-acteur';
    case 'enum': return s.values[0];
    case 'record': return { 'Libellé': placeholder(s.value) };
    case 'array': return [placeholder(s.item)];
    default: return undefined;
  }
}

function headline(f: Field): string {
  const values = acceptedValues(f.shape).replace(/`/g, '');
  const extra = values && !/^voir/.test(values) && !f.description.includes(values.split(',')[0]!) ? ` Valeurs : ${values}.` : '';
  return `${f.key} (${f.required ? 'obligatoire' : 'facultatif'} ; ${typeName(f.shape)}) : ${f.description}${extra}`;
}

/** YAML lines of a field (without comment marks), nested fields annotated with their description. */
function exampleLines(f: Field, value: unknown = undefined): string[] {
  const nested = nestedFields(f.shape);
  const s = richest(f.shape);
  const isList = s.kind === 'array';
  if (value === undefined && nested.length > 0 && s.kind !== 'actor' && !(isList && richest(s.item).kind === 'actor')) {
    const inner = nested.flatMap((n) => exampleLines(n).map((line, i) => (i === 0 ? `${line}  # ${n.description}` : line)));
    if (!isList) return [`${f.key}:`, ...inner.map((l) => `  ${l}`)];
    return [`${f.key}:`, ...inner.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`))];
  }
  if (s.kind === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const given = value as Record<string, unknown>;
    return [`${f.key}:`, ...s.fields.flatMap((n) => {
      const lines = exampleLines(n, given[n.key]).map((line, i) => (i === 0 ? `${line}  # ${n.description}` : line));
      return (given[n.key] === undefined ? lines.map((l) => `# ${l}`) : lines).map((l) => `  ${l}`);
    })];
  }
  const v = value ?? placeholder(f.shape);
  if (Array.isArray(v) && v.some((item) => item !== null && typeof item === 'object')) {
    return [`${f.key}:`, ...v.map((item) => `  - ${flow(item)}`)];
  }
  return [`${f.key}: ${flow(v)}`];
}

/** The commented frontmatter (or YAML file) of a schema, with `values` written out and the rest commented. */
export function skeleton(schema: z.ZodType, values: Record<string, unknown>): string {
  const lines = [`# ${unwrap(schema).description}`, '# Les lignes commençant par « # » sont des explications ; retirez le « # » d\'un champ facultatif pour le remplir.', ''];
  for (const f of fieldsOf(schema)) {
    const value = values[f.key];
    if (value === undefined && f.required) throw new Error(`Valeur manquante pour le champ obligatoire « ${f.key} ».`);
    lines.push(`# ${headline(f)}`);
    const yaml = exampleLines(f, value);
    lines.push(...(value === undefined ? yaml.map((l) => `# ${l}`) : yaml), '');
  }
  return lines.join('\n').trimEnd();
}

const SHEET_BODY = `<!--
Texte de la fiche, en Markdown. Gardez les sections de la source sous leurs propres noms, en « ## » :
## Contexte
## Objectifs
## Description
Sous-titres en « ### », tableaux en tableaux Markdown, notes en [^1].
-->
`;

const ROADMAP_BODY = `<!--
Présentation de la feuille de route, en Markdown (contexte, méthode, objectifs…).
Les axes et objectifs se créent dans noeuds/, les fiches avec « npm run nouvelle-fiche ».
-->
`;

export interface Created {
  id: string;
  /** Absolute path of the new file. */
  path: string;
  text: string;
}

/** What is at `path`, seen without following a link; null when nothing is there. */
function kindAt(path: string): EntryKind | null {
  try {
    return kindOf(lstatSync(path));
  } catch {
    return null;
  }
}

/**
 * Writes a new file under `contentDir`, never through a link: every folder on the way must be
 * a real folder (or not exist yet), and the file itself must not exist, not even as a link.
 */
function writeNew(contentDir: string, path: string, text: string): void {
  const inside = relative(contentDir, path).split(sep);
  for (let i = 1; i <= inside.length; i++) {
    const at = join(contentDir, ...inside.slice(0, i));
    const kind = kindAt(at);
    if (kind === null) break;
    if (kind !== 'directory' && kind !== 'file') throw new ScaffoldError(`${at} : ${specialEntryMessage(kind)}`);
    if (i === inside.length) throw new ScaffoldError(`Le fichier ${path} existe déjà : il n'est pas remplacé. Choisissez un autre code ou titre, ou modifiez le fichier existant.`);
    if (kind === 'file') throw new ScaffoldError(`${at} : ${fsErrorMessage({ code: 'ENOTDIR' })}`);
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { flag: 'wx' });
  } catch (error) {
    throw new ScaffoldError(`${path} : ${fsErrorMessage(error)}`);
  }
}

const stems = (dir: string) =>
  kindAt(dir) === 'directory' ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => e.name.slice(0, -3)) : [];
const isRoadmap = (contentDir: string, id: string) => kindAt(join(contentDir, id)) === 'directory' && kindAt(join(contentDir, id, ROADMAP_FILE)) === 'file';
const roadmapIds = (contentDir: string) => {
  try {
    return readdirSync(contentDir).filter((n) => isRoadmap(contentDir, n));
  } catch {
    return [];
  }
};

export interface NewSheetOptions {
  feuilleDeRoute: string;
  parent: string;
  titre?: string | undefined;
  code?: string | undefined;
  /** Forces the file id instead of deriving it from the code or the title. */
  id?: string | undefined;
}

export function newSheet(contentDir: string, options: NewSheetOptions): Created {
  const { feuilleDeRoute, parent, code } = options;
  const rmDir = join(contentDir, feuilleDeRoute);
  if (!isRoadmap(contentDir, feuilleDeRoute)) {
    throw new ScaffoldError(`La feuille de route « ${feuilleDeRoute} » n'existe pas (pas de fichier content/${feuilleDeRoute}/${ROADMAP_FILE}).${didYouMean(feuilleDeRoute, roadmapIds(contentDir))} Feuilles de route existantes : ${roadmapIds(contentDir).join(', ') || 'aucune'}.`);
  }
  const siblings = [...stems(join(rmDir, 'noeuds')), ...stems(join(rmDir, 'fiches'))];
  if (!siblings.includes(parent)) {
    throw new ScaffoldError(`Le parent « ${parent} » n'existe pas dans la feuille de route « ${feuilleDeRoute} » : ce doit être l'identifiant d'un fichier de noeuds/ ou de fiches/.${didYouMean(parent, siblings)}`);
  }
  if (!options.titre && !code) throw new ScaffoldError('Donnez au moins un titre (--titre "…") ou un code (--code …) pour nommer la fiche.');
  const id = options.id ?? idFrom(code ?? options.titre!);
  if (!ID_PATTERN.test(id) || RESERVED_ENTRY_IDS.includes(id)) {
    throw new ScaffoldError(`L'identifiant « ${id} » ne convient pas (minuscules sans accent, chiffres et tirets ; ni ${RESERVED_ENTRY_IDS.join(', ')}).`);
  }
  if (siblings.includes(id)) {
    throw new ScaffoldError(`L'identifiant « ${id} » est déjà pris dans « ${feuilleDeRoute} » (nœuds et fiches confondus) : le fichier existant n'est pas remplacé. Choisissez un autre code ou titre.`);
  }
  const values: Record<string, unknown> = { titre: options.titre ?? `Fiche ${code}`, parent };
  if (code !== undefined) values['code'] = code;
  const text = `---\n${skeleton(sheetSchema, values)}\n---\n${SHEET_BODY}`;
  const path = join(rmDir, 'fiches', `${id}.md`);
  writeNew(contentDir, path, text);
  return { id, path, text };
}

export interface NewRoadmapOptions {
  id: string;
  titre: string;
  /** Actor id, name or acronym; without it, a free mention to complete. */
  porteur?: string | undefined;
  territoire?: string | undefined;
  niveauTerritoire?: string | undefined;
}

export function newRoadmap(contentDir: string, options: NewRoadmapOptions): Created {
  const { id, titre } = options;
  if (!ID_PATTERN.test(id)) throw new ScaffoldError(`L'identifiant « ${id} » ne convient pas : minuscules sans accent, chiffres et tirets (« haute-loire-2025-2030 »).`);
  if (RESERVED_ROADMAP_IDS.includes(id)) throw new ScaffoldError(`« ${id} » est réservé par le site (${RESERVED_ROADMAP_IDS.join(', ')}) : choisissez un autre identifiant.`);
  const path = join(contentDir, id, ROADMAP_FILE);
  const values = {
    titre,
    porteurs: [options.porteur ?? { texte: 'À compléter : organisation qui porte la feuille de route' }],
    territoire: { nom: options.territoire ?? 'À compléter', niveau: options.niveauTerritoire ?? 'departement' },
    statut: 'projet',
    niveaux: [{ id: 'axe', nom: 'Axe', nom_pluriel: 'Axes' }],
    source: { titre },
  };
  const text = `---\n${skeleton(roadmapSchema, values)}\n---\n${ROADMAP_BODY}`;
  writeNew(contentDir, path, text);
  return { id, path, text };
}
