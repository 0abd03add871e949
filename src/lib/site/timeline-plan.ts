/**
 * What a calendar puts on a time axis, in days: the drawn segments with their
 * soft (uncertain) edges, annual occurrences and milestones. `layoutBar` turns
 * this into percentages, `mermaidGantt` into dates and the year filter into a
 * yes/no, so the three always agree on what a calendar means.
 */
import type { Precision } from '../values/fuzzy-date.ts';
import type { Calendar, Milestone, Period, Recurrence } from '../values/calendar.ts';
import { dayFrom, dayOf, daysOf, unitAround, yearOf, type Day } from './timeline-dates.ts';

/** Half-open [start, end) in days. */
export interface DaySpan {
  start: Day;
  end: Day;
}

export type SegmentKind = 'periode' | 'recurrence' | 'jalon';

export interface PlannedSegment extends DaySpan {
  kind: SegmentKind;
  /**
   * The firm part is [firmStart, firmEnd): before it the start is uncertain,
   * after it the end is. firmStart === firmEnd when nothing is firm.
   */
  firmStart: Day;
  firmEnd: Day;
  label?: string;
  approximatif: boolean;
  /** The segment goes on before / after the window it was clipped to. */
  cutStart: boolean;
  cutEnd: boolean;
}

export interface PlannedMilestone extends DaySpan {
  at: Day;
  label: string;
  texte: string;
}

export interface PlannedBar {
  segments: PlannedSegment[];
  milestones: PlannedMilestone[];
  /** No end given ("sans fin", or only a start): drawn to the end of the domain. */
  open: boolean;
  /** No start given ("jusqu'à 2020"): drawn from the start of the roadmap period or domain. */
  openStart: boolean;
  continuous: boolean;
}

/** True when the calendar can be placed on a time axis. `continu` counts even without dates: it spans the period. */
export function hasPlacement(cal: Calendar | null): cal is Calendar {
  return Boolean(cal && (cal.debut || cal.fin || cal.jalons.length || cal.recurrence.length || cal.continu));
}

export function planBar(cal: Calendar, domain: DaySpan, period: Period): PlannedBar {
  const continuous = cal.continu;
  const open = !continuous && Boolean(cal.ouvert || (cal.debut && !cal.fin));
  const openStart = !continuous && !cal.debut && Boolean(cal.fin);
  const segments: PlannedSegment[] = [];
  if (cal.recurrence.length > 0) {
    const window = clip(recurrenceWindow(cal, domain, period), domain);
    if (window) segments.push(...cal.recurrence.flatMap((r) => occurrences(r, window)));
  } else if (!periodComesFromMilestones(cal)) {
    const seg = periodSegment(cal, domain, period, { open, openStart, continuous });
    const clipped = seg && clipSegment(seg, domain);
    if (clipped) segments.push(clipped);
  }
  const jalons = cal.jalons.flatMap((j) => {
    const seg = clipSegment(milestoneSegment(j), domain);
    return seg ? [seg] : [];
  });
  const milestones = cal.jalons.map(milestonePoint).filter((m) => m.at >= domain.start && m.at < domain.end);
  return { segments: [...segments, ...jalons], milestones, open, openStart, continuous };
}

/**
 * The normaliser fills `debut`/`fin` from the milestones when the source gives
 * only milestones; drawing that as a period would claim continuous work the source
 * does not state, so such calendars are drawn as their milestones alone.
 */
function periodComesFromMilestones(cal: Calendar): boolean {
  if (cal.jalons.length === 0) return false;
  const first = cal.jalons.reduce((m, j) => (j.debut < m ? j.debut : m), cal.jalons[0]!.debut);
  const last = cal.jalons.reduce((m, j) => (j.fin > m ? j.fin : m), cal.jalons[0]!.fin);
  return cal.debut === first && cal.fin === last && !cal.continu;
}

function periodSegment(
  cal: Calendar,
  domain: DaySpan,
  period: Period,
  flags: { open: boolean; openStart: boolean; continuous: boolean },
): PlannedSegment | null {
  const end = flags.open ? domain.end : cal.fin ? dayOf(cal.fin) + 1 : flags.continuous ? endOf(period, domain) : null;
  const start = cal.debut ? dayOf(cal.debut) : flags.continuous || flags.openStart ? unknownStart(period, domain, end) : null;
  if (start === null || end === null || end <= start) return null;
  const base = { kind: 'periode' as const, start, end, approximatif: cal.approximatif, cutStart: false, cutEnd: false };
  // Continuous work and the unknown side of an open bar are not uncertain dates:
  // the renderer draws them with their own marks (no soft zone, or a fade/arrow).
  if (flags.continuous) return { ...base, firmStart: start, firmEnd: end };
  // "mi-2024", "à l'horizon 2016/2020": an approximate period is uncertain throughout.
  if (cal.approximatif && cal.debut && cal.fin) return { ...base, ...allSoft(start, end) };
  const leadEnd = cal.debut ? softUntil(start, cal.precision_debut, cal.approximatif, end) : start;
  const trailStart = cal.fin && !flags.open ? softFrom(end, cal.precision_fin, cal.approximatif, start) : end;
  return { ...base, ...firmPart(leadEnd, trailStart) };
}

/**
 * A start known only to its month, quarter… may fall anywhere in that unit: the
 * segment is soft until the unit's end. A day is exact, unless approximate.
 */
