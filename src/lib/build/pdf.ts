/**
 * The roadmaps' PDFs, printed by npm run build from their document pages
 * (/<feuille>/document/) with Chromium, after the pages are rendered and before the site is
 * published. The pages are read from the build folder through Playwright's request
 * interception, at the site's public address: the PDF's links then point at the published
 * site, no port is opened, and any request elsewhere is refused.
 * Each PDF is bounded in time and written whole or not at all; a roadmap whose PDF could not
 * be printed is published without one, its pages then linking none (src/lib/build/pdf-links.ts).
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';
import { roadmapPdfFile } from '../site/print-document.ts';
import { makeUrls } from '../site/urls.ts';
import { fillPdfLinks, pdfPageCount, type PrintedPdf } from './pdf-links.ts';

/** Longest a roadmap's document may take to load and print: the largest real one (150 A4 pages) takes about 5 s. */
const PDF_TIMEOUT_MS = 60_000;

const CLOSE_TIMEOUT_MS = 10_000;

export type PdfDecision = { print: true } | { print: false; reason: string };

/**
 * Whether this build prints PDFs: JALONS_PDF=non turns them off (the tests' builds do), and
 * without Chromium there is nothing to print with. Any other value of JALONS_PDF is a mistake.
 */
export function pdfDecision(env: NodeJS.ProcessEnv, chromium: string, exists: (path: string) => boolean = existsSync): PdfDecision {
  const setting = (env.JALONS_PDF ?? '').trim().toLowerCase();
  if (setting === 'non') return { print: false, reason: 'JALONS_PDF=non' };
  if (setting !== '' && setting !== 'oui') {
    throw new Error(`JALONS_PDF vaut « ${env.JALONS_PDF} » : attendu « oui » (PDF produits si Chromium est là, par défaut) ou « non » (pas de PDF).`);
  }
  if (!exists(chromium)) return { print: false, reason: `Chromium est absent (${chromium} ; JALONS_CHROMIUM donne un autre chemin)` };
  return { print: true };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.woff2': 'font/woff2', '.json': 'application/json',
};

/** Answers the document's requests from the build folder; refuses anything outside the site. */
function serveFrom(dir: string, origin: string, base: string) {
  return async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.origin !== origin || !url.pathname.startsWith(base)) return route.abort('blockedbyclient');
    const root = normalize(dir);
    let file = normalize(join(root, decodeURIComponent(url.pathname.slice(base.length))));
    // Inside the build folder only: not even a sibling folder whose name starts like it.
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return route.abort('accessdenied');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} a pris plus de ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export interface PdfRun {
  /** Roadmap id → its PDF's pages and size, for those printed. */
  printed: Map<string, PrintedPdf>;
  /** One French line per roadmap whose PDF could not be printed. */
  failures: string[];
}

/**
 * Prints each roadmap's document page of the site built in `dir` to <feuille>/<feuille>.pdf.
 * `site` and `base`: the published address (Astro's site and base), which the PDF's links use.
 */
export async function printRoadmapPdfs(options: {
  dir: string;
  site: string;
  base: string;
  roadmaps: readonly string[];
  launch: () => Promise<BrowserContext>;
  timeoutMs?: number;
}): Promise<PdfRun> {
  const { dir, roadmaps, timeoutMs = PDF_TIMEOUT_MS } = options;
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  const origin = new URL(options.site).origin;
  const urls = makeUrls(base);
  const printed = new Map<string, PrintedPdf>();
  const failures: string[] = [];
  const context = await withTimeout(options.launch(), timeoutMs, 'Le démarrage de Chromium');
  try {
    await context.route('**/*', serveFrom(dir, origin, base));
    for (const id of roadmaps) {
      const target = join(dir, roadmapPdfFile(id));
      const partial = `${target}.partiel`;
      const page = await context.newPage();
      try {
        const pdf = await withTimeout((async () => {
          await page.goto(`${origin}${urls.roadmapDocument(id)}`, { waitUntil: 'load', timeout: timeoutMs });
          // Mermaid draws after the load event: its diagrams are printed drawn, as a reader sees them.
          await page.waitForFunction(() => [...document.querySelectorAll('pre.mermaid')].every((p) => p.querySelector('svg')), null, { timeout: timeoutMs });
          return page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
        })(), timeoutMs, 'L\'impression');
        const pages = pdfPageCount(pdf);
        if (pages === 0) throw new Error('Chromium a rendu un PDF sans page');
        // Written beside, then renamed: never a half-written PDF in the site.
        writeFileSync(partial, pdf);
        renameSync(partial, target);
        printed.set(id, { pages, bytes: pdf.length });
      } catch (error) {
        rmSync(partial, { force: true });
        failures.push(`Le PDF de « ${id} » n'a pas été produit : ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. Ses pages ne proposent pas de PDF.`);
      } finally {
        // A Chromium that hangs must not hold the build: closing is bounded too.
        await withTimeout(page.close(), CLOSE_TIMEOUT_MS, 'La fermeture de la page').catch(() => {});
      }
    }
  } finally {
    await withTimeout(context.close(), CLOSE_TIMEOUT_MS, 'La fermeture de Chromium').catch(() => {});
  }
  return { printed, failures };
}

/** The pages that may link a roadmap's PDF: its own page, its document and the open-data page. */
function pagesLinkingPdfs(roadmaps: readonly string[]): string[] {
  return [...roadmaps.flatMap((id) => [`${id}/index.html`, `${id}/document/index.html`]), 'donnees/index.html'];
}

/** Fills in (or removes) the PDF links of the built site in `dir`, from what was printed. */
export function writePdfLinks(dir: string, roadmaps: readonly string[], printed: ReadonlyMap<string, PrintedPdf>): void {
  for (const page of pagesLinkingPdfs(roadmaps)) {
    const file = join(dir, page);
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    const filled = fillPdfLinks(html, printed);
    if (filled !== html) writeFileSync(file, filled);
  }
}
