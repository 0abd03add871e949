/**
 * A small line chart of an indicator's targets and measured values over time,
 * laid out at build time (the page draws it as SVG, with no script), and the table
 * that carries the same values as content.
 */
import { fr } from '../i18n/fr.ts';
import type { ModelIndicator, ModelIndicatorPoint } from '../model/types.ts';

export interface ChartPoint { x: number; y: number; label: string; value: number; date: string }
export interface IndicatorChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  xTicks: Array<{ x: number; label: string }>;
  yTicks: Array<{ y: number; label: string }>;
  cibles: ChartPoint[];
  mesures: ChartPoint[];
  /** Text alternative for screen readers. */
  description: string;
}

const WIDTH = 360;
const HEIGHT = 180;
const PLOT = { left: 44, right: WIDTH - 12, top: 12, bottom: HEIGHT - 28 };

function time(p: ModelIndicatorPoint): number | null {
  if (!p.debut || !p.fin) return null;
  // The middle of the period the value refers to ("2019" → mid-2019).
  return (Date.parse(`${p.debut}T00:00:00Z`) + Date.parse(`${p.fin}T00:00:00Z`)) / 2;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value)!;
  return step * magnitude;
}

const fmt = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export function indicatorChart(ind: ModelIndicator): IndicatorChart | null {
  const series = {
    cibles: [...(ind.reference ? [ind.reference] : []), ...ind.cibles],
    mesures: ind.mesures,
  };
  const all = [...series.cibles, ...series.mesures].filter((p) => p.valeur !== null && time(p) !== null);
  if (all.length < 2) return null;
  const times = all.map((p) => time(p)!);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const vMin = Math.min(0, ...all.map((p) => p.valeur!));
  const vMax = niceMax(Math.max(...all.map((p) => p.valeur!)));
  const x = (t: number) => (t1 === t0 ? (PLOT.left + PLOT.right) / 2 : PLOT.left + ((t - t0) / (t1 - t0)) * (PLOT.right - PLOT.left));
  const y = (v: number) => PLOT.bottom - ((v - vMin) / (vMax - vMin)) * (PLOT.bottom - PLOT.top);
  const round = (n: number) => Math.round(n * 10) / 10;
  const unit = ind.unite ? `\u00a0${ind.unite}` : '';
  const toPoints = (list: ModelIndicatorPoint[]) =>
    list
      .filter((p) => p.valeur !== null && time(p) !== null)
      .map((p) => ({ x: round(x(time(p)!)), y: round(y(p.valeur!)), value: p.valeur!, date: p.date, label: `${p.date} : ${fmt.format(p.valeur!)}${unit}` }));
  const cibles = toPoints(series.cibles);
  const mesures = toPoints(series.mesures);
  const dates = [...new Map(all.map((p) => [p.date, time(p)!])).entries()].sort((a, b) => a[1] - b[1]);
  const yTicks = [0, 0.5, 1].map((f) => vMin + f * (vMax - vMin)).map((v) => ({ y: round(y(v)), label: `${fmt.format(v)}${ind.unite === '%' ? '\u00a0%' : ''}` }));
  const describe = (name: string, pts: ChartPoint[]) => (pts.length ? `${name} : ${pts.map((p) => p.label).join(', ')}.` : '');
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    xTicks: dates.map(([label, t]) => ({ x: round(x(t)), label })),
    yTicks,
    cibles,
    mesures,
    description: [`${ind.libelle}.`, describe('Valeurs visées', cibles), describe('Valeurs mesurées', mesures)].filter(Boolean).join(' '),
  };
}

export interface IndicatorTable {
  /** Column headings: every date a value is given for, in time order. */
  dates: string[];
  /** Indicators with values: a table row each, and a chart when two values can be placed. */
  rows: Array<{ libelle: string; unite: string | null; cells: string[]; chart: IndicatorChart | null; id: string }>;
  /** Indicators named without any value: listed. */
  plain: string[];
}

/** The indicators of a sheet or a roadmap as a table of values by date (a measure says so), their charts, and the bare labels. */
export function indicatorTable(indicators: readonly ModelIndicator[], idPrefix: string): IndicatorTable {
  const numeric = indicators.map((ind, i) => ({ ind, id: `${idPrefix}${i + 1}` })).filter(({ ind }) => ind.cibles.length || ind.mesures.length || ind.reference);
  const points = numeric.flatMap(({ ind }) => [ind.reference, ...ind.cibles, ...ind.mesures].filter((p) => p !== null));
  // Columns in time order (a measure of « octobre 2024 » from the progress log comes before « 2025 »), then as written.
  const startOf = new Map(points.map((p) => [p.date, p.debut ?? p.date]));
  const dates = [...new Set(points.map((p) => p.date))].sort((a, b) => startOf.get(a)!.localeCompare(startOf.get(b)!) || a.localeCompare(b));
  return {
    dates,
    rows: numeric.map(({ ind, id }) => ({
      libelle: ind.libelle,
      unite: ind.unite,
      id,
      chart: indicatorChart(ind),
      cells: dates.map((d) => {
        const m = ind.mesures.find((p) => p.date === d);
        const c = [ind.reference, ...ind.cibles].find((p) => p?.date === d);
        return m ? `${m.texte} (${fr.fiche.mesure.toLowerCase()})` : c ? c.texte : '—';
      }),
    })),
    plain: indicators.filter((ind) => !numeric.some((n) => n.ind === ind)).map((ind) => ind.libelle),
  };
}
