/**
 * The editors' field reference, generated from the zod schemas so that it cannot
 * drift from what the validator accepts, and the editor guide that embeds it
 * (docs/guide-editeur.md, between the reference markers).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { actorRefSchema, actorSchema } from '../../../schemas/actor.ts';
import { glossaryTermSchema } from '../../../schemas/glossary.ts';
import { nodeSchema } from '../../../schemas/node.ts';
import { roadmapSchema } from '../../../schemas/roadmap.ts';
import { sheetSchema } from '../../../schemas/sheet.ts';
import { annualMonthsSchema, fuzzyDateSchema } from '../../../schemas/fuzzy-date.ts';
import { actorRefObjectFields, fieldsOf, richest, unwrap, type Field, type Shape } from './schema-walk.ts';

export const REFERENCE_START = '<!-- reference:debut -->';
export const REFERENCE_END = '<!-- reference:fin -->';
export const GUIDE_FILE = join('docs', 'guide-editeur.md');

/** The documents editors write, in the order the reference presents them. */
export const DOCUMENTS: Array<{ titre: string; fichier: string; schema: z.ZodType }> = [
  { titre: 'Fiche action', fichier: 'content/<feuille-de-route>/fiches/<id>.md', schema: sheetSchema },
  { titre: 'Nœud (axe, objectif, thématique…)', fichier: 'content/<feuille-de-route>/noeuds/<id>.md', schema: nodeSchema },
  { titre: 'Feuille de route', fichier: 'content/<feuille-de-route>/feuille-de-route.md', schema: roadmapSchema },
  { titre: 'Acteur', fichier: 'content/acteurs/<id>.yaml', schema: actorSchema },
  { titre: 'Entrée du glossaire', fichier: 'content/glossaire/<id>.yaml', schema: glossaryTermSchema },
];

/** The type of a field, in words an editor understands. */
export function typeName(shape: Shape): string {
  switch (shape.kind) {
    case 'text': return 'texte';
    case 'number': return 'nombre';
    case 'integer': return 'nombre entier';
    case 'boolean': return 'oui / non (true / false)';
    case 'url': return 'adresse web';
    case 'date': return 'date floue';
    case 'annual': return 'mois sans année';
    case 'actor': return 'référence à un acteur';
    case 'enum': return 'valeur à choisir';
    case 'record': return `tableau « libellé: valeur » (${typeName(shape.value)})`;
    case 'object': return 'bloc de champs';
    case 'array': return `liste de : ${typeName(shape.item)}`;
    case 'union': return [...new Set(shape.options.map(typeName))].join(', ou ');
  }
}

/** Accepted values, when the schema restricts them. */
export function acceptedValues(shape: Shape): string {
  const s = shape.kind === 'array' ? shape.item : shape;
  if (s.kind === 'enum') return s.values.map((v) => `\`${v}\``).join(', ');
  if (s.kind === 'boolean') return '`true`, `false`';
  if (s.kind === 'date') return 'voir « Date floue »';
  if (s.kind === 'annual') return 'voir « Mois sans année »';
  if (s.kind === 'actor') return 'voir « Référence à un acteur »';
  if (s.kind === 'url') return 'http:// ou https://';
  if (s.kind === 'union') return [...new Set(s.options.map(acceptedValues).filter(Boolean))].join(' ; ');
  return '';
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function rows(fields: Field[], prefix: string, out: string[]): void {
  for (const f of fields) {
    const path = `${prefix}${f.key}`;
    out.push(`| \`${path}\` | ${cell(typeName(f.shape))} | ${f.required ? 'oui' : 'non'} | ${cell(f.description)} | ${cell(acceptedValues(f.shape))} |`);
    // Lists of blocks are documented line by line ("calendrier.jalons[].date"); actor
    // references are documented once, in the common types.
    const rich = richest(f.shape);
    const inner = rich.kind === 'array' ? richest(rich.item) : rich;
    if (inner.kind === 'object') rows(inner.fields, `${path}${rich.kind === 'array' ? '[]' : ''}.`, out);
  }
}

function table(fields: Field[]): string {
  const out = ['| Champ | Type | Obligatoire | Description | Valeurs admises |', '|---|---|---|---|---|'];
  rows(fields, '', out);
  return out.join('\n');
}

/** The field reference, as Markdown (level-3 headings, so it fits under a guide's level-2 heading). */
export function fieldReference(): string {
  const parts: string[] = [];
  for (const doc of DOCUMENTS) {
    const { schema, description } = unwrap(doc.schema);
    parts.push(`### ${doc.titre}`, '', `Fichier : \`${doc.fichier}\`. ${description}`, '', table(fieldsOf(schema)), '');
  }
  parts.push(
    '### Types communs',
    '',
    `**Date floue.** ${fuzzyDateSchema.description}`,
    '',
    `**Mois sans année.** ${annualMonthsSchema.description}`,
    '',
    `**Référence à un acteur.** ${actorRefSchema.description}`,
    '',
    table(actorRefObjectFields()),
    '',
  );
  return parts.join('\n');
}

/** Puts a freshly generated reference between the markers of a guide. */
export function withReference(guide: string, reference = fieldReference()): string {
  const start = guide.indexOf(REFERENCE_START);
  const end = guide.indexOf(REFERENCE_END);
  if (start === -1 || end < start) throw new Error(`Le guide doit contenir les repères ${REFERENCE_START} et ${REFERENCE_END}.`);
  return `${guide.slice(0, start + REFERENCE_START.length)}\n\n${reference.trim()}\n\n${guide.slice(end)}`;
}

/** The editor guide's Markdown with an up-to-date reference: what the site's guide page renders. */
export function guideMarkdown(projectRoot: string): string {
  return withReference(readFileSync(join(projectRoot, GUIDE_FILE), 'utf8'));
}
