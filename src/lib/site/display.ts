/** Human-readable French forms of model values, computed once for the pages. */
import { fr } from '../i18n/fr.ts';
import type { Calendar, Period } from '../values/calendar.ts';
import { dateText } from '../values/date-text.ts';
import { calendarView } from '../model/calendar-view.ts';
import type { ModelActorRef, ModelRoadmap, ModelSheet } from '../model/types.ts';

/**
 * The period of a calendar in words at its precision ("avril 2019 – septembre 2021",
 * "Échéance : 2020"): the text of its view (calendarView), the same the Gantt's
 * tooltips and the iCalendar export give. `period`: what continuous work and annual
 * schedules follow when the calendar has no bound of its own (followedPeriod).
 */
export function formatCalendarPeriod(cal: Calendar | null, period: Period = { debut: null, fin: null }): string {
  return cal ? calendarView(cal, period).texte : '';
}

export function formatRoadmapPeriod(rm: ModelRoadmap): string {
  const start = rm.periode.debut?.slice(0, 4);
  const end = rm.periode.fin?.slice(0, 4);
  if (start && end) return start === end ? start : `${start} – ${end}`;
  return start ?? end ?? '';
}

export function refNames(refs: readonly ModelActorRef[]): string {
  return refs.map((r) => r.nom).join(', ');
}

/**
 * What follows an actor's name in parentheses: how the source wrote it when the directory's name
 * differs (the page must keep the source's words), then its role and precision.
 */
export function refDetail(r: ModelActorRef): string {
  const detail = [r.role, r.precision].filter(Boolean).join(' — ');
  return [r.graphie_source && fr.acteurs.graphieSource(r.graphie_source), detail].filter(Boolean).join(' ; ');
}

export interface Breakdown {
  key: string;
  label: string;
  count: number;
}

/**
 * `nomFiche`: the roadmap's own name for its sheets; by type, a sheet is counted under it unless
 * it is a sub-action or a working group (SHEET_KINDS_OF_THEIR_OWN).
 */
export function breakdown(sheets: readonly ModelSheet[], field: 'type' | 'statut', nomFiche?: string): Breakdown[] {
  const one = field === 'type' ? fr.types : fr.statuts;
  const many = field === 'type' ? fr.typesPluriel : fr.statutsPluriel;
  const counts = new Map<string, number>();
  for (const s of sheets) {
    const key = field === 'type' && nomFiche !== undefined && !SHEET_KINDS_OF_THEIR_OWN.includes(s.type ?? '') ? ROADMAP_SHEET : s[field] ?? '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const label = (key: string, count: number) => {
    if (key === ROADMAP_SHEET) return count > 1 ? sheetNamePlural(nomFiche!) : lowerFirst(nomFiche!);
    return key ? ((count > 1 ? many : one)[key] ?? key).toLowerCase() : fr.accueil.statutNonPrecise;
  };
  return [...counts.entries()]
    .map(([key, count]) => ({ key, label: label(key, count), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
}

const ROADMAP_SHEET = '\u0000nom_fiche';
/** Sheet types that are not the roadmap's ordinary sheet, whatever the roadmap calls those. */
const SHEET_KINDS_OF_THEIR_OWN: readonly string[] = ['sous_action', 'groupe_de_travail'];
const lowerFirst = (word: string) => (/^\p{Lu}{2}/u.test(word) ? word : word.charAt(0).toLowerCase() + word.slice(1));

/**
 * What a sheet is, in the roadmap's own words (« Engagement », « Fiche projet », « Piste d'action »):
 * its « nom_fiche », except for a sub-action or a working group, named as such.
 */
export function sheetTypeLabel(rm: Pick<ModelRoadmap, 'nom_fiche'>, sheet: Pick<ModelSheet, 'type'>): string {
  return sheet.type && SHEET_KINDS_OF_THEIR_OWN.includes(sheet.type) ? fr.types[sheet.type] ?? rm.nom_fiche : rm.nom_fiche;
}

/** « engagements » for « Engagement », « fiches action » for « Fiche action »: the first word takes the plural. */
export function sheetNamePlural(nomFiche: string): string {
  const [first = '', ...rest] = nomFiche.split(' ');
  const lower = lowerFirst(first);
  // An acronym stays as it is, as French writes « les EPCI ».
  const plural = /^\p{Lu}{2}/u.test(lower) || /[sxz]$/.test(lower) ? lower : /(eau|eu)$/.test(lower) ? `${lower}x` : `${lower}s`;
  return [plural, ...rest].join(' ');
}

/** "A.1.2 Coordination…" or just the title. */
export function sheetLabel(sheet: Pick<ModelSheet, 'code' | 'titre'>): string {
  return sheet.code ? `${sheet.code} ${sheet.titre}` : sheet.titre;
}

/** "1er décembre 2026", the day (in UTC) of a git date such as "2026-12-01T23:30:00+01:00". */
export function formatChangeDate(gitDate: string): string {
  const t = Date.parse(gitDate);
  if (Number.isNaN(t)) return '';
  const day = new Date(t).toISOString().slice(0, 10);
  return dateText(day, 'jour');
}

/** Sizes as a French reader writes them: « 12,3 ko ». */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} o`;
  const kb = bytes / 1000;
  if (kb < 1000) return `${kb.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} ko`;
  return `${(kb / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}
