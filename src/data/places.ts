/**
 * Names of the régions and départements by INSEE code, from @etalab/decoupage-administratif
 * (the same source as the map, scripts/carte.ts): read at build time, for the search's
 * Région and Département filters (src/lib/site/search-meta.ts).
 */
import departements from '@etalab/decoupage-administratif/data/departements.json';
import regions from '@etalab/decoupage-administratif/data/regions.json';
import type { Places } from '../lib/site/search-meta.ts';

export const places: Places = {
  departements: Object.fromEntries(departements.map((d) => [d.code, { nom: d.nom, region: d.region }])),
  regions: Object.fromEntries(regions.map((r) => [r.code, { nom: r.nom }])),
};
