/**
 * iCalendar (RFC 5545) for a roadmap or a sheet: periods and milestones become
 * all-day events, annual schedules yearly recurrences. Everything is computed
 * from the model and the build's date, so the same content gives the same bytes.
 */
import type { ModelRoadmap, ModelSheet } from '../model/types.ts';

export interface IcalOptions {
  /** Absolute URL of a sheet's page. */
  sheetUrl: (rm: string, id: string) => string;
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
  /** Last start of a yearly recurrence (YYYY-MM-DD), or '' for no end; undefined when not recurring. */
  yearlyUntil?: string;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');
const compact = (iso: string) => iso.replace(/-/g, '');

export function sheetEvents(rm: ModelRoadmap, f: ModelSheet, o: IcalOptions): IcalEvent[] {
  const cal = f.calendrier;
  if (!cal) return [];
  const url = o.sheetUrl(rm.id, f.id);
  const label = f.code ? `${f.code} ${f.titre}` : f.titre;
  const describe = (...parts: Array<string | null>) => [...parts.filter((p): p is string => Boolean(p)), url].join('\n');
  const uid = (part: string) => `${rm.id}.${f.id}.${part}@${o.host}`;
  const events: IcalEvent[] = [];
  if (cal.debut || cal.fin) {
    // An open period (no end) or a deadline alone (no start) is shown on its single known day.
    const start = cal.debut ?? cal.fin!;
    const last = cal.debut ? (cal.fin ?? cal.debut) : cal.fin!;
    events.push({ uid: uid('periode'), summary: label, description: describe(cal.texte, cal.ouvert ? 'Sans date de fin.' : null), url, start, endExclusive: addDays(last, 1) });
  }
  cal.jalons.forEach((j, i) => {
    events.push({ uid: uid(`jalon-${i + 1}`), summary: `${label} : ${j.libelle}`, description: describe(j.texte), url, start: j.debut, endExclusive: addDays(j.fin, 1) });
  });
  const from = cal.debut ?? rm.periode.debut;
  if (from) {
    // Recurrences run until the roadmap's end (the sheet's own end when the roadmap has none).
    const until = rm.periode.fin ?? cal.fin ?? '';
    cal.recurrence.forEach((r, i) => {
      let year = Number(from.slice(0, 4));
      if (`${year}-${pad(r.mois_debut)}-01` < from) year += 1;
      const endYear = r.mois_fin < r.mois_debut ? year + 1 : year;
      events.push({
        uid: uid(`recurrence-${i + 1}`), summary: `${label} : ${r.libelle}`, description: describe(`Chaque année : ${r.texte}`), url,
        start: `${year}-${pad(r.mois_debut)}-01`, endExclusive: addDays(lastDayOfMonth(endYear, r.mois_fin), 1), yearlyUntil: until,
      });
    });
  }
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
      ...(e.yearlyUntil === undefined ? [] : [`RRULE:FREQ=YEARLY${e.yearlyUntil ? `;UNTIL=${compact(e.yearlyUntil)}` : ''}`]),
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
  return toIcal(rm.titre_court ?? rm.titre, rm.fiches.flatMap((f) => sheetEvents(rm, f, o)), o);
}

export function sheetIcal(rm: ModelRoadmap, f: ModelSheet, o: IcalOptions): string {
  return toIcal(f.code ? `${f.code} ${f.titre}` : f.titre, sheetEvents(rm, f, o), o);
}
