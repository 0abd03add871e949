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
import { nodeSchema } from '../../../schemas/node.ts';
import { roadmapSchema, TERRITORY_LEVELS } from '../../../schemas/roadmap.ts';
import { sheetSchema } from '../../../schemas/sheet.ts';
import { loadContent, ROADMAP_FILE } from '../content/load.ts';
import { fsErrorMessage, kindOf, specialEntryMessage, type EntryKind } from '../content/safe-read.ts';
import { didYouMean } from '../content/suggest.ts';
import { acceptedValues, typeName } from './schema-doc.ts';
import { fieldsOf, nestedFields, richest, unwrap, type Field, type Shape } from './schema-walk.ts';
import { RESERVED_ENTRY_IDS, RESERVED_ROADMAP_IDS } from '../content/paths.ts';
import { looseKey, slugify } from '../values/text.ts';

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

/** The comment that marks a value the command guessed or left for the editor to fill in. */
export const TO_COMPLETE = 'À compléter';
const marked = (line: string) => `${line}  # ${TO_COMPLETE}`;

/**
 * YAML lines of a field (without comment marks), nested fields annotated with their description;
 * `toComplete` holds the paths (« territoire.nom ») whose line gets the « À compléter » mark.
 */
function exampleLines(f: Field, value: unknown = undefined, toComplete: readonly string[] = [], prefix = ''): string[] {
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
      const path = `${prefix}${f.key}.${n.key}`;
      const lines = exampleLines(n, given[n.key], toComplete, `${prefix}${f.key}.`).map((line, i) =>
        (i === 0 ? `${line}  # ${toComplete.includes(path) ? `${TO_COMPLETE} : ` : ''}${n.description}` : line));
      return (given[n.key] === undefined ? lines.map((l) => `# ${l}`) : lines).map((l) => `  ${l}`);
    })];
  }
  const v = value ?? placeholder(f.shape);
  if (Array.isArray(v) && v.some((item) => item !== null && typeof item === 'object')) {
    return [`${f.key}:`, ...v.map((item) => `  - ${flow(item)}`)];
  }
  return [`${f.key}: ${flow(v)}`];
}

/**
 * The commented frontmatter (or YAML file) of a schema, with `values` written out and the rest
 * commented; the fields of `toComplete` (« statut », « territoire.nom ») are marked « À compléter ».
 */
