/**
 * The home page's map of France: which territories have roadmaps, where each map link
 * goes, and which shapes are drawn muted. The geometry is the pre-projected copy made by
 * `npm run carte` (src/data/carte-france.json); it is passed in, so this stays pure.
 */
import type { ModelRoadmap } from '../model/types.ts';
import type { Urls } from './urls.ts';

export interface MapInset { code: string; x: number; y: number; largeur: number; hauteur: number }
export interface MapGeometry {
  attribution: string;
  largeur: number;
  hauteur: number;
  encarts: MapInset[];
  departements: Record<string, { nom: string; region: string; d: string }>;
  regions: Record<string, { nom: string; d: string }>;
}

export type MapLevel = 'region' | 'departement';
export const MAP_LEVELS: readonly MapLevel[] = ['region', 'departement'];

export interface MapRoadmapLink { id: string; titre: string; href: string }
export interface MapTerritory {
  niveau: MapLevel;
  code: string;
  nom: string;
  /** Where the map link and the list link go: the roadmap, or the list entry when several share the territory. */
  href: string;
  /** id of the territory's entry in the text list. */
  ancre: string;
  feuilles: MapRoadmapLink[];
  d: string;
  /** Where its name is written on the map, in drawing units. */
  etiquette: { x: number; y: number };
}
export interface MapLayer {
  niveau: MapLevel;
  liens: MapTerritory[];
  /** Every territory without a roadmap, as one path: drawn, never announced one by one. */
  muets: string;
  /** Région borders drawn over the départements, for orientation. */
  contours: string;
}
export interface TerritoryMapView {
  viewBox: string;
  largeur: number;
  hauteur: number;
  encarts: MapInset[];
  couches: MapLayer[];
  /** The text alternative: every linked territory, régions first, then by name. */
  liste: MapTerritory[];
  attribution: string;
}

/** Bounding box of path data written by scripts/carte.ts (absolute M, relative l, z). */
export function pathBounds(d: string): { x0: number; y0: number; x1: number; y1: number } {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const sub of d.split('M').filter(Boolean)) {
    const [start, rest = ''] = sub.replace(/z/g, '').split('l');
    const [sx, sy] = start!.trim().split(/\s+/).map(Number);
    let x = sx!; let y = sy!;
    const steps = rest.match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
    const visit = () => { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); };
    visit();
    for (let i = 0; i + 1 < steps.length; i += 2) {
      x += steps[i]!; y += steps[i + 1]!;
      visit();
    }
  }
  return { x0, y0, x1, y1 };
}

/** The roadmaps of each région and département code the geometry knows; other levels and unknown codes are not on the map. */
export function roadmapsByTerritory(roadmaps: readonly ModelRoadmap[], geometry: MapGeometry): Map<string, ModelRoadmap[]> {
  const out = new Map<string, ModelRoadmap[]>();
  for (const rm of roadmaps) {
    const { niveau, code_insee: code } = rm.territoire;
    if (!code || (niveau !== 'region' && niveau !== 'departement')) continue;
    const known = niveau === 'region' ? geometry.regions[code] : geometry.departements[code];
    if (!known) continue;
    const key = `${niveau}-${code}`;
    out.set(key, [...(out.get(key) ?? []), rm]);
  }
  return out;
}

export function territoryMap(roadmaps: readonly ModelRoadmap[], geometry: MapGeometry, urls: Urls): TerritoryMapView {
  const byTerritory = roadmapsByTerritory(roadmaps, geometry);
  const regionOutlines = Object.values(geometry.regions).map((r) => r.d).join('');
  const couches = MAP_LEVELS.map((niveau): MapLayer => {
    const shapes = niveau === 'region' ? geometry.regions : geometry.departements;
    const liens: MapTerritory[] = [];
    const muets: string[] = [];
    for (const [code, shape] of Object.entries(shapes)) {
      const found = byTerritory.get(`${niveau}-${code}`);
      if (!found) {
        muets.push(shape.d);
        continue;
      }
      const ancre = `territoire-${niveau}-${code}`;
      const feuilles = found.map((rm) => ({ id: rm.id, titre: rm.titre_court ?? rm.titre, href: urls.roadmap(rm.id) }));
      const b = pathBounds(shape.d);
      liens.push({
        niveau,
        code,
        nom: shape.nom,
        href: feuilles.length === 1 ? feuilles[0]!.href : `#${ancre}`,
        ancre,
        feuilles,
        d: shape.d,
        etiquette: { x: Math.round((b.x0 + b.x1) / 2), y: Math.round((b.y0 + b.y1) / 2) },
      });
    }
    // By name, as in the text list, so that the Tab order on the map follows the list.
    liens.sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
    return { niveau, liens, muets: muets.join(''), contours: niveau === 'departement' ? regionOutlines : '' };
  });
  const liste = couches.flatMap((c) => c.liens);
  return {
    viewBox: `0 0 ${geometry.largeur} ${geometry.hauteur}`,
    largeur: geometry.largeur,
    hauteur: geometry.hauteur,
    encarts: geometry.encarts,
    couches,
    liste,
    attribution: geometry.attribution,
  };
}

export interface TerritoryLocator {
  viewBox: string;
  /** The neighbours drawn for context: the other départements of its région, or the other régions. */
  contexte: string;
  territoire: string;
  /** Accessible description of the picture (« Mayenne, dans la région Pays de la Loire »). */
  region: string | null;
}

/**
 * A roadmap page's small map: a département within its région, a région within mainland
 * France; null when the map does not know the territory.
 */
export function territoryLocator(roadmap: ModelRoadmap, geometry: MapGeometry): TerritoryLocator | null {
  const { niveau, code_insee: code } = roadmap.territoire;
  if (!code) return null;
  const box = (d: string) => {
    const b = pathBounds(d);
    const pad = Math.max(2, Math.round(Math.max(b.x1 - b.x0, b.y1 - b.y0) * 0.04));
    return `${b.x0 - pad} ${b.y0 - pad} ${b.x1 - b.x0 + 2 * pad} ${b.y1 - b.y0 + 2 * pad}`;
  };
  if (niveau === 'departement') {
    const dep = geometry.departements[code];
    const region = dep ? geometry.regions[dep.region] : undefined;
    if (!dep || !region) return null;
    const neighbours = Object.entries(geometry.departements).filter(([c, d]) => c !== code && d.region === dep.region).map(([, d]) => d.d);
    return { viewBox: box(region.d), contexte: neighbours.join(''), territoire: dep.d, region: region.nom };
  }
  if (niveau === 'region') {
    const region = geometry.regions[code];
    if (!region) return null;
    const top = Math.min(...geometry.encarts.map((e) => e.y));
    return {
      viewBox: `0 0 ${geometry.largeur} ${top}`,
      contexte: Object.entries(geometry.regions).filter(([c, r]) => c !== code && pathBounds(r.d).y0 < top).map(([, r]) => r.d).join(''),
      territoire: region.d,
      region: null,
    };
  }
  return null;
}
