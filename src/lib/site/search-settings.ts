/**
 * Search settings, from the environment at build time. JALONS_RECHERCHE_SITES merges other
 * Jalons sites' Pagefind indexes into this site's search, each labelled by its name:
 *   JALONS_RECHERCHE_SITES="Mayenne=https://mayenne.example.org/pagefind/;Aisne=https://…/pagefind/"
 * JALONS_RECHERCHE_NOM names this site's own results when others are merged in.
 * See docs/recherche.md.
 */

/**
 * Pagefind's ranking, tuned on the search-quality suite (tests/e2e/search-queries.ts).
 * - termSimilarity 6 (default 1): a word found as itself outranks longer words that merely
 *   start with it, so "ENT" finds the ENT sheets before the many "entreprises".
 * - metaWeights: a match in the title counts five times (Pagefind's default); in the pilots
 *   and carriers three times, so "Francas" finds the sheet the Francas lead, although the
 *   French stemmer reads "Francas" and "France" alike; in the other named actors one and a
 *   half times. `pilote` repeats the pilots for display: not counted twice. `territoire` is
 *   given to roadmap pages only (search-meta.ts) and counts ten times: « Mayenne » finds the
 *   Mayenne roadmap before the many sheets that name the département in their text.
 *   `synonymes` (the terms of content/synonymes.yaml that name a page's subject) counts once:
 *   more, and « France services » in that metadata outweighs « Francas » as its pilot (the
 *   stemmer reads both alike). `lieux` (the roadmap's territory, région and département on
 *   each of its sheets) counts half: it finds a subject in a place without outweighing the text.
 */
export const RANKING = {
  termSimilarity: 6,
  metaWeights: { title: 5, territoire: 10, responsables: 3, partenaires: 1.5, synonymes: 1, lieux: 0.5, pilote: 0 },
} as const;

export interface SearchSettings {
  /** This site's own index. */
  bundle: string;
  /** Name shown on this site's results when others are merged in. */
  name: string;
  others: Array<{ name: string; bundle: string }>;
  ranking: typeof RANKING;
}

export function parseMergedSites(value: string | undefined): SearchSettings['others'] {
  if (!value) return [];
  return value
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf('=');
      if (at < 1) throw new Error(`JALONS_RECHERCHE_SITES : « ${entry} » doit s'écrire « Nom=https://site/pagefind/ ».`);
      const raw = entry.slice(at + 1).trim();
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new Error(`JALONS_RECHERCHE_SITES : « ${raw} » n'est pas une adresse complète (https://site/pagefind/).`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new Error(`JALONS_RECHERCHE_SITES : « ${raw} » doit commencer par https:// (ou http:// pour un essai local).`);
      }
      return { name: entry.slice(0, at).trim(), bundle: raw.endsWith('/') ? raw : `${raw}/` };
    });
}

import { fr } from '../i18n/fr.ts';

export function searchSettings(base: string, env: NodeJS.ProcessEnv = process.env): SearchSettings {
  const b = base.endsWith('/') ? base : `${base}/`;
  return {
    bundle: `${b}pagefind/`,
    name: env.JALONS_RECHERCHE_NOM?.trim() || fr.portail.ceSite,
    others: parseMergedSites(env.JALONS_RECHERCHE_SITES),
    ranking: RANKING,
  };
}

/**
 * Origins of the other sites whose indexes are merged, for the page's Content Security
 * Policy: the browser fetches their index (connect-src) and imports nothing else from them.
 * Pagefind loads a merged index's files with fetch, and its WebAssembly from this site.
 */
export function mergedOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...new Set(parseMergedSites(env.JALONS_RECHERCHE_SITES).map((o) => new URL(o.bundle).origin))];
}
