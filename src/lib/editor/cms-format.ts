/**
 * How the CMS reads and writes a content file so that a save changes only what the editor
 * changed. Decap CMS's own formats print the whole file again: every string re-quoted, flow
 * lists unfolded, long lines folded, « orange » turned into « acteur: orange ». This format
 * keeps the text the file was read from (under SOURCE_KEY, which never reaches the disk) and,
 * on save, splices into it only the values that differ, each written in the style of what it
 * replaces or of its neighbours. The result is read back and compared with what the editor
 * saved; if they differ, the file is printed whole, as Decap CMS would.
 *
 * Bundled for the browser by src/lib/editor/cms-config.ts (admin/jalons-format.js): imports
 * nothing but `yaml`.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar, stringify, type YAMLMap, type YAMLSeq } from 'yaml';

/** The text an entry was read from, kept in the entry's data between reading and saving. */
export const SOURCE_KEY = 'jalons_texte_lu';

type Json = unknown;
interface Splice { start: number; end: number; text: string; n: number }

const PRINT = { lineWidth: 0, defaultKeyType: 'PLAIN' } as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A value as Jalons reads it: a number written otherwise than JavaScript prints it (01, 1.10) stays text. */
export function valueOf(node: unknown): Json {
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number' && typeof node.source === 'string' && String(v) !== node.source) return node.source;
    return v;
  }
  if (isMap(node)) {
    const o: Record<string, Json> = {};
    for (const p of node.items) o[String(isScalar(p.key) ? p.key.value : p.key)] = valueOf(p.value);
    return o;
  }
  if (isSeq(node)) return node.items.map(valueOf);
  return node === undefined ? null : (node as { toJSON?: () => unknown })?.toJSON?.() ?? null;
}

/** Equal as data; a key whose value is undefined is no key. */
export function sameData(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameData(a[k], b[k]));
  }
  return false;
}

const keyOf = (p: Pair) => String(isScalar(p.key) ? p.key.value : p.key);

class Editor {
  splices: Splice[] = [];
  readonly text: string;
  constructor(text: string) { this.text = text; }

  lineStart(pos: number) { return this.text.lastIndexOf('\n', pos - 1) + 1; }
  /** Start of the line after the one holding the last character before `end`. */
  nextLine(end: number) {
    const nl = this.text.indexOf('\n', Math.max(0, end - 1));
    return nl < 0 ? this.text.length : nl + 1;
  }
  indentAt(pos: number) { return pos - this.lineStart(pos); }
  splice(start: number, end: number, text: string) { this.splices.push({ start, end, text, n: this.splices.length }); }

  result(): string {
    let out = this.text;
    // From the end, so that earlier offsets hold; at one place, in the order the splices were asked.
    for (const s of [...this.splices].sort((a, b) => b.start - a.start || b.end - a.end || b.n - a.n)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
    return out;
  }

  /** A scalar written in place of `old`, in its quoting when the value allows it. */
  scalar(value: Json, old: Scalar | undefined, flow: boolean): string | null {
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value === null) return '';
    if (typeof value !== 'string') return null;
    const type = old?.type;
    if (type === 'QUOTE_DOUBLE') return JSON.stringify(value);
    if (type === 'QUOTE_SINGLE' && !value.includes('\n')) return `'${value.replace(/'/g, "''")}'`;
    if (type === 'BLOCK_LITERAL' && old?.range && !flow) return this.literal(value, old);
    if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') return null;
    if (!value.includes('\n') && value.trim() === value && value !== '' && readsAsPlain(value, flow)) return value;
    return JSON.stringify(value);
  }

  /** A « | » block in place of another, with its indentation: only the lines that differ change. */
  literal(value: string, old: Scalar): string | null {
    const source = this.text.slice(old.range![0], old.range![1]);
    const indent = /\n( +)\S/.exec(source)?.[1];
    const chomp = value.endsWith('\n') ? (value.endsWith('\n\n') ? null : '|') : '|-';
    if (!indent || !chomp || /^[ \t]/.test(value) || /\r/.test(value)) return null;
    const lines = value.replace(/\n$/, '').split('\n').map((l) => (l ? indent + l : l));
    return `${chomp}\n${lines.join('\n')}\n`;
  }

