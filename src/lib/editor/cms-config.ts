/**
 * The Decap CMS configuration, generated from the zod schemas so that the CMS
 * offers exactly the fields the validator accepts, with the schemas' French
 * descriptions as hints. One folder collection per roadmap for its sheets and one
 * for its nodes (so a node's level and a sheet's priority are chosen from that
 * roadmap's own scale), one file collection for the roadmaps, and the shared
 * actors directory and glossary.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { buildSync } from 'esbuild';
import YAML from 'yaml';
import type { z } from 'zod';
import { actorSchema } from '../../../schemas/actor.ts';
import { glossaryTermSchema } from '../../../schemas/glossary.ts';
import { nodeSchema } from '../../../schemas/node.ts';
import { roadmapSchema } from '../../../schemas/roadmap.ts';
import { sheetSchema } from '../../../schemas/sheet.ts';
import { fr } from '../i18n/fr.ts';
import { ROADMAP_FILE } from '../content/load.ts';
import { readYaml } from '../content/yaml-document.ts';
import { splitFrontmatter } from '../content/frontmatter.ts';
import { readRegularFile, resolveContentRoot, walkContent } from '../content/safe-read.ts';
import { actorRefObjectFields, fieldsOf, richest, type Field, type Shape } from './schema-walk.ts';

export type CmsField = Record<string, unknown> & { name: string; widget: string; fields?: CmsField[]; jalons_champs?: CmsField[]; field?: CmsField };
export type CmsCollection = Record<string, unknown> & { name: string; fields?: CmsField[]; files?: Array<Record<string, unknown> & { fields: CmsField[] }> };

export interface CmsOptions {
  /** Project-relative content folder, with forward slashes. */
  contentPath: string;
  backend: 'github' | 'gitlab';
  /** "organisation/depot" on the forge. */
  repo: string;
  branch: string;
  /** OAuth relay for sign-in (the forge's own or a self-hosted one); optional. */
  baseUrl?: string | undefined;
  /** REST API of a self-hosted forge (GitLab instance, GitHub Enterprise); optional. */
  apiRoot?: string | undefined;
  siteUrl?: string | undefined;
  /**
   * Where the local backend (decap-server) answers; Decap CMS asks it only when /admin/ is opened
   * on localhost, and falls back to the forge when nothing answers there.
   */
  localBackendUrl?: string | undefined;
}

export const ACTORS_COLLECTION = 'acteurs';

/**
 * The formats admin/jalons-cms.js registers (src/lib/editor/cms-format.ts): a save rewrites only
 * the values the editor changed, where Decap CMS's own « yaml-frontmatter » and « yaml » print the
 * whole file again in their style.
 */
export const FORMATS = { frontmatter: 'jalons-yaml-frontmatter', yaml: 'jalons-yaml' } as const;

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
    localBackendUrl: env['JALONS_CMS_LOCAL_URL'] || undefined,
  };
}

/** "statut" → "Statut", "unite" → « Unité » (fr.cms.champs): short labels; the schema's description is the hint. */
const label = (key: string) => fr.cms.champs[key] ?? (key.charAt(0).toUpperCase() + key.slice(1)).replace(/_/g, ' ');

function actorRefWidget(): CmsField[] {
  return actorRefObjectFields().map((f) =>
    f.key === 'acteur'
      ? {
          name: f.key, label: fr.cms.acteurAnnuaire, widget: 'relation', required: false, hint: f.description,
          collection: ACTORS_COLLECTION, value_field: '{{slug}}', search_fields: ['nom', 'sigle'], display_fields: ['nom'],
        }
      : { name: f.key, label: label(f.key), widget: 'string', required: false, hint: f.description },
  );
}

/** Per-field choices a roadmap narrows down (levels of its nodes, its priority scale). */
type Overrides = Record<string, (base: CmsField) => CmsField>;

/**
 * Where a bare value goes when the schema also accepts it in place of an object (« orange » for
 * { acteur: orange }, « 2024 » for a calendar's { periode: 2024 }): the object's first field of the
 * same kind. admin/jalons-cms.js reads it so that Decap CMS, which knows one form per field,
 * still opens a sheet written the short way.
 */
function bareSlot(shape: Shape, fields: Field[]): { jalons_texte: string } | Record<string, never> {
  if (shape.kind !== 'union') return {};
  const bare = shape.options.find((o) => o.kind !== 'object' && o.kind !== 'array');
  const slot = bare && fields.find((f) => richest(f.shape).kind === bare.kind);
  return slot ? { jalons_texte: slot.key } : {};
}

