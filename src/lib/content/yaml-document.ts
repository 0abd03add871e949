/**
 * YAML parsing that remembers where every key is, so that a schema error on
 * `calendrier.jalons[1].date` can be reported at its own line.
 */
import { CORE_SCHEMA, defineScalarTag, load, Schema, type ScalarTagDefinition } from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';
import type { PathSegment, Position, Problem } from './problem.ts';

export interface ParsedYaml {
  data: unknown;
  problems: Problem[];
  /** Position of the key (or item) at `path`, or of its closest existing ancestor. */
  locate(path: readonly PathSegment[]): Position;
}

const YAML_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'Cette clé apparaît deux fois dans le même bloc : la seconde écraserait la première. Gardez-en une seule.',
  TAB_AS_INDENT: 'Une tabulation sert d\'indentation : le YAML n\'accepte que des espaces. Remplacez la tabulation par des espaces.',
  BAD_INDENT: 'Indentation incohérente : alignez cette ligne sur les autres clés du même niveau (avec des espaces).',
  MISSING_CHAR: 'Il manque un caractère (guillemet ou crochet fermant ?).',
  MULTILINE_IMPLICIT_KEY: 'Une clé ne peut pas s\'étendre sur plusieurs lignes : il manque sans doute « : » ou un guillemet fermant à la ligne précédente.',
  BLOCK_AS_IMPLICIT_KEY: 'Structure YAML invalide : il manque sans doute « : » après une clé, ou un texte contenant « : » doit être entre guillemets.',
  UNEXPECTED_TOKEN: 'Caractère inattendu : un texte qui contient « : », « # », « [ » ou commence par « - » doit être entre guillemets.',
  BAD_SCALAR_START: 'Valeur mal commencée : un texte qui commence par « @ », « ` », « % » ou « | » doit être entre guillemets.',
  MISSING_CLOSING_QUOTE: 'Guillemet fermant manquant.',
  ALIAS_PROPS: 'Alias YAML invalide.',
  BAD_DIRECTIVE: 'Directive YAML invalide.',
  MULTIPLE_DOCS: 'Un seul document YAML par fichier : retirez les lignes « --- » supplémentaires.',
};

/**
 * A plain number whose digits would change if it were read as a number (`1.10`, `01`, `1e3`,
 * `0x10`, `.5`, `+5`, `1.0`) is kept as the text written: a code `1.10` must not become 1.1.
 * A number written the way JavaScript prints it (`12`, `3.5`, `-4`) stays a number, so that
 * nothing an editor wrote is ever lost. Both parsers apply this same rule.
 */
export function keepsWrittenForm(source: string, value: number): boolean {
  return String(value) !== source;
}

/** The YAML 1.2 core schema of js-yaml, whose numbers follow {@link keepsWrittenForm}. */
const WRITTEN_NUMBERS_SCHEMA = new Schema(
  CORE_SCHEMA.tags.map((tag) => {
    if (tag.nodeKind !== 'scalar' || !/:(?:int|float)$/.test(tag.tagName)) return tag;
    const scalar = tag as ScalarTagDefinition;
    return defineScalarTag(scalar.tagName, {
      ...scalar,
      resolve: (source, isExplicit, tagName) => {
        const value = scalar.resolve(source, isExplicit, tagName);
        return typeof value === 'number' && keepsWrittenForm(source, value) ? source : value;
      },
    });
  }),
);

/**
 * Errors that follow from a tab used as indentation: an indentation found inconsistent anywhere
 * in the file, the others when on the tab's line or a line next to it.
 */