  /** Replaces `node` (the value of a block pair or a block item) by `value`, or says it cannot in place. */
  value(node: Node | null, value: Json, flow: boolean): boolean {
    if (node && sameData(valueOf(node), value)) return true;
    if (!node || !node.range) return false;
    if (isScalar(node) && isPrimitive(value)) {
      const text = this.scalar(value, node, flow);
      if (text === null) return false;
      this.splice(node.range[0], node.range[1], text);
      return true;
    }
    if ((isMap(node) || isSeq(node)) && node.flow) {
      this.splice(node.range[0], node.range[1], this.flowText(node, value));
      return true;
    }
    // Emptied, a block list or map has no lines left: the whole pair is written again (« clé: [] »).
    if ((isSeq(node) && Array.isArray(value) && value.length === 0) || (isMap(node) && isObject(value) && Object.keys(value).length === 0)) return false;
    if (isMap(node) && isObject(value)) return this.map(node, value, []), true;
    if (isSeq(node) && Array.isArray(value)) return this.seq(node, value), true;
    return false;
  }

  /** A value in flow style, keeping the text of what did not change. */
  flowText(node: Node | null | undefined, value: Json): string {
    if (node && node.range && sameData(valueOf(node), value)) return this.text.slice(node.range[0], node.range[1]);
    if (isScalar(node) && isPrimitive(value)) {
      const text = this.scalar(value, node, true);
      if (text !== null) return text;
    }
    const pad = (n: Node) => (n.range && this.text[n.range[0] + 1] === ' ' ? ' ' : '');
    if (isMap(node) && isObject(value)) {
      const p = node.items.length ? pad(node) : ' ';
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        const old = node.items.find((it) => keyOf(it) === k);
        parts.push(`${old && old.key && (old.key as Node).range ? this.text.slice((old.key as Node).range![0], (old.key as Node).range![1]) : plainKey(k)}: ${this.flowText(old?.value as Node | undefined, v)}`);
      }
      return parts.length ? `{${p}${parts.join(', ')}${p}}` : '{}';
    }
    if (isSeq(node) && Array.isArray(value)) {
      const p = node.items.length ? pad(node) : '';
      const used = new Set<number>();
      const parts = value.map((v, i) => {
        const same = node.items.findIndex((it, j) => !used.has(j) && sameData(valueOf(it), v));
        const j = same >= 0 ? same : i < node.items.length && !used.has(i) ? i : -1;
        if (j >= 0) used.add(j);
        return this.flowText(j >= 0 ? (node.items[j] as Node) : undefined, v);
      });
      return `[${p}${parts.join(', ')}${p}]`;
    }
    return printFlow(value, styleOf(node));
  }

  /** A block map made to hold `value`: keys removed, changed in place, added where `order` puts them. */
  map(map: YAMLMap, value: Record<string, Json>, order: string[]) {
    const pairs = map.items as Pair[];
    const indent = pairs.length && (pairs[0]!.key as Node).range ? this.indentAt((pairs[0]!.key as Node).range![0]) : 0;
    const pairStart = (p: Pair) => this.lineStart((p.key as Node).range![0]);
    const pairEnd = (p: Pair) => this.nextLine(((p.value as Node | null)?.range ?? (p.key as Node).range!)[2]);
    const mapEnd = pairs.length ? pairEnd(pairs[pairs.length - 1]!) : this.text.length;
    for (const p of pairs) {
      const k = keyOf(p);
      if (value[k] === undefined) { this.splice(pairStart(p), pairEnd(p), ''); continue; }
      const v = value[k];
      const node = p.value as Node | null;
      if (!this.value(node, v, false)) this.splice(pairStart(p), pairEnd(p), printBlock({ [k]: v }, indent));
    }
    const rank = (k: string) => { const i = order.indexOf(k); return i < 0 ? Infinity : i; };
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || pairs.some((p) => keyOf(p) === k)) continue;
      const after = pairs.find((p) => rank(keyOf(p)) > rank(k));
      this.splice(after ? pairStart(after) : mapEnd, after ? pairStart(after) : mapEnd, printBlock({ [k]: v }, indent));
    }
  }

  /** A block list made to hold `value`: unchanged items kept, changed ones edited in place, the rest added or removed. */
  seq(seq: YAMLSeq, value: Json[]) {
    const items = seq.items as Node[];
    const indent = this.indentAt(seq.range![0]);
    const itemStart = (n: Node) => this.lineStart(n.range![0]);
    const itemEnd = (n: Node) => this.nextLine(n.range![2]);
    const seqEnd = items.length ? itemEnd(items[items.length - 1]!) : this.text.length;
    const style = styleOf(seq);
    const printItem = (v: Json) => (style.flowItems && (isObject(v) || Array.isArray(v)) ? `${' '.repeat(indent)}- ${printFlow(v, style)}\n` : printBlock([v], indent, style));
    const pairs = lcs(items.map(valueOf), value);
    let oi = 0;
    let ni = 0;
    for (const [mo, mn] of [...pairs, [items.length, value.length] as [number, number]]) {
      // The gap before this match: old items oi..mo-1 become new values ni..mn-1, position by position.
      const at = mo < items.length ? itemStart(items[mo]!) : seqEnd;
      while (oi < mo || ni < mn) {
        const old = oi < mo ? items[oi]! : undefined;
        const v = ni < mn ? value[ni] : undefined;
        if (old && ni < mn) {
          if (!this.value(old, v, false)) this.splice(itemStart(old), itemEnd(old), printItem(v));
        } else if (old) this.splice(itemStart(old), itemEnd(old), '');
        else this.splice(at, at, printItem(v));
        if (oi < mo) oi++;
        if (ni < mn) ni++;
      }
      oi = mo + 1;
      ni = mn + 1;
    }
  }
}

