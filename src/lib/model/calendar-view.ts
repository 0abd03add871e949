/**
 * What a sheet's calendar says, once: the periods every output shows (the Gantt
 * bars and their tooltips, the tables' "Période" column, the iCalendar events,
 * the year calendars' filter), with their precision and their words. The Gantt
 * only places these periods on its axis and the iCalendar export only writes them
 * as events, so the two can no longer disagree on a clipped recurrence, a
 * deadline or a precision.
 *
 * Decisions taken here:
 * - An annual schedule ("octobre-juin") repeats over the calendar's own bounds
 *   (the roadmap's period when the sheet gives none); each occurrence is clipped
 *   to those bounds, so the last cohort of a 2023–2025 roadmap ends on
 *   31 December 2025, and the tail of the cohort begun the year before the start
 *   (January–June 2023) is kept, the schedule saying the work happens every year
 *   in those months.
 * - A calendar with only an end ("à l'horizon 2020") is a deadline: the source
 *   does not say when the work starts, so nothing is drawn before it. It is shown
 *   as the unit its date is known to ("2020" is the whole year 2020), like a
 *   milestone, and named "Échéance : 2020" everywhere.
 * - A calendar built from milestones alone is its milestones: no period is
 *   invented between them.
 */
import { fr } from '../i18n/fr.ts';
import type { Calendar, Period } from '../values/calendar.ts';
import { periodText, unitOf } from '../values/date-text.ts';
import type { Precision } from '../values/fuzzy-date.ts';
import { daysInMonth } from '../values/fuzzy-date.ts';
import type { ModelMilestoneProgress, ModelRoadmap } from './types.ts';

export type ShownKind = 'periode' | 'echeance' | 'recurrence' | 'jalon';

export interface ShownPeriod {
  type: ShownKind;
  /** First day, inclusive (YYYY-MM-DD). */
  debut: string;
  /** Last day, inclusive; null for work with no end (drawn to the end of the axis, "sans fin"). */
  fin: string | null;
  precision_debut: Precision;
  precision_fin: Precision | null;
  approximatif: boolean;
  /** Name of the annual step or milestone. */
  libelle: string | null;
  /** The occurrence was cut by the calendar's bounds on that side (annual schedules). */
  coupe_debut: boolean;
  coupe_fin: boolean;
  /** The dates in words, at their precision: "octobre 2023 – juin 2024", "Échéance : 2020". */
  texte: string;
}

export interface CalendarView {
  /** The sheet's period (at most one, `periode` or `echeance`), or its annual occurrences. */
  periodes: ShownPeriod[];
  jalons: ShownPeriod[];
  /** Only an end is known. */
  echeance: boolean;
  /** Work with a start and no end: "sans fin" in the source, or no end given. */
  ouvert: boolean;
  continu: boolean;
  /** The period in words for a table: "avril 2019 – septembre 2021", "Échéance : 2020", "Chaque année, 2023 – 2025". */
  texte: string;
}

const lastDay = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
const firstDay = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;

/** The normaliser fills `debut`/`fin` from the milestones when the source gives only milestones. */
function periodComesFromMilestones(cal: Calendar): boolean {
  if (cal.jalons.length === 0 || cal.continu) return false;
  const first = cal.jalons.reduce((m, j) => (j.debut < m ? j.debut : m), cal.jalons[0]!.debut);
  const last = cal.jalons.reduce((m, j) => (j.fin > m ? j.fin : m), cal.jalons[0]!.fin);
  return cal.debut === first && cal.fin === last;
}

/**
 * `period`: what continuous work spans and annual schedules repeat over when the
 * calendar gives no bound of its own (see followedPeriod).
 */
