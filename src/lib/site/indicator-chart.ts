/**
 * A small line chart of an indicator's targets and measured values over time,
 * laid out at build time (the page draws it as SVG, with no script), and the table
 * that carries the same values as content: the chart only illustrates it.
 */
import { fr } from '../i18n/fr.ts';
import type { ModelIndicator, ModelIndicatorPoint } from '../model/types.ts';

export interface ChartPoint { x: number; y: number; label: string; value: number; date: string }
export interface IndicatorChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** Date labels under the plot, centred on `x`, thinned or shortened so that none overlaps another. */
  xTicks: AxisLabel[];
  yTicks: Array<{ y: number; label: string }>;
  cibles: ChartPoint[];
  mesures: ChartPoint[];
}

export interface AxisLabel { x: number; label: string }

const WIDTH = 360;
const HEIGHT = 180;
const PLOT = { left: 44, right: WIDTH - 12, top: 12, bottom: HEIGHT - 28 };
/** Size of the axis text in the drawing's own units (site.css, `.graphique .texte-axe`). */
export const AXIS_FONT_SIZE = 11;
/**
 * A character's width in em, taken wide: digits are 0.56 em in Arial and 0.64 em in DejaVu
 * Sans, the widest lower-case letter of a French date (« m ») 0.83 and 0.97 em, so no date
 * label is wider than its length times this.
 */
const CHAR_EM = 0.7;
/** Space kept between two labels. */
const LABEL_GAP = 6;

/** The box a label centred on `x` can take, at most (its estimated width, wide). */
export function labelBox(label: AxisLabel): { left: number; right: number } {
  const half = ([...label.label].length * AXIS_FONT_SIZE * CHAR_EM) / 2;
  return { left: label.x - half, right: label.x + half };
}

/** A date label in fewer characters: « S2 2023 », « T4 2024 », « oct. 2024 », « 15/06/2024 »; null when it cannot say it shorter. */
export function shortDateLabel(p: Pick<ModelIndicatorPoint, 'date' | 'debut' | 'fin'>): string | null {
  if (!p.debut || !p.fin) return null;
  const [y, m, d] = p.debut.split('-').map(Number) as [number, number, number];
  const [fy, fm, fd] = p.fin.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(fy, fm, 0)).getUTCDate();
  let short: string | null = null;
  if (p.debut === p.fin) short = `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
  else if (y === fy && d === 1 && fd === lastDay) {
    const months = fm - m + 1;
    if (months === 12) short = String(y);
    else if (months === 6 && (m === 1 || m === 7)) short = `S${m === 1 ? 1 : 2} ${y}`;
    else if (months === 3 && (m - 1) % 3 === 0) short = `T${(m + 2) / 3} ${y}`;
    else if (months === 1) short = `${fr.moisCourts[m - 1]} ${y}`;
  }
  return short !== null && short.length < p.date.length ? short : null;
}

/** Whether the labels, in order along the axis, leave room between one another and stay inside the drawing. */
function fits(labels: readonly AxisLabel[]): boolean {
  return labels.every((l, i) => {
    const box = labelBox(l);
    return box.left >= -0.01 && box.right <= WIDTH + 0.01 && (i === 0 || labelBox(labels[i - 1]!).right + LABEL_GAP <= box.left + 0.01);
  });
}

/**
 * The date labels to draw under the plot: all of them as written when they fit; else all
 * shortened; else every k-th shortened one, for the smallest k that fits, always with the
 * first and the last. A label near an edge slides inwards so as to stay in the drawing.
 */
export function axisLabels(ticks: ReadonlyArray<{ x: number; label: string; short?: string | null }>): AxisLabel[] {
  const place = (x: number, label: string): AxisLabel => {
    const half = labelBox({ x: 0, label }).right;
    // Rounded inwards, so that a label slid against an edge stays inside.
    return { x: Math.min(Math.max(Math.round(x * 10), Math.ceil(half * 10)), Math.floor((WIDTH - half) * 10)) / 10, label };
  };
  const full = ticks.map((t) => place(t.x, t.label));
  if (fits(full)) return full;
  const short = ticks.map((t) => place(t.x, t.short ?? t.label));
  if (fits(short)) return short;
  const last = short.length - 1;
  for (let step = 2; step <= last; step++) {
    const kept = short.filter((_, i) => i % step === 0 && i < last);
    // The last label always shows; the regular one before it gives way when too close.
    while (kept.length > 1 && !fits([kept[kept.length - 1]!, short[last]!])) kept.pop();
    const candidate = [...kept, short[last]!];
    if (fits(candidate)) return candidate;
  }
  return fits([short[0]!, short[last]!]) ? [short[0]!, short[last]!] : short.slice(0, 1);
}

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
  const pointOf = new Map(all.map((p) => [p.date, p]));
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    xTicks: axisLabels(dates.map(([label, t]) => ({ x: x(t), label, short: shortDateLabel(pointOf.get(label)!) }))),
    yTicks,
    cibles,
    mesures,
  };
}

export interface IndicatorTable {
  /** Column headings: every date a value is given for, in time order. */
  dates: string[];
  /** Indicators with values: a table row each, and a chart when two values can be placed. */
  rows: Array<{ libelle: string; unite: string | null; cells: string[]; chart: IndicatorChart | null }>;
  /** Indicators named without any value: listed. */
  plain: string[];
}

/** The indicators of a sheet or a roadmap as a table of values by date (a measure says so), their charts, and the bare labels. */
export function indicatorTable(indicators: readonly ModelIndicator[]): IndicatorTable {
  const numeric = indicators.filter((ind) => ind.cibles.length || ind.mesures.length || ind.reference);
  const points = numeric.flatMap((ind) => [ind.reference, ...ind.cibles, ...ind.mesures].filter((p) => p !== null));
  // Columns in time order (a measure of « octobre 2024 » from the progress log comes before « 2025 »), then as written.
  const startOf = new Map(points.map((p) => [p.date, p.debut ?? p.date]));
  const dates = [...new Set(points.map((p) => p.date))].sort((a, b) => startOf.get(a)!.localeCompare(startOf.get(b)!) || a.localeCompare(b));
  return {
    dates,
    rows: numeric.map((ind) => ({
      libelle: ind.libelle,
      unite: ind.unite,
      chart: indicatorChart(ind),
      cells: dates.map((d) => {
        const m = ind.mesures.find((p) => p.date === d);
        const c = [ind.reference, ...ind.cibles].find((p) => p?.date === d);
        return m ? `${m.texte} (${fr.fiche.mesure.toLowerCase()})` : c ? c.texte : '—';
      }),
    })),
    plain: indicators.filter((ind) => !numeric.includes(ind)).map((ind) => ind.libelle),
  };
}