function softUntil(start: Day, precision: Precision | null, approximatif: boolean, end: Day): Day {
  if (!precision || (precision === 'jour' && !approximatif)) return start;
  return Math.min(unitAround(start, precision).end, end);
}

/** Same for the end: soft from the start of the unit containing the last day. */
function softFrom(end: Day, precision: Precision | null, approximatif: boolean, start: Day): Day {
  if (!precision || (precision === 'jour' && !approximatif)) return end;
  return Math.max(unitAround(end - 1, precision).start, start);
}

/** When the uncertain zones of both ends meet or overlap, nothing is firm: the firm part shrinks to where they meet. */
function firmPart(leadEnd: Day, trailStart: Day): { firmStart: Day; firmEnd: Day } {
  if (leadEnd <= trailStart) return { firmStart: leadEnd, firmEnd: trailStart };
  const meet = Math.round((leadEnd + trailStart) / 2);
  return { firmStart: meet, firmEnd: meet };
}

function allSoft(start: Day, end: Day): { firmStart: Day; firmEnd: Day } {
  const middle = Math.round((start + end) / 2);
  return { firmStart: middle, firmEnd: middle };
}

/** Work with no stated start is drawn from the period's start, or the domain's when it ends before the period begins. */
function unknownStart(period: Period, domain: DaySpan, end: Day | null): Day {
  const start = startOf(period, domain);
  return end !== null && start >= end ? domain.start : start;
}

function startOf(period: Period, domain: DaySpan): Day {
  return period.debut ? dayOf(period.debut) : domain.start;
}

function endOf(period: Period, domain: DaySpan): Day {
  return period.fin ? dayOf(period.fin) + 1 : domain.end;
}

/**
 * Years over which an annual schedule repeats: the calendar's own bounds when the
 * source gives some (the normaliser puts the roadmap period there otherwise), else
 * the roadmap period, else the whole domain.
 */
function recurrenceWindow(cal: Calendar, domain: DaySpan, period: Period): DaySpan {
  return {
    start: cal.debut ? dayOf(cal.debut) : startOf(period, domain),
    end: cal.fin ? dayOf(cal.fin) + 1 : endOf(period, domain),
  };
}

/**
 * One segment per yearly occurrence overlapping the window, clipped to it. An
 * occurrence that began the year before the window (October–June seen from a
 * window starting in January) is kept as its clipped tail: the schedule says the
 * work happens every year in those months, so January–June of the first year is
 * covered too. Clipped ends are flagged so the renderer can fade them.
 */
export function occurrences(r: Recurrence, window: DaySpan): PlannedSegment[] {
  const crossesNewYear = r.mois_fin < r.mois_debut;
  const out: PlannedSegment[] = [];
  for (let year = yearOf(window.start) - 1; year <= yearOf(window.end - 1); year++) {
    const start = dayFrom(year, r.mois_debut);
    const end = dayFrom(crossesNewYear ? year + 1 : year, r.mois_fin + 1);
    const firm = r.approximatif ? allSoft(start, end) : { firmStart: start, firmEnd: end };
    const seg = clipSegment({ kind: 'recurrence', start, end, ...firm, label: r.libelle, approximatif: r.approximatif, cutStart: false, cutEnd: false }, window);
    if (seg) out.push(seg);
  }
  return out;
}

function milestoneSegment(j: Milestone): PlannedSegment {
  const { start, end } = daysOf(j.debut, j.fin);
  const firm = j.precision === 'jour' && !j.approximatif ? { firmStart: start, firmEnd: end } : allSoft(start, end);
  return { kind: 'jalon', start, end, ...firm, label: j.libelle, approximatif: j.approximatif, cutStart: false, cutEnd: false };
}

function milestonePoint(j: Milestone): PlannedMilestone {
  const { start, end } = daysOf(j.debut, j.fin);
  // Exact middle, possibly half a day: a one-day milestone sits in the middle of its day.
  return { start, end, at: (start + end) / 2, label: j.libelle, texte: j.texte };
}

export function clip(span: DaySpan, window: DaySpan): DaySpan | null {
  const start = Math.max(span.start, window.start);
  const end = Math.min(span.end, window.end);
  return end > start ? { start, end } : null;
}

function clipSegment(seg: PlannedSegment, window: DaySpan): PlannedSegment | null {
  const kept = clip(seg, window);
  if (!kept) return null;
  const within = (d: Day) => Math.min(Math.max(d, kept.start), kept.end);
  return {
    ...seg,
    ...kept,
    firmStart: within(seg.firmStart),
    firmEnd: within(seg.firmEnd),
    cutStart: seg.cutStart || seg.start < kept.start,
    cutEnd: seg.cutEnd || seg.end > kept.end,
  };
}

/** Earliest and latest days a calendar states by itself (bounds and milestones), for sizing the domain. */
export function statedExtent(cal: Calendar): DaySpan | null {
  const firstDays = [cal.debut, cal.fin, ...cal.jalons.flatMap((j) => [j.debut, j.fin])].filter((d): d is string => Boolean(d)).map(dayOf);
  if (firstDays.length === 0) return null;
  // Each stated day is drawn whole: the extent ends after the latest one.
  return { start: Math.min(...firstDays), end: Math.max(...firstDays) + 1 };
}
