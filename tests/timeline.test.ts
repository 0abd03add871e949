import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../src/lib/values/calendar.ts';
import type { ModelRoadmap } from '../src/lib/model/types.ts';
import {
  allRoadmapsTimeline,
  isDatedRow,
  layoutBar,
  layoutTimeline,
  mermaidGantt,
  roadmapTimeline,
  timelineRows,
  timelineScale,
  type BarLayout,
  type LaidOutTimeline,
} from '../src/lib/site/timeline.ts';
import { labelPx, MIN_TRACK_PX, openingPct, readableTicks, type TimelineTick } from '../src/lib/site/timeline-scale.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
const load = (name: string) => {
  const result = validateProject(root, join(root, 'tests', 'fixtures', name));
  expect(result.problems).toEqual([]);
  return result.model;
};

const valide = load('valide');
const timeline = load('timeline');
const roadmap = (id: string): ModelRoadmap => {
  const found = [...valide.feuilles_de_route, ...timeline.feuilles_de_route].find((r) => r.id === id);
  if (!found) throw new Error(`no roadmap ${id}`);
  return found;
};

const TODAY = '2024-03-15';
const bars = (laid: LaidOutTimeline) => new Map(laid.rows.filter((r) => r.bar).map((r) => [r.key, r.bar!]));
const barOf = (roadmapId: string, key: string): BarLayout => {
  const bar = bars(roadmapTimeline(roadmap(roadmapId), TODAY)).get(`${roadmapId}/${key}`);
  if (!bar) throw new Error(`no bar for ${key}`);
  return bar;
};
const extent = (bar: BarLayout) => bar.segments.map((s) => [s.kind, s.start, s.end]);
const fullySoft = (s: { softStartPct: number; softEndPct: number }) => s.softStartPct === s.softEndPct;

// A 2023–2025 domain has 1096 days: 1 July 2023 is day 181 → 16.515 %, 1 January 2024 is day 365 → 33.303 %.
const JUL_2023 = 16.515;
const JAN_2024 = 33.303;
const JAN_2025 = 66.697;

describe('rows of a roadmap calendar', () => {
  it('follows the hierarchy: node headings, sheets, their sub-actions, then child sheets one level deeper', () => {
    const { rows, undated } = timelineRows(roadmap('exemple'));
    expect(rows.map((r) => [r.kind, r.depth, r.label])).toEqual([
      ['noeud', 0, 'A Piloter la stratégie'],
      ['noeud', 1, 'A.1'],
      ['fiche', 2, 'A.1.1 Coordination du réseau'],
      ['fiche', 2, 'A.1.2 Services civiques'],
      ['sous_action', 3, 'Formation'],
      ['fiche', 3, 'A.1.2.a Cartographie'],
    ]);
    const sub = rows[4]!;
    expect(sub.kind === 'sous_action' && [sub.id, sub.sousAction]).toEqual(['a-1-2', 0]);
    expect(rows.filter(isDatedRow).every((r) => r.calendar !== null)).toBe(true);
    expect(undated).toEqual([]);
  });

  it('lists undated sheets apart, with the words of their calendar, and counts them', () => {
    const { rows, undated } = timelineRows(roadmap('suivi'));
    expect(undated).toEqual([
      { feuille_de_route: 'suivi', id: 'a-6', code: 'A.6', titre: 'Selon les besoins', texte: 'Besoins du territoire' },
      { feuille_de_route: 'suivi', id: 'a-7', code: 'A.7', titre: 'Programme sans date', texte: null },
      { feuille_de_route: 'suivi', id: 'b-1', code: 'B.1', titre: 'Étude à programmer', texte: null },
    ]);
    expect(undated).toHaveLength(3);
    // Not drawn: no row for a-6 or b-1, and no heading for axis B, which has nothing dated.
    expect(rows.map((r) => r.id)).not.toContain('a-6');
    expect(rows.map((r) => r.label)).not.toContain('B Axe sans date');
  });

  it('keeps an undated sheet as the heading of its dated child sheet, without a bar', () => {
    const laid = roadmapTimeline(roadmap('suivi'), TODAY);
    const i = laid.rows.findIndex((r) => r.id === 'a-7');
    expect(laid.rows[i]).toMatchObject({ kind: 'fiche', depth: 1, calendar: null, bar: null });
    expect(laid.rows[i + 1]).toMatchObject({ kind: 'fiche', id: 'a-7-a', depth: 2 });
    expect(laid.rows[i + 1]!.bar!.label).toBe('T4 2024');
  });
});

