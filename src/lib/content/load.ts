/**
 * Reads the content tree: every roadmap, node, sheet, actor and glossary file, and the
 * search's synonyms (content/synonymes.yaml),
 * each checked against its zod schema with errors at their true line. Cross-file
 * rules live in cross-rules.ts; this module only looks at one file at a time.
 */
import { join, relative, sep } from 'node:path';
import type { z } from 'zod';
import { actorSchema } from '../../../schemas/actor.ts';
import { glossaryTermSchema } from '../../../schemas/glossary.ts';
import { nodeSchema } from '../../../schemas/node.ts';
import { roadmapSchema } from '../../../schemas/roadmap.ts';
import { sheetSchema } from '../../../schemas/sheet.ts';
import { synonymsSchema } from '../../../schemas/synonyms.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { formatPath, type PathSegment, type Position, type Problem } from './problem.ts';
import { readSourceText } from './read-source.ts';
import { readRegularFile, resolveContentRoot, walkContent } from './safe-read.ts';
import { readYaml } from './yaml-document.ts';
import { zodIssuesToMessages } from './zod-messages.ts';

export type RoadmapData = z.infer<typeof roadmapSchema>;
export type NodeData = z.infer<typeof nodeSchema>;
export type SheetData = z.infer<typeof sheetSchema>;
export type ActorData = z.infer<typeof actorSchema>;
export type GlossaryData = z.infer<typeof glossaryTermSchema>;
export type SynonymsData = z.infer<typeof synonymsSchema>;

export interface Entry<T> {
  id: string;
  /** Project-relative path, with forward slashes. */
  fichier: string;
  data: T;
  locate(path: readonly PathSegment[]): Position;
}
export interface MarkdownEntry<T> extends Entry<T> {
  roadmapId: string;
  body: string;
  bodyLine: number;
}

export interface LoadedContent {
  roadmaps: MarkdownEntry<RoadmapData>[];
  nodes: MarkdownEntry<NodeData>[];
  sheets: MarkdownEntry<SheetData>[];
  actors: Entry<ActorData>[];
  glossary: Entry<GlossaryData>[];
  /** content/synonymes.yaml, when present and valid. */
  synonyms: Entry<SynonymsData> | null;
  /** Files that exist but failed their schema: known to other files' references, not published. */
  invalid: Array<Entry<unknown> & { kind: 'roadmap' | 'node' | 'sheet' | 'actor' | 'glossary'; roadmapId: string | null; raw: unknown }>;
  problems: Problem[];
}

export const ROADMAP_FILE = 'feuille-de-route.md';
export const SYNONYMS_FILE = 'synonymes.yaml';
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

interface Walked {
  /** Real absolute path, under the resolved content root. */
  abs: string;
  /** Project-relative path, with forward slashes, from the content folder as given. */
  rel: string;
  /** Path segments inside the content folder. */
  parts: string[];
}

export function loadContent(contentDir: string, projectRoot: string): LoadedContent {
  const result: LoadedContent = { roadmaps: [], nodes: [], sheets: [], actors: [], glossary: [], synonyms: null, invalid: [], problems: [] };
  const fileProblem = (fichier: string, message: string, gravite: Problem['gravite'] = 'erreur') =>
    result.problems.push({ fichier, ligne: 1, colonne: 1, chemin: '', message, gravite });

  const relOf = (parts: string[]) => relative(projectRoot, join(contentDir, ...parts)).split(sep).join('/');
  // The root may be a link (JALONS_CONTENT_DIR): resolved once; everything under it is seen with lstat.
  const root = resolveContentRoot(contentDir);
  if (root === null) {
    fileProblem(relOf([]) || '.', `Le dossier de contenu est introuvable ou n'est pas un dossier lisible : vérifiez JALONS_CONTENT_DIR ou l'option --contenu.`);
    return result;
  }
  const files: Walked[] = [];
  for (const entry of walkContent(root)) {
    if (entry.message !== undefined) fileProblem(relOf(entry.parts) || '.', entry.message);
    else files.push({ abs: entry.abs, rel: relOf(entry.parts), parts: entry.parts });
  }
  const inContent = (f: Walked) => f.parts;
  const roadmapDirs = new Set(files.map(inContent).filter((p) => p.length === 2 && p[1] === ROADMAP_FILE).map((p) => p[0]!));

  for (const file of files) {
    const parts = inContent(file);
    const name = parts[parts.length - 1]!;
    const stem = name.replace(/\.(md|ya?ml)$/, '');
    const top = parts[0]!;
    if (parts.length === 1 && /^readme\.md$/i.test(name)) continue;
    if (parts.length === 1 && name === SYNONYMS_FILE) {
      // Not referenced by any other file: an invalid one is reported and leaves the search without synonyms.
      result.synonyms = readYamlFile(file, 'synonymes', synonymsSchema, result.problems, () => {});
      continue;
    }

    if (top === 'acteurs' || top === 'glossaire') {
      if (parts.length !== 2 || !name.endsWith('.yaml')) {
        fileProblem(file.rel, `Seuls des fichiers .yaml, directement dans content/${top}/, sont lus ici. Renommez ce fichier en « .yaml » ou déplacez-le.`);
        continue;
      }
      if (!checkId(file.rel, stem, result.problems)) continue;
      const kind = top === 'acteurs' ? 'actor' : 'glossary';
      const onInvalid: OnInvalid = (raw, fichier, locate) => result.invalid.push({ kind, id: stem, roadmapId: null, raw, data: raw, fichier, locate });
      if (top === 'acteurs') {
        const entry = readYamlFile(file, stem, actorSchema, result.problems, onInvalid);
        if (entry) result.actors.push(entry);
      } else {
        const entry = readYamlFile(file, stem, glossaryTermSchema, result.problems, onInvalid);
        if (entry) result.glossary.push(entry);
      }
      continue;
    }
    if (parts.length === 1) {
      fileProblem(file.rel, `Fichier hors de toute feuille de route. Placez-le dans content/<feuille-de-route>/fiches/ (ou noeuds/), ou retirez-le.`);
      continue;
    }
    if (!roadmapDirs.has(top)) {
      fileProblem(file.rel, `Le dossier content/${top}/ n'a pas de fichier ${ROADMAP_FILE} : créez-le (npm run nouvelle-feuille-de-route) pour que ses fiches appartiennent à une feuille de route.`);
      continue;
    }
    const kind = parts.length === 2 && name === ROADMAP_FILE ? 'roadmap' : parts[1] === 'noeuds' ? 'node' : parts[1] === 'fiches' ? 'sheet' : null;
    if (!kind || (kind !== 'roadmap' && parts.length < 3)) {
      fileProblem(file.rel, `Emplacement inattendu : dans content/${top}/, seuls ${ROADMAP_FILE}, noeuds/*.md et fiches/*.md sont lus.`);
      continue;
    }
    if (!name.endsWith('.md')) {
      fileProblem(file.rel, 'Les nœuds et les fiches sont des fichiers Markdown « .md ». Renommez ce fichier.');
      continue;
    }
    if (kind === 'roadmap') {
      if (!checkId(file.rel, top, result.problems, 'Le nom du dossier')) continue;
      const entry = readMarkdownFile(file, top, top, roadmapSchema, result.problems, (raw, fichier, locate) =>
        result.invalid.push({ kind, id: top, roadmapId: top, raw, data: raw, fichier, locate }),
      );
      if (entry) result.roadmaps.push(entry);
    } else {
      if (!checkId(file.rel, stem, result.problems)) continue;
      const onInvalid: OnInvalid = (raw, fichier, locate) => result.invalid.push({ kind, id: stem, roadmapId: top, raw, data: raw, fichier, locate });
      if (kind === 'node') {
        const entry = readMarkdownFile(file, stem, top, nodeSchema, result.problems, onInvalid);
        if (entry) result.nodes.push(entry);
      } else {
        const entry = readMarkdownFile(file, stem, top, sheetSchema, result.problems, onInvalid);
        if (entry) result.sheets.push(entry);
      }
    }
  }
  return result;
}