/** Indices matched by a longest common subsequence of equal items. */
function lcs(a: Json[], b: Json[]): Array<[number, number]> {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) t[i]![j] = sameData(a[i], b[j]) ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  const out: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (sameData(a[i], b[j])) out.push([i++, j++]);
    else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

/** How a list's items are written: flow maps on one line each, which keys are double-quoted. */
function styleOf(node: Node | null | undefined): { flowItems: boolean; quoted: Set<string> } {
  const quoted = new Set<string>();
  let flowItems = false;
  if (isSeq(node)) {
    for (const it of node.items) {
      if (isMap(it)) {
        if (it.flow) flowItems = true;
        for (const p of it.items) if (isScalar(p.value) && p.value.type === 'QUOTE_DOUBLE') quoted.add(keyOf(p));
      } else if (isScalar(it) && it.type === 'QUOTE_DOUBLE') quoted.add('');
    }
  }
  return { flowItems, quoted };
}

function plainKey(k: string) {
  return /^[\p{L}\p{N}_-]+$/u.test(k) ? k : JSON.stringify(k);
}

function readsAsPlain(text: string, flow: boolean): boolean {
  try {
    const a = parseDocument(`k: ${text}\n`);
    if (a.errors.length || !isMap(a.contents) || !isScalar(a.contents.items[0]?.value) || (a.contents.items[0]!.value as Scalar).value !== text) return false;
    if (!flow) return true;
    const b = parseDocument(`[${text}]\n`);
    return !b.errors.length && isSeq(b.contents) && b.contents.items.length === 1 && isScalar(b.contents.items[0]) && (b.contents.items[0] as Scalar).value === text;
  } catch {
    return false;
  }
}

function styled(value: Json, style?: { quoted: Set<string> }): Document {
  const doc = new Document(value);
  if (style?.quoted.size) {
    const mark = (n: unknown, key: string) => { if (isScalar(n) && typeof n.value === 'string' && style.quoted.has(key)) n.type = 'QUOTE_DOUBLE'; };
    if (isMap(doc.contents)) for (const p of doc.contents.items) mark(p.value, keyOf(p as Pair));
    else mark(doc.contents, '');
  }
  return doc;
}

