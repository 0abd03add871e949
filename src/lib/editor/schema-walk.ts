/**
 * A small, normalised view of the zod content schemas, shared by the scaffolding,
 * the field reference and the CMS configuration, so that all three follow the
 * schemas (the single source of truth) instead of hand-written field lists.
 * It reads zod 4's `.def` tree; the few schemas that mean more than their zod
 * type (fuzzy dates, actor references) are recognised by their shared `def`.
 */
import type { z } from 'zod';
import { actorRefSchema } from '../../../schemas/actor.ts';
import { annualMonthsSchema, fuzzyDateSchema } from '../../../schemas/fuzzy-date.ts';

export type Shape =
  | { kind: 'text' | 'number' | 'integer' | 'boolean' | 'url' | 'date' | 'annual' | 'actor' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'array'; item: Shape; min: number }
  | { kind: 'object'; fields: Field[] }
  | { kind: 'record'; value: Shape }
  | { kind: 'union'; options: Shape[] };

export interface Field {
  key: string;
  required: boolean;
  /** The French `.describe()` text of the field, or of the schema it uses. */
  description: string;
  shape: Shape;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
  valueType?: z.ZodType;
  format?: string;
  checks?: Array<{ _zod?: { def?: { check?: string; minimum?: number; format?: string } } }>;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** Strips optional/default wrappers; keeps the first description met on the way down. */
export function unwrap(schema: z.ZodType): { schema: z.ZodType; description: string; optional: boolean } {
  let description = schema.description ?? '';
  let optional = false;
  let current = schema;
  while (WRAPPERS.has(defOf(current).type)) {
    if (defOf(current).type === 'optional' || defOf(current).type === 'default') optional = true;
    current = defOf(current).innerType!;
    description ||= current.description ?? '';
  }
  return { schema: current, description, optional };
}

export function shapeOf(schema: z.ZodType): Shape {
  const { schema: s } = unwrap(schema);
  const def = defOf(s);
  if (def === defOf(fuzzyDateSchema)) return { kind: 'date' };
  if (def === defOf(annualMonthsSchema)) return { kind: 'annual' };
  if (def === defOf(actorRefSchema)) return { kind: 'actor' };
  const checkDefs = (def.checks ?? []).map((c) => c._zod?.def ?? {});
  switch (def.type) {
    case 'string':
      return def.format === 'url' ? { kind: 'url' } : { kind: 'text' };
    case 'number':
      return checkDefs.some((c) => c.format === 'safeint') || def.format === 'safeint' ? { kind: 'integer' } : { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', values: Object.values(def.entries ?? {}) };
    case 'array':
      return { kind: 'array', item: shapeOf(def.element!), min: checkDefs.find((c) => c.check === 'min_length')?.minimum ?? 0 };
    case 'object':
      return { kind: 'object', fields: fieldsOf(s) };
    case 'record':
      return { kind: 'record', value: shapeOf(def.valueType!) };
    case 'union':
      return { kind: 'union', options: def.options!.map(shapeOf) };
    default:
      throw new Error(`Type zod non pris en charge par schema-walk : ${def.type}`);
  }
}

/** The fields of an object schema, in declaration order. */
export function fieldsOf(schema: z.ZodType): Field[] {
  const def = defOf(unwrap(schema).schema);
  if (def.type !== 'object') throw new Error('fieldsOf attend un objet zod');
  return Object.entries(def.shape!).map(([key, child]) => {
    const { description, optional } = unwrap(child);
    return { key, required: !optional, description, shape: shapeOf(child) };
  });
}

/** The most structured form of a union, the one a form or a skeleton shows in full. */
export function richest(shape: Shape): Shape {
  if (shape.kind !== 'union') return shape;
  const rank = (s: Shape) => (s.kind === 'array' ? 3 : s.kind === 'object' ? 2 : s.kind === 'text' ? 1 : 0);
  return [...shape.options].sort((a, b) => rank(b) - rank(a))[0]!;
}

/** The object fields a shape can hold (through lists and unions), for walking nested forms. */
export function nestedFields(shape: Shape): Field[] {
  const s = richest(shape);
  if (s.kind === 'object') return s.fields;
  if (s.kind === 'array') return nestedFields(s.item);
  if (s.kind === 'actor') return actorRefObjectFields();
  return [];
}

/** The { acteur, texte, role, precision } form of an actor reference. */
export function actorRefObjectFields(): Field[] {
  const object = defOf(actorRefSchema).options!.find((o) => defOf(o).type === 'object')!;
  return fieldsOf(object);
}

/** Every field path of a schema ("calendrier.jalons.date"), through lists and unions. */
export function fieldPaths(schema: z.ZodType, prefix = ''): string[] {
  return walkPaths(fieldsOf(schema), prefix);
}
function walkPaths(fields: Field[], prefix: string): string[] {
  return fields.flatMap((f) => {
    const path = prefix ? `${prefix}.${f.key}` : f.key;
    return [path, ...walkPaths(nestedFields(f.shape), path)];
  });
}
