/**
 * The Sveltia CMS configuration, generated from the zod schemas so that the CMS
 * offers exactly the fields the validator accepts, with the schemas' French
 * descriptions as hints. One folder collection per roadmap for its sheets and one
 * for its nodes (so a node's level and a sheet's priority are chosen from that
 * roadmap's own scale), one file collection for the roadmaps, and the shared
 * actors directory and glossary.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { actorSchema } from '../../../schemas/actor.ts';
import { glossaryTermSchema } from '../../../schemas/glossary.ts';
import { nodeSchema } from '../../../schemas/node.ts';
import { roadmapSchema } from '../../../schemas/roadmap.ts';
import { sheetSchema } from '../../../schemas/sheet.ts';
import { ROADMAP_FILE } from '../content/load.ts';
import { readYaml } from '../content/yaml-document.ts';
import { splitFrontmatter } from '../content/frontmatter.ts';
import { readRegularFile, resolveContentRoot, walkContent } from '../content/safe-read.ts';
import { actorRefObjectFields, fieldsOf, richest, type Field, type Shape } from './schema-walk.ts';

export type CmsField = Record<string, unknown> & { name: string; widget: string; fields?: CmsField[]; field?: CmsField };
export type CmsCollection = Record<string, unknown> & { name: string; fields?: CmsField[]; files?: Array<Record<string, unknown> & { fields: CmsField[] }> };

export interface CmsOptions {
  /** Project-relative content folder, with forward slashes. */
  contentPath: string;
  backend: 'github' | 'gitlab';
  /** "organisation/depot" on the forge. */
  repo: string;
  branch: string;
  /** OAuth relay for sign-in (Sveltia CMS Authenticator or the forge's own); optional. */
  baseUrl?: string | undefined;
  /** REST API of a self-hosted forge (GitLab instance, GitHub Enterprise); optional. */
  apiRoot?: string | undefined;
  siteUrl?: string | undefined;
}

export const ACTORS_COLLECTION = 'acteurs';
export const ID_PATTERN = ['^[a-z0-9]+(-[a-z0-9]+)*$', 'Identifiant : minuscules sans accent, chiffres et tirets (« a-1-2 »).'];

/** Options from the environment, with placeholders documented in the editor guide. */
export function cmsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CmsOptions {
  return {
    contentPath: env['JALONS_CONTENT_DIR'] ?? 'content',
    backend: env['JALONS_CMS_BACKEND'] === 'gitlab' ? 'gitlab' : 'github',
    repo: env['JALONS_CMS_REPO'] || 'organisation/jalons',
    branch: env['JALONS_CMS_BRANCH'] || 'main',
    baseUrl: env['JALONS_CMS_AUTH_URL'] || undefined,
    apiRoot: env['JALONS_CMS_API_URL'] || undefined,
    siteUrl: env['JALONS_SITE'] || undefined,
  };
}

/** "a_mobiliser" → "A mobiliser": short labels; the schema's description is the hint. */
const label = (key: string) => (key.charAt(0).toUpperCase() + key.slice(1)).replace(/_/g, ' ');

function actorRefWidget(): CmsField[] {
  return actorRefObjectFields().map((f) =>
    f.key === 'acteur'
      ? {
          name: f.key, label: 'Acteur de l\'annuaire', widget: 'relation', required: false, hint: f.description,
          collection: ACTORS_COLLECTION, value_field: '{{slug}}', search_fields: ['nom', 'sigle', 'aliases'], display_fields: ['nom'],
        }
      : { name: f.key, label: label(f.key), widget: 'string', required: false, hint: f.description },
  );
}

/** Per-field choices a roadmap narrows down (levels of its nodes, its priority scale). */
type Overrides = Record<string, (base: CmsField) => CmsField>;

function widgetFor(shape: Shape, base: { name: string; label: string; hint?: string; required: boolean }, description: string): CmsField {
  const s = richest(shape);
  switch (s.kind) {
    case 'text': case 'date': case 'annual':
      return { ...base, widget: /markdown/i.test(description) ? 'markdown' : 'string' };
    case 'url':
      return { ...base, widget: 'string', type: 'url' };
    case 'number': case 'integer':
      return { ...base, widget: 'number', value_type: s.kind === 'integer' ? 'int' : 'float' };
    case 'boolean':
      return { ...base, widget: 'boolean' };
    case 'enum':
      return { ...base, widget: 'select', options: s.values };
    case 'record':
      return { ...base, widget: 'keyvalue', key_label: 'Libellé', value_label: 'Valeur' };
    case 'actor':
      return { ...base, widget: 'object', fields: actorRefWidget(), summary: '{{fields.acteur}}{{fields.texte}}' };
    case 'object':
      return { ...base, widget: 'object', collapsed: 'auto', fields: toCmsFields(s.fields) };
    case 'array': {
      const item = richest(s.item);
      const min = s.min > 0 ? { min: s.min } : {};
      if (item.kind === 'actor') {
        return { ...base, widget: 'list', ...min, label_singular: 'acteur', collapsed: 'auto', summary: '{{fields.acteur}}{{fields.texte}} {{fields.role}}', fields: actorRefWidget() };
      }
      if (item.kind === 'object') return { ...base, widget: 'list', ...min, collapsed: 'auto', fields: toCmsFields(item.fields) };
      return { ...base, widget: 'list', ...min, field: widgetFor(item, { name: 'valeur', label: base.label, required: true }, description) };
    }
    default:
      throw new Error(`Forme de champ sans widget : ${s.kind}`);
  }
}

