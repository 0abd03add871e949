/**
 * A hub: a Jalons site that also publishes the roadmaps of other Jalons sites, read from
 * their open data (/donnees/jalons.json, the versioned model). Pure: the build fetches and
 * caches the sources (src/lib/build/sources.ts) and hands their text here.
 *
 * Each source is checked against the model's schema; one that cannot be read is reported
 * and left out, never half-merged. A source's roadmaps, actors and glossary terms join the
 * site's own; an id already taken gets a suffix, with every reference to it in that source.
 * Relations written as another site's address (« declinaison_de », « contribue_a ») become
 * links inside the hub when the hub publishes that site too.
 */
import { readableModelSchema } from '../export/model-schema.ts';
import { linkContributions, linkRoadmaps, roadmapLink } from '../model/relations.ts';
import { ROADMAP_RELATIONS } from '../content/cross-rules.ts';
import { RESERVED_ENTRY_IDS, RESERVED_ROADMAP_IDS } from '../content/paths.ts';
import { isLinkAddress } from '../../../schemas/source.ts';
import { fr } from '../i18n/fr.ts';
import type { Model, ModelActor, ModelGlossaryTerm, ModelOrigin, ModelRoadmap } from '../model/types.ts';

/** The versions of the model this hub reads. */
export const READABLE_VERSIONS = [2] as const;

/** One entry of JALONS_SOURCES: « Nom=adresse » or « adresse ». */
export interface SourceSpec {
  /** The name the hub gives it, or null (its host, else its territories). */
  nom: string | null;
  /** An http(s) address or a local path of a Jalons site's jalons.json. */
  adresse: string;
}

export const isWebAddress = (address: string) => /^https?:\/\//i.test(address);

/**
 * JALONS_SOURCES: entries separated by « ; » or line breaks, each « adresse » or « Nom=adresse ».
 * Throws a French message for an entry that names no address.
 */
export function parseSources(value: string | undefined): SourceSpec[] {
  const entries = (value ?? '').split(/[;\n]/).map((e) => e.trim()).filter(Boolean);
  const specs = entries.map((entry): SourceSpec => {
    // A name never holds « / » or « : »; an address or a path may hold « = » (a query string).
    const named = /^([^=/:]+)=(.*)$/.exec(entry);
    const nom = named ? named[1]!.trim() : null;
    const adresse = (named ? named[2]! : entry).trim();
    if (!adresse) throw new Error(`JALONS_SOURCES : « ${entry} » ne donne pas d'adresse. Écrivez « Nom=https://site/donnees/jalons.json » ou le chemin d'un fichier jalons.json.`);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(adresse) && !isWebAddress(adresse)) {
      throw new Error(`JALONS_SOURCES : « ${adresse} » : seules les adresses http(s) et les chemins de fichiers sont lus.`);
    }
    return { nom: nom || null, adresse };
  });
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.adresse)) throw new Error(`JALONS_SOURCES : « ${s.adresse} » est donnée deux fois.`);
    seen.add(s.adresse);
  }
  return specs;
}

/**
 * The site a source address belongs to: « https://site/base/donnees/jalons.json » (or a
 * roadmap's « /donnees/<feuille>.json ») is published by « https://site/base/ »; null for a local path.
 */
export function sourceSite(address: string): string | null {
  if (!isWebAddress(address)) return null;
  const url = new URL(address);
  const at = url.pathname.search(/\/donnees\/[^/]+\.json$/);
  if (at < 0) return null;
  return `${url.origin}${url.pathname.slice(0, at)}/`;
}

export type SourceReading = { ok: true; model: Model } | { ok: false; raison: string };

/** Where in the model a schema problem is, as a reader of the JSON would look for it. */
function pathText(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(racine)';
}