describe('bars', () => {
  it('draws "2eme Semestre 2023" from 1 July to 31 December 2023, soft throughout', () => {
    const bar = barOf('exemple', 'a-1-2-a');
    expect(bar.label).toBe('2eme Semestre 2023');
    expect(extent(bar)).toEqual([['periode', '2023-07-01', '2023-12-31']]);
    const [seg] = bar.segments;
    expect([seg!.startPct, seg!.endPct]).toEqual([JUL_2023, JAN_2024]);
    expect(fullySoft(seg!)).toBe(true);
  });

  it('draws "2023-2025" firm in 2024 only: each year-precise bound is soft over its whole year', () => {
    const [seg] = barOf('suivi', 'a-1').segments;
    expect(seg).toMatchObject({ start: '2023-01-01', end: '2025-12-31', startPct: 0, softStartPct: JAN_2024, softEndPct: JAN_2025, endPct: 100 });
  });

  it('draws a day-precise date with no soft zone', () => {
    const [seg] = barOf('suivi', 'a-9').segments;
    expect(seg).toMatchObject({ start: '2024-03-15', end: '2024-03-15' });
    expect([seg!.softStartPct, seg!.softEndPct]).toEqual([seg!.startPct, seg!.endPct]);
  });

  it('draws an approximate date ("mi-2024") soft over its whole interval', () => {
    const [seg] = barOf('suivi', 'a-5').segments;
    expect(seg).toMatchObject({ start: '2024-05-01', end: '2024-08-31', approximatif: true });
    expect(fullySoft(seg!)).toBe(true);
  });

  it('runs open-ended work to the end of the domain and flags it', () => {
    const noEnd = barOf('suivi', 'a-2'); // début septembre 2024, fin « sans fin »
    expect(noEnd.open).toBe(true);
    expect(noEnd.segments[0]).toMatchObject({ start: '2024-09-01', end: '2025-12-31', endPct: 100, softEndPct: 100 });
    const onlyStart = barOf('suivi', 'a-3'); // « à partir de 2024 »: the start is soft over 2024
    expect(onlyStart.open).toBe(true);
    expect(onlyStart.segments[0]).toMatchObject({ startPct: JAN_2024, softStartPct: JAN_2025, endPct: 100 });
  });

  it('draws a calendar with only an end as a deadline over its unit, not as work from the roadmap start', () => {
    // Before: drawn from 1 January 2023 (the roadmap start, which the source does not give) to the end of 2025.
    const bar = barOf('suivi', 'a-8'); // fin « fin 2025 », approximate last quarter
    expect(bar).toMatchObject({ open: false, deadline: true });
    expect(bar.segments).toHaveLength(1);
    expect(bar.segments[0]).toMatchObject({ kind: 'echeance', start: '2025-10-01', end: '2025-12-31', approximatif: true, texte: 'Échéance : T4 2025 (date approximative)' });
    expect(fullySoft(bar.segments[0]!)).toBe(true);
  });

  it('spans the roadmap period for continuous work, firmly', () => {
    const bar = barOf('exemple', 'a-1-1');
    expect(bar.continuous).toBe(true);
    expect(bar.segments).toMatchObject([{ kind: 'periode', startPct: 0, softStartPct: 0, softEndPct: 100, endPct: 100 }]);
  });

  it('repeats an annual "octobre-juin" schedule every year of a 2023–2025 roadmap, clipped to the period', () => {
    const bar = barOf('exemple', 'a-1-2');
    const cohorts = bar.segments.filter((s) => s.label === 'cohorte');
    // The tail of the 2022–2023 cohort is kept: the schedule says the work happens every year in those months.
    expect(cohorts.map((s) => [s.start, s.end, s.cutStart, s.cutEnd])).toEqual([
      ['2023-01-01', '2023-06-30', true, false],
      ['2023-10-01', '2024-06-30', false, false],
      ['2024-10-01', '2025-06-30', false, false],
      ['2025-10-01', '2025-12-31', false, true],
    ]);
    expect(cohorts.every((s) => s.kind === 'recurrence' && !fullySoft(s))).toBe(true);
    expect(bar.segments.filter((s) => s.label === 'lancement').map((s) => s.start)).toEqual(['2023-04-01', '2024-04-01', '2025-04-01']);
    expect(bar.label).toBe('Chaque année : avril (lancement), octobre-juin (cohorte)');
  });

  it('repeats an annual schedule over the years a period-less roadmap covers', () => {
    const cohorts = barOf('ancienne', 'x-2').segments;
    expect(cohorts.map((s) => [s.start, s.end])).toEqual([
      ['2018-01-01', '2018-06-30'],
      ['2018-10-01', '2019-06-30'],
      ['2019-10-01', '2020-06-30'],
      ['2020-10-01', '2020-12-31'],
    ]);
  });

  it('puts milestones at the middle of their interval, without inventing a period between them', () => {
    const bar = barOf('suivi', 'a-4');
    expect(bar.segments.map((s) => s.kind)).toEqual(['jalon', 'jalon']);
    expect(bar.milestones.map((m) => [m.label, m.texte])).toEqual([['Lancement : phase 1', '15/03/2024'], ['Bilan #1; final', 'juin 2024']]);
    const [day, month] = bar.milestones;
    expect(day!.pct).toBeGreaterThan(day!.startPct);
    expect(day!.pct).toBeLessThan(day!.endPct);
    expect(month!.pct).toBeCloseTo((month!.startPct + month!.endPct) / 2, 2);
    expect(fullySoft(bar.segments[1]!)).toBe(true); // « juin 2024 »: anywhere in June
  });

  it('treats a season as a three-month unit, winter crossing the new year', () => {
    const winter: Calendar = {
      texte: 'hiver 2023', debut: '2023-12-01', fin: '2024-02-29', precision: 'saison', precision_debut: 'saison', precision_fin: 'saison',
      approximatif: false, ouvert: false, continu: false, fin_deduite: false, duree: null, recurrence: [], jalons: [],
    };
    const spring = { ...winter, texte: 'hiver 2023 - printemps 2024', fin: '2024-05-31' };
    const domain = { start: '2023-01-01', end: '2024-12-31' };
    expect(fullySoft(layoutBar(winter, domain, { debut: null, fin: null }).segments[0]!)).toBe(true);
    const seg = layoutBar(spring, domain, { debut: null, fin: null }).segments[0]!;
    expect(seg.softStartPct).toBe(seg.softEndPct); // winter ends where spring begins: nothing firm in between
    expect(seg.softStartPct).toBe(58.14); // 1 March 2024: 425 days into a 731-day domain
  });

  it('positions are percentages rounded to 3 decimals, within 0–100', () => {
    for (const bar of bars(roadmapTimeline(roadmap('suivi'), TODAY)).values()) {
      for (const s of bar.segments) {
        for (const x of [s.startPct, s.softStartPct, s.softEndPct, s.endPct]) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(100);
          expect(Math.round(x * 1000) / 1000).toBe(x);
        }
        expect(s.startPct <= s.softStartPct && s.softStartPct <= s.softEndPct && s.softEndPct <= s.endPct).toBe(true);
      }
    }
  });
});

