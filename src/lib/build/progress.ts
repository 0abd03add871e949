/**
 * What `npm run build` tells whoever waits for it: one line per step with its counts and
 * duration, and on a terminal a progress bar while the pages render. Pure text; the
 * command (src/cli/build.ts) decides where and when it is written.
 */
import { fr } from '../i18n/fr.ts';
import type { Model } from '../model/types.ts';
import { activeYearsOfModel } from '../site/calendar-years.ts';
import { plural } from '../values/text.ts';

/** Pages outside the roadmaps: home, 404, actors' index, calendar, glossary, guide, search, data, progress, news. */
const SITE_PAGES = 11;
/** Pages of a roadmap besides its nodes and sheets: its home, its calendar, its list of sheets, its whole document, and the embeds of its summary and calendar. */
const ROADMAP_PAGES = 6;

/** About how many HTML pages the site has: the length of the progress bar, never shown as a promise. */
export function expectedPages(model: Model): number {
  // Each sheet has its page and its embed (/integrer/).
  const roadmaps = model.feuilles_de_route.reduce((n, r) => n + ROADMAP_PAGES + r.noeuds.length + 2 * r.fiches.length, 0);
  return SITE_PAGES + model.acteurs.length + activeYearsOfModel(model).length + roadmaps;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;

export const countsText = (c: { feuilles_de_route: number; fiches: number }) =>
  `${plural(c.feuilles_de_route, 'feuille de route', 'feuilles de route')}, ${plural(c.fiches, 'fiche', 'fiches')}`;
export const pagesText = fr.document.pages;

/** « [██████░░░░░░] 210 pages » : the bar stops short of full until the step is over. */
export function progressBar(done: number, expected: number, width = 24): string {
  const ratio = expected > 0 ? Math.min(done / expected, 0.99) : 0;
  const full = Math.floor(ratio * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${pagesText(done)}`;
}

/** A finished step, as printed on a terminal and in CI logs alike. */
export const stepLine = (label: string, result: string, ms: number) => `${label} : ${result} (${seconds(ms)})`;

/** The placeholder address astro.config.mjs falls back on. */
export const PLACEHOLDER_SITE = 'https://jalons.example.org';

/**
 * In CI, without JALONS_SITE, a published site would point its absolute links at the placeholder:
 * one line saying so (a GitHub annotation on GitHub Actions); nothing on an editor's own machine.
 */
export function siteWarning(env: Record<string, string | undefined>): string | null {
  if (env['JALONS_SITE'] || !env['CI']) return null;
  const text = `JALONS_SITE n'est pas défini : les liens absolus du site (adresses canoniques, plan du site, flux Atom, identifiants des calendriers) visent l'adresse fictive ${PLACEHOLDER_SITE}. Donnez l'adresse publique du site : JALONS_SITE=https://exemple.fr.`;
  return env['GITHUB_ACTIONS'] ? `::warning title=JALONS_SITE::${text}` : `⚠ ${text}`;
}