/** A source's text, read as a model this hub understands, or why not (French, for the build's report and the home page). */
export function readSourceModel(text: string): SourceReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, raison: `ce n'est pas un fichier JSON valide (${(error as Error).message}).` };
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof data !== 'object' || data === null || Array.isArray(data) || version === undefined) {
    return { ok: false, raison: 'ce n\'est pas le fichier jalons.json d\'un site Jalons (pas de champ « version »).' };
  }
  if (!(READABLE_VERSIONS as readonly unknown[]).includes(version)) {
    const newer = typeof version === 'number' && version > Math.max(...READABLE_VERSIONS);
    return {
      ok: false,
      raison: `son modèle est en version ${JSON.stringify(version)}, que ce site ne lit pas (il lit la version ${READABLE_VERSIONS.join(', ')}). ${newer ? 'Mettez à jour Jalons sur ce site.' : 'Le site source doit être reconstruit avec une version récente de Jalons.'}`,
    };
  }
  const parsed = readableModelSchema.safeParse(data);
  if (!parsed.success) {
    const shown = parsed.error.issues.slice(0, 3).map((i) => `${pathText(i.path)} : ${i.message}`);
    const more = parsed.error.issues.length - shown.length;
    return { ok: false, raison: `il ne respecte pas le schéma du modèle (jalons.schema.json) : ${shown.join(' ; ')}${more > 0 ? ` ; et ${more} autre(s) écart(s)` : ''}.` };
  }
  const model = parsed.data as Model;
  const wrong = unsafeId(model);
  if (wrong) {
    return {
      ok: false,
      raison: wrong.twice
        ? `l'identifiant « ${wrong.id} » est donné deux fois (${wrong.at}) : deux pages auraient la même adresse.`
        : wrong.reserved
        ? `l'identifiant « ${wrong.id} » (${wrong.at}) est le nom d'une page de tout site Jalons, qu'un site Jalons refuse ; la source n'a pas été construite par Jalons ou l'a été par une version qui ne le vérifiait pas.`
        : `l'identifiant « ${wrong.id.slice(0, 60)} » (${wrong.at}) n'est pas un identifiant Jalons (lettres minuscules, chiffres et tirets) : il ne peut pas nommer une page.`,
    };
  }
  return { ok: true, model };
}

/** Ids name the hub's pages and folders (« /feuille/fiche/ »): a Jalons site writes only these. */
const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The first id of a source that could not name a page, with where it is: not an id's form, or
 * one of the site's own pages (« acteurs », a roadmap's « calendrier ») that it would overwrite.
 */
function unsafeId(model: Model): { id: string; at: string; reserved: boolean; twice: boolean } | null {
  /** One per set of ids that share addresses: roadmaps, the nodes and sheets of one roadmap, actors, terms. */
  const checker = (reserved: readonly string[] = []) => {
    const seen = new Set<string>();
    return (id: string, at: string) => {
      const found = !SAFE_ID.test(id) ? { id, at, reserved: false, twice: false }
        : reserved.includes(id) ? { id, at, reserved: true, twice: false }
        : seen.has(id) ? { id, at, reserved: false, twice: true }
        : null;
      seen.add(id);
      return found;
    };
  };
  const roadmapId = checker(RESERVED_ROADMAP_IDS);
  for (const [i, rm] of model.feuilles_de_route.entries()) {
    const entryId = checker(RESERVED_ENTRY_IDS);
    const found = roadmapId(rm.id, `feuilles_de_route[${i}].id`)
      ?? rm.noeuds.map((n, j) => entryId(n.id, `feuilles_de_route[${i}].noeuds[${j}].id`)).find(Boolean)
      ?? rm.fiches.map((f, j) => entryId(f.id, `feuilles_de_route[${i}].fiches[${j}].id`)).find(Boolean);
    if (found) return found;
  }
  const actorId = checker();
  const termId = checker();
  return model.acteurs.map((a, i) => actorId(a.id, `acteurs[${i}].id`)).find(Boolean)
    ?? model.glossaire.map((g, i) => termId(g.id, `glossaire[${i}].id`)).find(Boolean)
    ?? null;
}

export interface ReadSource {
  spec: SourceSpec;
  model: Model;
}

/**
 * The name shown for a source: its name in JALONS_SOURCES, else its host, else its territories
 * (when read). Never a path of the machine that builds: the pages show it.
 */
