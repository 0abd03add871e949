/// <reference types="astro/client" />
/**
 * The open-data files of this build, computed once and shared by the page that lists
 * them and the integration that writes them (src/integration.ts).
 */
import { getSite } from '../../data/site.ts';
import { downloads, shareDownloads, type Download } from '../../lib/export/catalogue.ts';

let cached: Download[] | null = null;
let cachedFor: ReturnType<typeof getSite> | null = null;

export function siteDownloads(): Download[] {
  const site = getSite();
  // Under `npm run dev`, getSite() gives a new site once the content changed.
  if (cached && cachedFor === site) return cached;
  cachedFor = site;
  const { model, today } = site;
  cached = downloads({
    model,
    today,
    // Astro's configured `site` (astro.config.mjs): absolute links in feeds and calendars.
    site: import.meta.env.SITE,
    base: import.meta.env.BASE_URL,
    history: () => site.feedCommits(),
    versions: site.versions,
  }).map((d) => {
    // Each file is computed once: for its size on this page, then written by the integration.
    let text: string | null = null;
    return { ...d, contenu: () => (text ??= d.contenu()) };
  });
  shareDownloads(cached);
  return cached;
}
