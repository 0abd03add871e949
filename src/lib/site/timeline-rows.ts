/**
 * The rows of a Gantt calendar, in hierarchy order, and the sheets that cannot
 * be placed in time (listed apart, so that the page can say how many there are).
 */
import { fr } from '../i18n/fr.ts';
import { normaliseCalendar, type Calendar, type Period } from '../values/calendar.ts';
import type { Model, ModelAncestor, ModelProgressEntry, ModelRoadmap, ModelSheet } from '../model/types.ts';
import { followedPeriod, roadmapDates } from '../model/calendar-view.ts';
import { dayFrom, dayOf, isoOf } from './timeline-dates.ts';
import { hasPlacement, planBar, statedExtent, type DaySpan } from './timeline-plan.ts';

interface RowBase {
  /** Unique across every roadmap: use it as the HTML key or anchor. */
  key: string;
  depth: number;
  /** What to print in the row's heading. */
  label: string;
  feuille_de_route: string;
}

/** Group heading: a node of the hierarchy, or a whole roadmap in the all-roadmaps calendar. */
export interface TimelineGroupRow extends RowBase {
  kind: 'noeud' | 'feuille_de_route';
  /** Node id, or roadmap id. */
  id: string;
}

export interface TimelineSheetRow extends RowBase {
  kind: 'fiche';
  /** Sheet id. */
  id: string;
  code: string | null;
  titre: string;
  /**
   * Null only for an undated sheet shown as the heading of dated child sheets or
   * sub-actions; such a sheet is also listed in `undated`.
   */
  calendar: Calendar | null;
  /**
   * What `continu` spans and annual schedules repeat over — pass it to layoutBar:
   * the roadmap period, completed when the roadmap gives none (see periodOf).
   */
  periode: Period;
  /** The sheet's progress at the build date: current status, late flag, milestones reached. */
  suivi?: SheetRowProgress;
}

export interface SheetRowProgress {
  statut: string | null;
  enRetard: boolean;
  /** Reached milestones: label and the date of the entry that reached it. */
  atteints: Array<{ libelle: string; date: ModelProgressEntry['date'] }>;
  /** Milestones past and not reached, on an open sheet that keeps a log. */
  enRetardJalons: string[];
}

export interface TimelineSubActionRow extends RowBase {
  kind: 'sous_action';
  /** The sheet's id. */
  id: string;
  /** Index in the sheet's `sous_actions`. */
  sousAction: number;
  code: string | null;
  titre: string;
  calendar: Calendar;
  periode: Period;
}

/** The roadmap's own milestones (« jalons » of the roadmap file): one row above its sheets on its calendar page. */
export interface TimelineMilestonesRow extends RowBase {
  kind: 'jalons';
  /** The roadmap's id. */
  id: string;
  calendar: Calendar;
  periode: Period;
  /** Milestones reached by a report, or late; no status of its own. */
  suivi: SheetRowProgress;
}

export type TimelineRow = TimelineGroupRow | TimelineSheetRow | TimelineSubActionRow | TimelineMilestonesRow;
export type TimelineDatedRow = (TimelineSheetRow | TimelineSubActionRow) & { calendar: Calendar };

export interface UndatedSheet {
  feuille_de_route: string;
  id: string;
  code: string | null;
  titre: string;
  /** The calendar's words when the source gives some that are not a date ("Besoins du territoire"). */
  texte: string | null;
}

export interface TimelineRows {
  rows: TimelineRow[];
  undated: UndatedSheet[];
}

export function isDatedRow(row: TimelineRow): row is TimelineDatedRow {
  return (row.kind === 'fiche' || row.kind === 'sous_action') && row.calendar !== null;
}

/** A row drawn on the chart: a dated sheet or sub-action, or a roadmap's own dates. */
export function isDrawnRow(row: TimelineRow): row is TimelineDatedRow | TimelineMilestonesRow {
  return isDatedRow(row) || row.kind === 'jalons';
}

/**
 * Every placeable sheet of the roadmap in hierarchy order: node headings (only
 * above dated rows), sheets, their sub-actions one level deeper, then their child
 * sheets. Sub-actions without a date are not rows: their sheet's bar covers them.
 */