function widgetFor(shape: Shape, base: { name: string; label: string; hint?: string; required: boolean }, description: string): CmsField {
  const s = richest(shape);
  // A list the schema also accepts as one bare value, or whose items may be bare values.
  const list = shape.kind === 'union' || (s.kind === 'array' && s.item.kind === 'union') ? 'jalons-liste' : 'list';
  switch (s.kind) {
    case 'text': case 'date': case 'annual':
      return { ...base, widget: /markdown/i.test(description) ? 'markdown' : 'string' };
    case 'url':
      return { ...base, widget: 'string' };
    case 'number': case 'integer':
      return { ...base, widget: 'number', value_type: s.kind === 'integer' ? 'int' : 'float' };
    case 'boolean':
      return { ...base, widget: 'boolean' };
    case 'enum':
      return { ...base, widget: 'select', options: s.values };
    case 'record':
      // Decap CMS has no map widget: admin/jalons-cms.js registers this one (« libellé : valeur » lines).
      return { ...base, widget: 'keyvalue', hint: `${base.hint ?? ''} ${fr.cms.aideCleValeur}`.trim() };
    case 'actor':
      return { ...base, widget: 'jalons-objet', jalons_texte: 'acteur', jalons_champs: actorRefWidget(), summary: '{{fields.acteur}}{{fields.texte}}' };
    case 'object':
      if (shape.kind === 'union') return { ...base, widget: 'jalons-objet', ...bareSlot(shape, s.fields), collapsed: true, jalons_champs: toCmsFields(s.fields) };
      return { ...base, widget: 'object', collapsed: true, fields: toCmsFields(s.fields) };
    case 'array': {
      const item = richest(s.item);
      const min = s.min > 0 ? { min: s.min } : {};
      if (item.kind === 'actor') {
        return { ...base, widget: 'jalons-liste', jalons_texte: 'acteur', ...min, label_singular: fr.cms.singuliers.acteur, collapsed: true, summary: '{{fields.acteur}}{{fields.texte}} {{fields.role}}', jalons_champs: actorRefWidget() };
      }
      if (item.kind === 'object') return { ...base, widget: list, ...bareSlot(s.item, item.fields), ...min, collapsed: true, [list === 'list' ? 'fields' : 'jalons_champs']: toCmsFields(item.fields) };
      return { ...base, widget: list, ...min, field: widgetFor(item, { name: 'valeur', label: base.label, required: true }, description) };
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
  rm.niveaux.length ? { parent: (f) => ({ ...f, required: true, hint: `${f.hint ?? ''} ${fr.cms.parentObligatoire(rm.niveaux[0]!.nom)}`.trim() }) } : {};


export function cmsConfig(options: CmsOptions, roadmaps: RoadmapInfo[]): Record<string, unknown> {
  const c = options.contentPath.replace(/\/+$/, '');
  const markdown = { extension: 'md', format: FORMATS.frontmatter };
  const yamlFile = { extension: 'yaml', format: FORMATS.yaml };
  const collections: CmsCollection[] = [];

  for (const rm of roadmaps) {
    const levels: Overrides = rm.niveaux.length
      ? { niveau: (f) => ({ ...f, widget: 'select', options: rm.niveaux.map((n) => ({ label: n.nom, value: n.id })) }) }
      : {};
    const priorities: Overrides = rm.priorites.length
      ? { priorite: (f) => ({ ...f, widget: 'select', options: rm.priorites.map((p) => ({ label: p.libelle, value: p.valeur })) }) }
      : {};
    collections.push({
      name: `${rm.id}_fiches`, label: fr.cms.collections.fiches(rm.titre), label_singular: fr.cms.singuliers.fiche, icon: 'description',
      description: sheetSchema.description, folder: `${c}/${rm.id}/fiches`, ...markdown, create: true,
      identifier_field: 'titre', summary: '{{code}} {{titre}}', slug: '{{titre}}', sortable_fields: ['code', 'titre'],
      fields: fieldsWithBody(sheetSchema, fr.cms.textes.fiche, { ...priorities, ...sheetParent(rm) }),
    });
    collections.push({
      name: `${rm.id}_noeuds`, label: fr.cms.collections.noeuds(rm.titre), label_singular: fr.cms.singuliers.noeud, icon: 'account_tree',
      description: nodeSchema.description, folder: `${c}/${rm.id}/noeuds`, ...markdown, create: true,
      identifier_field: 'titre', summary: '{{code}} {{titre}}', slug: '{{code}}', sortable_fields: ['code', 'titre'],
      fields: fieldsWithBody(nodeSchema, fr.cms.textes.noeud, levels),
    });
  }
  collections.push({
    name: 'feuilles_de_route', label: fr.cms.collections.feuilles, description: roadmapSchema.description, format: FORMATS.frontmatter,
    files: roadmaps.map((rm) => ({ name: rm.id, label: rm.titre, file: `${c}/${rm.id}/${ROADMAP_FILE}`, fields: fieldsWithBody(roadmapSchema, fr.cms.textes.feuille) })),
  });
  collections.push({
    name: ACTORS_COLLECTION, label: fr.cms.collections.acteurs, label_singular: fr.cms.singuliers.acteur, description: actorSchema.description,
    folder: `${c}/acteurs`, ...yamlFile, create: true, identifier_field: 'nom', summary: '{{nom}} {{sigle}}', slug: '{{nom}}',
    fields: toCmsFields(fieldsOf(actorSchema), {
      parent: (f) => ({ ...f, widget: 'relation', collection: ACTORS_COLLECTION, value_field: '{{slug}}', search_fields: ['nom', 'sigle'], display_fields: ['nom'] }),
    }),
  });
  collections.push({
    name: 'glossaire', label: fr.cms.collections.glossaire, label_singular: fr.cms.singuliers.sigle, description: glossaryTermSchema.description,
    folder: `${c}/glossaire`, ...yamlFile, create: true, identifier_field: 'sigle', summary: '{{sigle}} : {{definition}}', slug: '{{sigle}}',
    fields: toCmsFields(fieldsOf(glossaryTermSchema)),
  });

  return {
    backend: {
      name: options.backend, repo: options.repo, branch: options.branch,
      ...(options.baseUrl ? { base_url: options.baseUrl } : {}),
      ...(options.apiRoot ? { api_root: options.apiRoot } : {}),
    },
    publish_mode: 'editorial_workflow',
    locale: 'fr',
    // Used only when /admin/ is opened on localhost and decap-server answers (npm run editer).
    local_backend: options.localBackendUrl ? { url: options.localBackendUrl } : true,
    ...(options.siteUrl ? { site_url: options.siteUrl } : {}),
    media_folder: 'public/medias',
    public_folder: '/medias',
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    collections,
  };
}

const HEADER = `# Configuration de Decap CMS (/admin/), générée par « npm run cms » à partir des schémas zod.
# Ne pas modifier à la main : changez les schémas (schemas/*.ts) puis relancez « npm run cms ».
# Dépôt et forge : variables JALONS_CMS_BACKEND (github | gitlab), JALONS_CMS_REPO (organisation/depot),
# JALONS_CMS_BRANCH (main), JALONS_CMS_AUTH_URL (service d'authentification OAuth), JALONS_CMS_API_URL
# (API d'une forge auto-hébergée), voir docs/guide-editeur.md.
`;

export function cmsConfigYaml(options: CmsOptions, roadmaps: RoadmapInfo[]): string {
  return HEADER + YAML.stringify(cmsConfig(options, roadmaps), { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * What /admin/ may reach: itself, the local backend on this computer, and the forge's API, where
 * the content lives; nothing else (the GitHub backend's status check on githubstatus.com is
 * refused, which Decap CMS reads as « all is well »). Decap CMS compiles its configuration schema
 * at run time, hence 'unsafe-eval', and styles itself inline.
 */
export function adminCsp(options: CmsOptions): string {
  const forge = options.apiRoot ? new URL(options.apiRoot).origin : options.backend === 'gitlab' ? 'https://gitlab.com' : 'https://api.github.com';
  return [
    "default-src 'self'", "script-src 'self' 'unsafe-eval'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "font-src 'self' data:", `connect-src 'self' http://localhost:* http://127.0.0.1:* ${forge}`, "object-src 'none'", "base-uri 'self'", "form-action 'self'",
  ].join('; ');
}

/**
 * Decap CMS's grey links and header buttons (#798291 on white, 3.9:1) darkened to 4.5:1 or more
 * (axe color-contrast); the active ones keep Decap's blue. Its class names are generated, so they
 * are matched by the component names they hold.
 */
const ADMIN_CSS = 'a[class*="SidebarNavLink"]:not(.sidebar-active),[class*="AppHeaderButton"]:not(.header-link-active),[class*="TopDescription"],[class*="grayText"]{color:#4a5160!important}' +
  // The Markdown toolbar's « Markdown » switch, on the grey its bar takes while the field is edited.
  '[class*="ToolbarToggleLabel"]{color:#545c6a!important}[class*="ToolbarToggleLabel-ToolbarToggleLabel"]{color:#2a4f9a!important}';

export function adminIndex(options: CmsOptions): string {
  return `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <meta http-equiv="Content-Security-Policy" content="${adminCsp(options)}">
    <title>${fr.cms.titrePage}</title>
    <!-- Served by the site itself, never from a CDN: copied from node_modules by « npm run cms ». -->
    <link href="./config.yml" type="application/yaml" rel="cms-config-url">
  </head>
  <body>
    <script src="./decap-cms.js"></script>
    <script src="./jalons-cms.js"></script>
  </body>
</html>
`;
}

/**
 * What Decap CMS lacks for these schemas, in a plain script run after its bundle: a widget for
 * the schemas' maps (« libellé : valeur » lines, numbers kept as numbers) and the site's
 * stylesheets in the preview.
 */
export function adminScript(previewStyles: string[]): string {
  return `// Généré par « npm run cms » (src/lib/editor/cms-config.ts) : ne pas modifier à la main.
${formatBundle()}
(function () {
  var CMS = window.CMS, h = window.h, createClass = window.createClass, JalonsFormat = window.JalonsFormat;
  ${JSON.stringify(previewStyles)}.forEach(function (href) { CMS.registerPreviewStyle(new URL(href, document.baseURI).href); });
  // Registered before Decap CMS reads its configuration, which names them.
  CMS.registerCustomFormat(${JSON.stringify(FORMATS.frontmatter)}, 'md', {
    fromFile: function (text) { return JalonsFormat.readEntry(text, true); },
    toFile: function (data, order) { return JalonsFormat.writeEntry(data, order || [], true); },
  });
  CMS.registerCustomFormat(${JSON.stringify(FORMATS.yaml)}, 'yaml', {
    fromFile: function (text) { return JalonsFormat.readEntry(text, false); },
    toFile: function (data, order) { return JalonsFormat.writeEntry(data, order || [], false); },
  });
  function plain(value) { return value && typeof value.toJS === 'function' ? value.toJS() : value || {}; }
  function toText(value) {
    var o = plain(value);
    return Object.keys(o).map(function (k) { return k + ' : ' + o[k]; }).join('\\n');
  }
  function toMap(text) {
    var o = {};
    text.split('\\n').forEach(function (line) {
      var at = line.indexOf(' : ') >= 0 ? line.indexOf(' : ') : line.indexOf(':');
      var key = (at < 0 ? line : line.slice(0, at)).trim();
      var value = at < 0 ? '' : line.slice(at + (line.charAt(at) === ' ' ? 3 : 1)).trim();
      if (key) o[key] = /^-?[0-9]+([.,][0-9]+)?$/.test(value) ? Number(value.replace(',', '.')) : value;
    });
    return o;
  }
  var KeyValueControl = createClass({
    getInitialState: function () { return { text: toText(this.props.value) }; },
    handleChange: function (e) { this.setState({ text: e.target.value }); this.props.onChange(toMap(e.target.value)); },
    render: function () {
      return h('textarea', {
        id: this.props.forID, className: this.props.classNameWrapper, value: this.state.text, rows: 4,
        onChange: this.handleChange, onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
      });
    },
  });
  var KeyValuePreview = createClass({
    render: function () { return h('pre', {}, toText(this.props.value)); },
  });
  CMS.registerWidget('keyvalue', KeyValueControl, KeyValuePreview);

  // Decap CMS knows one form per field; the schemas also accept a bare value where they take an
  // object (« orange » for { acteur: orange }) or a list (« 2 ETP » for [« 2 ETP »]). These wrappers
  // hand Decap's own widgets the long form, built from the Immutable values Decap passes in.
  function asObject(value, field) {
    if (value === null || value === undefined || typeof value === 'object') return value;
    var slot = field.get('jalons_texte');
    return slot ? field.clear().set(slot, value) : value;
  }
  function asList(value, field) {
    if (value === null || value === undefined || value === '') return value;
    var list = typeof value === 'object' && typeof value.toList === 'function' && typeof value.push === 'function' ? value : field.clear().toList().push(value);
    return field.get('fields') ? list.map(function (item) { return asObject(item, field); }) : list;
  }
  // The subfields sit under « jalons_champs », not « fields », so that Decap's serializer, which
  // walks « fields » and expects a map in every list item, leaves bare values as they were read.
  function withFields(field) { return field.get('jalons_champs') ? field.set('fields', field.get('jalons_champs')) : field; }
  // And back: what Decap's widgets hand over in the long form goes back to the short one where the
  // file had it, so that opening a sheet changes nothing (a relation widget reports its value once
  // loaded, which rewrote every « orange » as { acteur: orange } and marked the sheet modified) and
  // a save keeps the file's way of writing.
  function isBare(v) { return v !== null && v !== undefined && typeof v !== 'object'; }
  function bareOf(item, field) {
    var slot = field.get('jalons_texte');
    if (!slot || !item || typeof item.get !== 'function' || typeof item.keySeq !== 'function' || !isBare(item.get(slot))) return undefined;
    var others = item.keySeq().filter(function (k) { var v = item.get(k); return k !== slot && v !== undefined && v !== null && v !== ''; });
    return others.count() === 0 ? item.get(slot) : undefined;
  }
  function restoreObject(value, original, field) {
    var bare = isBare(original) ? bareOf(value, field) : undefined;
    return bare !== undefined && bare === original ? original : value;
  }
  function restoreList(value, original, field) {
    if (!value || typeof value.map !== 'function' || typeof value.push !== 'function') return value;
    var short = isBare(original) || (original && typeof original.some === 'function' && original.some(isBare));
    var list = short ? value.map(function (item) { var bare = bareOf(item, field); return bare === undefined ? item : bare; }) : value;
    return isBare(original) && list.size === 1 && list.first() === original ? original : list;
  }
  function wrap(name, normalise, restore) {
    var base = CMS.getWidget(name);
    var Control = createClass({
      isValid: function () { return this.inner && this.inner.isValid ? this.inner.isValid() : true; },
      render: function () {
        var self = this;
        if (this.rawField !== this.props.field) { this.rawField = this.props.field; this.field = withFields(this.props.field); }
        var original = this.props.value, onChange = this.props.onChange, field = this.field;
        var props = Object.assign({}, this.props, {
          field: field, value: normalise(original, field), ref: function (c) { self.inner = c; },
          onChange: function (value, metadata) { onChange(restore(value, original, field), metadata); },
        });
        return h(base.control, props);
      },
    });
    // Decap's own previews of lists and objects render « fields » from the configuration; these
    // render the values: one line per item, its fields separated by dashes.
    function line(item) { return item && typeof item.valueSeq === 'function' ? item.valueSeq().filter(function (v) { return typeof v !== 'object'; }).join(' — ') : String(item); }
    var Preview = createClass({
      render: function () {
        var value = normalise(this.props.value, withFields(this.props.field));
        if (value === null || value === undefined || value === '') return null;
        if (typeof value.push === 'function') return h('ul', {}, value.map(function (item, i) { return h('li', { key: i }, line(item)); }).toArray());
        return h('p', {}, line(value));
      },
    });
    CMS.registerWidget(name === 'list' ? 'jalons-liste' : 'jalons-objet', Control, Preview);
  }
  wrap('list', asList, restoreList);
  wrap('object', asObject, restoreObject);

  // Names for the controls Decap CMS draws without one (axe: frame-title, button-name,
  // aria-command-name, aria-input-field-name, aria-required-attr), set as they appear.
  // Added as Decap adds its own styles (the built pages carry no <style> element).
  var style = document.createElement('style');
  style.textContent = ${JSON.stringify(ADMIN_CSS)};
  document.head.appendChild(style);
  var names = ${JSON.stringify(fr.cms.accessibilite)};
  function name(el, text) { if (!el.getAttribute('aria-label') && !el.getAttribute('title') && !(el.textContent || '').trim()) el.setAttribute('aria-label', text); }
  function label() {
    document.querySelectorAll('iframe#preview-pane:not([title])').forEach(function (f) { f.setAttribute('title', names.apercu); });
    document.querySelectorAll('[aria-roledescription="sortable"][role="button"]').forEach(function (el) { name(el, names.deplacer); });
    document.querySelectorAll('button[class*="TopBarButton"]').forEach(function (b) {
      name(b, b === b.parentElement.querySelector('button[class*="TopBarButton"]') ? names.deplier : names.supprimer);
    });
    document.querySelectorAll('[role="textbox"][aria-multiline="true"]:not([aria-label])').forEach(function (box) {
      var control = box.closest('[class*="ControlContainer"]');
      var text = control && control.querySelector('label');
      if (text) box.setAttribute('aria-label', text.textContent.replace(/\s*\(optionnel\)\s*$/, ''));
    });
    // The Markdown toolbar's menus (« Titres », « Ajouter un composant ») put a real <button>
    // inside the <span role="button"> that opens them (axe: nested-interactive), two tab stops for
    // one control. The span is the control that opens the menu: the inner button is made inert
    // (clicks fall through to the span, and it leaves the tab order), its words name the span.
    document.querySelectorAll('[aria-haspopup="true"][role="button"]').forEach(function (menu) {
      var inner = menu.querySelector('button:not([inert])');
      if (!inner) return;
      if (!menu.getAttribute('aria-label')) menu.setAttribute('aria-label', (inner.getAttribute('title') || inner.textContent || '').trim() || names.menu);
      inner.setAttribute('inert', '');
    });
    // An open menu lists its items in a <ul> of <div role="menuitem">: the list is only layout.
    document.querySelectorAll('[role="menu"] > ul:not([role])').forEach(function (ul) { ul.setAttribute('role', 'none'); });
    document.querySelectorAll('button[role="switch"]').forEach(function (s) {
      name(s, names.modeMarkdown);
      var raw = !!s.closest('.cms-editor-raw');
      if (s.getAttribute('aria-checked') !== String(raw)) s.setAttribute('aria-checked', String(raw));
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; label(); });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
`;
}

let bundle: string | undefined;
/**
 * src/lib/editor/cms-format.ts and the `yaml` package as one plain script defining
 * window.JalonsFormat, built once per process by esbuild (already Astro's own bundler).
 */
function formatBundle(): string {
  bundle ??= buildSync({
    entryPoints: [join(import.meta.dirname, 'cms-format.ts')], bundle: true, write: false, format: 'iife',
    globalName: 'JalonsFormat', platform: 'browser', target: 'es2020', minify: true, legalComments: 'none', logLevel: 'silent',
  }).outputFiles[0]!.text;
  return bundle;
}

/** A file name of Decap CMS's bundle (never a path). */
export const isDecapFile = (name: string) => /^([\w-]+\.)?decap-cms\.js$|^[\w.-]+\.wasm$/.test(name) && !name.includes('..');

/** Decap CMS's prebuilt bundle and the pieces it loads on demand, in node_modules: copied into /admin/ by the build, served from there by the live preview. */
export function decapFiles(): { dir: string; files: string[] } {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('decap-cms/dist/decap-cms.js'));
  return { dir, files: readdirSync(dir).filter(isDecapFile) };
}

/** The site's stylesheets, as URLs relative to /admin/, when the site is built next to it. */
function siteStyles(admin: string): string[] {
  const assets = join(admin, '..', '_astro');
  try {
    return readdirSync(assets).filter((f) => f.endsWith('.css')).sort().map((f) => `../_astro/${f}`);
  } catch {
    return [];
  }
}

/** Writes /admin/ into `admin` (by default the project's public/admin/, which `npm run cms` keeps up to date). */
export function writeCms(projectRoot: string, options: CmsOptions = cmsOptionsFromEnv(), admin = join(projectRoot, 'public', 'admin')): string[] {
  mkdirSync(admin, { recursive: true });
  const roadmaps = readRoadmaps(join(projectRoot, options.contentPath));
  writeFileSync(join(admin, 'config.yml'), cmsConfigYaml(options, roadmaps));
  writeFileSync(join(admin, 'index.html'), adminIndex(options));
  writeFileSync(join(admin, 'jalons-cms.js'), adminScript(siteStyles(admin)));
  const decap = decapFiles();
  for (const f of decap.files) copyFileSync(join(decap.dir, f), join(admin, f));
  return ['config.yml', 'index.html', 'jalons-cms.js', 'decap-cms.js'].map((f) => relative(projectRoot, join(admin, f)).split(sep).join('/'));
}
