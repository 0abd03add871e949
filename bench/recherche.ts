/** The bytes a first search transfers on a built site, measured in Chromium. */
/** Bytes a first search transfers on a built site: the page's script, Pagefind's script, WebAssembly, metadata, index chunks, filters and result fragments. */
export async function firstSearch(siteDir: string, query: string) {
  const { launchBrowser } = await import('../scripts/browser.ts');
  const { serveStatic } = await import('../scripts/static-server.ts');
  const server = await serveStatic(siteDir);
  const context = await launchBrowser();
  try {
    const page = await context.newPage();
    const files: Array<{ url: string; octets: number }> = [];
    page.on('requestfinished', async (req) => {
      const url = req.url();
      if (!url.includes('/pagefind/')) return;
      const sizes = await req.sizes();
      files.push({ url: url.replace(server.url, '/'), octets: sizes.responseBodySize + sizes.responseHeadersSize });
    });
    await page.goto(`${server.url}recherche/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => (document.getElementById('resultats')?.children.length ?? 0) > 0 || /aucun/i.test(document.getElementById('compte')?.textContent ?? ''), null, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const results = await page.evaluate(() => document.getElementById('resultats')?.children.length ?? 0);
    const kind = (u: string) =>
      u.endsWith('.js') ? 'script' : u.includes('wasm') ? 'wasm' : u.endsWith('.pf_meta') ? 'meta' : u.includes('/index/') ? 'index' : u.includes('/filter/') ? 'filtres' : u.includes('/fragment/') ? 'fragments' : 'autre';
    const parType: Record<string, { fichiers: number; octets: number }> = {};
    for (const f of files) {
      const k = kind(f.url);
      parType[k] ??= { fichiers: 0, octets: 0 };
      parType[k].fichiers++;
      parType[k].octets += f.octets;
    }
    return { requete: query, resultats_affiches: results, octets: files.reduce((s, f) => s + f.octets, 0), par_type: parType };
  } finally {
    await context.close();
    await server.close();
  }
}


// `node bench/recherche.ts <site> [requête]`
if (import.meta.main) {
  process.stdout.write(`${JSON.stringify(await firstSearch(process.argv[2]!, process.argv[3] ?? 'médiation'), null, 2)}\n`);
}