describe('scale', () => {
  const kinds = (scale: ReturnType<typeof timelineScale>) => scale.ticks.reduce<Record<string, number>>((n, t) => ({ ...n, [t.kind]: (n[t.kind] ?? 0) + 1 }), {});

  it('uses years and quarters above three years (2018–2025)', () => {
    const scale = timelineScale('2018-01-01', '2025-12-31', TODAY);
    expect(scale.subdivision).toBe('trimestre');
    expect(kinds(scale)).toEqual({ annee: 8, trimestre: 32 });
    expect(scale.ticks.find((t) => t.kind === 'trimestre')).toMatchObject({ label: 'T1', titre: '1er trimestre 2018', debut: '2018-01-01', fin: '2018-03-31', start: 0 });
  });

  it('uses months, under their years, for a one-year span and for exactly three years', () => {
    const year = timelineScale('2024-01-01', '2024-12-31', TODAY);
    expect(year.subdivision).toBe('mois');
    expect(kinds(year)).toEqual({ annee: 1, mois: 12 });
    expect(year.ticks.filter((t) => t.kind === 'mois').map((t) => t.label).slice(0, 3)).toEqual(['janv.', 'févr.', 'mars']);
    expect(timelineScale('2023-01-01', '2025-12-31', TODAY).subdivision).toBe('mois');
  });

  it('widens the domain to whole years', () => {
    expect(timelineScale('2023-03-15', '2023-09-01', TODAY)).toMatchObject({ start: '2023-01-01', end: '2023-12-31' });
    const last = timelineScale('2023-03-15', '2024-02-01', TODAY).ticks.filter((t) => t.kind === 'annee').at(-1);
    expect(last).toMatchObject({ label: '2024', end: 100 });
  });

  it("places today's marker, or none outside the domain", () => {
    // 2024 is a leap year: 1 July is day 182 of 366.
    expect(timelineScale('2024-01-01', '2024-12-31', '2024-07-01').todayPct).toBe(49.727);
    expect(timelineScale('2024-01-01', '2024-12-31', '2024-01-01').todayPct).toBe(0);
    expect(timelineScale('2024-01-01', '2024-12-31', '2025-01-01').todayPct).toBeNull();
  });

  it('takes the roadmap period, widened to every bar and milestone', () => {
    const laid = roadmapTimeline(roadmap('exemple'), TODAY);
    expect(laid.scale).toMatchObject({ start: '2023-01-01', end: '2025-12-31', subdivision: 'mois', todayPct: 40.055 });
    // Without a period, the dated sheets decide.
    expect(roadmapTimeline(roadmap('ancienne'), TODAY).scale).toMatchObject({ start: '2018-01-01', end: '2020-12-31', todayPct: null });
  });
});

