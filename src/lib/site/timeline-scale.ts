/** The time axis of a Gantt calendar: domain in whole years, ticks, today's marker. */
import { dayFrom, dayOf, isoOf, monthOf, wholeYears, yearOf, type Day } from './timeline-dates.ts';
import type { DaySpan } from './timeline-plan.ts';

export type TickKind = 'annee' | 'trimestre' | 'mois';

export interface TimelineTick {
  /** Short label for the axis: "2024", "T3", "sept.". */
  label: string;
  /** Full words for a tooltip or screen reader: "3e trimestre 2024", "septembre 2024". */
  titre: string;
  kind: TickKind;
  /** Position in % of the domain (0–100). */
  start: number;
  end: number;
  /** Inclusive ISO dates of the tick's unit. */
  debut: string;
  fin: string;
}

export interface TimelineScale {
  /** Inclusive ISO bounds of the domain: always 1 January to 31 December. */
  start: string;
  end: string;
  /** The band under the years: quarters for long spans, months otherwise. */
  subdivision: 'trimestre' | 'mois';
  /** Years first, then the subdivision, each in chronological order. */
  ticks: TimelineTick[];
  /** Where today falls, in %, or null when outside the domain. */
  todayPct: number | null;
}

/** Above three years, months become too thin to read: switch to quarters. */
const MAX_MONTHS_WITH_MONTH_TICKS = 36;

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_SHORT = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const QUARTERS = ['1er trimestre', '2e trimestre', '3e trimestre', '4e trimestre'];

/**
 * `start`/`end`: inclusive ISO dates that must be visible (roadmap period or the
 * extent of its bars). The span decides the subdivision before the domain is
 * widened to whole years, so a 2023–2025 roadmap (36 months) keeps its months.
 */
export function timelineScale(start: string, end: string, today: string): TimelineScale {
  const first = dayOf(start);
  const last = dayOf(end);
  const months = (yearOf(last) - yearOf(first)) * 12 + monthOf(last) - monthOf(first) + 1;
  const subdivision = months > MAX_MONTHS_WITH_MONTH_TICKS ? 'trimestre' : 'mois';
  const domain = wholeYears(Math.min(first, last), Math.max(first, last) + 1);
  const ticks = [...yearTicks(domain), ...(subdivision === 'trimestre' ? quarterTicks(domain) : monthTicks(domain))];
  const todayDay = dayOf(today);
  const todayPct = todayDay >= domain.start && todayDay < domain.end ? pctOf(todayDay, domain) : null;
  return { start: isoOf(domain.start), end: isoOf(domain.end - 1), subdivision, ticks, todayPct };
}

/** Position of the start of `day` in % of the domain, rounded to 3 decimals and kept within 0–100. */
export function pctOf(day: number, domain: DaySpan): number {
  const ratio = (day - domain.start) / (domain.end - domain.start);
  return round3(Math.min(Math.max(ratio, 0), 1) * 100);
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000 + 0; // + 0 turns -0 into 0
}

/** The domain of a scale as a half-open day span. */
export function domainDays(scale: { start: string; end: string }): DaySpan {
  return { start: dayOf(scale.start), end: dayOf(scale.end) + 1 };
}

function tick(kind: TickKind, label: string, titre: string, start: Day, end: Day, domain: DaySpan): TimelineTick {
  return { kind, label, titre, start: pctOf(start, domain), end: pctOf(end, domain), debut: isoOf(start), fin: isoOf(end - 1) };
}

function yearsOf(domain: DaySpan): number[] {
  const years: number[] = [];
  for (let y = yearOf(domain.start); y <= yearOf(domain.end - 1); y++) years.push(y);
  return years;
}

function yearTicks(domain: DaySpan): TimelineTick[] {
  return yearsOf(domain).map((y) => tick('annee', String(y), String(y), dayFrom(y, 1), dayFrom(y + 1, 1), domain));
}

function quarterTicks(domain: DaySpan): TimelineTick[] {
  return yearsOf(domain).flatMap((y) =>
    [0, 1, 2, 3].map((q) => tick('trimestre', `T${q + 1}`, `${QUARTERS[q]} ${y}`, dayFrom(y, 3 * q + 1), dayFrom(y, 3 * q + 4), domain)),
  );
}

function monthTicks(domain: DaySpan): TimelineTick[] {
  return yearsOf(domain).flatMap((y) =>
    MONTHS.map((name, i) => tick('mois', MONTHS_SHORT[i]!, `${name} ${y}`, dayFrom(y, i + 1), dayFrom(y, i + 2), domain)),
  );
}

/**
 * The narrowest the chart's track ever is, in CSS px: `.gantt-grille` gives it
 * `minmax(36rem, 1fr)` and scrolls sideways below that. Labels chosen for this
 * width only gain room on wider screens.
 */
export const MIN_TRACK_PX = 36 * 16;

/**
 * Width a tick label may take, in px: 0.75rem (12 px) text at a generous 0.65 em a
 * character (digits, even bold, and lower-case letters are nearer 0.55 em), plus the tick's 1 px border and
 * 0.25rem padding. Overestimating only drops a label; underestimating would cut one.
 */
export function labelPx(label: string): number {
  return label.length * 12 * 0.65 + 5;
}

/**
 * The ticks the axis can show at `trackPx` without a label overlapping another or
 * being cut short: every year when they fit, else every other year (or every 5th,
 * 10th…), the labelled year's box spanning the unlabelled ones; months when each
 * fits its month, else quarters when « T4 » fits a quarter, else no subdivision.
 * Unlabelled years keep their tick (its border marks the year) with an empty label.
 */
export function readableTicks(scale: TimelineScale, trackPx: number = MIN_TRACK_PX): TimelineTick[] {
  const years = scale.ticks.filter((t) => t.kind === 'annee');
  const px = (t: { start: number; end: number }) => ((t.end - t.start) / 100) * trackPx;
  const yearPx = years.length ? Math.min(...years.map(px)) : 0;
  const needed = Math.max(0, ...years.map((t) => labelPx(t.label)));
  const stride = [1, 2, 5, 10, 20, 50].find((k) => k * yearPx >= needed) ?? Infinity;
  const labelled = years.map((t, i) => {
    if (i % stride !== 0) return { ...t, label: '' };
    const last = years[Math.min(i + stride, years.length) - 1]!;
    const box = { ...t, end: last.end };
    // The last group may hold fewer years than the others: too short, it stays unlabelled.
    return px(box) >= labelPx(t.label) ? box : { ...t, label: '' };
  });
  const subs = scale.ticks.filter((t) => t.kind !== 'annee');
  const fits = (ticks: TimelineTick[]) => ticks.length > 0 && ticks.every((t) => px(t) >= labelPx(t.label));
  if (fits(subs)) return [...labelled, ...subs];
  const domain = domainDays(scale);
  const quarters = scale.subdivision === 'mois' ? quarterTicks(domain) : subs;
  return fits(quarters) ? [...labelled, ...quarters] : labelled;
}

/**
 * Where a chart too wide for a phone should open, in % of the domain: the start of
 * the year before today's, so a 2013–2030 calendar shows now and what comes, not
 * its emptiest early years. Null when today is outside the domain or in its first
 * two years (the chart opens at its start anyway).
 */
export function openingPct(scale: TimelineScale, today: string): number | null {
  if (scale.todayPct === null) return null;
  const year = scale.ticks.find((t) => t.kind === 'annee' && t.label === String(Number(today.slice(0, 4)) - 1));
  return year && year.start > 0 ? year.start : null;
}