const TAB_KNOCK_ON = new Set(['TAB_AS_INDENT', 'BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'MISSING_CHAR', 'UNEXPECTED_TOKEN']);

/**
 * What only `yaml` handles the way Jalons wants, or warns about: tags, anchors and aliases
 * (js-yaml does not bound their expansion), directives, and a flow collection left open
 * at the end of a line (its indentation is checked by `yaml` only).
 */
const NEEDS_EXACT_PARSER = /(?:^|[\s:\-[{,])[!&*]\S|^%|[[{][^\]}\n]*$/m;

/**
 * Reads one YAML text. Almost every file is valid, and js-yaml reads it about ten times
 * faster than `yaml`, with the same values under the same (YAML 1.2 core) schema; the
 * positions of keys, needed only to report a problem, come from `yaml` when first asked
 * for. A text js-yaml refuses, or one with the features above, goes to `yaml`, whose
 * errors are the ones reported. tests/yaml-fast-path.test.ts checks that both give the same
 * data on every file of the content, the fixtures and the benchmark.
 */
export function readYaml(fichier: string, text: string, lineOffset = 0): ParsedYaml {
  if (!NEEDS_EXACT_PARSER.test(text)) {
    try {
      const data = load(text, { schema: WRITTEN_NUMBERS_SCHEMA });
      let exact: ParsedYaml | null = null;
      return { data, problems: [], locate: (path) => (exact ??= parseYaml(fichier, text, lineOffset)).locate(path) };
    } catch {
      // Refused: `yaml` says why, at the right line.
    }
  }
  return parseYaml(fichier, text, lineOffset);
}

/** The exact parser: every key's position, and the errors and warnings reported to editors. */
export function parseYaml(fichier: string, text: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, merge: false });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { ligne: line + lineOffset, colonne: col };
  };
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'number' && node.type === Scalar.PLAIN && node.source !== undefined && keepsWrittenForm(node.source, node.value)) node.value = node.source;
    },
  });
  // A tab used as indentation breaks the structure around it: `yaml` then reports the line as
  // badly indented, a key without « : »… and sometimes not the tab at all. Only the tab is the
  // editor's mistake: an error on a line indented with a tab is reported as that tab, once, and
  // the errors it causes are left out.
  const lines = text.split('\n');
  const tabIndent = (line: number) => /\t/.test(lines[line - 1]?.match(/^[ \t]*(?:-[ \t]+)*/)?.[0] ?? '');
  const reported = [...doc.errors, ...doc.warnings].map((error) => {
    const line = lineCounter.linePos(error.pos[0]).line;
    if (!TAB_KNOCK_ON.has(error.code) || !tabIndent(line)) return { error, code: error.code, line, offset: error.pos[0] };
    return { error, code: 'TAB_AS_INDENT', line, offset: lineCounter.lineStarts[line - 1]! + lines[line - 1]!.indexOf('\t') };
  });
  const tabLines = new Set(reported.filter((r) => r.code === 'TAB_AS_INDENT').map((r) => r.line));
  const toldTab = new Set<number>();
  const knockOn = (r: (typeof reported)[number]) => {
    if (r.code === 'TAB_AS_INDENT') {
      if (toldTab.has(r.line)) return true;
      toldTab.add(r.line);
      return false;
    }
    if (tabLines.size === 0 || !TAB_KNOCK_ON.has(r.code)) return false;
    if (r.code === 'BAD_INDENT') return true; // the tab is what the indentation was measured against
    return [...tabLines].some((tab) => Math.abs(tab - r.line) <= 1);
  };
  const problems: Problem[] = [];
  for (const r of reported) {
    if (knockOn(r)) continue;
    const { error, code } = r;
    const position = at(r.offset);
    const known = YAML_MESSAGES[code];
    const detail = known ?? `Syntaxe YAML invalide (${error.message.split('\n')[0]}).`;
    const key = code === 'DUPLICATE_KEY' ? duplicateKeyName(text, error.pos[0]) : '';
    problems.push({
      fichier,
      ...position,
      chemin: '',
      message: key ? `Clé « ${key} » en double. ${detail}` : detail,
      gravite: doc.errors.includes(error as never) ? 'erreur' : 'avertissement',
    });
  }
  let data: unknown;
  if (!problems.some((p) => p.gravite === 'erreur')) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch {
      // yaml refuses an alias expansion that grows without bound ("billion laughs").
      problems.push({ fichier, ...at(0), chemin: '', message: 'Trop de renvois YAML (« &nom » / « *nom ») : écrivez les valeurs en toutes lettres.', gravite: 'erreur' });
    }
  }
  return {
    data,
    problems,
    locate: (path) => locateInDocument(doc, path, at, lineOffset),
  };
}

function duplicateKeyName(text: string, offset: number): string {
  return text.slice(offset).match(/^\s*([^:\n]+?)\s*:/)?.[1] ?? '';
}

function locateInDocument(
  doc: Document,
  path: readonly PathSegment[],
  at: (offset: number) => Position,
  lineOffset: number,
): Position {
  let node: unknown = doc.contents;
  let best: Position = node && (node as Node).range ? at((node as Node).range![0]) : { ligne: 1 + lineOffset, colonne: 1 };
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const key = pair.key as Node;
      if (key.range) best = at(key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      if (item.range) best = at(item.range[0]);
      node = item;
    } else break;
  }
  return best;
}
