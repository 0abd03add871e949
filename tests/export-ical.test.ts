/**
 * The iCalendar exports, read back with ical.js (an independent RFC 5545 parser):
 * every dated period, milestone and annual schedule of the model is an event on
 * the right days (DTEND exclusive), linked to its sheet, with stable UIDs and a
 * DTSTAMP from the build's date; lines are folded at 75 octets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, inject, it } from 'vitest';
import { foldLine } from '../src/lib/export/ical.ts';
import type { ModelSheet } from '../src/lib/model/types.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
const siteDir = inject('siteDir');
const today = inject('today');
const dir = join(siteDir, 'donnees');
const model = validateProject(root).model;
const base = new URL('.', readFileSync(join(siteDir, 'robots.txt'), 'utf8').match(/Sitemap: (\S+)/)![1]!);

interface Ev { uid: string; summary: string; start: string; end: string; url: string; description: string; rrule: ICAL.Recur | null; event: ICAL.Event }
function events(path: string): Ev[] {
  const text = readFileSync(path, 'utf8');
  const comp = new ICAL.Component(ICAL.parse(text));
  expect(comp.name).toBe('vcalendar');
  expect(comp.getFirstPropertyValue('version')).toBe('2.0');
  return comp.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    expect(event.startDate.isDate).toBe(true);
    expect(String(v.getFirstPropertyValue('dtstamp'))).toBe(`${today}T00:00:00Z`);
    return {
      uid: event.uid, summary: event.summary, description: event.description, event,
      start: event.startDate.toString(), end: event.endDate.toString(),
      url: String(v.getFirstPropertyValue('url')), rrule: (v.getFirstPropertyValue('rrule') as ICAL.Recur | null) ?? null,
    };
  });
}
const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const sheetUrl = (rm: string, id: string) => new URL(`${rm}/${id}/`, base).href;
const dated = (f: ModelSheet) => Boolean(f.calendrier && (f.calendrier.debut || f.calendrier.fin || f.calendrier.jalons.length));

describe('iCalendar exports', () => {
  it('hold every period and milestone of every roadmap, on the right days', () => {
    for (const rm of model.feuilles_de_route) {
      const evs = events(join(dir, `${rm.id}.ics`));
      const byUid = new Map(evs.map((e) => [e.uid, e]));
      expect(byUid.size).toBe(evs.length);
      for (const f of rm.fiches) {
        const cal = f.calendrier;
        if (!cal) continue;
        const prefix = `${rm.id}.${f.id}.`;
        if (cal.debut || cal.fin) {
          const e = evs.find((x) => x.uid.startsWith(`${prefix}periode@`))!;
          expect(e, `${rm.id}/${f.id}`).toBeDefined();
          expect(e.start).toBe(cal.debut ?? cal.fin);
          expect(e.end).toBe(nextDay(cal.debut ? (cal.fin ?? cal.debut) : cal.fin!));
          expect(e.url).toBe(sheetUrl(rm.id, f.id));
          expect(e.description).toContain(sheetUrl(rm.id, f.id));
        }
        cal.jalons.forEach((j, i) => {
          const e = byUid.get(`${prefix}jalon-${i + 1}@${base.hostname}`)!;
          expect(e.start).toBe(j.debut);
          expect(e.end).toBe(nextDay(j.fin));
          expect(e.summary).toContain(j.libelle);
        });
      }
      expect(evs.every((e) => e.url.startsWith(base.href))).toBe(true);
    }
  });

  it('give each dated sheet its own calendar file with the same events', () => {
    for (const rm of model.feuilles_de_route) {
      const all = events(join(dir, `${rm.id}.ics`));
      for (const f of rm.fiches) {
        const path = join(dir, rm.id, `${f.id}.ics`);
        expect(existsSync(path), path).toBe(dated(f) || Boolean(f.calendrier?.recurrence.length && (f.calendrier.debut ?? rm.periode.debut)));
        if (!existsSync(path)) continue;
        const own = events(path);
        expect(own.map((e) => e.uid)).toEqual(all.filter((e) => e.uid.startsWith(`${rm.id}.${f.id}.`)).map((e) => e.uid));
        expect(own.map((e) => [e.start, e.end, e.summary])).toEqual(all.filter((e) => e.uid.startsWith(`${rm.id}.${f.id}.`)).map((e) => [e.start, e.end, e.summary]));
      }
    }
  });

  it('turn the Mednum49 A.1.2.b annual schedule into yearly recurrences until the roadmap ends', () => {
    const evs = events(join(dir, 'mednum49-2023-2025', 'a-1-2-b.ics')).filter((e) => e.rrule);
    expect(evs).toHaveLength(5);
    const cohort = evs.find((e) => e.summary.includes('cohorte'))!;
    expect(cohort.start).toBe('2023-10-01');
    expect(cohort.end).toBe('2024-07-01'); // October to June, across the new year, DTEND exclusive
    expect(cohort.rrule!.freq).toBe('YEARLY');
    expect(cohort.rrule!.until!.toString()).toBe('2025-12-31');
    const it = cohort.event.iterator();
    const starts: string[] = [];
    for (let next = it.next(); next; next = it.next()) starts.push(next.toString());
    expect(starts).toEqual(['2023-10-01', '2024-10-01', '2025-10-01']);
    const april = evs.find((e) => e.start === '2023-04-01')!;
    expect(april.end).toBe('2023-05-01');
    expect(april.summary).toContain('lancement projet, communication');
    expect(april.url).toBe(sheetUrl('mednum49-2023-2025', 'a-1-2-b'));
  });

  it('fold long lines at 75 octets without cutting a character, and escape text', () => {
    for (const rm of model.feuilles_de_route) {
      const text = readFileSync(join(dir, `${rm.id}.ics`), 'utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[^\r]\n/);
    }
    const long = `DESCRIPTION:${'é'.repeat(80)}`;
    const folded = foldLine(long);
    expect(folded.split('\r\n ').join('')).toBe(long);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    const evs = events(join(dir, 'mednum49-2023-2025', 'a-1-2-b.ics'));
    expect(evs[0]!.description).toContain('avril de chaque année: lancement projet, communication');
  });
});