export function timelineRows(roadmap: ModelRoadmap): TimelineRows {
  const sheets = [...roadmap.fiches].sort((a, b) => a.ordre - b.ordre);
  const shown = sheetsToShow(sheets);
  const nodeLabels = new Map(roadmap.noeuds.map((n) => [n.id, joinLabel(n.code, n.titre)]));
  const emittedNodes = new Set<string>();
  const rows: TimelineRow[] = [];
  for (const sheet of sheets) {
    if (!shown.has(sheet.id)) continue;
    sheet.parents.forEach((ancestor, depth) => {
      if (ancestor.type !== 'noeud' || emittedNodes.has(ancestor.id)) return;
      emittedNodes.add(ancestor.id);
      rows.push(nodeRow(roadmap.id, ancestor, depth, nodeLabels.get(ancestor.id)));
    });
    rows.push(sheetRow(roadmap, sheet, sheet.parents.length));
    rows.push(...subActionRows(roadmap, sheet, sheet.parents.length + 1));
  }
  return { rows, undated: undatedSheets(roadmap.id, sheets) };
}

/** Dated sheets, plus undated ones that head a dated child sheet or sub-action. */
function sheetsToShow(sheets: ModelSheet[]): Set<string> {
  const shown = new Set<string>();
  for (const sheet of sheets) {
    if (!hasPlacement(sheet.calendrier) && !sheet.sous_actions.some((sa) => hasPlacement(sa.calendrier))) continue;
    shown.add(sheet.id);
    for (const a of sheet.parents) if (a.type === 'fiche') shown.add(a.id);
  }
  return shown;
}

function nodeRow(roadmapId: string, ancestor: ModelAncestor, depth: number, label: string | undefined): TimelineGroupRow {
  return {
    kind: 'noeud',
    key: `${roadmapId}/${ancestor.id}`,
    id: ancestor.id,
    depth,
    label: label ?? joinLabel(ancestor.code, ancestor.titre),
    feuille_de_route: roadmapId,
  };
}

function sheetRow(roadmap: ModelRoadmap, sheet: ModelSheet, depth: number): TimelineSheetRow {
  return {
    kind: 'fiche',
    key: `${roadmap.id}/${sheet.id}`,
    id: sheet.id,
    depth,
    code: sheet.code,
    titre: sheet.titre,
    label: joinLabel(sheet.code, sheet.titre),
    calendar: hasPlacement(sheet.calendrier) ? sheet.calendrier : null,
    periode: periodOf(roadmap),
    feuille_de_route: roadmap.id,
    suivi: {
      statut: sheet.statut_actuel ?? null,
      enRetard: sheet.en_retard ?? false,
      atteints: (sheet.jalons_suivi ?? []).flatMap((j) => (j.atteint_le ? [{ libelle: j.libelle, date: j.atteint_le }] : [])),
      enRetardJalons: (sheet.jalons_suivi ?? []).filter((j) => j.en_retard).map((j) => j.libelle),
    },
  };
}

function subActionRows(roadmap: ModelRoadmap, sheet: ModelSheet, depth: number): TimelineSubActionRow[] {
  return sheet.sous_actions.flatMap((sa, index) => {
    if (!hasPlacement(sa.calendrier)) return [];
    const row: TimelineSubActionRow = {
      kind: 'sous_action',
      key: `${roadmap.id}/${sheet.id}/${index}`,
      id: sheet.id,
      sousAction: index,
      depth,
      code: sa.code,
      titre: sa.titre,
      label: sa.titre,
      calendar: sa.calendrier,
      periode: periodOf(roadmap),
      feuille_de_route: roadmap.id,
    };
    return [row];
  });
}

function undatedSheets(roadmapId: string, sheets: ModelSheet[]): UndatedSheet[] {
  return sheets
    .filter((s) => !hasPlacement(s.calendrier))
    .map((s) => ({ feuille_de_route: roadmapId, id: s.id, code: s.code, titre: s.titre, texte: s.calendrier?.texte ?? null }));
}

/**
 * All roadmaps on one calendar: a heading per roadmap, then its dated sheets
 * flat (depth 1), so that "what is planned in a given year" reads across
 * territories. Dated sub-actions follow their sheet (depth 2): some roadmaps
 * date only those. With `year`, only rows with work or a milestone in that year
 * (and the sheet above such a sub-action).
 */
export function allRoadmapsTimeline(model: Model, year?: number): TimelineRows {
  const rows: TimelineRow[] = [];
  const undated: UndatedSheet[] = [];
  const inYear = (row: TimelineDatedRow) => year === undefined || activeInYear(row.calendar, row.periode, year);
  for (const roadmap of model.feuilles_de_route) {
    const sheets = [...roadmap.fiches].sort((a, b) => a.ordre - b.ordre);
    const own = sheets.flatMap((sheet) => {
      const row = sheetRow(roadmap, sheet, 1);
      const subs = subActionRows(roadmap, sheet, 2).filter(inYear);
      const shown = isDatedRow(row) && inYear(row);
      return shown || subs.length > 0 ? [row, ...subs] : [];
    });
    // The roadmap's own dates (adoption, milestones) under its heading, before its sheets.
    const dates = roadmapMilestonesRow(roadmap, fr.calendrier.jalonsFeuille, 1, year);
    if (own.length > 0 || dates) rows.push(roadmapRow(roadmap), ...(dates ? [dates] : []), ...own);
    undated.push(...undatedSheets(roadmap.id, sheets));
  }
  return { rows, undated };
}