export function skeleton(schema: z.ZodType, values: Record<string, unknown>, toComplete: readonly string[] = []): string {
  const lines = [`# ${unwrap(schema).description}`, '# Les lignes commençant par « # » sont des explications ; retirez le « # » d\'un champ facultatif pour le remplir.', ''];
  for (const f of fieldsOf(schema)) {
    const value = values[f.key];
    if (value === undefined && f.required) throw new Error(`Valeur manquante pour le champ obligatoire « ${f.key} ».`);
    lines.push(`# ${headline(f)}`);
    const yaml = exampleLines(f, value, toComplete);
    if (toComplete.includes(f.key)) yaml[0] = marked(yaml[0]!);
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

const NODE_BODY = `<!--
Texte d'introduction du nœud, en Markdown (facultatif). Ses nœuds enfants se créent avec
« npm run nouveau-noeud -- --parent <cet identifiant> », ses fiches avec « npm run nouvelle-fiche ».
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

/** What the new files refer to: the roadmaps, their levels and nodes, the actors' names. */
interface ExistingRoadmap {
  niveaux: Array<{ id: string; nom: string }>;
  /** Node id → its level id. */
  nodes: Map<string, string>;
  sheets: string[];
  /** codeKey(parent, code) → the file that has it. */
  codes: Map<string, string>;
}
interface Existing {
  roadmaps: Map<string, ExistingRoadmap>;
  actors: Map<string, string>;
  actorNames: string[];
}

function readExisting(contentDir: string): Existing {
  const content = loadContent(contentDir, dirname(contentDir));
  const roadmaps: Existing['roadmaps'] = new Map(content.roadmaps.map((r) => [r.id, { niveaux: r.data.niveaux, nodes: new Map(), sheets: [], codes: new Map() }]));
  for (const n of content.nodes) roadmaps.get(n.roadmapId)?.nodes.set(n.id, n.data.niveau);
  for (const f of content.sheets) roadmaps.get(f.roadmapId)?.sheets.push(f.id);
  for (const e of [...content.nodes, ...content.sheets]) {
    if (e.data.code !== undefined) roadmaps.get(e.roadmapId)?.codes.set(codeKey(e.data.parent, e.data.code), e.fichier);
  }
  const actors = new Map<string, string>();
  const actorNames: string[] = [];
  for (const a of content.actors) {
    for (const label of [a.id, a.data.nom, a.data.sigle, ...(a.data.aliases ?? [])]) {
      if (label === undefined) continue;
      if (!actors.has(looseKey(label))) actors.set(looseKey(label), a.id);
      if (label !== a.id) actorNames.push(label);
    }
  }
  return { roadmaps, actors, actorNames };
}

/** Two siblings may not share a code (src/lib/content/cross-rules.ts): the key of a code under its parent. */
const codeKey = (parent: string | undefined, code: string | number) => `${parent ?? ''}\u0000${String(code)}`;

function checkSiblingCode(rm: ExistingRoadmap, parent: string | undefined, code: string | undefined): void {
  const taken = code === undefined ? undefined : rm.codes.get(codeKey(parent, code));
  if (taken) throw new ScaffoldError(`Le code « ${code} » est déjà celui de ${taken}, sous le même parent : deux éléments frères ne peuvent pas avoir le même code. Choisissez-en un autre.`);
}

function checkRoadmap(contentDir: string, id: string): void {
  if (!isRoadmap(contentDir, id)) {
    throw new ScaffoldError(`La feuille de route « ${id} » n'existe pas (pas de fichier content/${id}/${ROADMAP_FILE}).${didYouMean(id, roadmapIds(contentDir))} Feuilles de route existantes : ${roadmapIds(contentDir).join(', ') || 'aucune'}.`);
  }
}

/** The file id: --id when given, else derived from the code, else from the title; checked and free. */
function newEntryId(options: { id?: string | undefined; code?: string | undefined; titre?: string | undefined }, taken: string[], feuilleDeRoute: string): string {
  const id = options.id ?? idFrom(options.code ?? options.titre!);
  if (!ID_PATTERN.test(id) || RESERVED_ENTRY_IDS.includes(id)) {
    throw new ScaffoldError(`L'identifiant « ${id} » ne convient pas (minuscules sans accent, chiffres et tirets ; ni ${RESERVED_ENTRY_IDS.join(', ')}) : choisissez-en un avec --id.`);
  }
  if (taken.includes(id)) {
    throw new ScaffoldError(`L'identifiant « ${id} » est déjà pris dans « ${feuilleDeRoute} » (nœuds et fiches confondus) : le fichier existant n'est pas remplacé. Choisissez un autre identifiant avec --id.`);
  }
  return id;
}

export interface NewSheetOptions {
  feuilleDeRoute: string;
  parent: string;
  titre?: string | undefined;
  code?: string | undefined;
  /** Forces the file id instead of deriving it from the code or the title. */
  id?: string | undefined;
}

export interface CreatedDraft extends Created {
  /** Fields whose value was guessed or left as a placeholder, marked « À compléter » in the file. */
  aCompleter: string[];
}

