/**
 * Search settings, from the environment at build time. JALONS_RECHERCHE_SITES merges other
 * Jalons sites' Pagefind indexes into this site's search, each labelled by its name:
 *   JALONS_RECHERCHE_SITES="Mayenne=https://mayenne.example.org/pagefind/;Aisne=https://…/pagefind/"
 */
export interface SearchSettings {
  /** This site's own index. */
  bundle: string;
  /** Name shown on this site's results when others are merged in. */
  name: string;
  others: Array<{ name: string; bundle: string }>;
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
      const bundle = entry.slice(at + 1).trim();
      return { name: entry.slice(0, at).trim(), bundle: bundle.endsWith('/') ? bundle : `${bundle}/` };
    });
}

export function searchSettings(base: string): SearchSettings {
  const b = base.endsWith('/') ? base : `${base}/`;
  return {
    bundle: `${b}pagefind/`,
    name: process.env.JALONS_RECHERCHE_NOM ?? 'Ce site',
    others: parseMergedSites(process.env.JALONS_RECHERCHE_SITES),
  };
}
