/**
 * Gantt calendars, laid out at build time: plain data in, plain data out (no
 * Astro, no DOM). Positions are percentages of the domain, so the page only
 * sets `left`/`width` styles. `today` is always an argument: the build decides
 * what day it is, never these functions.
 */
import type { Period } from '../values/calendar.ts';
import type { ModelRoadmap } from '../model/types.ts';
import { layoutBar, type BarLayout } from './timeline-bar.ts';
import { fr } from '../i18n/fr.ts';
import { roadmapMilestonesRow, timelineExtent, timelineRows, isDatedRow, isDrawnRow, type TimelineRow, type TimelineRows } from './timeline-rows.ts';
import { timelineScale, type TimelineScale } from './timeline-scale.ts';

export { calendarLabel, layoutBar, type BarLayout, type BarMilestone, type BarSegment } from './timeline-bar.ts';
export { mermaidGantt, mermaidText } from './timeline-mermaid.ts';
export {
  activeInYear,
  allRoadmapsTimeline,
  isDatedRow,
  drawingPeriod,
  sheetTimelineRows,
  timelineExtent,
  timelineRows,
  type TimelineDatedRow,
  type TimelineGroupRow,
  type TimelineMilestonesRow,
  type TimelineRow,
  type TimelineRows,
  type TimelineSheetRow,
  type TimelineSubActionRow,
  type UndatedSheet,
} from './timeline-rows.ts';
export { timelineScale, type TickKind, type TimelineScale, type TimelineTick } from './timeline-scale.ts';
export { hasPlacement } from './timeline-plan.ts';

export interface LaidOutTimeline {
  /** Null when no row gives a date: the page shows only the undated list. */
  scale: TimelineScale | null;
  /** Group rows have `bar: null`; so does an undated sheet heading dated children. */
  rows: Array<TimelineRow & { bar: BarLayout | null }>;
  undated: TimelineRows['undated'];
}

/**
 * Scale and bars for a set of rows. `visible`: a roadmap period the axis must
 * show even if no bar reaches it; `year`: show exactly that year (the
 * all-roadmaps "planned in 2024" view), bars being clipped to it.
 */
export function layoutTimeline(timeline: TimelineRows, today: string, options: { visible?: Period; year?: number } = {}): LaidOutTimeline {
  const extent = options.year !== undefined ? { start: `${options.year}-01-01`, end: `${options.year}-12-31` } : timelineExtent(timeline.rows, options.visible);
  const scale = extent ? timelineScale(extent.start, extent.end, today) : null;
  const rows = timeline.rows.map((row) => ({
    ...row,
    bar: scale && isDrawnRow(row) ? layoutBar(row.calendar, scale, row.periode) : null,
  }));
  return { scale, rows, undated: timeline.undated };
}

/** Everything a roadmap's calendar page needs: its own milestones first, when it states some, then its sheets. */
export function roadmapTimeline(roadmap: ModelRoadmap, today: string): LaidOutTimeline {
  const sheets = timelineRows(roadmap);
  const own = roadmapMilestonesRow(roadmap, fr.calendrier.jalonsFeuille);
  return layoutTimeline(own ? { ...sheets, rows: [own, ...sheets.rows] } : sheets, today, { visible: roadmap.periode });
}