describe('Mermaid gantt source', () => {
  const TASK = /^ {4}(?<name>[^:#;]+?) :(?<data>[^:#;]+)$/;

  it('writes a header, a section per top-level node and one task per dated sheet and sub-action', () => {
    const lines = mermaidGantt(roadmap('exemple')).trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual(['gantt', "    title Feuille de route d'exemple", '    dateFormat YYYY-MM-DD', '    inclusiveEndDates']);
    expect(lines[4]).toBe('    section A Piloter la stratégie');
    const tasks = lines.slice(5).map((line) => line.match(TASK)?.groups);
    expect(tasks.every(Boolean)).toBe(true);
    expect(tasks.map((t) => `${t!.name} :${t!.data}`)).toEqual([
      'A.1.1 Coordination du réseau :a_1_1, 2023-01-01, 2025-12-31',
      'A.1.2 Services civiques – lancement :a_1_2_r1, 2023-04-01, 2023-04-30',
      'A.1.2 Services civiques – lancement :a_1_2_r2, 2024-04-01, 2024-04-30',
      'A.1.2 Services civiques – lancement :a_1_2_r3, 2025-04-01, 2025-04-30',
      'A.1.2 Services civiques – cohorte :a_1_2_r4, 2023-01-01, 2023-06-30',
      'A.1.2 Services civiques – cohorte :a_1_2_r5, 2023-10-01, 2024-06-30',
      'A.1.2 Services civiques – cohorte :a_1_2_r6, 2024-10-01, 2025-06-30',
      'A.1.2 Services civiques – cohorte :a_1_2_r7, 2025-10-01, 2025-12-31',
      'A.1.2 – Formation :a_1_2_sa1, 2023-03-01, 2025-02-28',
      'A.1.2.a Cartographie :a_1_2_a, 2023-07-01, 2023-12-31',
    ]);
  });

  it('strips what Mermaid cannot read from names, writes milestones and says when work has no end', () => {
    const lines = mermaidGantt(roadmap('suivi')).trimEnd().split('\n');
    expect(lines[1]).toBe('    title Suivi la feuille de route 1');
    const tasks = lines.filter((l) => !/^(gantt|\s+(title|dateFormat|inclusiveEndDates|section)\b)/.test(l));
    for (const line of tasks) expect(line).toMatch(TASK);
    const ids = tasks.map((l) => (l.match(TASK)?.groups?.data ?? '').split(', ').find((part) => part !== 'milestone'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(tasks).toContain('    A.4 Plateforme mise en ligne 2 test – Lancement phase 1 :milestone, a_4_j1, 2024-03-15, 0d');
    expect(tasks).toContain('    A.4 Plateforme mise en ligne 2 test – Bilan 1 final :milestone, a_4_j2, 2024-06-16, 0d');
    expect(tasks).toContain('    A.2 Service ouvert (sans fin) :a_2, 2024-09-01, 2025-12-31');
    expect(tasks.join('\n')).not.toMatch(/a_6|b_1/);
    expect(lines.filter((l) => l.startsWith('    section'))).toEqual(['    section A Axe daté']);
  });
});

describe('all roadmaps on one calendar', () => {
  it('groups dated sheets flat under each roadmap', () => {
    const { rows, undated } = allRoadmapsTimeline(timeline);
    expect(rows.filter((r) => r.depth === 0).map((r) => [r.kind, r.label])).toEqual([
      ['feuille_de_route', 'Ancienne feuille de route sans période'],
      ['feuille_de_route', 'Suivi 2023-2025'],
    ]);
    expect(rows.filter((r) => r.kind === 'fiche').every((r) => r.depth === 1)).toBe(true);
    // A sheet dated only through its sub-actions heads them, one level deeper.
    const i = rows.findIndex((r) => r.key === 'ancienne/x-5');
    expect(rows.slice(i, i + 2).map((r) => [r.kind, r.depth, r.label, isDatedRow(r)])).toEqual([
      ['fiche', 1, 'X.5 Programme daté par ses sous-actions', false],
      ['sous_action', 2, 'Enquête', true],
    ]);
    expect(rows.map((r) => r.key)).toContain('suivi/a-7-a');
    expect(undated.map((u) => `${u.feuille_de_route}/${u.id}`)).toEqual(['ancienne/x-4', 'ancienne/x-5', 'suivi/a-6', 'suivi/a-7', 'suivi/b-1']);
  });

  it('keeps, for a given year, the sheets with work or a milestone in it', () => {
    const codes = (year: number, model = timeline) =>
      allRoadmapsTimeline(model, year).rows.map((r) => (r.kind === 'fiche' ? r.code : r.kind === 'sous_action' ? `  ${r.label}` : `[${r.label}]`));
    expect(codes(2019)).toEqual(['[Ancienne feuille de route sans période]', 'X.1', 'X.2', 'X.3', 'X.5', '  Enquête']);
    expect(codes(2021)).toEqual([]);
    expect(codes(2025, valide)).toEqual(['[Exemple 2023-2025]', 'A.1.1', 'A.1.2', '  Formation']);
    expect(codes(2025)).toEqual(['[Suivi 2023-2025]', 'A.1', 'A.2', 'A.3', 'A.8']);
    expect(codes(2030)).toEqual(['[Suivi 2023-2025]', 'A.2', 'A.3']); // open-ended work goes on
  });

  it("lays out one year's calendar on that year alone", () => {
    const laid = layoutTimeline(allRoadmapsTimeline(timeline, 2024), TODAY, { year: 2024 });
    expect(laid.scale).toMatchObject({ start: '2024-01-01', end: '2024-12-31', subdivision: 'mois' });
    const a1 = laid.rows.find((r) => r.key === 'suivi/a-1')!.bar!;
    expect(a1.segments[0]).toMatchObject({ start: '2024-01-01', end: '2024-12-31', startPct: 0, endPct: 100, cutStart: true, cutEnd: true });
    // A continuous action of a roadmap without period spans that roadmap's own years, not everybody's.
    const all = layoutTimeline(allRoadmapsTimeline(timeline), TODAY);
    expect(all.rows.find((r) => r.key === 'ancienne/x-3')!.bar!.segments[0]).toMatchObject({ start: '2018-01-01', end: '2020-12-31' });
  });
});

describe('readable axis labels', () => {
  const labels = (ticks: TimelineTick[], kind: string) => ticks.filter((t) => t.kind === kind && t.label).map((t) => t.label);
  /** Label boxes in px on one band of the axis, estimated with labelPx's generous character width. */
  const boxes = (ticks: TimelineTick[], trackPx: number) =>
    ticks.filter((t) => t.label).map((t) => ({ t, from: (t.start / 100) * trackPx, to: (t.start / 100) * trackPx + labelPx(t.label), room: ((t.end - t.start) / 100) * trackPx }));

  it('never lets two labels overlap nor cuts one, from 1 to 30 years, on the narrowest track and a desktop one', () => {
    for (const trackPx of [MIN_TRACK_PX, 760]) {
      for (let years = 1; years <= 30; years++) {
        const ticks = readableTicks(timelineScale('2001-01-01', `${2000 + years}-12-31`, TODAY), trackPx);
        expect(ticks.filter((t) => t.kind === 'annee')).toHaveLength(years); // every year keeps its tick line
        for (const kind of ['annee', 'sous']) {
          const band = boxes(ticks.filter((t) => (kind === 'annee') === (t.kind === 'annee')), trackPx);
          for (const b of band) expect(b.to - b.from, `${b.t.label} (${years} ans, ${trackPx} px)`).toBeLessThanOrEqual(b.room + 1e-6);
          for (let i = 1; i < band.length; i++) expect(band[i]!.from, `${band[i]!.t.label} (${years} ans)`).toBeGreaterThanOrEqual(band[i - 1]!.to);
        }
        expect(labels(ticks, 'annee').length).toBeGreaterThan(0);
      }
    }
  });

  it('labels every other year and drops quarters on a 2013–2030 calendar (18 years)', () => {
    const ticks = readableTicks(timelineScale('2013-01-01', '2030-12-31', TODAY));
    expect(labels(ticks, 'annee')).toEqual(['2013', '2015', '2017', '2019', '2021', '2023', '2025', '2027', '2029']);
    expect(ticks.filter((t) => t.kind !== 'annee')).toEqual([]);
  });

  it('keeps quarters while « T4 » fits, and turns months that do not fit into quarters', () => {
    expect(labels(readableTicks(timelineScale('2020-01-01', '2025-12-31', TODAY)), 'trimestre')).toHaveLength(24);
    const threeYears = readableTicks(timelineScale('2023-01-01', '2025-12-31', TODAY));
    expect(labels(threeYears, 'mois')).toEqual([]);
    expect(labels(threeYears, 'trimestre').slice(0, 5)).toEqual(['T1', 'T2', 'T3', 'T4', 'T1']);
    expect(labels(readableTicks(timelineScale('2024-01-01', '2024-12-31', TODAY)), 'mois')).toHaveLength(12);
  });
});

describe('where a phone opens the chart', () => {
  it("opens on the year before today's, or at the start when today is early or outside the chart", () => {
    const scale = timelineScale('2013-01-01', '2030-12-31', '2026-12-03');
    const y2025 = scale.ticks.find((t) => t.label === '2025')!;
    expect(openingPct(scale, '2026-12-03')).toBe(y2025.start);
    expect(openingPct(timelineScale('2013-01-01', '2030-12-31', '2014-05-01'), '2014-05-01')).toBeNull();
    expect(openingPct(timelineScale('2023-01-01', '2025-12-31', '2026-12-03'), '2026-12-03')).toBeNull();
  });
});
