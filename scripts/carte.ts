/**
 * npm run carte [-- dossier-des-contours] : regenerates src/data/carte-france.json, the
 * simplified and pre-projected map of France (départements, régions, overseas insets)
 * that the home page draws at build time. The build never reads the full boundaries
 * (several MB, kept outside the repository in ../shared/geo/ by default), only this copy.
 *
 * Steps: project every département (Lambert-like conic for the mainland, Mercator for
 * each overseas département in its own inset box), build a planar topology so that
 * neighbours share their borders, simplify by visible area in the final drawing units
 * (so a small island keeps its shape at the scale it is drawn), derive the régions by
 * merging their départements (borders then match exactly), and write each shape as a
 * compact SVG path with whole-unit relative moves.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { geoConicConformal, geoMercator, type GeoProjection } from 'd3-geo';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { feature, merge } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';

const sourceDir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'geo'));
const out = join(import.meta.dirname, '..', 'src', 'data', 'carte-france.json');
const etalab = join(import.meta.dirname, '..', 'node_modules', '@etalab', 'decoupage-administratif', 'data');

/** Drawing units: the viewBox is WIDTH wide; the mainland takes the top, the insets a row below. */
const WIDTH = 600;
const MARGIN = 4;
const INSET_HEIGHT = 96;
const INSET_GAP = 8;
/** Smallest triangle kept by the simplification, in square drawing units. */
const MIN_AREA = 1.6;
const ATTRIBUTION = 'Contours : IGN ADMIN EXPRESS (2018), Licence Ouverte';

interface EtalabDepartement { code: string; region: string; nom: string; zone: string }
interface EtalabRegion { code: string; nom: string }

