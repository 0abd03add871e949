/** The years in which at least one sheet is active, for the per-year calendar pages. */
import type { Model } from '../model/types.ts';
import { activeInYear, allRoadmapsTimeline, isDatedRow } from './timeline.ts';

const yearsOfModel = new WeakMap<Model, number[]>();

/**
 * The years that have a calendar page. Computed once per model: the calendar pages, the
 * sitemap, the search metadata and the build's progress bar all ask.
 */
export function activeYearsOfModel(model: Model): number[] {
  let years = yearsOfModel.get(model);
  if (!years) {
    years = computeActiveYears(model);
    yearsOfModel.set(model, years);
  }
  return [...years];
}

function computeActiveYears(model: Model): number[] {
  const all = allRoadmapsTimeline(model).rows;
  const rows = all.filter(isDatedRow);
  const years = new Set<number>();
  // The roadmaps' own dates and milestones each make their year a page.
  for (const row of all) if (row.kind === 'jalons') for (const j of row.calendar.jalons) years.add(Number(j.debut.slice(0, 4)));
  for (const row of rows) {
    // A deadline's unit may begin the year before its end (a winter): activeInYear decides.
    const from = row.calendar.debut ? Number(row.calendar.debut.slice(0, 4)) : Number((row.calendar.fin ?? '0').slice(0, 4)) - 1;
    const to = Number((row.calendar.fin ?? row.periode.fin ?? row.calendar.debut ?? '0').slice(0, 4));
    for (let y = from; y <= to && y - from < 60; y++) if (y > 0 && activeInYear(row.calendar, row.periode, y)) years.add(y);
    for (const j of row.calendar.jalons) years.add(Number(j.debut.slice(0, 4)));
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * The year /calendrier/ opens on: today's, or when nothing is planned that year the nearest
 * year that has something (the later one on a tie: what comes is of more use than what is past).
 * Null when no sheet is dated at all.
 */
export function defaultCalendarYear(years: readonly number[], today: string): number | null {
  if (years.length === 0) return null;
  const current = Number(today.slice(0, 4));
  return [...years].sort((a, b) => Math.abs(a - current) - Math.abs(b - current) || b - a)[0]!;
}