export function toCmsFields(fields: Field[], overrides: Overrides = {}): CmsField[] {
  return fields.map((f) => {
    const field = widgetFor(f.shape, { name: f.key, label: label(f.key), hint: f.description, required: f.required }, f.description);
    return overrides[f.key] ? overrides[f.key]!(field) : field;
  });
}

const body = (labelText: string): CmsField => ({ name: 'body', label: labelText, widget: 'markdown', required: false });
const fieldsWithBody = (schema: z.ZodType, bodyLabel: string, overrides: Overrides = {}) => [...toCmsFields(fieldsOf(schema), overrides), body(bodyLabel)];

interface RoadmapInfo {
  id: string;
  titre: string;
  niveaux: Array<{ id: string; nom: string }>;
  priorites: Array<{ valeur: string | number; libelle: string }>;
}

/** What the collections need from each roadmap, read leniently: an invalid roadmap still gets its collections. */
export function readRoadmaps(contentDir: string): RoadmapInfo[] {
  // As the validator reads it: no link followed, only regular files read (the validator reports the rest).
  const root = resolveContentRoot(contentDir);
  if (root === null) return [];
  const roadmapFiles = walkContent(root).filter((e) => e.kind === 'file' && e.parts.length === 2 && e.parts[1] === ROADMAP_FILE);
  return roadmapFiles
    .map((e) => ({ id: e.parts[0]!, read: readRegularFile(e.abs) }))
    .filter((r) => r.read.ok)
    .map(({ id, read }) => {
      const fichier = join(contentDir, id, ROADMAP_FILE);
      const { split } = splitFrontmatter(fichier, read.ok ? read.bytes.toString('utf8') : '');
      let data: Record<string, unknown> = {};
      try {
        // Read as the validator reads it: a priority written 01 stays « 01 ».
        data = ((split ? readYaml(fichier, split.yaml).data : {}) ?? {}) as Record<string, unknown>;
      } catch {
        // A broken roadmap is the validator's business; the CMS still lists it.
      }
      const list = <T>(v: unknown) => (Array.isArray(v) ? (v as T[]).filter((x) => x && typeof x === 'object') : []);
      return {
        id,
        titre: String(data['titre_court'] ?? data['titre'] ?? id),
        niveaux: list<{ id: string; nom: string }>(data['niveaux']),
        priorites: list<{ valeur: string | number; libelle: string }>(data['priorites']),
      };
    });
}

/**
 * A sheet without parent, in a roadmap that declares levels, is a warning of the validator and
 * the importer (src/lib/content/cross-rules.ts); the CMS cannot warn, so there it is required.
 */
const sheetParent = (rm: RoadmapInfo): Overrides =>
  rm.niveaux.length ? { parent: (f) => ({ ...f, required: true, hint: `${f.hint ?? ''} Obligatoire ici : cette feuille de route déclare des niveaux (« ${rm.niveaux[0]!.nom} »…), sous lesquels se rangent ses fiches.`.trim() }) } : {};

const idSlug = (template: string) => ({ template, editable: ['create'], pattern: ID_PATTERN, hint: 'Identifiant du fichier, qui fait l\'adresse de la page : ne le changez plus ensuite.' });