export function sourceName(spec: SourceSpec, model?: Model): string {
  if (spec.nom) return spec.nom;
  if (isWebAddress(spec.adresse)) return new URL(spec.adresse).host;
  const names = [...new Set(model?.feuilles_de_route.map((r) => r.territoire.nom) ?? [])];
  return names.length === 0 ? fr.portail.fichierLocal : names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')}…`;
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
/** Compares addresses as an editor may write them: with or without the final slash, any case of host. */
function addressKey(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host.toLowerCase()}${withSlash(u.pathname)}`;
  } catch {
    return null;
  }
}

/** The first of id, id-2, id-3… not in `taken` (a set of ids, or a map by id: never a copy made for each id, which made a hub of a hundred sites quadratic). */
function freeId(id: string, taken: { has(id: string): boolean }): string {
  if (!taken.has(id)) return id;
  let k = 2;
  while (taken.has(`${id}-${k}`)) k++;
  return `${id}-${k}`;
}

/** Replaces, anywhere in `value`, the string under a key named `key` that `renames` maps. */
function renameRefs(value: unknown, key: string, renames: Map<string, string>): void {
  if (renames.size === 0 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) renameRefs(v, key, renames);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(record)) {
    if (k === key && typeof v === 'string' && renames.has(v)) record[k] = renames.get(v);
    else renameRefs(v, key, renames);
  }
}

/**
 * The addresses a source gives are checked like its text is sanitised: another site's data may
 * hold « javascript: », an address that does not parse, or a path of its own site. A link without
 * a safe address is dropped (a list item) or emptied (a single field); a path of the origin site
 * becomes its full address there, or is dropped when that site is not known (a source read from a
 * file): the hub's own pages are not at those paths.
 */
function safeAddresses(value: unknown, site: string | null): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) safeAddresses(v, site);
    return;
  }
  const record = value as Record<string, unknown>;
  const fix = (url: string): string | null => {
    if (!isLinkAddress(url)) return null;
    if (!url.startsWith('/')) return url;
    return site ? new URL(url.slice(1), site).href : null;
  };
  for (const [key, v] of Object.entries(record)) {
    if (key === 'liens' && Array.isArray(v)) {
      record[key] = v.flatMap((l: { titre: string; url: string }) => {
        const url = fix(l.url);
        return url === null ? [] : [{ ...l, url }];
      });
    } else if (key === 'lien' && v !== null && typeof v === 'object') {
      const url = fix((v as { url: string }).url);
      record[key] = url === null ? null : { ...v, url };
    } else if ((key === 'lien' || key === 'url' || key === 'site') && typeof v === 'string') {
      record[key] = fix(v);
    } else safeAddresses(v, site);
  }
}

/**
 * `incoming` joined to the items already known by id: one that `same` says is a known one is
 * dropped; another under a taken id gets a free one. `byId` gains the added items.
 */
function joinById<T extends { id: string }>(incoming: readonly T[], byId: Map<string, T>, same: (a: T, b: T) => boolean): { added: T[]; renames: Map<string, string> } {
  const added: T[] = [];
  const renames = new Map<string, string>();
  for (const item of incoming) {
    const known = byId.get(item.id);
    if (known && same(known, item)) continue;
    const id = freeId(item.id, byId);
    if (id !== item.id) renames.set(item.id, id);
    const copy = { ...item, id };
    byId.set(id, copy);
    added.push(copy);
  }
  return { added, renames };
}

export interface Federation {
  model: Model;
  /** Ids renamed because the hub already had them, in French, for the build's report. */
  notes: string[];
}

/**
 * The site's own model with every source's roadmaps added, read-only. `ownSite` is the hub's
 * public address (JALONS_SITE with its base path), or null when unknown: its roadmaps'
 * addresses are then not recognised in the sources' relations.
 */
export function federate(local: Model, sources: ReadSource[], ownSite: string | null): Federation {
  const notes: string[] = [];
  const roadmaps: ModelRoadmap[] = [...local.feuilles_de_route];
  const acteurs: ModelActor[] = [...local.acteurs];
  const glossaire: ModelGlossaryTerm[] = [...local.glossaire];
  const roadmapIds = new Set(roadmaps.map((r) => r.id));
  const actorsById = new Map(acteurs.map((a) => [a.id, a]));
  const termsById = new Map(glossaire.map((g) => [g.id, g]));
  const pageOf = new Map<string, string>();
  if (ownSite) for (const rm of local.feuilles_de_route) pageOf.set(addressKey(`${withSlash(ownSite)}${rm.id}/`)!, rm.id);

  for (const { spec, model } of sources) {
    const nom = sourceName(spec, model);
    const site = sourceSite(spec.adresse);
    safeAddresses(model, site);
    const rmRenames = new Map<string, string>();
    for (const rm of model.feuilles_de_route) {
      const id = freeId(rm.id, roadmapIds);
      roadmapIds.add(id);
      if (id !== rm.id) {
        rmRenames.set(rm.id, id);
        notes.push(`${nom} : la feuille de route « ${rm.id} » est publiée ici sous « ${id} », l'identifiant étant déjà pris.`);
      }
    }
    // The same organisation is often in several directories under the same id: one page for it.
    const { added: newActors, renames: actorRenames } = joinById(model.acteurs, actorsById, (a, b) => a.nom === b.nom);
    for (const a of newActors) if (a.parent && actorRenames.has(a.parent)) a.parent = actorRenames.get(a.parent)!;
    acteurs.push(...newActors);
    glossaire.push(...joinById(model.glossaire, termsById, (a, b) => a.sigle === b.sigle).added);
    for (const rm of model.feuilles_de_route) {
      // Ids first (every « feuille_de_route » and « acteur » of the source), then the roadmap's own id.
      renameRefs(rm, 'feuille_de_route', rmRenames);
      renameRefs(rm, 'acteur', actorRenames);
      const sourceId = rm.id;
      rm.id = rmRenames.get(sourceId) ?? sourceId;
      // A hub of hubs keeps the first origin: the site that wrote the roadmap.
      const origine: ModelOrigin = rm.origine ?? {
        nom,
        url: site ? `${site}${sourceId}/` : null,
        donnees: isWebAddress(spec.adresse) ? spec.adresse : null,
      };
      rm.origine = origine;
      if (origine.url) pageOf.set(addressKey(origine.url)!, rm.id);
      roadmaps.push(rm);
    }
  }

  linkAcrossSites(roadmaps, pageOf);
  return { model: { ...local, feuilles_de_route: roadmaps, acteurs, glossaire }, notes };
}