function printFlow(value: Json, style?: { quoted: Set<string> }): string {
  const doc = styled(value, style);
  return doc.toString({ ...PRINT, collectionStyle: 'flow' }).trim();
}

/** Block YAML indented by `indent` spaces, ending with a newline. */
function printBlock(value: Json, indent: number, style?: { quoted: Set<string> }): string {
  const doc = Array.isArray(value) && value.length === 1 ? styled(value[0], style) : new Document(value);
  const text = Array.isArray(value) && value.length === 1 ? stringify([doc.contents], PRINT) : doc.toString(PRINT);
  return text.replace(/\n$/, '').split('\n').map((l) => (l ? ' '.repeat(indent) + l : l)).join('\n') + '\n';
}

/** Keys in the order of the form's fields, the others after. */
function ordered(value: Record<string, Json>, order: string[]): Record<string, Json> {
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  const rank = (k: string) => { const i = order.indexOf(k); return i < 0 ? order.length : i; };
  return Object.fromEntries(keys.sort((a, b) => rank(a) - rank(b)).map((k) => [k, value[k]]));
}

/** `source` (YAML text) changed so that it reads as `value`, touching only what differs. */
export function editYaml(source: string, value: Record<string, Json>, order: string[] = []): string {
  const fresh = () => (Object.keys(ordered(value, order)).length ? stringify(ordered(value, order), PRINT) : '');
  const doc = parseDocument(source);
  if (doc.errors.length || !isMap(doc.contents) || doc.contents.flow) return fresh();
  if (sameData(valueOf(doc.contents), value)) return source;
  const editor = new Editor(source.endsWith('\n') || source === '' ? source : `${source}\n`);
  try {
    editor.map(doc.contents, value, order);
    const out = editor.result();
    const check = parseDocument(out);
    if (!check.errors.length && sameData(valueOf(check.contents), value)) return out;
  } catch {
    // A shape this editor does not handle: printed whole below.
  }
  return fresh();
}

const FRONTMATTER = /^(---[ \t]*\r?\n)([\s\S]*?\r?\n)?(---[ \t]*(?:\r?\n|$))([\s\S]*)$/;

/** Reads a file as the CMS's entry data: its fields, its Markdown text under `body`, and the text itself. */
export function readEntry(text: string, frontmatter: boolean): Record<string, Json> {
  const m = frontmatter ? FRONTMATTER.exec(text) : null;
  const yaml = frontmatter ? (m ? m[2] ?? '' : '') : text;
  const doc = parseDocument(yaml);
  if (doc.errors.length) throw new Error(`YAML illisible : ${doc.errors.map((e) => e.message).join(' ; ')}`);
  const data = isMap(doc.contents) ? (valueOf(doc.contents) as Record<string, Json>) : {};
  const body = frontmatter ? (m ? m[4]! : text) : '';
  return { ...data, ...(body.trim() ? { body } : {}), [SOURCE_KEY]: text };
}

/** Writes the CMS's entry data back: into the text it was read from when there is one. */
export function writeEntry(data: Record<string, Json>, order: string[], frontmatter: boolean): string {
  const { [SOURCE_KEY]: source, body, ...fields } = data;
  const text = typeof source === 'string' ? source : '';
  if (!frontmatter) return editYaml(text, fields, order);
  const m = FRONTMATTER.exec(text);
  const yaml = editYaml(m ? m[2] ?? '' : '', fields, order);
  const oldBody = m ? m[4]! : '';
  const newBody = typeof body === 'string' ? body : '';
  const bodyText = newBody.trim() === oldBody.trim() ? oldBody : newBody.replace(/\s*$/, '\n');
  return `${m ? m[1] : '---\n'}${yaml}${m ? m[3] : '---\n'}${bodyText}`;
}
