/**
 * The CMS configuration is generated from the zod schemas: every schema field present with
 * its French label and description as hint, and a sheet written the way the CMS writes it
 * passes the validator. That Decap CMS accepts the configuration is checked in Chromium
 * (tests/e2e/cms.test.ts), since Decap ships its configuration schema only inside its bundle.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { z } from 'zod';
import { actorSchema } from '../schemas/actor.ts';
import { glossaryTermSchema } from '../schemas/glossary.ts';
import { nodeSchema } from '../schemas/node.ts';
import { roadmapSchema } from '../schemas/roadmap.ts';
import { sheetSchema } from '../schemas/sheet.ts';
import { adminCsp, cmsConfig, cmsConfigYaml, readRoadmaps, writeCms, type CmsCollection, type CmsField, type CmsOptions } from '../src/lib/editor/cms-config.ts';
import { fieldPaths, fieldsOf, nestedFields, type Field } from '../src/lib/editor/schema-walk.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
const fixture = join(root, 'tests', 'fixtures', 'valide');
const options: CmsOptions = { contentPath: 'content', backend: 'github', repo: 'organisation/jalons', branch: 'main' };
const config = cmsConfig(options, readRoadmaps(fixture)) as { collections: CmsCollection[]; publish_mode: string; backend: Record<string, string> };
const collection = (name: string) => config.collections.find((c) => c.name === name)!;

const decapDir = join(root, 'node_modules', 'decap-cms', 'dist');
/** A field's subfields: under « jalons_champs » for the widgets of admin/jalons-cms.js. */
const subfields = (f: CmsField) => f.fields ?? f.jalons_champs ?? [];

/** Field paths of a CMS field tree, the way fieldPaths() writes schema paths. */
function cmsPaths(fields: CmsField[], prefix = ''): string[] {
  return fields.flatMap((f) => {
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    return [path, ...cmsPaths(subfields(f), path)];
  });
}
/** Schema field and CMS field side by side, through nested forms. */
function pairs(fields: Field[], cms: CmsField[], prefix = ''): Array<[string, Field, CmsField]> {
  return fields.flatMap((f) => {
    const c = cms.find((x) => x.name === f.key)!;
    const path = `${prefix}${f.key}`;
    return [[path, f, c] as [string, Field, CmsField], ...pairs(nestedFields(f.shape), c ? subfields(c) : [], `${path}.`)];
  });
}

const DOCS: Array<[string, z.ZodType, () => CmsField[]]> = [
  ['fiches', sheetSchema, () => collection('exemple_fiches').fields!],
  ['noeuds', nodeSchema, () => collection('exemple_noeuds').fields!],
  ['feuille de route', roadmapSchema, () => collection('feuilles_de_route').files![0]!.fields],
  ['acteurs', actorSchema, () => collection('acteurs').fields!],
  ['glossaire', glossaryTermSchema, () => collection('glossaire').fields!],
];

