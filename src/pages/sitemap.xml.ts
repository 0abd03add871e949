/// <reference types="astro/client" />
/**
 * sitemap.xml: every HTML page of the site, as absolute URLs. The list follows the
 * routes in src/pages; a test compares it with the HTML files of the built site.
 */
import type { APIRoute } from 'astro';
import { getSite } from '../data/site.ts';
import { activeYearsOfModel } from '../lib/site/calendar-years.ts';
import { decliningRoadmaps } from '../lib/site/coverage.ts';
import { makeUrls } from '../lib/site/urls.ts';

export const GET: APIRoute = () => {
  const { model, roadmaps } = getSite();
  const u = makeUrls(import.meta.env.BASE_URL);
  const paths = [
    u.home(), u.actors(), u.calendar(), u.calendarAllYears(), u.glossary(), u.search(), u.asset('guide/'), u.asset('donnees/'), u.asset('avancement/'), u.asset('actualites/'),
    ...model.acteurs.map((a) => u.actor(a.id)),
    ...activeYearsOfModel(model).map((y) => u.calendarYear(y)),
    ...model.feuilles_de_route.flatMap((rm) => [
      u.roadmap(rm.id), u.roadmapCalendar(rm.id), u.roadmapTable(rm.id), u.roadmapDocument(rm.id),
      ...(decliningRoadmaps(rm, roadmaps).length > 0 ? [u.roadmapCoverage(rm.id)] : []),
      ...rm.noeuds.map((n) => u.entry(rm.id, n.id)),
      ...rm.fiches.map((f) => u.entry(rm.id, f.id)),
    ]),
  ];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...paths.map((p) => `  <url><loc>${esc(new URL(p, import.meta.env.SITE).href)}</loc></url>`),
    '</urlset>',
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
