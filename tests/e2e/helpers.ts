/** Shared by the browser tests: the built site served on loopback, and Chromium. */
import type { BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchBrowser } from '../../scripts/browser.ts';
import { serveStatic, type RunningServer } from '../../scripts/static-server.ts';

export const PAGE_TYPES: Record<string, string> = {
  accueil: '',
  'feuille de route': 'mednum49-2023-2025/',
  'nœud': 'scoran-pays-de-la-loire/os-1-1/',
  fiche: 'mednum49-2023-2025/a-1-2-b/',
  calendrier: 'mednum49-2023-2025/calendrier/',
  tableau: 'scoran-pays-de-la-loire/fiches/',
  document: 'mednum49-2023-2025/document/',
  acteur: 'acteurs/cyb-njou/',
  acteurs: 'acteurs/',
  glossaire: 'glossaire/',
  recherche: 'recherche/?q=coffre+fort',
  guide: 'guide/',
  '404': 'cette-page-n-existe-pas/',
  'calendrier toutes années': 'calendrier/toutes/',
  'intégration fiche': 'integrer/mednum49-2023-2025/a-1-2-b/',
  'intégration feuille de route': 'integrer/mednum49-2023-2025/',
  'intégration calendrier': 'integrer/mednum49-2023-2025/calendrier/',
};

/** Embeds (/integrer/) are shown inside another site's frame: no header, no search box of their own. */
export const isEmbed = (name: string) => name.startsWith('intégration');

/** One page of every type, for the checks a phone reader would notice (tests/e2e/pages.test.ts). */
export const ALL_PAGE_TYPES: Record<string, string> = {
  ...PAGE_TYPES,
  'calendrier global': 'calendrier/',
  'calendrier annuel': 'calendrier/2024/',
  données: 'donnees/',
  avancement: 'avancement/',
  actualités: 'actualites/',
};

export interface Session {
  server: RunningServer;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function openSite(options: Parameters<typeof launchBrowser>[0] = {}): Promise<Session> {
  const server = await serveStatic(inject('siteDir'));
  const context = await launchBrowser(options);
  return { server, context, close: async () => { await context.close(); await server.close(); } };
}

/**
 * Collects what a reader would never want to see: console errors and failed or foreign requests.
 * `alsoAllowed`: other origins the page may ask, such as a Jalons site whose search index it merges.
 */
export function watch(page: Page, origin: string, alsoAllowed: string[] = []) {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console : ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception : ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requête échouée : ${r.url()}`));
  page.on('request', (r) => { if (![origin, ...alsoAllowed].some((o) => r.url().startsWith(o)) && !r.url().startsWith('data:')) problems.push(`requête vers un tiers : ${r.url()}`); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/cette-page-n-existe-pas/')) problems.push(`HTTP ${r.status()} : ${r.url()}`); });
  return problems;
}