function checkId(fichier: string, id: string, problems: Problem[], what = 'Le nom du fichier'): boolean {
  if (ID_PATTERN.test(id)) return true;
  problems.push({
    fichier, ligne: 1, colonne: 1, chemin: '', gravite: 'erreur',
    message: `${what} « ${id} » sert d'identifiant et d'adresse web : n'utilisez que des minuscules sans accent, des chiffres et des tirets (par exemple « a-1-2 »).`,
  });
  return false;
}

function validate<T>(fichier: string, schema: z.ZodType<T>, data: unknown, locate: Entry<T>['locate'], problems: Problem[]): T | null {
  if (data === null || data === undefined) data = {};
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const issue of zodIssuesToMessages(schema, data, parsed.error.issues)) {
    problems.push({ fichier, ...locate(issue.path), chemin: formatPath(issue.path), message: issue.message, gravite: 'erreur' });
  }
  return null;
}

function readText(file: Walked, problems: Problem[]): string | null {
  const read = readRegularFile(file.abs);
  if (!read.ok) {
    problems.push({ fichier: file.rel, ligne: 1, colonne: 1, chemin: '', message: read.message, gravite: 'erreur' });
    return null;
  }
  const source = readSourceText(file.rel, read.bytes);
  problems.push(...source.problems);
  return source.text;
}

type OnInvalid = (raw: unknown, fichier: string, locate: Entry<unknown>['locate']) => void;

function readYamlFile<T>(file: Walked, id: string, schema: z.ZodType<T>, problems: Problem[], onInvalid: OnInvalid): Entry<T> | null {
  const text = readText(file, problems);
  if (text === null) return null;
  const yaml = readYaml(file.rel, text);
  problems.push(...yaml.problems);
  if (yaml.problems.some((p) => p.gravite === 'erreur')) return null;
  const data = validate(file.rel, schema, yaml.data, yaml.locate, problems);
  if (!data) onInvalid(yaml.data, file.rel, yaml.locate);
  return data ? { id, fichier: file.rel, data, locate: yaml.locate } : null;
}

function readMarkdownFile<T>(
  file: Walked,
  id: string,
  roadmapId: string,
  schema: z.ZodType<T>,
  problems: Problem[],
  onInvalid: OnInvalid,
): MarkdownEntry<T> | null {
  const text = readText(file, problems);
  if (text === null) return null;
  const { split, problems: splitProblems } = splitFrontmatter(file.rel, text);
  problems.push(...splitProblems);
  if (!split) return null;
  const yaml = readYaml(file.rel, split.yaml, split.yamlLineOffset);
  problems.push(...yaml.problems);
  if (yaml.problems.some((p) => p.gravite === 'erreur')) return null;
  const data = validate(file.rel, schema, yaml.data, yaml.locate, problems);
  if (!data) onInvalid(yaml.data, file.rel, yaml.locate);
  return data ? { id, roadmapId, fichier: file.rel, data, locate: yaml.locate, body: split.body, bodyLine: split.bodyLine } : null;
}
