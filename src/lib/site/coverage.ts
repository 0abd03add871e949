/**
 * The coverage page of a roadmap that others decline (/<feuille>/declinaisons/): how many
 * local actions contribute to each of its top-level axes or engagements, territory by
 * territory, and the indicators that the national and local roadmaps name alike.
 */
import type { ModelIndicator, ModelIndicatorPoint, ModelNode, ModelRoadmap, ModelSheet } from '../model/types.ts';
import { foldForMatch } from '../values/text.ts';
import { entryLabel } from './relations-view.ts';
import type { Urls } from './urls.ts';

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });
const byTerritory = (a: ModelRoadmap, b: ModelRoadmap) => collator.compare(a.territoire.nom, b.territoire.nom) || collator.compare(a.titre_court ?? a.titre, b.titre_court ?? b.titre);

/**
 * The roadmaps that decline `rm` (« declinaison_de », read both ways) or whose sheets
 * contribute to it, in the order of their territories' names.
 */
export function decliningRoadmaps(rm: ModelRoadmap, roadmaps: ReadonlyMap<string, ModelRoadmap>): ModelRoadmap[] {
  const ids = new Set(rm.relations.filter((r) => r.relation === 'declinee_par' && r.feuille_de_route).map((r) => r.feuille_de_route!));
  for (const entry of [...rm.noeuds, ...rm.fiches]) for (const c of entry.contributions) ids.add(c.feuille_de_route);
  ids.delete(rm.id);
  return [...ids].flatMap((id) => roadmaps.get(id) ?? []).sort(byTerritory);
}

/** The entry itself and everything under it in its roadmap. */
function within(rm: ModelRoadmap, id: string): Array<ModelNode | ModelSheet> {
  return [...rm.noeuds, ...rm.fiches].filter((e) => e.id === id || e.parents.some((p) => p.id === id));
}

/** Distinct sheets of `from` contributing to `id` or to anything under it. */
function contributingSheets(rm: ModelRoadmap, id: string, from: string): Set<string> {
  return new Set(within(rm, id).flatMap((e) => e.contributions.filter((c) => c.feuille_de_route === from).map((c) => c.id)));
}

export interface CoverageRow {
  feuille: string;
  href: string;
  territoire: string;
  /** One per column: the number of contributing sheets, and where they are listed. */
  cells: Array<{ count: number; href: string }>;
  total: number;
}

export interface Coverage {
  /** The roadmap's top-level axes (nodes) and sheets, in reading order. */
  columns: Array<{ id: string; libelle: string; href: string }>;
  rows: CoverageRow[];
  /** The largest cell: what the heat map's darkest shade stands for. */
  max: number;
}

/** The coverage table: declining roadmaps × top-level entries of `rm`. */
export function coverageTable(rm: ModelRoadmap, roadmaps: ReadonlyMap<string, ModelRoadmap>, urls: Urls): Coverage {
  const top = [
    ...rm.noeuds.map((e) => ({ id: e.id, ordre: e.ordre, parent: e.parent, type: 'noeud' as const })),
    ...rm.fiches.map((e) => ({ id: e.id, ordre: e.ordre, parent: e.parent, type: 'fiche' as const })),
  ].filter((e) => e.parent === null).sort((a, b) => a.ordre - b.ordre);
  const columns = top.map((e) => ({ id: e.id, libelle: entryLabel(rm, e), href: `${urls.entry(rm.id, e.id)}#contributions` }));
  const rows = decliningRoadmaps(rm, roadmaps).map((o) => {
    const cells = columns.map((c) => ({ count: contributingSheets(rm, c.id, o.id).size, href: c.href }));
    const all = new Set(columns.flatMap((c) => [...contributingSheets(rm, c.id, o.id)]));
    return { feuille: o.titre_court ?? o.titre, href: urls.roadmap(o.id), territoire: o.territoire.nom, cells, total: all.size };
  });
  return { columns, rows, max: Math.max(0, ...rows.flatMap((r) => r.cells.map((c) => c.count))) };
}

