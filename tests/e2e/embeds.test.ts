/**
 * Embeds in Chromium, the site served with its `_headers` applied as Netlify or Cloudflare
 * Pages would: another site (another loopback origin) can frame /integrer/ pages, not the
 * others; a link inside the frame opens the full site in the whole window.
 */
import { createServer, type Server } from 'node:http';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/browser.ts';
import { serveStatic, type RunningServer } from '../../scripts/static-server.ts';
import { searchIndex } from './search-browser.ts';

let site: RunningServer;
let host: Server;
let hostUrl: string;
let context: Awaited<ReturnType<typeof launchBrowser>>;

/** The other site: one page framing what `?src=` names. Served from localhost, the Jalons site from 127.0.0.1. */
function startHost(): Promise<string> {
  host = createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="fr"><title>Site partenaire</title><h1>Site partenaire</h1><iframe id="cadre" title="intégration" src="${src.replace(/"/g, '')}" width="800" height="600"></iframe></html>`);
  });
  return new Promise((resolve) => host.listen(0, '127.0.0.1', () => {
    const address = host.address();
    resolve(`http://localhost:${typeof address === 'object' && address ? address.port : 0}/`);
  }));
}

async function framed(path: string): Promise<{ frame: Frame; refused: boolean; page: import('playwright-core').Page }> {
  const page = await context.newPage();
  const refusals: string[] = [];
  page.on('console', (m) => { if (/frame-ancestors|X-Frame-Options/.test(m.text())) refusals.push(m.text()); });
  await page.goto(`${hostUrl}?src=${encodeURIComponent(site.url + path)}`, { waitUntil: 'load' });
  const frame = (await (await page.$('#cadre'))!.contentFrame())!;
  await frame.waitForLoadState('load');
  return { frame, refused: refusals.length > 0, page };
}

beforeAll(async () => {
  site = await serveStatic(inject('siteDir'), '/', { headers: true });
  hostUrl = await startHost();
  context = await launchBrowser();
  expect(new URL(hostUrl).origin).not.toBe(new URL(site.url).origin);
});
afterAll(async () => {
  await context?.close();
  await site?.close();
  await new Promise((r) => host?.close(r));
});

describe('intégration dans un autre site', () => {
  it('une page de /integrer/ s\'affiche dans le cadre d\'un autre site', async () => {
    const { frame, refused, page } = await framed('integrer/mednum49-2023-2025/a-1-2-b/');
    expect(refused).toBe(false);
    expect(await frame.locator('main h1').textContent()).toContain('Coordination des services civiques numériques');
    await page.close();
  });

  it('une page ordinaire du site refuse de s\'y afficher', async () => {
    for (const path of ['mednum49-2023-2025/a-1-2-b/', '', 'calendrier/']) {
      const { frame, refused, page } = await framed(path);
      expect(refused, path || 'accueil').toBe(true);
      expect(await frame.locator('main h1').count(), path || 'accueil').toBe(0);
      await page.close();
    }
  });

  it('un lien du cadre ouvre la page complète dans la fenêtre entière, pas dans le cadre', async () => {
    const { frame, page } = await framed('integrer/mednum49-2023-2025/');
    await Promise.all([page.waitForURL(`${site.url}mednum49-2023-2025/`), frame.getByRole('link', { name: 'Lire la feuille de route complète' }).click()]);
    expect(await page.locator('main h1').textContent()).toContain('Anjou');
    await page.close();
  });

  it('la recherche du site ne renvoie jamais vers une page à intégrer', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}recherche/`, { waitUntil: 'networkidle' });
    const found = await searchIndex(page, [{ q: 'Coordination des services civiques numériques' }, { q: 'calendrier' }, { q: 'numérique' }], 0);
    const urls = found.flatMap((f) => f.hits.map((h) => h.url));
    expect(urls.length).toBeGreaterThan(20);
    expect(urls).toContain('/mednum49-2023-2025/a-1-2-b/');
    expect(urls.filter((u) => u.includes('/integrer/'))).toEqual([]);
    await page.close();
  });
});
