/**
 * Every output of the built site says the same thing about the same sheet's
 * dates. For every dated sheet of the real content: the published JSON model's
 * `affichage`, the sheet's iCalendar file, the roadmap calendar's table ("Période")
 * and its Gantt bars (tooltips) give the same periods at the same precision; no
 * event runs past the sheet's end; a deadline is named as one everywhere; a
 * deadline only appears on the year calendar of its own year. And no .ics file is
 * empty, nor is any linked without existing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, inject, it } from 'vitest';
import type { Model, ModelCalendar } from '../src/lib/model/types.ts';
import { periodText, unitOf } from '../src/lib/values/date-text.ts';

const siteDir = inject('siteDir');
const model = JSON.parse(readFileSync(join(siteDir, 'donnees', 'jalons.json'), 'utf8')) as Model;
const base = new URL('.', readFileSync(join(siteDir, 'robots.txt'), 'utf8').match(/Sitemap: (\S+)/)![1]!);
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .trim();

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

interface Ev { start: string; end: string; summary: string; description: string; recurring: boolean }
function events(path: string): Ev[] {
  const comp = new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8')));
  return comp.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { start: e.startDate.toString(), end: e.endDate.toString(), summary: e.summary, description: e.description, recurring: v.hasProperty('rrule') };
  });
}

/** The table's period text and the Gantt bars' tooltips of every row of a calendar page, by row key. */
function calendarPage(path: string): { period: Map<string, string>; tooltips: Map<string, string[]> } {
  const html = readFileSync(path, 'utf8');
  const period = new Map<string, string>();
  for (const m of html.matchAll(/<tr data-cle="([^"]+)">(.*?)<\/tr>/gs)) {
    const cells = [...m[2]!.matchAll(/<td(?: [^>]*)?>(.*?)<\/td>/gs)].map((c) => c[1]!);
    period.set(m[1]!, decode(cells.at(-1) ?? ''));
  }
  const tooltips = new Map<string, string[]>();
  const rows = html.split(/<div class="gantt-ligne[^"]*" data-cle="/).slice(1);
  for (const row of rows) {
    const key = row.slice(0, row.indexOf('"'));
    const track = row.slice(row.indexOf('class="gantt-piste"'));
    const titles = [...track.matchAll(/class="gantt-(?:barre|flou)[^"]*"[^>]*title="([^"]*)"/g)].map((t) => decode(t[1]!));
    tooltips.set(key, [...new Set(titles)].sort());
  }
  return { period, tooltips };
}

const dated = model.feuilles_de_route.flatMap((rm) =>
  rm.fiches
    .filter((f): f is typeof f & { calendrier: ModelCalendar } => Boolean(f.calendrier && (f.calendrier.affichage.periodes.length || f.calendrier.jalons.length)))
    .map((f) => ({ rm, f, cal: f.calendrier })),
);