/** Heat map cells as the page draws them (decoration: the table carries the numbers). */
export function heatMap(coverage: Coverage, cell = 28, gap = 2): { width: number; height: number; cells: Array<{ x: number; y: number; size: number; opacity: number; count: number }> } {
  const step = cell + gap;
  return {
    width: Math.max(1, coverage.columns.length * step - gap),
    height: Math.max(1, coverage.rows.length * step - gap),
    cells: coverage.rows.flatMap((r, i) => r.cells.map((c, j) => ({
      x: j * step,
      y: i * step,
      size: cell,
      // An empty cell stays faintly visible so the grid reads as a grid.
      opacity: coverage.max === 0 ? 0.08 : Math.round((0.08 + 0.92 * (c.count / coverage.max)) * 100) / 100,
      count: c.count,
    }))),
  };
}

/** « 62 % (2023) »: a value with its unit and date. */
function pointText(p: ModelIndicatorPoint, unit: string | null): string {
  const withUnit = unit && !p.texte.includes(unit) ? `${p.texte}\u00a0${unit}` : p.texte;
  return `${withUnit} (${p.date})`;
}

const startOf = (p: ModelIndicatorPoint) => p.fin ?? p.debut ?? p.date;
const latest = (points: readonly ModelIndicatorPoint[]) => [...points].sort((a, b) => startOf(a).localeCompare(startOf(b))).at(-1) ?? null;

function indicatorsOf(rm: ModelRoadmap): ModelIndicator[] {
  return [...rm.indicateurs, ...rm.fiches.flatMap((f) => f.indicateurs)];
}

export interface IndicatorComparison {
  libelle: string;
  rows: Array<{ feuille: string; href: string; territoire: string; mesure: string | null; cible: string | null; part: number | null }>;
}

/**
 * Indicators of `rm` (its own or its sheets') that at least one declining roadmap names the
 * same way, accents, case and spacing aside: one table each, `rm` first, then every declining
 * roadmap (null where it does not follow the indicator or gives no value).
 */
export function indicatorComparisons(rm: ModelRoadmap, roadmaps: ReadonlyMap<string, ModelRoadmap>, urls: Urls): IndicatorComparison[] {
  const others = decliningRoadmaps(rm, roadmaps);
  const find = (o: ModelRoadmap, key: string) => indicatorsOf(o).find((i) => foldForMatch(i.libelle) === key) ?? null;
  const seen = new Set<string>();
  const result: IndicatorComparison[] = [];
  for (const ind of indicatorsOf(rm)) {
    const key = foldForMatch(ind.libelle);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!others.some((o) => find(o, key))) continue;
    const row = (o: ModelRoadmap) => {
      const found = find(o, key);
      const m = found ? latest(found.mesures) : null;
      const c = found ? latest(found.cibles) : null;
      // Territories differ in size: what compares them is how far each is towards its own target.
      const part = m?.valeur != null && c?.valeur ? Math.round((m.valeur / c.valeur) * 100) : null;
      return { feuille: o.titre_court ?? o.titre, href: urls.roadmap(o.id), territoire: o.territoire.nom, mesure: m && pointText(m, found!.unite), cible: c && pointText(c, found!.unite), part };
    };
    result.push({ libelle: ind.libelle, rows: [rm, ...others].map(row) });
  }
  return result;
}

/**
 * Bars of each territory's share of its target, each over a track as long as the whole target
 * (decoration: the table gives the figures); null under two bars.
 */
export function targetShareBars(comparison: IndicatorComparison, width = 240, bar = 14, gap = 6): { width: number; height: number; track: number; bars: Array<{ y: number; width: number; height: number }> } | null {
  const shares = comparison.rows.map((r) => r.part);
  if (shares.filter((p) => p !== null).length < 2) return null;
  const top = Math.max(100, ...shares.map((p) => p ?? 0));
  return {
    width,
    height: shares.length * (bar + gap) - gap,
    track: Math.round((100 / top) * width),
    bars: shares.map((p, i) => ({ y: i * (bar + gap), width: Math.round(((p ?? 0) / top) * width), height: bar })),
  };
}