describe('generated Decap CMS configuration', () => {
  it('is in French: the interface\'s locale, and labels with their accents', () => {
    expect(config).toMatchObject({ locale: 'fr', local_backend: true });
    const labels = JSON.stringify(config);
    for (const label of ['"Libellé"', '"Unité"', '"Référence"', '"Priorité"', '"Résumé"', '"Rôle"', '"Période"', '"Début"', '"Durée"']) expect(labels).toContain(`"label":${label}`);
    expect(labels).not.toMatch(/"label":"(Libelle|Unite|Reference|Priorite|Resume|Role|Periode|Debut|Duree)"/);
  });

  it('has every schema field, nested ones included', () => {
    for (const [name, schema, fields] of DOCS) {
      const paths = new Set(cmsPaths(fields()));
      for (const path of fieldPaths(schema)) expect(paths.has(path), `${name} : ${path}`).toBe(true);
    }
  });

  it('uses the schema descriptions as French hints, and the schema\'s required flags', () => {
    for (const [name, schema, fields] of DOCS) {
      for (const [path, f, c] of pairs(fieldsOf(schema), fields())) {
        if (f.key === 'acteur' && c.widget === 'relation') continue;
        // Optional in the schema, a sheet's parent is required where the roadmap declares levels: the validator warns without it.
        if (name === 'fiches' && path === 'parent') {
          expect([c.required, c.hint]).toEqual([true, `${f.description} Obligatoire ici : cette feuille de route déclare des niveaux (« Axe »…), sous lesquels se rangent ses fiches.`]);
          continue;
        }
        // The map widget written for Decap CMS adds how to type its lines.
        expect(c.hint, `${name} : ${path}`).toBe(c.widget === 'keyvalue' ? `${f.description} Une ligne par entrée : « libellé : valeur ».` : f.description);
        expect(c.required, `${name} : ${path}`).toBe(f.required);
      }
    }
  });

  it('matches widgets to field types; actors come from the directory through a relation', () => {
    const fields = collection('exemple_fiches').fields!;
    const by = (n: string) => fields.find((f) => f.name === n)!;
    expect(by('statut')).toMatchObject({ widget: 'select', options: ['a_lancer', 'en_cours', 'realisee', 'suspendue', 'abandonnee'] });
    expect(by('priorite')).toMatchObject({ widget: 'select', options: [{ label: 'Priorité 1', value: 1 }, { label: 'Priorité 2', value: 2 }] });
    expect(by('ordre').widget).toBe('number');
    expect(by('problematique').widget).toBe('markdown');
    // A reference is an actor of the directory, searched by name or acronym, or free text; « orange » alone means { acteur: orange }.
    expect(by('pilotes')).toMatchObject({ widget: 'jalons-liste', jalons_texte: 'acteur' });
    expect(subfields(by('pilotes')).map((f) => f.name)).toEqual(['acteur', 'texte', 'role', 'precision', 'graphie']);
    expect(subfields(by('pilotes')).find((f) => f.name === 'acteur')).toMatchObject({ widget: 'relation', collection: 'acteurs', value_field: '{{slug}}', search_fields: ['nom', 'sigle'] });
    // A fuzzy calendar written as one expression (« 2024 ») is its period; its fields are text, with the accepted forms as hint.
    expect(by('calendrier')).toMatchObject({ widget: 'jalons-objet', jalons_texte: 'periode' });
    expect(subfields(by('calendrier')).find((f) => f.name === 'debut')).toMatchObject({ widget: 'string', label: 'Début', hint: 'Début (« Avril 2019 », « début 2023 »).' });
    expect(subfields(by('calendrier')).find((f) => f.name === 'continu')!.widget).toBe('boolean');
    // A bare indicator is its label; one amount is a list of one.
    expect(by('indicateurs')).toMatchObject({ widget: 'jalons-liste', jalons_texte: 'libelle' });
    expect(by('moyens').fields!.find((f) => f.name === 'financiers')).toMatchObject({ widget: 'jalons-liste', field: { widget: 'string' } });
    expect(by('sous_actions').fields!.find((f) => f.name === 'champs_source')!.widget).toBe('keyvalue');
    expect(by('suivi').widget).toBe('list');
    expect(cmsPaths(by('suivi').fields!)).toEqual(expect.arrayContaining(['date', 'avancement', 'valeurs', 'jalons_atteints']));
    expect(by('body').widget).toBe('markdown');
    expect(collection('exemple_noeuds').fields!.find((f) => f.name === 'niveau')).toMatchObject({ widget: 'select', options: [{ label: 'Axe', value: 'axe' }, { label: 'Objectif', value: 'objectif' }] });
    expect(collection('acteurs').fields!.find((f) => f.name === 'parent')).toMatchObject({ widget: 'relation', collection: 'acteurs' });
  });

  it('turns drafts into pull requests and names its collections after the content folders', () => {
    expect(config.publish_mode).toBe('editorial_workflow');
    expect(config.backend).toEqual({ name: 'github', repo: 'organisation/jalons', branch: 'main' });
    // Written by admin/jalons-cms.js's own formats, which change only what the editor changed.
    expect(collection('exemple_fiches')).toMatchObject({ folder: 'content/exemple/fiches', format: 'jalons-yaml-frontmatter', extension: 'md' });
    expect(collection('exemple_noeuds')).toMatchObject({ folder: 'content/exemple/noeuds' });
    expect(collection('feuilles_de_route').files![0]).toMatchObject({ file: 'content/exemple/feuille-de-route.md' });
    expect(collection('feuilles_de_route')).toMatchObject({ format: 'jalons-yaml-frontmatter' });
    expect(collection('acteurs')).toMatchObject({ folder: 'content/acteurs', format: 'jalons-yaml', extension: 'yaml' });
    expect(collection('glossaire')).toMatchObject({ folder: 'content/glossaire', format: 'jalons-yaml' });
  });
});

/** A value for each widget, as an editor would fill the form in. */
function sample(field: CmsField): unknown {
  const named: Record<string, unknown> = {
    date: '2023', debut: 'mars 2023', fin: '2025', mois: 'avril', parent: 'a-1', code: 'A.1.9', duree: '2 ans', url: 'https://example.org/', site: 'https://example.org/',
  };
  if (field.name in named && (field.widget === 'string' || field.widget === 'text')) return named[field.name];
  // Measured values name an indicator of the sheet, which the form fills with the same sample label.
  if (field.name === 'valeurs' && field.widget === 'keyvalue') return { 'Exemple de texte': 2 };
  switch (field.widget) {
    case 'string': return field['type'] === 'url' ? 'https://example.org/' : 'Exemple de texte';
    case 'text': case 'markdown': return 'Texte **en Markdown**.';
    case 'number': return 2;
    case 'boolean': return true;
    case 'select': {
      const first = (field['options'] as unknown[])[0];
      return first !== null && typeof first === 'object' ? (first as { value: unknown }).value : first;
    }
    case 'relation': return 'reseau-cyb';
    case 'jalons-objet': return sampleObject(field.jalons_champs!);
    case 'jalons-liste': return field.jalons_champs ? [sampleObject(field.jalons_champs)] : [sample(field.field!)];
    case 'keyvalue': return { FAPI: 'NON' };
    case 'object': return sampleObject(field.fields!);
    case 'list': return field.fields ? [sampleObject(field.fields)] : [sample(field.field!)];
    default: throw new Error(`widget sans exemple : ${field.widget}`);
  }
}
function sampleObject(fields: CmsField[]): Record<string, unknown> {
  // An editor fills a calendar with a period OR a start and an end, not both (the validator would say so).
  return Object.fromEntries(fields.filter((f) => f.name !== 'body' && f.name !== 'periode').map((f) => [f.name, sample(f)]));
}
const asCmsWrites = (fields: CmsField[], overrides: Record<string, unknown> = {}) =>
  `---\n${YAML.stringify({ ...sampleObject(fields), ...overrides })}---\n\n## Contexte\n\nTexte saisi dans le CMS.\n`;

