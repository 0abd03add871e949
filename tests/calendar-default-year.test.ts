/** The global calendar opens on the current year; every year together, and each year, one link away. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { defaultCalendarYear } from '../src/lib/site/calendar-years.ts';

const siteDir = inject('siteDir');
const today = inject('today');
const read = (...parts: string[]) => readFileSync(join(siteDir, ...parts, 'index.html'), 'utf8');
const nav = (html: string) => html.match(/<nav class="annees"[\s\S]*?<\/nav>/)?.[0] ?? '';

describe('année par défaut du calendrier', () => {
  it('est l\'année du jour quand quelque chose y est prévu, sinon la plus proche (la suivante à égalité)', () => {
    expect(defaultCalendarYear([2023, 2024, 2025], '2024-03-15')).toBe(2024);
    expect(defaultCalendarYear([2019, 2020, 2030], '2026-12-03')).toBe(2030);
    expect(defaultCalendarYear([2019, 2021], '2020-06-01')).toBe(2021);
    expect(defaultCalendarYear([2013, 2014], '2026-01-01')).toBe(2014);
    expect(defaultCalendarYear([], '2026-01-01')).toBeNull();
  });
});

describe('/calendrier/ sur le site construit', () => {
  const year = today.slice(0, 4);
  const html = read('calendrier');

  it('montre l\'année du jour, avec les autres années et « Toutes les années » en navigation', () => {
    expect(html).toContain(`<h1>Prévu en ${year}, toutes feuilles de route</h1>`);
    expect(nav(html)).toContain('<nav class="annees" aria-labelledby="annees-titre">');
    expect(nav(html)).toContain('<p id="annees-titre" class="annees-titre">Choisir une année</p>');
    expect(nav(html)).toMatch(new RegExp(`<a href="/calendrier/${year}/" aria-current="true">${year}</a>`));
    expect(nav(html)).toContain('<a href="/calendrier/toutes/">Toutes les années</a>');
    expect(nav(html)).toMatch(/<a href="\/calendrier\/20\d\d\/">20\d\d<\/a>/);
    // The headings: h1, then the chart's and the table's h2.
    expect([...html.matchAll(/<h([1-3])[^>]*>([^<]*)</g)].map((m) => `h${m[1]} ${m[2]}`)).toEqual([`h1 Prévu en ${year}, toutes feuilles de route`, 'h2 Frise chronologique', 'h2 Tableau des dates']);
  });

  it('garde toutes les années ensemble à une adresse stable, et chaque année à la sienne', () => {
    const all = read('calendrier', 'toutes');
    expect(all).toContain('<h1>Calendrier de toutes les feuilles de route, toutes les années</h1>');
    expect(nav(all)).toContain('<a href="/calendrier/toutes/" aria-current="page">Toutes les années</a>');
    const other = read('calendrier', year);
    expect(nav(other)).toContain(`<a href="/calendrier/${year}/" aria-current="page">${year}</a>`);
    // The year page charts that year only; the all-years page charts more.
    expect(all.length).toBeGreaterThan(html.length);
  });
});