export function calendarView(cal: Calendar, period: Period): CalendarView {
  const jalons: ShownPeriod[] = cal.jalons.map((j) => ({
    type: 'jalon', debut: j.debut, fin: j.fin, precision_debut: j.precision, precision_fin: j.precision, approximatif: j.approximatif,
    libelle: j.libelle, coupe_debut: false, coupe_fin: false, texte: periodText(j.debut, j.fin, j.precision, j.precision),
  }));
  const base = { echeance: false, ouvert: false, continu: cal.continu, jalons };

  if (cal.recurrence.length > 0) {
    const debut = cal.debut ?? period.debut;
    const fin = cal.fin ?? period.fin;
    if (!debut || !fin) return { ...base, periodes: [], texte: '' };
    const pd = cal.debut ? (cal.precision_debut ?? 'jour') : 'annee';
    const pf = cal.fin ? (cal.precision_fin ?? 'jour') : 'annee';
    const periodes = cal.recurrence.flatMap((r) => occurrences(r, debut, fin));
    return { ...base, periodes, texte: fr.calendrier.chaqueAnneeDe(periodText(debut, fin, pd, pf)) };
  }
  if (periodComesFromMilestones(cal)) {
    return { ...base, periodes: [], texte: cal.debut && cal.fin ? periodText(cal.debut, cal.fin, cal.precision_debut, cal.precision_fin) : '' };
  }
  if (cal.continu) {
    const debut = cal.debut ?? period.debut;
    const fin = cal.fin ?? period.fin;
    if (!debut || !fin) return { ...base, periodes: [], texte: fr.calendrier.continu };
    const pd = cal.precision_debut ?? 'annee';
    const pf = cal.precision_fin ?? 'annee';
    const texte = loosely(periodText(debut, fin, pd, pf), cal.approximatif);
    return { ...base, periodes: [shown('periode', debut, fin, pd, pf, cal.approximatif, texte)], texte };
  }
  if (cal.debut) {
    const pd = cal.precision_debut ?? 'jour';
    if (!cal.fin) {
      const texte = loosely(`${periodText(cal.debut, null, pd, null)} – ${cal.ouvert ? fr.calendrier.sansFin : fr.calendrier.finNonPrecisee}`, cal.approximatif);
      return { ...base, ouvert: true, periodes: [shown('periode', cal.debut, null, pd, null, cal.approximatif, texte)], texte };
    }
    const pf = cal.precision_fin ?? 'jour';
    const texte = loosely(periodText(cal.debut, cal.fin, pd, pf), cal.approximatif);
    return { ...base, periodes: [shown('periode', cal.debut, cal.fin, pd, pf, cal.approximatif, texte)], texte };
  }
  if (cal.fin) {
    const pf = cal.precision_fin ?? 'jour';
    const unit = unitOf(cal.fin, pf);
    const texte = loosely(fr.calendrier.echeance(periodText(unit.debut, cal.fin, pf, pf)), cal.approximatif);
    return { ...base, echeance: true, periodes: [shown('echeance', unit.debut, cal.fin, pf, pf, cal.approximatif, texte)], texte };
  }
  return { ...base, periodes: [], texte: '' };
}

/** "T1 2023" alone would claim a quarter the source only hints at (« début 2023 »). */
const loosely = (texte: string, approximatif: boolean) => (approximatif ? fr.calendrier.approximatif(texte) : texte);

function shown(kind: ShownKind, debut: string, fin: string | null, pd: Precision, pf: Precision | null, approximatif: boolean, texte: string): ShownPeriod {
  return { type: kind, debut, fin, precision_debut: pd, precision_fin: pf, approximatif, libelle: null, coupe_debut: false, coupe_fin: false, texte };
}

/** Each yearly occurrence of an annual step overlapping [debut, fin], clipped to it, named at month precision. */
function occurrences(r: Calendar['recurrence'][number], debut: string, fin: string): ShownPeriod[] {
  const crosses = r.mois_fin < r.mois_debut;
  const out: ShownPeriod[] = [];
  for (let year = Number(debut.slice(0, 4)) - 1; year <= Number(fin.slice(0, 4)); year++) {
    const start = firstDay(year, r.mois_debut);
    const end = lastDay(crosses ? year + 1 : year, r.mois_fin);
    const s = start < debut ? debut : start;
    const e = end > fin ? fin : end;
    if (e < s) continue;
    // A clipped bound falls where the calendar's own bound is; it is named at month precision all the same.
    const texte = periodText(s, e, 'mois', 'mois');
    out.push({
      type: 'recurrence', debut: s, fin: e, precision_debut: 'mois', precision_fin: 'mois', approximatif: r.approximatif,
      libelle: r.libelle, coupe_debut: start < debut, coupe_fin: end > fin, texte,
    });
  }
  return out;
}