describe('content written by the CMS', () => {
  it('a sheet with every field filled in passes the validator and appears in the model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalons-cms-'));
    cpSync(fixture, join(dir, 'content'), { recursive: true });
    const fields = collection('exemple_fiches').fields!;
    // The fixture has one roadmap: a sheet has nothing of another to contribute to (tests/relations.test.ts checks that field).
    writeFileSync(join(dir, 'content', 'exemple', 'fiches', 'a-1-9.md'), asCmsWrites(fields, { voir_aussi: ['a-1-1'], contribue_a: [] }));
    writeFileSync(join(dir, 'content', 'exemple', 'noeuds', 'a-2.md'), asCmsWrites(collection('exemple_noeuds').fields!, { parent: 'axe-a', code: 'A.2', niveau: 'objectif' }));
    writeFileSync(join(dir, 'content', 'acteurs', 'nouvel-acteur.yaml'), YAML.stringify({ ...sampleObject(collection('acteurs').fields!), nom: 'Nouvel acteur', sigle: 'NA', aliases: ['Le nouvel acteur'], parent: 'reseau-cyb' }));
    const result = validateProject(dir);
    expect(result.problems).toEqual([]);
    const sheet = result.model.feuilles_de_route[0]!.fiches.find((f) => f.id === 'a-1-9')!;
    expect(sheet.pilotes[0]).toMatchObject({ acteur: 'reseau-cyb', role: 'Exemple de texte' });
    expect(sheet.calendrier?.continu).toBe(true);
    expect(sheet.sous_actions[0]!.champs_source).toEqual({ FAPI: 'NON' });
  });
});

describe('npm run cms', () => {
  it('writes the configuration, an index.html that loads the CMS locally, and the CMS bundle from node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalons-admin-'));
    cpSync(fixture, join(dir, 'content'), { recursive: true });
    const written = writeCms(dir, options);
    expect(written).toEqual(['public/admin/config.yml', 'public/admin/index.html', 'public/admin/jalons-cms.js', 'public/admin/decap-cms.js']);
    expect(readFileSync(join(dir, written[0]!), 'utf8')).toBe(cmsConfigYaml(options, readRoadmaps(join(dir, 'content'))));
    const html = readFileSync(join(dir, written[1]!), 'utf8');
    expect(html).toContain('<script src="./decap-cms.js"></script>\n    <script src="./jalons-cms.js"></script>');
    // Scripts and configuration come from /admin/ itself; its CSP lets it reach only itself, this computer and the forge's API.
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain("connect-src 'self' http://localhost:* http://127.0.0.1:* https://api.github.com;");
    expect(adminCsp({ ...options, backend: 'gitlab', apiRoot: 'https://gitlab.exemple.fr/api/v4' })).toContain("connect-src 'self' http://localhost:* http://127.0.0.1:* https://gitlab.exemple.fr;");
    expect(html).toContain("default-src 'self';");
    expect(readFileSync(join(dir, written[3]!)).equals(readFileSync(join(decapDir, 'decap-cms.js')))).toBe(true);
    // The chunks the bundle loads on demand sit beside it.
    for (const chunk of readdirSync(decapDir).filter((f) => /^\d+\.decap-cms\.js$/.test(f))) expect(existsSync(join(dir, 'public', 'admin', chunk)), chunk).toBe(true);
  });

  it('the committed public/admin/config.yml is valid and has every schema field', () => {
    const committed = YAML.parse(readFileSync(join(root, 'public', 'admin', 'config.yml'), 'utf8')) as { collections: CmsCollection[] };
    const sheets = committed.collections.find((c) => c.name.endsWith('_fiches'))!;
    const paths = new Set(cmsPaths(sheets.fields!));
    for (const path of fieldPaths(sheetSchema)) expect(paths.has(path), path).toBe(true);
    // The roadmap's own objectives, indicators, milestones and what its reports measure and reach are editable too.
    const roadmaps = committed.collections.find((c) => c.name === 'feuilles_de_route')!;
    for (const file of roadmaps.files!) {
      const rmPaths = new Set(cmsPaths(file.fields));
      for (const path of fieldPaths(roadmapSchema)) expect(rmPaths.has(path), `${file.name} : ${path}`).toBe(true);
    }
    expect(existsSync(join(root, 'public', 'admin', 'index.html'))).toBe(true);
  });
});