/**
 * The row of the roadmap's own dates (adoption, publication, expected adoption) and milestones,
 * or null when it states none; `year`: only those in that year.
 */
export function roadmapMilestonesRow(roadmap: ModelRoadmap, label: string, depth = 0, year?: number): TimelineMilestonesRow | null {
  const periode = periodOf(roadmap);
  const dates = roadmapDates(roadmap).filter((d) => year === undefined || (d.date.debut !== null && d.date.fin !== null && d.date.debut.slice(0, 4) <= String(year) && d.date.fin.slice(0, 4) >= String(year)));
  const calendar = normaliseCalendar({ jalons: dates.map((d) => ({ date: d.date.texte, libelle: d.libelle })) }, periode);
  if (!calendar || calendar.jalons.length === 0) return null;
  return {
    kind: 'jalons',
    key: `${roadmap.id}#jalons`,
    id: roadmap.id,
    depth,
    label,
    calendar,
    periode,
    feuille_de_route: roadmap.id,
    suivi: {
      statut: null,
      enRetard: false,
      atteints: roadmap.jalons.flatMap((j) => (j.atteint_le ? [{ libelle: j.libelle, date: j.atteint_le }] : [])),
      enRetardJalons: roadmap.jalons.filter((j) => j.en_retard).map((j) => j.libelle),
    },
  };
}

function roadmapRow(roadmap: ModelRoadmap): TimelineGroupRow {
  return { kind: 'feuille_de_route', key: roadmap.id, id: roadmap.id, depth: 0, label: roadmap.titre_court ?? roadmap.titre, feuille_de_route: roadmap.id };
}

/**
 * Some segment or milestone of the calendar falls in the year; open-ended work
 * counts every year after its start. `period`: the row's `periode`.
 */
export function activeInYear(cal: Calendar, period: Period, year: number): boolean {
  const plan = planBar(cal, { start: dayFrom(year, 1), end: dayFrom(year + 1, 1) }, period);
  return plan.segments.length > 0 || plan.milestones.length > 0;
}

/**
 * Dates the axis must show: the roadmap period when given, widened to every bar
 * and milestone. Calendars that only follow the period (continuous, annual) need
 * their row's period. Null when nothing gives a date.
 */
export function timelineExtent(rows: TimelineRow[], period?: Period): { start: string; end: string } | null {
  const spans: DaySpan[] = [];
  const periodSpan = period && spanOfPeriod(period);
  if (periodSpan) spans.push(periodSpan);
  for (const row of rows) {
    if (!isDrawnRow(row)) continue;
    const span = statedExtent(row.calendar) ?? spanOfPeriod(row.periode);
    if (span) spans.push(span);
  }
  if (spans.length === 0) return null;
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  return { start: isoOf(start), end: isoOf(end - 1) };
}

function spanOfPeriod(period: Period): DaySpan | null {
  const start = period.debut ? dayOf(period.debut) : period.fin ? dayOf(period.fin) : null;
  const end = period.fin ? dayOf(period.fin) + 1 : start !== null ? start + 1 : null;
  return start !== null && end !== null ? { start, end } : null;
}

/** The period continuous work spans and annual schedules repeat over (see followedPeriod). */
function periodOf(roadmap: ModelRoadmap): Period {
  return followedPeriod(roadmap);
}

function joinLabel(code: string | null, titre: string | null): string {
  return [code, titre].filter(Boolean).join(' ');
}

/** One sheet's own rows (the sheet, then its dated sub-actions), for its mini-timeline. */
export function sheetTimelineRows(roadmap: ModelRoadmap, sheet: ModelSheet): TimelineRows {
  const rows: TimelineRow[] = [];
  if (hasPlacement(sheet.calendrier)) rows.push(sheetRow(roadmap, sheet, 0));
  rows.push(...subActionRows(roadmap, sheet, 1));
  return { rows, undated: [] };
}

/** The period a roadmap's calendars are drawn over (its own, or the years its sheets span). */
export function drawingPeriod(roadmap: ModelRoadmap): Period {
  return periodOf(roadmap);
}