export function newSheet(contentDir: string, options: NewSheetOptions): CreatedDraft {
  const { feuilleDeRoute, parent, code } = options;
  const rmDir = join(contentDir, feuilleDeRoute);
  checkRoadmap(contentDir, feuilleDeRoute);
  const siblings = [...stems(join(rmDir, 'noeuds')), ...stems(join(rmDir, 'fiches'))];
  if (!siblings.includes(parent)) {
    throw new ScaffoldError(`Le parent « ${parent} » n'existe pas dans la feuille de route « ${feuilleDeRoute} » : ce doit être l'identifiant d'un fichier de noeuds/ ou de fiches/.${didYouMean(parent, siblings)}`);
  }
  if (!options.titre && !code) throw new ScaffoldError('Donnez au moins un titre (--titre "…") ou un code (--code …) pour nommer la fiche.');
  const id = newEntryId(options, siblings, feuilleDeRoute);
  const rm = readExisting(contentDir).roadmaps.get(feuilleDeRoute);
  if (rm) checkSiblingCode(rm, parent, code);
  const values: Record<string, unknown> = { titre: options.titre ?? `Fiche ${code}`, parent };
  if (code !== undefined) values['code'] = code;
  const aCompleter = options.titre ? [] : ['titre'];
  const text = `---\n${skeleton(sheetSchema, values, aCompleter)}\n---\n${SHEET_BODY}`;
  const path = join(rmDir, 'fiches', `${id}.md`);
  writeNew(contentDir, path, text);
  return { id, path, text, aCompleter };
}

export interface NewNodeOptions {
  feuilleDeRoute: string;
  /** Level id among the roadmap's « niveaux »; by default the level under the parent's (the first without parent). */
  niveau?: string | undefined;
  /** Parent node id; none for a node of the first level. */
  parent?: string | undefined;
  titre?: string | undefined;
  code?: string | undefined;
  id?: string | undefined;
}

export function newNode(contentDir: string, options: NewNodeOptions): Created {
  const { feuilleDeRoute, parent, code, titre } = options;
  checkRoadmap(contentDir, feuilleDeRoute);
  const rm = readExisting(contentDir).roadmaps.get(feuilleDeRoute);
  if (!rm) throw new ScaffoldError(`La feuille de route « ${feuilleDeRoute} » ne se lit pas : lancez « npm run validate » et corrigez-la d'abord.`);
  const levels = rm.niveaux.map((l) => l.id);
  if (levels.length === 0) {
    throw new ScaffoldError(`La feuille de route « ${feuilleDeRoute} » ne déclare aucun niveau (« niveaux: [] ») : ses fiches n'ont pas de nœud au-dessus d'elles. Déclarez d'abord un niveau dans « niveaux » de content/${feuilleDeRoute}/${ROADMAP_FILE}.`);
  }
  let parentLevel = -1;
  if (parent !== undefined) {
    const level = rm.nodes.get(parent);
    if (level === undefined) {
      const isSheet = rm.sheets.includes(parent);
      throw new ScaffoldError(isSheet
        ? `Le parent « ${parent} » est une fiche : un nœud ne peut dépendre que d'un autre nœud (fichier de noeuds/).`
        : `Le nœud parent « ${parent} » n'existe pas dans ${feuilleDeRoute}/noeuds/.${didYouMean(parent, rm.nodes.keys())} Nœuds existants : ${[...rm.nodes.keys()].join(', ') || 'aucun'}.`);
    }
    parentLevel = levels.indexOf(level);
  }
  const niveau = options.niveau ?? levels[parentLevel + 1];
  if (niveau === undefined) {
    throw new ScaffoldError(`Le nœud « ${parent} » est au dernier niveau (« ${levels.at(-1)} ») : sous lui viennent des fiches (« npm run nouvelle-fiche »), pas des nœuds.`);
  }
  if (!levels.includes(niveau)) {
    throw new ScaffoldError(`Le niveau « ${niveau} » n'est pas déclaré dans « niveaux » de content/${feuilleDeRoute}/${ROADMAP_FILE}.${didYouMean(niveau, levels)} Niveaux déclarés : ${levels.join(', ')}.`);
  }
  if (levels.indexOf(niveau) <= parentLevel) {
    throw new ScaffoldError(`Le niveau « ${niveau} » n'est pas plus fin que celui du parent « ${parent} » (« ${levels[parentLevel]} ») : choisissez un niveau parmi ${levels.slice(parentLevel + 1).join(', ') || 'aucun'}.`);
  }
  if (!titre && !code) throw new ScaffoldError('Donnez au moins un titre (--titre "…") ou un code (--code …) pour nommer le nœud.');
  const id = newEntryId(options, [...rm.nodes.keys(), ...rm.sheets], feuilleDeRoute);
  checkSiblingCode(rm, parent, code);
  const values: Record<string, unknown> = { niveau };
  if (titre !== undefined) values['titre'] = titre;
  if (code !== undefined) values['code'] = code;
  if (parent !== undefined) values['parent'] = parent;
  const text = `---\n${skeleton(nodeSchema, values)}\n---\n${NODE_BODY}`;
  const path = join(contentDir, feuilleDeRoute, 'noeuds', `${id}.md`);
  writeNew(contentDir, path, text);
  return { id, path, text };
}