/** Earliest and latest days a calendar states by itself (bounds and milestones), inclusive. */
export function statedBounds(cal: Calendar): { debut: string; fin: string } | null {
  const days = [cal.debut, cal.fin, ...cal.jalons.flatMap((j) => [j.debut, j.fin])].filter((d): d is string => Boolean(d)).sort();
  return days.length ? { debut: days[0]!, fin: days.at(-1)! } : null;
}

const followed = new WeakMap<ModelRoadmap, Period>();

/**
 * The period continuous work spans and annual schedules repeat over: the
 * roadmap's, or, where the roadmap gives no bound, the whole years its dated
 * sheets cover.
 */
export function followedPeriod(roadmap: ModelRoadmap): Period {
  const known = followed.get(roadmap);
  if (known) return known;
  const { debut, fin } = roadmap.periode;
  let period: Period = { debut, fin };
  if (!debut || !fin) {
    const days = roadmap.fiches
      .flatMap((s) => [s.calendrier, ...s.sous_actions.map((sa) => sa.calendrier)])
      .flatMap((cal) => {
        const b = cal && statedBounds(cal);
        return b ? [b.debut, b.fin] : [];
      });
    if (debut) days.push(debut);
    if (fin) days.push(fin);
    days.sort();
    if (days.length > 0) period = { debut: debut ?? `${days[0]!.slice(0, 4)}-01-01`, fin: fin ?? `${days.at(-1)!.slice(0, 4)}-12-31` };
  }
  followed.set(roadmap, period);
  return period;
}

/** What the published model adds to each calendar: its view, minus what the calendar already says (milestones, `continu`). */
export interface CalendarDisplay {
  texte: string;
  echeance: boolean;
  ouvert: boolean;
  periodes: ShownPeriod[];
}

export function calendarDisplay(cal: Calendar, period: Period): CalendarDisplay {
  const view = calendarView(cal, period);
  return { texte: view.texte, echeance: view.echeance, ouvert: view.ouvert, periodes: view.periodes };
}

/** A date of the roadmap itself: its adoption, publication or expected adoption, or one of its milestones. */
export interface RoadmapDate {
  /** Stable within the roadmap, for iCalendar UIDs: « adoption », « publication », « adoption-prevue », « jalon-1 »… */
  cle: string;
  libelle: string;
  date: { texte: string; debut: string | null; fin: string | null };
  /** The milestone's progress, for a milestone; null for the document's own dates. */
  jalon: ModelMilestoneProgress | null;
}

/**
 * What the roadmap's calendars and iCalendar file show of the roadmap itself: the dates of the
 * document (the expected adoption only while no adoption date is given), then its milestones.
 */
export function roadmapDates(rm: Pick<ModelRoadmap, 'date_adoption' | 'date_publication' | 'adoption_prevue' | 'jalons'>): RoadmapDate[] {
  const own: RoadmapDate[] = [];
  if (rm.date_adoption) own.push({ cle: 'adoption', libelle: fr.feuille.adoption, date: rm.date_adoption, jalon: null });
  else if (rm.adoption_prevue) own.push({ cle: 'adoption-prevue', libelle: fr.feuille.adoptionPrevue, date: rm.adoption_prevue, jalon: null });
  if (rm.date_publication) own.push({ cle: 'publication', libelle: fr.feuille.publication, date: rm.date_publication, jalon: null });
  return [...own, ...rm.jalons.map((j, i) => ({ cle: `jalon-${i + 1}`, libelle: j.libelle, date: j.date, jalon: j }))];
}
