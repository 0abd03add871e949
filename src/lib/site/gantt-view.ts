/**
 * Turns a laid-out timeline into the pieces a page draws: one list of spans per
 * row (firm, soft, open, recurring, milestone) with their CSS positions, and the
 * rows of the accessible table. The component only loops over these.
 */
import type { LaidOutTimeline } from './timeline.ts';
import type { Urls } from './urls.ts';
import { formatCalendarPeriod } from './display.ts';
import { fr } from '../i18n/fr.ts';
import { looseKey } from '../values/text.ts';
import { progressDateText } from './progress-view.ts';

/** Statuses that change how a bar is drawn (pattern and words); others are drawn plainly. */
export const DRAWN_STATUSES = ['realisee', 'en_cours', 'suspendue', 'abandonnee'] as const;

export interface GanttSpan {
  className: string;
  left: number;
  width: number;
  title: string;
}

export interface GanttRow {
  key: string;
  /** « jalons »: the roadmap's own milestones, drawn and listed like a sheet's. */
  kind: 'groupe' | 'fiche' | 'sous_action' | 'jalons';
  depth: number;
  label: string;
  /** Link target: the roadmap, node or sheet page. */
  href: string | null;
  words: string | null;
  period: string;
  spans: GanttSpan[];
  milestones: Array<{ left: number; title: string; reached: boolean }>;
  /** Current status key when it changes the drawing (see DRAWN_STATUSES), else null. */
  status: string | null;
  late: boolean;
  /** The status and lateness in words (« Réalisée », « En cours, en retard »), or null when nothing is known. */
  statusText: string | null;
  open: boolean;
  /** Only an end is known: the bar is a deadline. */
  deadline: boolean;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

type TimelineRow = LaidOutTimeline['rows'][number];

/** Where a calendar row leads: the roadmap's own dates, the roadmap, or the node or sheet page. */
export function timelineRowHref(urls: Urls, roadmaps: ReadonlyMap<string, { id: string; jalons: readonly unknown[] }>): (row: TimelineRow) => string {
  return (row) => {
    if (row.kind === 'jalons') {
      const rm = roadmaps.get(row.id);
      return rm ? urls.roadmapDates(rm) : urls.roadmap(row.id);
    }
    return row.kind === 'feuille_de_route' ? urls.roadmap(row.id) : urls.entry(row.feuille_de_route, row.id);
  };
}

export function ganttRows(timeline: LaidOutTimeline, href: (row: LaidOutTimeline['rows'][number]) => string | null): GanttRow[] {
  return timeline.rows.map((row) => {
    const spans: GanttSpan[] = [];
    const bar = row.bar;
    // The spans of the sheet's own work, not of its milestones' intervals: they take the status pattern and the late mark.
    const work = new Set<GanttSpan>();
    const place = (s: NonNullable<typeof bar>['segments'][number]) => {
      const title = s.label ? `${s.label} (${s.texte})` : s.texte;
      if (s.kind === 'recurrence') {
        spans.push({ className: 'gantt-barre recurrence', left: s.startPct, width: round(s.endPct - s.startPct), title });
        return;
      }
      const allSoft = s.softStartPct >= s.softEndPct;
      if (s.kind === 'echeance') {
        // A deadline: the unit its date is known to, with a firm right edge (the work is due by then).
        spans.push({ className: allSoft ? 'gantt-flou echeance' : 'gantt-barre echeance', left: s.startPct, width: round(s.endPct - s.startPct), title });
        return;
      }
      if (allSoft) {
        spans.push({ className: 'gantt-flou', left: s.startPct, width: round(s.endPct - s.startPct), title });
        return;
      }
      if (s.softStartPct > s.startPct) spans.push({ className: 'gantt-flou', left: s.startPct, width: round(s.softStartPct - s.startPct), title });
      const firmEnd = s.softEndPct;
      spans.push({ className: `gantt-barre${bar!.open ? ' ouvert' : ''}`, left: s.softStartPct, width: round(firmEnd - s.softStartPct), title });
      if (s.endPct > s.softEndPct) spans.push({ className: 'gantt-flou', left: s.softEndPct, width: round(s.endPct - s.softEndPct), title });
    };
    for (const s of bar?.segments ?? []) {
      const before = spans.length;
      place(s);
      if (s.kind !== 'jalon' && s.kind !== 'recurrence') for (const x of spans.slice(before)) work.add(x);
    }
    const calendar = 'calendar' in row ? row.calendar : null;
    const suivi = row.kind === 'fiche' || row.kind === 'jalons' ? row.suivi : undefined;
    const statut = suivi?.statut ?? null;
    const status = statut && (DRAWN_STATUSES as readonly string[]).includes(statut) ? statut : null;
    const late = suivi?.enRetard ?? false;
    const statusWords = statut ? fr.statuts[statut] ?? statut : null;
    const statusText = statusWords || late ? [statusWords, late ? fr.calendrier.enRetard : null].filter(Boolean).join(', ').replace(/^./, (c) => c.toUpperCase()) : null;
    const extra = `${status ? ` etat-${status}` : ''}${late ? ' en-retard' : ''}`;
    // The tooltips keep the period alone: the status is in words beside the row's name and in the table.
    if (extra) for (const s of work) s.className += extra;
    return {
      key: row.key,
      kind: row.kind === 'noeud' || row.kind === 'feuille_de_route' ? 'groupe' : row.kind,
      depth: row.depth,
      label: row.label,
      href: href(row),
      words: calendar?.texte ?? null,
      period: calendar && 'periode' in row ? formatCalendarPeriod(calendar, row.periode) : '',
      spans,
      milestones: (bar?.milestones ?? []).map((m) => {
        const reached = suivi?.atteints.find((a) => looseKey(a.libelle) === looseKey(m.label));
        const late = !reached && suivi?.enRetardJalons.some((l) => looseKey(l) === looseKey(m.label));
        const state = reached ? ` — ${fr.calendrier.jalonAtteint(progressDateText(reached.date))}` : late ? ` — ${fr.suivi.jalonEnRetard}` : '';
        return { left: m.pct, title: `${m.label} : ${m.texte}${state}`, reached: Boolean(reached) };
      }),
      status,
      late,
      statusText,
      open: bar?.open ?? false,
      deadline: bar?.deadline ?? false,
    };
  });
}

/** Year boundaries as a CSS gradient, so every track shows them without extra elements. */
export function gridBackground(timeline: LaidOutTimeline): string {
  const years = timeline.scale?.ticks.filter((t) => t.kind === 'annee') ?? [];
  const lines = years.slice(1).map((t) => `transparent ${t.start}%, var(--bordure) ${t.start}%, var(--bordure) calc(${t.start}% + 1px), transparent calc(${t.start}% + 1px)`);
  return lines.length ? `linear-gradient(90deg, ${lines.join(', ')})` : 'none';
}