export interface NewRoadmapOptions {
  id: string;
  titre: string;
  /** Actor ids, names or acronyms, each in content/acteurs/; without any, a free mention to complete. */
  porteurs?: readonly string[] | undefined;
  territoire?: string | undefined;
  niveauTerritoire?: string | undefined;
}

/** The territory level a name says by itself: France is national; any other name needs --niveau-territoire. */
const levelOfName = (name: string | undefined) => (name !== undefined && ['france', 'france entiere'].includes(looseKey(name)) ? 'national' : undefined);

export function newRoadmap(contentDir: string, options: NewRoadmapOptions): CreatedDraft {
  const { id, titre } = options;
  if (!ID_PATTERN.test(id)) throw new ScaffoldError(`L'identifiant « ${id} » ne convient pas : minuscules sans accent, chiffres et tirets (« haute-loire-2025-2030 »).`);
  if (RESERVED_ROADMAP_IDS.includes(id)) throw new ScaffoldError(`« ${id} » est réservé par le site (${RESERVED_ROADMAP_IDS.join(', ')}) : choisissez un autre identifiant.`);
  const niveauTerritoire = options.niveauTerritoire ?? levelOfName(options.territoire);
  if (niveauTerritoire !== undefined && !(TERRITORY_LEVELS as readonly string[]).includes(niveauTerritoire)) {
    throw new ScaffoldError(`Niveau de territoire « ${niveauTerritoire} » inconnu.${didYouMean(niveauTerritoire, TERRITORY_LEVELS)} Valeurs : ${TERRITORY_LEVELS.join(', ')}.`);
  }
  const porteurs = options.porteurs ?? [];
  if (porteurs.length) {
    const existing = readExisting(contentDir);
    for (const p of porteurs) {
      if (!existing.actors.has(looseKey(p))) {
        throw new ScaffoldError(`Porteur « ${p} » absent de l'annuaire (content/acteurs/).${didYouMean(p, existing.actorNames)} Donnez l'identifiant, le nom ou le sigle d'un acteur de l'annuaire, ajoutez-y l'organisation, ou omettez --porteur pour une mention à compléter.`);
      }
    }
  }
  const path = join(contentDir, id, ROADMAP_FILE);
  const values = {
    titre,
    porteurs: porteurs.length ? [...porteurs] : [{ texte: `${TO_COMPLETE} : organisation qui porte la feuille de route` }],
    territoire: { nom: options.territoire ?? TO_COMPLETE, niveau: niveauTerritoire ?? 'departement' },
    statut: 'projet',
    niveaux: [{ id: 'axe', nom: 'Axe', nom_pluriel: 'Axes' }],
    source: { titre },
  };
  // What was guessed (status, levels, source title) or left out is marked, and only that.
  const aCompleter = [
    ...(porteurs.length ? [] : ['porteurs']),
    ...(options.territoire === undefined ? ['territoire.nom'] : []),
    ...(niveauTerritoire === undefined ? ['territoire.niveau'] : []),
    'statut',
    'niveaux',
    'source.titre',
  ];
  const text = `---\n${skeleton(roadmapSchema, values, aCompleter)}\n---\n${ROADMAP_BODY}`;
  writeNew(contentDir, path, text);
  return { id, path, text, aCompleter };
}
