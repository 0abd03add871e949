/** One row's bar, laid out in percentages of the Gantt domain. */
import type { Calendar, Period } from '../values/calendar.ts';
import { isoOf } from './timeline-dates.ts';
import { planBar, type PlannedSegment, type SegmentKind } from './timeline-plan.ts';
import { domainDays, pctOf, round3 } from './timeline-scale.ts';

export interface BarSegment {
  kind: SegmentKind;
  /** Extent of the segment, in % of the domain. */
  startPct: number;
  endPct: number;
  /**
   * The firm part runs from softStartPct to softEndPct: [startPct, softStartPct] is
   * the uncertain start (a date known only to its month, quarter, semester, year…)
   * and [softEndPct, endPct] the uncertain end. softStartPct === softEndPct means
   * the whole segment is soft. Invariant: startPct ≤ softStartPct ≤ softEndPct ≤ endPct.
   */
  softStartPct: number;
  softEndPct: number;
  /** Recurrence or milestone name. */
  label?: string;
  approximatif: boolean;
  /** Inclusive ISO dates of the drawn extent (data, not for readers: see `texte`). */
  start: string;
  end: string;
  /** The period in words at its precision, for tooltips: "avril 2019 – septembre 2021", "Échéance : 2020". */
  texte: string;
  /** The work goes on beyond the domain or window on that side (clipped recurrence): fade that edge. */
  cutStart: boolean;
  cutEnd: boolean;
}

export interface BarMilestone {
  /** The mark: middle of the milestone's interval. */
  pct: number;
  /** The interval the milestone may fall in ("juin 2023" = the whole month), for a soft mark. */
  startPct: number;
  endPct: number;
  label: string;
  /** The source's words for the date. */
  texte: string;
}

export interface BarLayout {
  segments: BarSegment[];
  /** No end: the bar runs to the end of the domain; draw a fade and an arrow. */
  open: boolean;
  /** Only an end ("à l'horizon 2020"): a deadline, drawn over the unit its date is known to. */
  deadline: boolean;
  /** Continuous over the roadmap period. */
  continuous: boolean;
  milestones: BarMilestone[];
  /** The source's words, e.g. "2eme Semestre 2023". */
  label: string;
}

/**
 * `domain`: the scale (inclusive ISO `start`/`end`); `roadmapPeriod`: what
 * `continu` spans and what annual schedules repeat over.
 */
export function layoutBar(calendar: Calendar, domain: { start: string; end: string }, roadmapPeriod: Period): BarLayout {
  const days = domainDays(domain);
  const plan = planBar(calendar, days, roadmapPeriod);
  const pct = (d: number) => pctOf(d, days);
  return {
    segments: plan.segments.map((s) => segmentLayout(s, pct)),
    open: plan.open,
    deadline: plan.deadline,
    continuous: plan.continuous,
    milestones: plan.milestones.map((m) => ({
      pct: round3(pct(m.at)),
      startPct: pct(m.start),
      endPct: pct(m.end),
      label: m.label,
      texte: m.texte,
    })),
    label: calendarLabel(calendar),
  };
}

function segmentLayout(s: PlannedSegment, pct: (d: number) => number): BarSegment {
  return {
    kind: s.kind,
    startPct: pct(s.start),
    endPct: pct(s.end),
    softStartPct: pct(s.firmStart),
    softEndPct: pct(s.firmEnd),
    ...(s.label !== undefined ? { label: s.label } : {}),
    approximatif: s.approximatif,
    start: isoOf(s.start),
    end: isoOf(s.end - 1),
    texte: s.texte,
    cutStart: s.cutStart,
    cutEnd: s.cutEnd,
  };
}

/**
 * The source's words. The normaliser keeps them whenever the source gives a date;
 * a calendar made only of an annual schedule has none, so its lines are spelled out.
 */
export function calendarLabel(cal: Calendar): string {
  if (cal.texte) return cal.texte;
  if (cal.recurrence.length) return `Chaque année : ${cal.recurrence.map((r) => `${r.texte} (${r.libelle})`).join(', ')}`;
  if (cal.jalons.length) return cal.jalons.map((j) => `${j.libelle} : ${j.texte}`).join(' ; ');
  if (cal.continu) return 'En continu sur la période de la feuille de route';
  return [cal.debut, cal.ouvert ? 'sans fin' : cal.fin].filter(Boolean).join(' – ');
}
