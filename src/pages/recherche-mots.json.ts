/// <reference types="astro/client" />
/** The site's words, for the search page's « Vouliez-vous dire … ? » (src/lib/site/search-typos.ts). */
import type { APIRoute } from 'astro';
import { getSite } from '../data/site.ts';
import { siteTexts, vocabulary } from '../lib/site/search-typos.ts';

export const GET: APIRoute = () => {
  const site = getSite();
  return new Response(JSON.stringify(vocabulary(siteTexts(site.model, site.synonymes))), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
