/**
 * Turns zod issues into French messages for editors: what is wrong, and how to
 * fix it, with the closest accepted key or value when there is one.
 */
import type { core, z } from 'zod';
import { didYouMean } from './suggest.ts';
import { formatPath, shorten, type PathSegment } from './problem.ts';

export interface LocatedIssue {
  path: PathSegment[];
  message: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'du texte',
  number: 'un nombre',
  int: 'un nombre entier',
  boolean: 'vrai ou faux (true / false)',
  array: 'une liste (lignes commençant par « - », ou [a, b])',
  object: 'un bloc de champs (clé: valeur)',
  date: 'une date',
  null: 'vide',
};

/**
 * How a message names the value an editor wrote. `whole` is true when that value is the
 * whole file (or front matter): a text there is described, never quoted, since it may be
 * anything (a copied credentials file, a system file), not a value.
 */
function describeValue(value: unknown, whole = false): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'string' && whole) {
    const lines = value.split('\n').length;
    return `un texte seul (${lines} ${lines > 1 ? 'lignes' : 'ligne'}, ${value.length} ${value.length > 1 ? 'caractères' : 'caractère'})`;
  }
  if (value === null) return 'vide';
  if (Array.isArray(value)) return 'une liste';
  if (value instanceof Date) return 'une date YAML (mettez-la entre guillemets)';
  if (typeof value === 'object') return 'un bloc de champs';
  if (typeof value === 'string') return `le texte « ${shorten(value)} »`;
  if (typeof value === 'number') return `le nombre ${value}`;
  if (typeof value === 'boolean') return `la valeur ${value}`;
  return typeof value;
}

/**
 * The plain form of a number written so that YAML keeps its text (`01`, `1.0`, `1e3`, `0x10`,
 * src/lib/content/yaml-document.ts) or quoted: what to write instead; null for other text.
 */
function plainNumber(value: unknown): string | null {
  if (typeof value !== 'string' || !/^[-+]?\.?\d/.test(value.trim())) return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? String(n) : null;
}

function fieldName(path: readonly PathSegment[]): string {
  const p = formatPath(path);
  return p ? `« ${shorten(p)} »` : 'Le fichier';
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Keys accepted at `path` by the object schema that reported unknown keys. */
function shapeKeysAt(schema: z.ZodType, data: unknown, path: readonly PathSegment[]): string[] {
  let current: unknown = schema;
  for (const seg of path) {
    current = unwrap(current);
    const def = (current as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; options?: unknown[] } }).def;
    if (def?.type === 'object' && typeof seg === 'string') current = def.shape?.[seg];
    else if (def?.type === 'array') current = def.element;
    else if (def?.type === 'union') current = def.options?.find((o) => objectKeys(o).length > 0);
    else return [];
  }
  return objectKeys(current);
}

function unwrap(schema: unknown): unknown {
  let s = schema as { def?: { type?: string; innerType?: unknown; in?: unknown; schema?: unknown } } | undefined;
  while (s?.def && ['optional', 'nullable', 'default', 'pipe', 'readonly', 'catch'].includes(s.def.type ?? '')) {
    s = (s.def.innerType ?? s.def.in ?? s.def.schema) as typeof s;
  }
  return s;
}

function objectKeys(schema: unknown): string[] {
  const s = unwrap(schema) as { def?: { type?: string; shape?: Record<string, unknown>; options?: unknown[] } } | undefined;
  if (s?.def?.type === 'object') return Object.keys(s.def.shape ?? {});
  if (s?.def?.type === 'union') return s.def.options?.flatMap(objectKeys) ?? [];
  return [];
}

export function zodIssuesToMessages(schema: z.ZodType, data: unknown, issues: readonly core.$ZodIssue[]): LocatedIssue[] {
  const out: LocatedIssue[] = [];
  for (const issue of issues) out.push(...translate(schema, data, issue, issue.path as PathSegment[]));
  return out;
}