/**
 * Relations and contributions written as another site's address point, inside the hub, to the
 * copy it publishes: « declinaison_de: https://national/nationale/ » becomes the hub's « nationale ».
 */
function linkAcrossSites(roadmaps: ModelRoadmap[], pageOf: Map<string, string>): void {
  const byId = new Map(roadmaps.map((r) => [r.id, r]));
  for (const rm of roadmaps) {
    for (const field of ROADMAP_RELATIONS) {
      const link = rm[field];
      const key = link?.url ? addressKey(link.url) : null;
      const target = key ? pageOf.get(key) : undefined;
      if (target && target !== rm.id) rm[field] = roadmapLink(target, byId);
    }
  }
  // Relations are shown both ways: computed again over every roadmap of the hub.
  linkRoadmaps(roadmaps);

  // Each node and sheet of a roadmap whose page address is known, by that address, as « feuille/id ».
  const entries = new Map<string, string>();
  const roadmapOfPage = new Map([...pageOf].map(([page, id]) => [id, page]));
  for (const rm of roadmaps) {
    const page = roadmapOfPage.get(rm.id);
    if (!page) continue;
    for (const e of [...rm.noeuds, ...rm.fiches]) entries.set(`${page}${e.id}/`, `${rm.id}/${e.id}`);
  }
  const declared = new Map<string, string[]>();
  for (const rm of roadmaps) {
    for (const sheet of rm.fiches) {
      const targets = sheet.contribue_a_adresses.flatMap((address) => entries.get(addressKey(address) ?? '') ?? []);
      if (targets.length) declared.set(`${rm.id}/${sheet.id}`, targets);
    }
  }
  linkContributions(roadmaps, declared);
}
