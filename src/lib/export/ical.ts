/**
 * iCalendar (RFC 5545) for a roadmap or a sheet: periods and milestones become
 * all-day events, annual schedules one event per year. Everything is computed
 * from the model and the build's date, so the same content gives the same bytes.
 */
import { fr } from '../i18n/fr.ts';
import { calendarView, followedPeriod, roadmapDates } from '../model/calendar-view.ts';
import type { ModelDate, ModelRoadmap, ModelSheet } from '../model/types.ts';
import { dateText, unitOf } from '../values/date-text.ts';
import { parseFuzzyDate, type Precision } from '../values/fuzzy-date.ts';

export interface IcalOptions {
  /** Absolute URL of a sheet's page. */
  sheetUrl: (rm: string, id: string) => string;
  /** Absolute URL of a roadmap's page. */
  roadmapUrl: (rm: string) => string;
  /** Build date (YYYY-MM-DD), used as DTSTAMP: a wall-clock stamp would change the bytes at every build. */
  today: string;
  /** Domain that makes the UIDs globally unique. */
  host: string;
}

export interface IcalEvent {
  uid: string;
  summary: string;
  description: string;
  url: string;
  /** First day, inclusive (YYYY-MM-DD). */
  start: string;
  /** Day after the last day: DTEND of an all-day event is exclusive. */
  endExclusive: string;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const compact = (iso: string) => iso.replace(/-/g, '');
/** A progress date in words at its precision (« octobre 2024 »), else as written. */
const precisionOf = (texte: string): string | null => { const r = parseFuzzyDate(texte); return r.ok ? r.value.precision : null; };
const reachedText = (d: Pick<ModelDate, 'texte' | 'debut' | 'precision'>) => (d.debut ? dateText(d.debut, (d.precision as Precision | null) ?? null) : d.texte);

function hasEvents(rm: ModelRoadmap, f: ModelSheet): boolean {
  if (!f.calendrier) return false;
  const view = calendarView(f.calendrier, followedPeriod(rm));
  return view.periodes.length + view.jalons.length > 0;
}

/** Where a sheet's calendar is published; null when it would hold no event, which RFC 5545 does not allow. */
export function sheetIcalFile(rm: ModelRoadmap, f: ModelSheet): string | null {
  return hasEvents(rm, f) ? `donnees/${rm.id}/${f.id}.ics` : null;
}

/** Where a roadmap's calendar is published; null when neither the roadmap's own milestones nor its sheets give an event. */
export function roadmapIcalFile(rm: ModelRoadmap): string | null {
  return ownMilestones(rm).length > 0 || rm.fiches.some((f) => hasEvents(rm, f)) ? `donnees/${rm.id}.ics` : null;
}

const ownMilestones = (rm: ModelRoadmap) => roadmapDates(rm).filter((d) => d.date.debut && d.date.fin);

/**
 * The roadmap's own dates (adoption, publication, expected adoption) and milestones, each an
 * all-day event over the unit of its date, a milestone marked when a report reached it.
 */
export function roadmapMilestoneEvents(rm: ModelRoadmap, o: IcalOptions): IcalEvent[] {
  const name = rm.titre_court ?? rm.titre;
  return roadmapDates(rm).flatMap(({ cle, libelle, date, jalon }) => {
    if (!date.debut || !date.fin) return [];
    // A milestone links to where the page lists it with its state; a date of the document to its key facts.
    const url = `${o.roadmapUrl(rm.id)}${jalon ? '#cap' : '#faits'}`;
    const summary = `${name} : ${libelle}`;
    const when = reachedText({ ...date, precision: jalon?.date.precision ?? precisionOf(date.texte) });
    const j = { date: { texte: date.texte }, atteint_le: jalon?.atteint_le ?? null };
    return [{
      uid: `${rm.id}.${cle}@${o.host}`,
      summary: j.atteint_le ? fr.suivi.jalonAtteintIcal(summary, reachedText(j.atteint_le)) : summary,
      // As a sheet's: the date in words at its precision, the source's words when they differ, the page's address.
      description: [when, ...(when === j.date.texte ? [] : [j.date.texte]), url].join('\n'),
      url,
      start: date.debut,
      endExclusive: addDays(date.fin, 1),
    }];
  });
}

/**
 * The events of a sheet: exactly the periods of its calendar view (calendarView),
 * the ones the Gantt draws and the tables name.
 *
 * Annual schedules are written as one event per occurrence, not as an RRULE: an
 * RRULE repeats one event unchanged, so it cannot end its last occurrence on the
 * sheet's end (an "octobre-juin" cohort starting in October 2025 would run to
 * June 2026, past a 2023–2025 roadmap) nor keep the clipped tail of the cohort
 * begun before the start (January–June 2023). A few explicit events per step over
 * a roadmap's years say exactly what the Gantt shows.
 */
export function sheetEvents(rm: ModelRoadmap, f: ModelSheet, o: IcalOptions): IcalEvent[] {
  const cal = f.calendrier;
  if (!cal) return [];
  const view = calendarView(cal, followedPeriod(rm));
  const url = o.sheetUrl(rm.id, f.id);
  const label = f.code ? `${f.code} ${f.titre}` : f.titre;
  const describe = (...parts: Array<string | null>) => [...parts.filter((p): p is string => Boolean(p)), url].join('\n');
  const uid = (part: string) => `${rm.id}.${f.id}.${part}@${o.host}`;
  const events: IcalEvent[] = [];
  const steps = new Map(cal.recurrence.map((r, i) => [r.libelle, i + 1]));
  for (const p of view.periodes) {
    // A deadline covers the unit its date is known to ("2020": the whole year), like a milestone;
    // work with no end is its start, over the unit the start is known to ("septembre 2024").
    const last = p.fin ?? unitOf(p.debut, p.precision_debut).fin;
    const [part, summary] =
      p.type === 'recurrence' ? [`recurrence-${steps.get(p.libelle ?? '') ?? 0}-${compact(p.debut)}`, `${label} : ${p.libelle}`]
      : p.type === 'echeance' ? ['periode', fr.calendrier.echeance(label)]
      : p.fin === null ? ['periode', fr.calendrier.debutSeul(label)]
      : ['periode', label];
    events.push({ uid: uid(part), summary, description: describe(p.texte, cal.texte), url, start: p.debut, endExclusive: addDays(last, 1) });
  }
  view.jalons.forEach((j, i) => {
    // A milestone the progress log says is reached is marked so in its summary.
    const reached = f.jalons_suivi?.find((m) => m.libelle === j.libelle && m.atteint_le)?.atteint_le;
    const summary = `${label} : ${j.libelle}`;
    events.push({ uid: uid(`jalon-${i + 1}`), summary: reached ? fr.suivi.jalonAtteintIcal(summary, reachedText(reached)) : summary, description: describe(j.texte, cal.jalons[i]!.texte), url, start: j.debut, endExclusive: addDays(j.fin!, 1) });
  });
  return events;
}

/** TEXT escaping (RFC 5545 §3.3.11). */
const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines of at most 75 octets, continued with CRLF and a space, never cutting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with one space
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function toIcal(name: string, events: readonly IcalEvent[], o: IcalOptions): string {
  const stamp = `${compact(o.today)}T000000Z`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Jalons//Feuilles de route numériques//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(e.start)}`,
      `DTEND;VALUE=DATE:${compact(e.endExclusive)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `URL;VALUE=URI:${e.url}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map((l) => `${foldLine(l)}\r\n`).join('');
}

export function roadmapIcal(rm: ModelRoadmap, o: IcalOptions): string {
  return toIcal(rm.titre_court ?? rm.titre, [...roadmapMilestoneEvents(rm, o), ...rm.fiches.flatMap((f) => sheetEvents(rm, f, o))], o);
}

export function sheetIcal(rm: ModelRoadmap, f: ModelSheet, o: IcalOptions): string {
  return toIcal(f.code ? `${f.code} ${f.titre}` : f.titre, sheetEvents(rm, f, o), o);
}