const departements = JSON.parse(readFileSync(join(etalab, 'departements.json'), 'utf8')) as EtalabDepartement[];
const regions = JSON.parse(readFileSync(join(etalab, 'regions.json'), 'utf8')) as EtalabRegion[];
const source = JSON.parse(readFileSync(join(sourceDir, 'departements-avec-outre-mer.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { code: string; nom: string }>;

const byCode = new Map(departements.map((d) => [d.code, d]));
const overseas = ['971', '972', '973', '974', '976'];

function rings(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Projects with the projection's own scale, then fits the planar bounds into the box: no spherical winding involved. */
function fit(features: Feature<Polygon | MultiPolygon>[], projection: GeoProjection, box: [number, number, number, number]): Feature<MultiPolygon>[] {
  const raw = features.map((f) => rings(f.geometry).map((poly) => poly.map((ring) => ring.map((p) => projection(p as [number, number])!))));
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polys of raw) for (const poly of polys) for (const ring of poly) for (const [x, y] of ring) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  const [bx, by, bw, bh] = box;
  const k = Math.min(bw / (x1 - x0), bh / (y1 - y0));
  const dx = bx + (bw - k * (x1 - x0)) / 2 - k * x0;
  const dy = by + (bh - k * (y1 - y0)) / 2 - k * y0;
  return features.map((f, i) => ({
    type: 'Feature',
    properties: f.properties,
    geometry: { type: 'MultiPolygon', coordinates: raw[i]!.map((poly) => poly.map((ring) => ring.map(([x, y]) => [k * x! + dx, k * y! + dy]))) },
  }));
}

const mainland = source.features.filter((f) => !overseas.includes(f.properties.code));
const mainlandProjection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]).scale(1).translate([0, 0]);
// The mainland box height follows from its shape: fit to the width first, then read the height used.
const wide = fit(mainland, mainlandProjection, [MARGIN, MARGIN, WIDTH - 2 * MARGIN, 100_000]);
let [minY, maxY] = [Infinity, -Infinity];
for (const f of wide) for (const poly of f.geometry.coordinates) for (const ring of poly) for (const [, y] of ring) {
  minY = Math.min(minY, y!); maxY = Math.max(maxY, y!);
}
const probe = fit(mainland, mainlandProjection, [MARGIN, MARGIN, WIDTH - 2 * MARGIN, maxY - minY]);
const mainlandHeight = Math.ceil(MARGIN + maxY - minY);
const insetTop = mainlandHeight + INSET_GAP;
const insetWidth = (WIDTH - 2 * MARGIN - (overseas.length - 1) * INSET_GAP) / overseas.length;
const height = insetTop + INSET_HEIGHT + MARGIN;

const insets = overseas.map((code, i) => ({
  code,
  x: Math.round(MARGIN + i * (insetWidth + INSET_GAP)),
  y: insetTop,
  largeur: Math.round(insetWidth),
  hauteur: INSET_HEIGHT,
}));
const projected = [
  ...probe,
  ...insets.flatMap((inset) => {
    const f = source.features.filter((s) => s.properties.code === inset.code);
    const centre = f[0]!.geometry.type === 'Polygon' ? f[0]!.geometry.coordinates[0]![0]! : f[0]!.geometry.coordinates[0]![0]![0]!;
    const pad = 6;
    return fit(f, geoMercator().center(centre as [number, number]).scale(1).translate([0, 0]), [inset.x + pad, inset.y + pad, inset.largeur - 2 * pad, inset.hauteur - 2 * pad]);
  }),
];

const topo = topology({ departements: { type: 'FeatureCollection', features: projected } as FeatureCollection }) as unknown as Topology<{ departements: GeometryCollection<{ code: string }> }>;
const simplified = simplify(presimplify(topo), MIN_AREA);

/** Whole units, relative moves, repeated points dropped: about half the size of d3's absolute path with decimals. */
function pathData(geometry: Polygon | MultiPolygon): string {
  let d = '';
  for (const poly of rings(geometry)) {
    for (const ring of poly) {
      const pts: [number, number][] = [];
      for (const [x, y] of ring) {
        const p: [number, number] = [Math.round(x!), Math.round(y!)];
        const last = pts[pts.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
      }
      if (pts.length > 1 && pts[0]![0] === pts[pts.length - 1]![0] && pts[0]![1] === pts[pts.length - 1]![1]) pts.pop();
      if (pts.length < 3) continue;
      let [px, py] = pts[0]!;
      d += `M${px} ${py}l`;
      let sep = '';
      for (const [x, y] of pts.slice(1)) {
        for (const n of [x - px, y - py]) {
          // A minus sign already separates two numbers in SVG path data.
          d += `${n < 0 ? '' : sep}${n}`;
          sep = ' ';
        }
        [px, py] = [x, y];
      }
      d += 'z';
    }
  }
  return d;
}

const depFeatures = (feature(simplified, simplified.objects.departements) as FeatureCollection<Polygon | MultiPolygon, { code: string }>).features;
const outDepartements: Record<string, { nom: string; region: string; d: string }> = {};
for (const f of depFeatures.sort((a, b) => a.properties.code.localeCompare(b.properties.code))) {
  const info = byCode.get(f.properties.code);
  if (!info) throw new Error(`Département ${f.properties.code} absent de @etalab/decoupage-administratif : vérifiez les contours.`);
  outDepartements[info.code] = { nom: info.nom, region: info.region, d: pathData(f.geometry) };
}
const outRegions: Record<string, { nom: string; d: string }> = {};
for (const region of regions) {
  const members = simplified.objects.departements.geometries.filter((g) => byCode.get((g.properties as { code: string }).code)?.region === region.code);
  if (members.length === 0) continue;
  outRegions[region.code] = { nom: region.nom, d: pathData(merge(simplified, members as never) as MultiPolygon) };
}
const missing = departements.filter((d) => !outDepartements[d.code]).map((d) => d.code);

const data = {
  attribution: ATTRIBUTION,
  largeur: WIDTH,
  hauteur: height,
  encarts: insets,
  departements: outDepartements,
  regions: outRegions,
};
const json = JSON.stringify(data);
writeFileSync(out, json + '\n');
console.log(`${out} : ${Object.keys(outDepartements).length} départements, ${Object.keys(outRegions).length} régions, ${(json.length / 1024).toFixed(1)} Ko${missing.length ? ` (sans contour : ${missing.join(', ')})` : ''}.`);