export function cmsConfig(options: CmsOptions, roadmaps: RoadmapInfo[]): Record<string, unknown> {
  const c = options.contentPath.replace(/\/+$/, '');
  const markdown = { extension: 'md', format: 'yaml-frontmatter' };
  const yamlFile = { extension: 'yaml', format: 'yaml' };
  const collections: CmsCollection[] = [];

  for (const rm of roadmaps) {
    const levels: Overrides = rm.niveaux.length
      ? { niveau: (f) => ({ ...f, widget: 'select', options: rm.niveaux.map((n) => ({ label: n.nom, value: n.id })) }) }
      : {};
    const priorities: Overrides = rm.priorites.length
      ? { priorite: (f) => ({ ...f, widget: 'select', options: rm.priorites.map((p) => ({ label: p.libelle, value: p.valeur })) }) }
      : {};
    collections.push({
      name: `${rm.id}_fiches`, label: `${rm.titre} : fiches`, label_singular: 'fiche', icon: 'description',
      description: sheetSchema.description, folder: `${c}/${rm.id}/fiches`, ...markdown, create: true,
      identifier_field: 'titre', summary: '{{code}} {{titre}}', slug: idSlug('{{titre}}'), sortable_fields: ['code', 'titre'],
      fields: fieldsWithBody(sheetSchema, 'Texte de la fiche (sections « ## Contexte », « ## Objectifs »…)', { ...priorities, ...sheetParent(rm) }),
    });
    collections.push({
      name: `${rm.id}_noeuds`, label: `${rm.titre} : axes et objectifs`, label_singular: 'nœud', icon: 'account_tree',
      description: nodeSchema.description, folder: `${c}/${rm.id}/noeuds`, ...markdown, create: true,
      identifier_field: 'titre', summary: '{{code}} {{titre}}', slug: idSlug('{{code}}'), sortable_fields: ['code', 'titre'],
      fields: fieldsWithBody(nodeSchema, 'Texte d\'introduction', levels),
    });
  }
  collections.push({
    name: 'feuilles_de_route', label: 'Feuilles de route', icon: 'map', description: roadmapSchema.description, format: 'yaml-frontmatter',
    files: roadmaps.map((rm) => ({ name: rm.id, label: rm.titre, file: `${c}/${rm.id}/${ROADMAP_FILE}`, fields: fieldsWithBody(roadmapSchema, 'Présentation') })),
  });
  collections.push({
    name: ACTORS_COLLECTION, label: 'Annuaire des acteurs', label_singular: 'acteur', icon: 'groups', description: actorSchema.description,
    folder: `${c}/acteurs`, ...yamlFile, create: true, identifier_field: 'nom', summary: '{{nom}} {{sigle}}', slug: idSlug('{{nom}}'),
    fields: toCmsFields(fieldsOf(actorSchema), {
      parent: (f) => ({ ...f, widget: 'relation', collection: ACTORS_COLLECTION, value_field: '{{slug}}', search_fields: ['nom', 'sigle', 'aliases'], display_fields: ['nom'] }),
    }),
  });
  collections.push({
    name: 'glossaire', label: 'Glossaire', label_singular: 'sigle', icon: 'dictionary', description: glossaryTermSchema.description,
    folder: `${c}/glossaire`, ...yamlFile, create: true, identifier_field: 'sigle', summary: '{{sigle}} : {{definition}}', slug: idSlug('{{sigle}}'),
    fields: toCmsFields(fieldsOf(glossaryTermSchema)),
  });

  return {
    backend: {
      name: options.backend, repo: options.repo, branch: options.branch,
      ...(options.baseUrl ? { base_url: options.baseUrl } : {}),
      ...(options.apiRoot ? { api_root: options.apiRoot } : {}),
    },
    publish_mode: 'editorial_workflow',
    app_title: 'Jalons : édition des feuilles de route',
    ...(options.siteUrl ? { site_url: options.siteUrl } : {}),
    media_folder: 'public/medias',
    public_folder: '/medias',
    slug: { encoding: 'ascii', clean_accents: true, lowercase: true, sanitize_replacement: '-', trim: true, maxlength: 60 },
    output: { omit_empty_optional_fields: true },
    collections,
  };
}

const HEADER = `# Configuration de Sveltia CMS (/admin/), générée par « npm run cms » à partir des schémas zod.
# Ne pas modifier à la main : changez les schémas (schemas/*.ts) puis relancez « npm run cms ».
# Dépôt et forge : variables JALONS_CMS_BACKEND (github | gitlab), JALONS_CMS_REPO (organisation/depot),
# JALONS_CMS_BRANCH (main), JALONS_CMS_AUTH_URL (service d'authentification OAuth), JALONS_CMS_API_URL
# (API d'une forge auto-hébergée), voir docs/guide-editeur.md.
`;

export function cmsConfigYaml(options: CmsOptions, roadmaps: RoadmapInfo[]): string {
  return HEADER + YAML.stringify(cmsConfig(options, roadmaps), { lineWidth: 0, aliasDuplicateObjects: false });
}

export const ADMIN_INDEX = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>Jalons : édition</title>
    <!-- Served by the site itself, never from a CDN: copied from node_modules by « npm run cms ». -->
    <link href="./config.yml" type="application/yaml" rel="cms-config-url">
  </head>
  <body>
    <script src="./sveltia-cms.js"></script>
  </body>
</html>
`;

/** Writes public/admin/{config.yml,index.html} and copies the CMS bundle next to them. */
/** Writes /admin/ into `admin` (by default the project's public/admin/, which `npm run cms` keeps up to date). */
/** Sveltia CMS's script in node_modules: copied by the build, served as is by `npm run dev`. */
export function sveltiaBundle(): string {
  const require = createRequire(import.meta.url);
  // The package exports only its module entry (npm/index.js); the classic-script bundle sits in dist/.
  return join(dirname(require.resolve('@sveltia/cms')), '..', 'dist', 'sveltia-cms.js');
}

export function writeCms(projectRoot: string, options: CmsOptions = cmsOptionsFromEnv(), admin = join(projectRoot, 'public', 'admin')): string[] {
  mkdirSync(admin, { recursive: true });
  const roadmaps = readRoadmaps(join(projectRoot, options.contentPath));
  writeFileSync(join(admin, 'config.yml'), cmsConfigYaml(options, roadmaps));
  writeFileSync(join(admin, 'index.html'), ADMIN_INDEX);
  copyFileSync(sveltiaBundle(), join(admin, 'sveltia-cms.js'));
  return ['config.yml', 'index.html', 'sveltia-cms.js'].map((f) => relative(projectRoot, join(admin, f)).split(sep).join('/'));
}
