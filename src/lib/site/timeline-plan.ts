/**
 * What a calendar puts on a time axis, in days: the periods of its view
 * (calendarView, shared with the tables and the iCalendar export) with their soft
 * (uncertain) edges, clipped to the axis, and milestones. `layoutBar` turns this
 * into percentages, `mermaidGantt` into dates and the year filter into a yes/no,
 * so all of them agree on what a calendar means.
 */
import type { Precision } from '../values/fuzzy-date.ts';
import type { Calendar, Milestone, Period } from '../values/calendar.ts';
import { calendarView, type CalendarView, type ShownKind, type ShownPeriod } from '../model/calendar-view.ts';
import { dayOf, daysOf, unitAround, type Day } from './timeline-dates.ts';

/** Half-open [start, end) in days. */
export interface DaySpan {
  start: Day;
  end: Day;
}

export type SegmentKind = ShownKind;

export interface PlannedSegment extends DaySpan {
  kind: SegmentKind;
  /**
   * The firm part is [firmStart, firmEnd): before it the start is uncertain,
   * after it the end is. firmStart === firmEnd when nothing is firm.
   */
  firmStart: Day;
  firmEnd: Day;
  label?: string;
  /** The period in words at its precision (the whole period, even when the segment is clipped to the axis). */
  texte: string;
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
  /** Only an end is given ("à l'horizon 2020"): a deadline, drawn over the unit its date is known to. */
  deadline: boolean;
  continuous: boolean;
}

/** True when the calendar can be placed on a time axis. `continu` counts even without dates: it spans the period. */
export function hasPlacement(cal: Calendar | null): cal is Calendar {
  return Boolean(cal && (cal.debut || cal.fin || cal.jalons.length || cal.recurrence.length || cal.continu));
}

export function planBar(cal: Calendar, domain: DaySpan, period: Period): PlannedBar {
  const view = calendarView(cal, period);
  const segments: PlannedSegment[] = [];
  for (const p of [...view.periodes, ...view.jalons]) {
    const seg = clipSegment(shownSegment(p, domain, view), domain);
    if (seg) segments.push(seg);
  }
  const milestones = cal.jalons.map(milestonePoint).filter((m) => m.at >= domain.start && m.at < domain.end);
  return { segments, milestones, open: view.ouvert, deadline: view.echeance, continuous: view.continu };
}

/**
 * A period of the calendar's view (src/lib/model/calendar-view.ts) on the axis, in
 * days, with its uncertain edges: a bound known only to its month, quarter, year…
 * may fall anywhere in that unit, so the segment is soft there.
 */
function shownSegment(p: ShownPeriod, domain: DaySpan, view: CalendarView): PlannedSegment {
  const start = dayOf(p.debut);
  const end = p.fin ? dayOf(p.fin) + 1 : Math.max(domain.end, start + 1);
  const base = {
    kind: p.type, start, end, approximatif: p.approximatif, cutStart: p.coupe_debut, cutEnd: p.coupe_fin, texte: p.texte,
    ...(p.libelle !== null ? { label: p.libelle } : {}),
  };
  if (p.type === 'recurrence') return { ...base, ...(p.approximatif ? allSoft(start, end) : { firmStart: start, firmEnd: end }) };
  const exact = p.precision_debut === 'jour' && !p.approximatif;
  // A milestone or a deadline falls somewhere in its interval: soft throughout unless it is an exact day.
  if (p.type === 'jalon' || p.type === 'echeance') return { ...base, ...(exact ? { firmStart: start, firmEnd: end } : allSoft(start, end)) };
  // Continuous work is not an uncertain date: drawn firm over the period it follows.
  if (view.continu) return { ...base, firmStart: start, firmEnd: end };
  // "mi-2024", "à l'horizon 2016/2020": an approximate period is uncertain throughout.
  if (p.approximatif && p.fin) return { ...base, ...allSoft(start, end) };
  const leadEnd = softUntil(start, p.precision_debut, p.approximatif, end);
  const trailStart = p.fin ? softFrom(end, p.precision_fin, p.approximatif, start) : end;
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
