/**
 * npm run captures [-- dossier-du-site] : photographs every page type at phone and
 * desktop widths into captures/, to look at the site as a reader would.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './browser.ts';
import { serveStatic } from './static-server.ts';

const dist = process.argv[2] ?? 'dist';
const out = process.env.JALONS_CAPTURES ?? 'captures';
const pages = (process.env.JALONS_PAGES ?? [
  'accueil=',
  'feuille=mednum49-2023-2025/',
  'noeud=scoran-pays-de-la-loire/os-1-1/',
  'fiche=mednum49-2023-2025/a-1-2-b/',
  'fiche3=maine-et-loire-mediation-numerique/structuration-reseau-departemental/',
  'tableau=mednum49-2023-2025/fiches/',
  'calendrier=mednum49-2023-2025/calendrier/',
  'acteur=acteurs/cyb-njou/',
  'acteurs=acteurs/',
  'glossaire=glossaire/',
  'recherche=recherche/?q=coffre+fort',
  '404=page-absente/',
].join(',')).split(',');

mkdirSync(out, { recursive: true });
const server = await serveStatic(dist);
for (const scheme of ['light', 'dark'] as const) {
  if (scheme === 'dark' && !process.env.JALONS_SOMBRE) continue;
  const context = await launchBrowser({ colorScheme: scheme });
  for (const [width, name] of [[390, 'mobile'], [1280, 'bureau']] as const) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    for (const entry of pages) {
      const [label, path] = entry.split('=') as [string, string];
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      await page.screenshot({ path: join(out, `${label}-${name}${scheme === 'dark' ? '-sombre' : ''}.png`), fullPage: process.env.JALONS_PLEINE_PAGE !== '0' });
    }
    await page.close();
  }
  await context.close();
}
await server.close();
console.log(`Captures écrites dans ${out}/`);
