/**
 * Bytes a first search transfers on a built site, measured in Chromium, from a server
 * that compresses text as static hosts do (GitHub and GitLab Pages, Netlify): the page's
 * script, Pagefind's script, WebAssembly, metadata, index chunks and result fragments
 * until the first results are on screen, then the filter index the counts need, which
 * the page loads after them. `brut` is the same files' size on disk.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';

interface Loaded { url: string; octets: number; brut: number }

function byKind(files: Loaded[]) {
  const kind = (u: string) =>
    u.endsWith('.js') ? 'script' : u.includes('wasm') ? 'wasm' : u.endsWith('.pf_meta') ? 'meta' : u.includes('/index/') ? 'index' : u.includes('/filter/') ? 'filtres' : u.includes('/fragment/') ? 'fragments' : 'autre';
  const parType: Record<string, { fichiers: number; octets: number; brut: number }> = {};
  for (const f of files) {
    const k = kind(f.url);
    parType[k] ??= { fichiers: 0, octets: 0, brut: 0 };
    parType[k].fichiers++;
    parType[k].octets += f.octets;
    parType[k].brut += f.brut;
  }
  return parType;
}

const sum = (files: Loaded[], key: 'octets' | 'brut') => files.reduce((s, f) => s + f[key], 0);

export async function firstSearch(siteDir: string, query: string) {
  const { launchBrowser } = await import('../scripts/browser.ts');
  const { serveStatic } = await import('../scripts/static-server.ts');
  const server = await serveStatic(siteDir, '/', { gzip: true });
  const context = await launchBrowser();
  try {
    const page = await context.newPage();
    const files: Loaded[] = [];
    page.on('requestfinished', async (req) => {
      const url = req.url();
      if (!url.includes('/pagefind/')) return;
      const sizes = await req.sizes();
      const path = new URL(url).pathname;
      files.push({ url: path, octets: sizes.responseBodySize + sizes.responseHeadersSize, brut: statSync(join(siteDir, path)).size });
    });
    await page.goto(`${server.url}recherche/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => (document.getElementById('resultats')?.children.length ?? 0) > 0 || /aucun/i.test(document.getElementById('compte')?.textContent ?? ''), null, { timeout: 60_000 });
    const first = [...files];
    await page.waitForFunction(() => document.querySelectorAll('#filtres-liste input').length > 0, null, { timeout: 60_000 }).catch(() => {});
    await page.waitForLoadState('networkidle');
    const results = await page.evaluate(() => document.getElementById('resultats')?.children.length ?? 0);
    return {
      requete: query,
      resultats_affiches: results,
      octets: sum(first, 'octets'),
      brut: sum(first, 'brut'),
      par_type: byKind(first),
      avec_filtres: { octets: sum(files, 'octets'), brut: sum(files, 'brut'), par_type: byKind(files) },
    };
  } finally {
    await context.close();
    await server.close();
  }
}

// `node bench/recherche.ts <site> [requête]`
if (import.meta.main) {
  process.stdout.write(`${JSON.stringify(await firstSearch(process.argv[2]!, process.argv[3] ?? 'médiation'), null, 2)}\n`);
}
