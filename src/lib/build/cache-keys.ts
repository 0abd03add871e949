/**
 * Cache keys for Astro's incremental build (experimental.incrementalBuild): a page of
 * a node or a sheet is copied from the previous build when its key is unchanged, so a
 * key must change whenever anything the page shows changes. A sheet or node page shows:
 * - the entry itself (every field, its body included);
 * - its roadmap without the bodies of the other entries (breadcrumb, neighbours,
 *   children, hierarchy, levels, priorities, the period of the mini-timeline);
 * - the sheets it points to in other roadmaps ("voir aussi");
 * - the roadmaps of the nodes and sheets it contributes to, of the sheets that contribute
 *   to it or to what lies under it (an axis lists those too), and of the nodes it points
 *   to ("voir aussi"): their labels and titles;
 * - what the whole site shares: actors (names, links), glossary (abbreviations), the
 *   build's "today" (the mini-timeline's marker), the calendar horizon (the years of
 *   open-ended work in the search filters), the forge links, on a hub the name of its own
 *   roadmaps in the search's « Source » filter (a source's roadmap has its origin in its digest);
 * - the file's last change in git (and its last data change, in the entry's freshness).
 * Site URL, base path and the templates are Astro's own part of the key (config and
 * module-graph hashes). Bump VERSION when a page starts showing something new.
 */
import { createHash } from 'node:crypto';
import type { Model, ModelNode, ModelRoadmap, ModelSheet } from '../model/types.ts';
import { gatheredContributions } from '../site/relations-view.ts';
import { SOURCES_STATE_ENV } from './sources.ts';

const VERSION = 6;

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url');

export interface SharedInputs {
  today: string;
  horizon: number;
  forge: unknown;
  /** content/synonymes.yaml: a page's search metadata changes with it. */
  synonymes: unknown;
  /** On a hub, its own roadmaps' name in the search (SearchContext.hub). */
  hub?: string | null;
}

export function pageCacheKeys(model: Model, shared: SharedInputs, lastChange: (fichier: string) => unknown) {
  const site = digest({ VERSION, shared, acteurs: model.acteurs, glossaire: model.glossaire });
  const roadmaps = new Map<string, string>();
  const roadmapDigest = (rm: ModelRoadmap) => {
    let d = roadmaps.get(rm.id);
    if (d === undefined) {
      const { corps: _presentation, fiches, noeuds, ...rest } = rm;
      d = digest({
        ...rest,
        // A sheet's freshness shows on its own page only: an edit of one sheet's text (which moves
        // its last data change) must not rebuild every page of its roadmap.
        fiches: fiches.map(({ corps: _body, derniere_modification: _changed, fraicheur: _fresh, ...f }) => f),
        noeuds: noeuds.map(({ corps: _intro, ...n }) => n),
      });
      roadmaps.set(rm.id, d);
    }
    return d;
  };
  const sheetsById = new Map(model.feuilles_de_route.flatMap((r) => r.fiches.map((f) => [`${r.id}/${f.id}`, { rm: r, f }] as const)));
  return (rm: ModelRoadmap, entry: ModelNode | ModelSheet): string => {
    const seeAlso = 'voir_aussi' in entry
      ? entry.voir_aussi.map((v) => {
        const target = sheetsById.get(`${v.feuille_de_route}/${v.id}`);
        return target ? [target.rm.id, target.rm.titre_court ?? target.rm.titre, target.f.code, target.f.titre] : null;
      })
      : [];
    const linked = [...new Set([
      // An axis lists the actions contributing to what lies under it too (src/lib/site/relations-view.ts).
      ...gatheredContributions(entry, rm).map((c) => c.ref.feuille_de_route),
      ...('contribue_a' in entry ? [...entry.contribue_a, ...entry.voir_aussi].map((c) => c.feuille_de_route) : []),
    ])].filter((id) => id !== rm.id).sort().map((id) => {
      const other = model.feuilles_de_route.find((r) => r.id === id);
      return other ? roadmapDigest(other) : null;
    });
    return digest([site, roadmapDigest(rm), entry, seeAlso, linked, lastChange(entry.fichier)]);
  };
}

/**
 * Variables that are not output settings: where this build writes, how much it says, and
 * today (in every page's key already: a folder per day would throw the cache away daily).
 * The hub's sources file is named after each build's process: in the key, it gave every
 * build of a hub a new, empty cache folder.
 */
const NOT_SETTINGS = new Set(['JALONS_OUT_DIR', 'JALONS_CONSTRUCTION', 'JALONS_CONSTRUCTION_RESUME', 'JALONS_LOG', 'JALONS_AUJOURDHUI', SOURCES_STATE_ENV]);

/**
 * The name of the incremental-build cache folder of a content folder (absolute) and output
 * settings: builds of other content or with another base path (the tests run several at once) never share one.
 */
export function cacheFolderKey(contentDir: string, env: NodeJS.ProcessEnv): string {
  const settings = Object.entries(env)
    .filter(([k]) => k.startsWith('JALONS_') && !NOT_SETTINGS.has(k))
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify([contentDir, settings])).digest('hex').slice(0, 16);
}
