/**
 * Calendar arithmetic for the Gantt layout. Dates are plain calendar dates, so
 * everything is counted in whole UTC days: a `Day` is the number of days since
 * 1970-01-01. Intervals are half-open ([start, end)) inside this module family,
 * because widths and positions then need no "+1"; the public model and the ISO
 * strings handed out stay inclusive, as everywhere else in Jalons.
 */
import type { Precision } from '../values/fuzzy-date.ts';
import { unitOf } from '../values/date-text.ts';

export type Day = number;

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` → Day. Throws on anything else, since a malformed date here is a bug upstream. */
export function dayOf(iso: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`timeline: date ISO attendue (AAAA-MM-JJ), reçu « ${iso} »`);
  return dayFrom(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Month and day may overflow or underflow (month 0 = December of the year before), as with Date.UTC. */
export function dayFrom(year: number, month: number, day = 1): Day {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function isoOf(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function monthOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCMonth() + 1;
}

/** The unit of time (month, quarter…) a date known only to that precision may fall anywhere in: [start, end). */
export function unitAround(day: Day, precision: Precision): { start: Day; end: Day } {
  const unit = unitOf(isoOf(day), precision);
  return daysOf(unit.debut, unit.fin);
}

/** Whole calendar years covering [start, end): the Gantt domain always shows complete years. */
export function wholeYears(start: Day, end: Day): { start: Day; end: Day } {
  return { start: dayFrom(yearOf(start), 1), end: dayFrom(yearOf(end - 1) + 1, 1) };
}

/** Half-open interval of an inclusive ISO pair. */
export function daysOf(debut: string, fin: string): { start: Day; end: Day } {
  return { start: dayOf(debut), end: dayOf(fin) + 1 };
}
