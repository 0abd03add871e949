/**
 * The one function that decides what a calendar shows (calendarView), and the
 * outputs that derive from it: each case below once disagreed between the Gantt,
 * the tables and the iCalendar export.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloads } from '../src/lib/export/catalogue.ts';
import { sheetEvents, type IcalOptions } from '../src/lib/export/ical.ts';
import { calendarView, followedPeriod } from '../src/lib/model/calendar-view.ts';
import type { Model, ModelRoadmap, ModelSheet } from '../src/lib/model/types.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { formatCalendarPeriod } from '../src/lib/site/display.ts';
import { ganttRows } from '../src/lib/site/gantt-view.ts';
import { activeInYear, layoutBar, mermaidGantt, roadmapTimeline } from '../src/lib/site/timeline.ts';
import { normaliseCalendar, type CalendarInput, type Period } from '../src/lib/values/calendar.ts';
import { dateText, periodText, unitOf } from '../src/lib/values/date-text.ts';

const root = join(import.meta.dirname, '..');
const ROADMAP: Period = { debut: '2023-01-01', fin: '2025-12-31' };
const cal = (input: CalendarInput, period: Period = ROADMAP) => normaliseCalendar(input, period)!;
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;

const ical: IcalOptions = { sheetUrl: (rm, id) => `https://exemple.fr/${rm}/${id}/`, roadmapUrl: (rm) => `https://exemple.fr/${rm}/`, today: '2024-03-15', host: 'exemple.fr' };
function sheetWith(input: CalendarInput, period: Period = ROADMAP): { rm: ModelRoadmap; f: ModelSheet } {
  const f = { id: 'f', code: '1.1', titre: 'Une fiche', calendrier: cal(input, period), sous_actions: [] } as unknown as ModelSheet;
  const rm = { id: 'rm', titre: 'Feuille', titre_court: null, periode: { ...period, texte: null }, fiches: [f] } as unknown as ModelRoadmap;
  return { rm, f };
}

describe('dates at their precision', () => {
  it('names a bound by the unit it is known to, never by an ISO day', () => {
    expect(dateText('2024-03-15', 'jour')).toBe('15 mars 2024');
    expect(dateText('2024-03-01', 'jour')).toBe('1er mars 2024');
    expect(dateText('2024-03-31', 'mois')).toBe('mars 2024');
    expect(dateText('2024-03-31', 'trimestre')).toBe('T1 2024');
    expect(dateText('2024-09-30', 'trimestre')).toBe('T3 2024');
    expect(dateText('2024-06-30', 'semestre')).toBe('1er semestre 2024');
    expect(dateText('2024-12-31', 'semestre')).toBe('2e semestre 2024');
    expect(dateText('2024-04-01', 'saison')).toBe('printemps 2024');
    expect(dateText('2024-02-29', 'saison')).toBe('hiver 2023'); // December 2023 to February 2024, as "hiver 2023" is parsed
    expect(dateText('2024-12-31', 'annee')).toBe('2024');
  });

  it('gives the unit around a day, winter crossing the new year', () => {
    expect(unitOf('2024-02-10', 'saison')).toEqual({ debut: '2023-12-01', fin: '2024-02-29' });
    expect(unitOf('2020-12-31', 'annee')).toEqual({ debut: '2020-01-01', fin: '2020-12-31' });
    expect(unitOf('2025-11-30', 'trimestre')).toEqual({ debut: '2025-10-01', fin: '2025-12-31' });
  });

  it('writes a period with each bound at its own precision', () => {
    expect(periodText('2019-04-01', '2021-09-30', 'mois', 'mois')).toBe('avril 2019 – septembre 2021');
    expect(periodText('2024-07-01', '2024-09-30', 'trimestre', 'trimestre')).toBe('T3 2024');
    expect(calendarView(cal({ debut: 'avril 2019', fin: 'septembre 2021' }), ROADMAP).texte).toBe('avril 2019 – septembre 2021');
  });

  it('gives Gantt tooltips in words at the precision of the source (they were ISO days)', () => {
    const bar = layoutBar(cal({ debut: 'avril 2019', fin: 'septembre 2021' }), { start: '2019-01-01', end: '2021-12-31' }, ROADMAP);
    expect(bar.segments.map((s) => s.texte)).toEqual(['avril 2019 – septembre 2021']);
    const model = validateProject(root, join(root, 'tests', 'fixtures', 'timeline')).model;
    for (const rm of model.feuilles_de_route) {
      for (const row of ganttRows(roadmapTimeline(rm, '2024-03-15'), () => null)) {
        for (const s of row.spans) expect(s.title, row.key).not.toMatch(ISO_DAY);
        expect(row.period, row.key).not.toMatch(ISO_DAY);
      }
    }
  });
});

describe('annual schedules', () => {
  const schedule = { recurrence: [{ mois: 'octobre-juin', libelle: 'cohorte' }] };

  it('repeat over the calendar bounds, every occurrence clipped to them', () => {
    const view = calendarView(cal(schedule), ROADMAP);
    expect(view.periodes.map((p) => [p.debut, p.fin, p.coupe_debut, p.coupe_fin, p.texte])).toEqual([
      ['2023-01-01', '2023-06-30', true, false, 'janvier 2023 – juin 2023'],
      ['2023-10-01', '2024-06-30', false, false, 'octobre 2023 – juin 2024'],
      ['2024-10-01', '2025-06-30', false, false, 'octobre 2024 – juin 2025'],
      ['2025-10-01', '2025-12-31', false, true, 'octobre 2025 – décembre 2025'],
    ]);
    expect(view.texte).toBe('Chaque année, 2023 – 2025');
  });

  it('become iCal events that never run past the sheet\'s end (an RRULE ran the last cohort to June 2026)', () => {
    const { rm, f } = sheetWith(schedule);
    const events = sheetEvents(rm, f, ical);
    expect(events.map((e) => [e.start, e.endExclusive])).toEqual([
      ['2023-01-01', '2023-07-01'], ['2023-10-01', '2024-07-01'], ['2024-10-01', '2025-07-01'], ['2025-10-01', '2026-01-01'],
    ]);
    expect(new Set(events.map((e) => e.uid)).size).toBe(4);
    expect(events.every((e) => !('yearlyUntil' in e))).toBe(true);
  });

  it('follow, on a roadmap without a period, the years its sheets cover, in the Gantt and in iCal alike', () => {
    const model = validateProject(root, join(root, 'tests', 'fixtures', 'timeline')).model;
    const rm = model.feuilles_de_route.find((r) => r.id === 'ancienne')!;
    const f = rm.fiches.find((s) => s.id === 'x-2')!;
    expect(rm.periode.debut).toBeNull();
    const events = sheetEvents(rm, f, ical);
    expect(events.map((e) => e.start)).toEqual(calendarView(f.calendrier!, followedPeriod(rm)).periodes.map((p) => p.debut));
    expect(events.length).toBeGreaterThan(0); // before: no event at all, while the Gantt drew four
  });
});

describe('loose dates', () => {
  const P: Period = { debut: '2023-01-01', fin: '2025-12-31' };
  it('say they are approximate rather than claim the quarter or year they are read as', () => {
    expect(calendarView(cal({ debut: 'début 2023' }, P), P).texte).toBe('T1 2023 – fin non précisée (date approximative)');
    expect(calendarView(cal({ debut: 'mars 2023', fin: 'juin 2024' }, P), P).texte).toBe('mars 2023 – juin 2024');
    expect(calendarView(cal({ fin: '2024' }, P), P).texte).toBe('Échéance : 2024');
  });
});

describe('deadlines (only an end)', () => {
  const deadline = { texte: 'un chantier ambitieux (s’étalant jusqu’à l’horizon 2020)', fin: "à l'horizon 2020" };
  const SCORAN: Period = { debut: '2013-01-01', fin: '2020-12-31' };

  it('are named as deadlines and shown over the unit their date is known to', () => {
    const view = calendarView(cal(deadline, SCORAN), SCORAN);
    expect(view.echeance).toBe(true);
    expect(view.texte).toBe('Échéance : 2020 (date approximative)');
    expect(view.periodes).toMatchObject([{ type: 'echeance', debut: '2020-01-01', fin: '2020-12-31', precision_debut: 'annee', texte: 'Échéance : 2020 (date approximative)' }]);
    expect(formatCalendarPeriod(cal(deadline, SCORAN), SCORAN)).toBe('Échéance : 2020 (date approximative)');
  });

  it('do not fill the years before the deadline on the year calendars, nor on the bar', () => {
    const c = cal(deadline, SCORAN);
    expect(activeInYear(c, SCORAN, 2013)).toBe(false); // the bar filled all of 2013 while the table said 2020
    expect(activeInYear(c, SCORAN, 2019)).toBe(false);
    expect(activeInYear(c, SCORAN, 2020)).toBe(true);
    const bar = layoutBar(c, { start: '2013-01-01', end: '2020-12-31' }, SCORAN);
    expect(bar.deadline).toBe(true);
    expect(bar.segments.map((s) => [s.kind, s.start, s.end, s.texte])).toEqual([['echeance', '2020-01-01', '2020-12-31', 'Échéance : 2020 (date approximative)']]);
  });

  it('are named as deadlines in the Mermaid source too', () => {
    const model = validateProject(root, join(root, 'tests', 'fixtures', 'timeline')).model;
    const suivi = model.feuilles_de_route.find((r) => r.id === 'suivi')!;
    const a8 = suivi.fiches.find((f) => f.id === 'a-8')!;
    expect(a8.calendrier!.affichage.echeance).toBe(true);
    const task = mermaidGantt(suivi).split('\n').find((l) => l.includes(':a_8,'));
    expect(task).toBe(`    ${a8.code} ${a8.titre} (échéance) :a_8, 2025-10-01, 2025-12-31`);
  });

  it('are one iCal event over that unit, named "Échéance" (it was a one-day event with no word of a deadline)', () => {
    const { rm, f } = sheetWith(deadline, SCORAN);
    const [event, ...rest] = sheetEvents(rm, f, ical);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ start: '2020-01-01', endExclusive: '2021-01-01', summary: 'Échéance : 1.1 Une fiche' });
    expect(event!.description.startsWith('Échéance : 2020 (date approximative)\n')).toBe(true);
  });
});

describe('empty calendars', () => {
  it('get no .ics file: a roadmap or sheet with no event is not published as a calendar', () => {
    const model = validateProject(root, join(root, 'tests', 'fixtures', 'valide')).model;
    const undated: Model = { ...model, feuilles_de_route: model.feuilles_de_route.map((rm) => ({ ...rm, fiches: rm.fiches.map((f) => ({ ...f, calendrier: null })) })) };
    const context = { today: '2024-03-15', site: 'https://exemple.fr', base: '/', history: () => [] };
    expect(downloads({ ...context, model }).some((d) => d.chemin.endsWith('.ics'))).toBe(true);
    expect(downloads({ ...context, model: undated }).filter((d) => d.chemin.endsWith('.ics'))).toEqual([]);
    for (const d of downloads({ ...context, model }).filter((x) => x.chemin.endsWith('.ics'))) expect(d.contenu(), d.chemin).toContain('BEGIN:VEVENT');
  });
});

describe('open periods', () => {
  it('say whether the source gives no end or says "sans fin"', () => {
    expect(calendarView(cal({ debut: 'septembre 2014' }), ROADMAP).texte).toBe('septembre 2014 – fin non précisée');
    expect(calendarView(cal({ debut: 'septembre 2014', fin: 'sans fin' }), ROADMAP).texte).toBe('septembre 2014 – sans fin');
    const { rm, f } = sheetWith({ debut: 'septembre 2014' });
    expect(sheetEvents(rm, f, ical)).toMatchObject([{ start: '2014-09-01', endExclusive: '2014-10-01', summary: 'Début : 1.1 Une fiche' }]);
  });
});
