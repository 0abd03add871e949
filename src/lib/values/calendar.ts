/**
 * A sheet's calendar, normalised: inclusive ISO bounds with their precision, the
 * editor's words, annual recurrences and milestones. Nothing here guesses: a bound
 * that the source does not give stays null.
 */
import type { z } from 'zod';
import type { calendarSchema } from '../../../schemas/calendar.ts';
import { endAfter, parseDuration } from './duration.ts';
import { parseFuzzyDate, precisionRank, type FuzzyDate, type Precision } from './fuzzy-date.ts';

export type CalendarInput = z.infer<typeof calendarSchema>;

export interface Recurrence {
  libelle: string;
  texte: string;
  /** Months 1-12; `mois_fin < mois_debut` when the period crosses the new year. */
  mois_debut: number;
  mois_fin: number;
  approximatif: boolean;
}

export interface Milestone {
  libelle: string;
  texte: string;
  debut: string;
  fin: string;
  precision: Precision;
  approximatif: boolean;
}

export interface Calendar {
  texte: string | null;
  debut: string | null;
  fin: string | null;
  /** The coarser of the two bounds' precisions. */
  precision: Precision | null;
  precision_debut: Precision | null;
  precision_fin: Precision | null;
  approximatif: boolean;
  /** No end: "sans fin". */
  ouvert: boolean;
  /** Continuous over the roadmap's period. */
  continu: boolean;
  /** End computed from a duration ("5 ans"), not given by the source. */
  fin_deduite: boolean;
  duree: string | null;
  recurrence: Recurrence[];
  jalons: Milestone[];
}

export interface Period {
  debut: string | null;
  fin: string | null;
}

function parsed(value: string | number | undefined, annual = false): FuzzyDate | null {
  if (value === undefined) return null;
  const r = parseFuzzyDate(String(value), { annual });
  return r.ok ? r.value : null;
}

function coarser(a: Precision | null, b: Precision | null): Precision | null {
  if (!a) return b;
  if (!b) return a;
  return precisionRank(a) >= precisionRank(b) ? a : b;
}

export function normaliseCalendar(input: CalendarInput | undefined, roadmap: Period): Calendar | null {
  if (input === undefined) return null;
  const cal = typeof input === 'object' ? input : { periode: input, texte: String(input) };
  const out: Calendar = {
    texte: cal.texte ?? null,
    debut: null, fin: null, precision: null, precision_debut: null, precision_fin: null,
    approximatif: false, ouvert: false, continu: cal.continu ?? false, fin_deduite: false,
    duree: cal.duree ?? null,
    recurrence: (cal.recurrence ?? []).flatMap((r) => {
      const d = parsed(r.mois, true);
      if (!d?.debut || !d.fin) return [];
      return [{ libelle: r.libelle, texte: String(r.mois), mois_debut: Number(d.debut.slice(-5, -3)), mois_fin: Number(d.fin.slice(-5, -3)), approximatif: d.approximatif }];
    }),
    jalons: (cal.jalons ?? []).flatMap((j) => {
      const d = parsed(j.date);
      if (!d?.debut || !d.fin || !d.precision) return [];
      return [{ libelle: j.libelle, texte: String(j.date), debut: d.debut, fin: d.fin, precision: d.precision, approximatif: d.approximatif }];
    }),
  };

  const periode = parsed(cal.periode);
  const start = periode ?? parsed(cal.debut);
  const end = periode ?? parsed(cal.fin);
  if (periode?.continu || out.continu) out.continu = true;
  if (start?.debut) {
    out.debut = start.debut;
    out.precision_debut = start.precision;
  }
  if (end?.ouvert) out.ouvert = true;
  else if (end?.fin) {
    out.fin = end.fin;
    out.precision_fin = end.precision;
  }
  out.approximatif = Boolean(start?.approximatif || end?.approximatif);

  if (!out.fin && !out.ouvert && out.debut && out.duree) {
    const d = parseDuration(out.duree);
    if (d) {
      out.fin = endAfter(out.debut, d);
      out.precision_fin = out.precision_debut;
      out.fin_deduite = true;
    }
  }
  if (out.continu || (out.recurrence.length > 0 && !out.debut && !out.fin)) {
    out.debut ??= roadmap.debut;
    out.fin ??= roadmap.fin;
    if (out.debut && !out.precision_debut) out.precision_debut = 'annee';
    if (out.fin && !out.precision_fin) out.precision_fin = 'annee';
  }
  if (!out.debut && !out.fin && out.jalons.length > 0) {
    out.debut = out.jalons.reduce((m, j) => (j.debut < m ? j.debut : m), out.jalons[0]!.debut);
    out.fin = out.jalons.reduce((m, j) => (j.fin > m ? j.fin : m), out.jalons[0]!.fin);
    const first = out.jalons.find((j) => j.debut === out.debut)!;
    const last = out.jalons.find((j) => j.fin === out.fin)!;
    out.precision_debut = first.precision;
    out.precision_fin = last.precision;
  }
  out.precision = coarser(out.precision_debut, out.precision_fin);
  if (out.texte === null) out.texte = describeCalendarInput(cal);
  return out;
}

function describeCalendarInput(cal: Exclude<CalendarInput, string | number>): string | null {
  if (cal.periode !== undefined) return String(cal.periode);
  // The source's own words, joined: "Avril 2019 – Septembre 2021", "Mars 2018, 5 ans (durée du SDAASP)".
  const span = [cal.debut, cal.fin].filter((v) => v !== undefined).map(String).join(' – ');
  const parts = [span, cal.duree ?? ''].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/** True when the calendar places the work somewhere in time. */
export function isDated(cal: Calendar | null): boolean {
  return Boolean(cal && (cal.debut || cal.fin || cal.jalons.length || cal.recurrence.length));
}
