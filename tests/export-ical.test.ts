/**
 * The iCalendar exports, read back with ical.js (an independent RFC 5545 parser):
 * every dated period, milestone and annual occurrence of the model is an event on
 * the right days (DTEND exclusive), none past its sheet's end, linked to its sheet, with stable UIDs and a
 * DTSTAMP from the build's date; lines are folded at 75 octets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, inject, it } from 'vitest';
import { foldLine, sheetEvents } from '../src/lib/export/ical.ts';
import { followedPeriod } from '../src/lib/model/calendar-view.ts';
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
      const path = join(dir, `${rm.id}.ics`);
      if (!existsSync(path)) {
        // No calendar file for a roadmap without any event (RFC 5545 wants at least one).
        expect(rm.fiches.some((f) => sheetEvents(rm, f, { sheetUrl, roadmapUrl: (id) => new URL(`${id}/`, base).href, today, host: base.hostname }).length > 0), rm.id).toBe(false);
        continue;
      }
      const evs = events(path);
      expect(evs.length).toBeGreaterThan(0);
      const byUid = new Map(evs.map((e) => [e.uid, e]));
      expect(byUid.size).toBe(evs.length);
      for (const f of rm.fiches) {
        const cal = f.calendrier;
        if (!cal) continue;
        const prefix = `${rm.id}.${f.id}.`;
        if ((cal.debut || cal.fin) && !cal.recurrence.length && !cal.jalons.length) {
          const e = evs.find((x) => x.uid.startsWith(`${prefix}periode@`))!;
          expect(e, `${rm.id}/${f.id}`).toBeDefined();
          if (cal.debut && cal.fin) {
            expect(e.start).toBe(cal.debut);
            expect(e.end).toBe(nextDay(cal.fin));
          } else if (cal.fin) {
            // A deadline: the unit its date is known to, named as a deadline.
            expect(e.end).toBe(nextDay(cal.fin));
            expect(e.summary).toMatch(/^Échéance : /);
            expect(e.description).toMatch(/^Échéance : /);
          } else {
            expect(e.start).toBe(cal.debut);
            expect(e.summary).toMatch(/^Début : /);
          }
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
      expect(evs.every((e) => e.rrule === null)).toBe(true);
    }
  });

  it('give each dated sheet its own calendar file with the same events', () => {
    for (const rm of model.feuilles_de_route) {
      const roadmapFile = join(dir, `${rm.id}.ics`);
      const all = existsSync(roadmapFile) ? events(roadmapFile) : [];
      for (const f of rm.fiches) {
        const path = join(dir, rm.id, `${f.id}.ics`);
        expect(existsSync(path), path).toBe(dated(f) || Boolean(f.calendrier?.recurrence.length && (f.calendrier.debut ?? followedPeriod(rm).debut)));
        if (!existsSync(path)) continue;
        const own = events(path);
        expect(own.length).toBeGreaterThan(0);
        expect(own.map((e) => e.uid)).toEqual(all.filter((e) => e.uid.startsWith(`${rm.id}.${f.id}.`)).map((e) => e.uid));
        expect(own.map((e) => [e.start, e.end, e.summary])).toEqual(all.filter((e) => e.uid.startsWith(`${rm.id}.${f.id}.`)).map((e) => [e.start, e.end, e.summary]));
      }
    }
  });

  it('write the Mednum49 A.1.2.b annual schedule as one event per year, none running past the roadmap end', () => {
    // Before: one RRULE per step until 2025-12-31, whose last "octobre-juin" cohort ran to June 2026.
    const evs = events(join(dir, 'mednum49-2023-2025', 'a-1-2-b.ics'));
    expect(evs.every((e) => e.rrule === null)).toBe(true);
    expect(evs.every((e) => e.end <= '2026-01-01' && e.start >= '2023-01-01')).toBe(true);
    const cohort = evs.filter((e) => e.summary.includes('cohorte'));
    expect(cohort.map((e) => [e.start, e.end])).toEqual([
      ['2023-01-01', '2023-07-01'], // the tail of the cohort begun in October 2022, as the Gantt draws it
      ['2023-10-01', '2024-07-01'], // October to June, across the new year, DTEND exclusive
      ['2024-10-01', '2025-07-01'],
      ['2025-10-01', '2026-01-01'], // clipped at the sheet's end, 31 December 2025
    ]);
    expect(cohort[1]!.description).toMatch(/^octobre 2023 – juin 2024\n/);
    const april = evs.filter((e) => e.summary.includes('lancement projet, communication'));
    expect(april.map((e) => [e.start, e.end])).toEqual([['2023-04-01', '2023-05-01'], ['2024-04-01', '2024-05-01'], ['2025-04-01', '2025-05-01']]);
    expect(april[0]!.url).toBe(sheetUrl('mednum49-2023-2025', 'a-1-2-b'));
    expect(evs).toHaveLength(3 + 3 + 3 + 3 + 4);
  });

  it('fold long lines at 75 octets without cutting a character, and escape text', () => {
    for (const rm of model.feuilles_de_route) {
      if (!existsSync(join(dir, `${rm.id}.ics`))) continue;
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