describe('every output says the same thing about a sheet\'s dates', () => {
  it('finds the dated sheets of the real content, deadlines and annual schedules among them', () => {
    expect(dated.length).toBeGreaterThan(20);
    expect(dated.some((d) => d.cal.affichage.echeance)).toBe(true);
    expect(dated.some((d) => d.cal.recurrence.length > 0)).toBe(true);
  });

  it('the iCal file of each dated sheet holds exactly its displayed periods and milestones, none past the sheet\'s end', () => {
    for (const { rm, f, cal } of dated) {
      const where = `${rm.id}/${f.id}`;
      const path = join(siteDir, 'donnees', rm.id, `${f.id}.ics`);
      expect(existsSync(path), where).toBe(true);
      const evs = events(path);
      expect(evs.some((e) => e.recurring), where).toBe(false);
      const expected = [
        // Work with no end: its start, over the unit the start is known to.
        ...cal.affichage.periodes.map((p) => [p.debut, nextDay(p.fin ?? unitOf(p.debut, p.precision_debut).fin)]),
        ...cal.jalons.map((j) => [j.debut, nextDay(j.fin)]),
      ];
      expect(evs.map((e) => [e.start, e.end]).sort(), where).toEqual(expected.sort());
      const last = [...cal.affichage.periodes.map((p) => p.fin), ...cal.jalons.map((j) => j.fin), cal.fin, cal.recurrence.length ? rm.periode.fin : null]
        .filter((d): d is string => Boolean(d)).sort().at(-1);
      if (cal.fin || (cal.recurrence.length && rm.periode.fin)) for (const e of evs) expect(e.end <= nextDay(last!), `${where} ${e.start}→${e.end}`).toBe(true);
      // Each period's words, at their precision, are the first line of its event's description.
      for (const p of cal.affichage.periodes) {
        const e = evs.find((x) => x.start === p.debut)!;
        expect(e.description.split('\n')[0], where).toBe(p.texte);
      }
      if (cal.affichage.echeance) expect(evs.filter((e) => e.summary.startsWith('Échéance : ')), where).toHaveLength(1);
    }
  });

  it('the calendar table names the same period as the JSON model, at its precision, deadlines as deadlines', () => {
    for (const rm of model.feuilles_de_route) {
      const page = join(siteDir, rm.id, 'calendrier', 'index.html');
      const own = dated.filter((d) => d.rm.id === rm.id);
      if (own.length === 0) continue;
      const { period } = calendarPage(page);
      for (const { f, cal } of own) {
        const text = period.get(`${rm.id}/${f.id}`);
        expect(text, `${rm.id}/${f.id}`).toBe(cal.affichage.texte);
        expect(text).not.toMatch(ISO_DAY);
        if (cal.affichage.echeance) expect(text).toMatch(/^Échéance : /);
      }
    }
  });

  it('the Gantt bars carry the same periods in their tooltips, in words, never ISO days', () => {
    for (const rm of model.feuilles_de_route) {
      const own = dated.filter((d) => d.rm.id === rm.id);
      if (own.length === 0) continue;
      const { tooltips } = calendarPage(join(siteDir, rm.id, 'calendrier', 'index.html'));
      for (const { f, cal } of own) {
        const where = `${rm.id}/${f.id}`;
        const expected = [
          ...cal.affichage.periodes.map((p) => (p.libelle ? `${p.libelle} (${p.texte})` : p.texte)),
          ...cal.jalons.map((j) => `${j.libelle} (${tooltipOfMilestone(cal, j.debut)})`),
        ];
        expect(tooltips.get(where), where).toEqual([...new Set(expected)].sort());
        for (const t of tooltips.get(where)!) expect(t, where).not.toMatch(ISO_DAY);
        if (cal.affichage.echeance) expect(tooltips.get(where)!.some((t) => t.startsWith('Échéance : ')), where).toBe(true);
      }
    }
  });

  it('a deadline appears on the year calendar of its own year only, not on the years before it', () => {
    const years = readdirSync(join(siteDir, 'calendrier'), { withFileTypes: true }).filter((e) => e.isDirectory() && /^\d{4}$/.test(e.name)).map((e) => Number(e.name));
    expect(years.length).toBeGreaterThan(0);
    const deadlines = dated.filter((d) => d.cal.affichage.echeance && d.cal.jalons.length === 0);
    expect(deadlines.length).toBeGreaterThan(0);
    for (const year of years) {
      const { period, tooltips } = calendarPage(join(siteDir, 'calendrier', String(year), 'index.html'));
      for (const { rm, f, cal } of deadlines) {
        const key = `${rm.id}/${f.id}`;
        const [p] = cal.affichage.periodes;
        const inYear = Number(p!.debut.slice(0, 4)) <= year && year <= Number(p!.fin!.slice(0, 4));
        expect(period.has(key), `${key} en ${year}`).toBe(inYear);
        if (inYear) {
          expect(period.get(key)).toBe(cal.affichage.texte);
          expect(tooltips.get(key)).toEqual([cal.affichage.texte]);
        }
      }
    }
  });
});

/** A milestone's tooltip names its interval at its precision, as the JSON model gives it. */
function tooltipOfMilestone(cal: ModelCalendar, debut: string): string {
  const j = cal.jalons.find((x) => x.debut === debut)!;
  return periodText(j.debut, j.fin, j.precision, j.precision);
}

describe('calendar files', () => {
  const ics = files(siteDir).filter((f) => f.endsWith('.ics'));

  it('no .ics file of the built site is empty (RFC 5545 wants at least one event)', () => {
    expect(ics.length).toBeGreaterThan(0);
    for (const f of ics) expect(events(f).length, relative(siteDir, f)).toBeGreaterThan(0);
    // The Aisne and Maine-et-Loire roadmaps date no sheet: no calendar file for them.
    expect(existsSync(join(siteDir, 'donnees', 'aisne-feuille-de-route-numerique.ics'))).toBe(false);
    expect(existsSync(join(siteDir, 'donnees', 'maine-et-loire-mediation-numerique.ics'))).toBe(false);
  });

  it('no page links to a missing .ics file', () => {
    // Every calendar is linked (from the Données page, and from its sheet's or roadmap's page to subscribe).
    const linked = new Set<string>();
    for (const page of files(siteDir).filter((f) => f.endsWith('.html'))) {
      for (const m of readFileSync(page, 'utf8').matchAll(/href="([^"]+\.ics)"/g)) {
        const path = decodeURI(new URL(m[1]!, new URL(relative(siteDir, page), base)).pathname).slice(base.pathname.length);
        expect(existsSync(join(siteDir, path)), `${relative(siteDir, page)} → ${m[1]}`).toBe(true);
        linked.add(path);
      }
    }
    expect(linked.size).toBe(ics.length);
  });
});