function translate(schema: z.ZodType, data: unknown, issue: core.$ZodIssue, path: PathSegment[]): LocatedIssue[] {
  const value = valueAt(data, path);
  const field = fieldName(path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (value === undefined) {
        const key = path[path.length - 1];
        return [{ path, message: `Le champ obligatoire ${field} manque : ajoutez « ${String(key)}: … » (${expected}).` }];
      }
      if (value === null) return [{ path, message: `Le champ ${field} est vide : donnez-lui une valeur (${expected}) ou retirez-le.` }];
      if (path.length === 0) {
        return [{ path, message: `Le fichier doit être ${expected}, pas ${describeValue(value, true)} : écrivez un champ par ligne, sous la forme « titre: … » (voir docs/format-contenu.md).` }];
      }
      const plain = issue.expected === 'number' || issue.expected === 'int' ? plainNumber(value) : null;
      if (plain !== null) return [{ path, message: `Le champ ${field} doit être ${expected} écrit simplement : écrivez ${plain} au lieu de « ${String(value)} » (sans guillemets, zéro en tête, « + », exposant ni notation hexadécimale).` }];
      return [{ path, message: `Le champ ${field} doit être ${expected}, pas ${describeValue(value)}.` }];
    }
    case 'unrecognized_keys': {
      const known = shapeKeysAt(schema, data, path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        message:
          `Clé inconnue « ${shorten(key)} »${path.length ? ` dans ${field}` : ''}.${didYouMean(key, known)}` +
          ` Clés acceptées ici : ${known.join(', ')}.`,
      }));
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const described = describeValue(value, path.length === 0);
      return [
        {
          path,
          message: `${described[0]!.toUpperCase()}${described.slice(1)} n'est pas une valeur admise pour ${field}.${didYouMean(shorten(String(value), 200), allowed)} Valeurs admises : ${allowed.join(', ')}.`,
        },
      ];
    }
    case 'too_small': {
      // A bound written with its own French message in the schema (« avancement ») keeps it.
      if (issue.origin === 'number' && issue.message && !issue.message.startsWith('Too small')) return [{ path, message: issue.message }];
      if (issue.origin === 'string') return [{ path, message: `Le champ ${field} est vide : écrivez une valeur ou retirez le champ.` }];
      if (issue.origin === 'array') return [{ path, message: `La liste ${field} doit contenir au moins ${issue.minimum} élément(s).` }];
      return [{ path, message: `La valeur de ${field} doit être au moins ${issue.minimum}.` }];
    }
    case 'too_big':
      if (issue.origin === 'number' && issue.message && !issue.message.startsWith('Too big')) return [{ path, message: issue.message }];
      return [{ path, message: `La valeur de ${field} dépasse la limite (${issue.maximum}).` }];
    case 'invalid_format': {
      if (issue.format === 'url') return [{ path, message: `${describeValue(value)[0]!.toUpperCase()}${describeValue(value).slice(1)} n'est pas une adresse web valide : écrivez l'adresse complète, commençant par « https:// ».` }];
      if (issue.format === 'regex' && issue.message && !issue.message.startsWith('Invalid')) return [{ path, message: issue.message }];
      return [{ path, message: `Le format de ${field} n'est pas valide (${issue.format}).` }];
    }
    case 'invalid_union': {
      // Report the branch that matches the kind of value the editor wrote.
      const branches = issue.errors as core.$ZodIssue[][];
      const relevant = branches.filter((b) => !b.every((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (relevant.length > 0) {
        const pick = relevant.reduce((a, b) => (a.length <= b.length ? a : b));
        return pick.flatMap((i) => translate(schema, data, i, [...path, ...(i.path as PathSegment[])]));
      }
      const expected = [...new Set(branches.flatMap((b) => b.map((i) => (i.code === 'invalid_type' ? TYPE_NAMES[i.expected] ?? i.expected : ''))))].filter(Boolean);
      if (value === undefined) return [{ path, message: `Le champ obligatoire ${field} manque.` }];
      return [{ path, message: `Le champ ${field} doit être ${expected.join(' ou ')}, pas ${describeValue(value, path.length === 0)}.` }];
    }
    case 'custom':
      return [{ path, message: issue.message }];
    default:
      return [{ path, message: `${field} : ${issue.message}` }];
  }
}
