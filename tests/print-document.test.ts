/**
 * The printable roadmap (/<feuille>/document/) and its PDF: the whole roadmap in reading
 * order on one page, and `npm run build` printing it with Chromium, linking the PDF only
 * where it was printed. The one test build here prints PDFs; every other test build does not.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM } from '../scripts/browser.ts';
import { pdfDecision, printRoadmapPdfs } from '../src/lib/build/pdf.ts';
import { fillPdfLinks, pdfPageCount } from '../src/lib/build/pdf-links.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { shiftHeadings } from '../src/lib/site/markdown.ts';
import { cssString, roadmapDocument } from '../src/lib/site/print-document.ts';
import { freshOutDir, makeContentTree, ROOT, type ContentTree } from './support/content-tree.ts';
import { decodeEntities, tags } from './support/html.ts';
import { buildSite, type RunResult } from './support/run.ts';
import { openSite, type Session } from './e2e/helpers.ts';

const hasChromium = existsSync(CHROMIUM);

/** The text of every `/Title` of a PDF as Chromium writes it: the document's, then its bookmarks' (one per heading). */
function pdfTitles(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/\/Title\s*(?:<([0-9A-Fa-f]+)>|\(((?:\\.|[^\\)])*)\))/g)].map(([, hex, literal]) => {
    if (hex) {
      const bytes = Buffer.from(hex, 'hex');
      // UTF-16BE after its byte-order mark.
      return bytes.subarray(2).swap16().toString('utf16le');
    }
    return literal!.replace(/\\(.)/g, '$1');
  });
}

const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

describe('the roadmap as one document', () => {
  const model = validateProject(ROOT).model;
  const rm = model.feuilles_de_route.find((r) => r.id === 'mednum49-2023-2025')!;

  it('lists every node and sheet once, in reading order, headings one level deeper per level (h6 at most)', () => {
    const doc = roadmapDocument(rm);
    const ids = doc.entries.map((e) => (e.kind === 'noeud' ? e.node.id : e.sheet.id));
    const expected = [...rm.noeuds, ...rm.fiches].sort((a, b) => a.ordre - b.ordre).map((e) => e.id);
    expect(ids).toEqual(expected);
    for (const e of doc.entries) expect(e.heading).toBe(Math.min(2 + e.depth, 6));
    expect(new Set(doc.entries.map((e) => e.anchor)).size).toBe(doc.entries.length);
    // The table of contents holds the same entries, nested as the hierarchy.
    const flat = (items: typeof doc.toc): string[] => items.flatMap((i) => [i.anchor, ...flat(i.children)]);
    expect(flat(doc.toc)).toEqual(doc.entries.map((e) => e.anchor));
  });

  it('moves a body\'s headings below its entry\'s title, never past h6', () => {
    expect(shiftHeadings('<h2 id="a">Objectifs</h2><p>h2</p><h3>Suite</h3>', 3)).toBe('<h5 id="a">Objectifs</h5><p>h2</p><h6>Suite</h6>');
    expect(shiftHeadings('<h2>Objectifs</h2>', 0)).toBe('<h2>Objectifs</h2>');
  });

  it('writes the running header\'s title as a CSS string, quotes, backslashes and « < » escaped', () => {
    expect(cssString('Feuille « 2023 » "quotée" \\ </style><script>')).toBe('"Feuille « 2023 » \\"quotée\\" \\\\ \\3c /style>\\3c script>"');
  });

  it('is a page of the built site: every sheet under its heading with its facts, the contents linking to each on the page', () => {
    const html = readFileSync(join(inject('siteDir'), 'mednum49-2023-2025', 'document', 'index.html'), 'utf8');
    const all = tags(html);
    const ids = all.map((t) => t.attrs.get('id')).filter(Boolean);
    expect(ids.length).toBe(new Set(ids).size);
    const anchors = new Set(ids);
    const tocLinks = html.slice(html.indexOf('id="sommaire"'), html.indexOf('</nav>', html.indexOf('id="sommaire"'))).match(/href="#([^"]+)"/g)!.map((h) => h.slice(7, -1));
    expect(tocLinks.length).toBe(rm.noeuds.length + rm.fiches.length);
    for (const a of tocLinks) expect(anchors.has(a), a).toBe(true);
    // One h1, the roadmap's title; each sheet's title at its level, its « Fiche d'identité » one below.
    expect(all.filter((t) => t.name === 'h1').length).toBe(1);
    const sheet = rm.fiches.find((f) => f.id === 'a-1-2-b')!;
    const start = html.indexOf(`id="entree-${sheet.id}"`);
    const block = html.slice(start, html.indexOf('</article>', start));
    expect(text(block)).toContain(`${sheet.code} ${sheet.titre}`);
    expect(block).toMatch(new RegExp(`<h(\\d) id="entree-${sheet.id}-titre">`));
    expect(text(block)).toContain('Fiche d\'identité');
    // Neither the neighbours nor the feeds of the sheet's own page.
    expect(block).not.toContain('class="voisins"');
    expect(block).not.toContain('abonnement-fiche');
  });

  it('is linked from the roadmap page as « Version imprimable »; without PDFs (the tests\' build) no PDF is linked nor placeholder left', () => {
    const dir = inject('siteDir');
    const page = readFileSync(join(dir, 'mednum49-2023-2025', 'index.html'), 'utf8');
    expect(text(page)).toContain('Document complet : Version imprimable');
    expect(page).toContain('<a href="/mednum49-2023-2025/document/">Version imprimable</a>');
    for (const file of ['mednum49-2023-2025/index.html', 'mednum49-2023-2025/document/index.html', 'donnees/index.html']) {
      const html = readFileSync(join(dir, file), 'utf8');
      expect(html, file).not.toContain('data-jalons-pdf');
      expect(html, file).not.toContain('.pdf"');
    }
    expect(existsSync(join(dir, 'mednum49-2023-2025', 'mednum49-2023-2025.pdf'))).toBe(false);
  });
});

describe.skipIf(!hasChromium)('the document in Chromium', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSite();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('fits a 390 px screen for every roadmap, and prints without the site\'s header, menu and footer, each axis on a new page', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const roadmaps = validateProject(ROOT).model.feuilles_de_route.map((r) => r.id);
    const wider: string[] = [];
    for (const id of roadmaps) {
      await page.goto(`${session.server.url}${id}/document/`);
      if (await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)) wider.push(id);
    }
    expect(wider).toEqual([]);
    await page.goto(`${session.server.url}mednum49-2023-2025/document/`);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      hidden: ['header.entete', 'footer.pied', '.fil-ariane', '.actions-page'].filter((s) => getComputedStyle(document.querySelector(s)!).display === 'none'),
      axes: [...document.querySelectorAll('.entree-noeud.profondeur-0')].map((e) => getComputedStyle(e).breakBefore),
      title: document.querySelector('h1')!.textContent,
      // What the page-margin boxes print at the top and bottom of each page (site.css).
      header: getComputedStyle(document.documentElement).getPropertyValue('--impression-titre').trim(),
      footer: getComputedStyle(document.documentElement).getPropertyValue('--impression-etat').trim(),
    }));
    expect(printed.hidden).toEqual(['header.entete', 'footer.pied', '.fil-ariane', '.actions-page']);
    expect(printed.axes.length).toBeGreaterThan(1);
    expect(new Set(printed.axes)).toEqual(new Set(['page']));
    expect(printed.title).toBe('Feuille de route de l\'accompagnement aux usages numériques en Anjou');
    expect(printed.header).toBe('"Mednum49 2023-2025"');
    expect(printed.footer).toBe('"État au 15 mars 2024"');
    await page.close();
  });
});

describe('the PDF links', () => {
  const page = '<p><a href="/x/">Page</a><template data-jalons-pdf="x"><a href="/x/x.pdf">Télécharger en PDF ({{pdf-pages}}, {{pdf-taille}})</a></template></p><table><tbody><template data-jalons-pdf="y"><tr><td data-octets="{{pdf-octets}}">{{pdf-taille}}</td></tr></template></tbody></table>';

  it('are filled in with the pages and size of each PDF printed, and removed for a roadmap without one', () => {
    expect(fillPdfLinks(page, new Map([['x', { pages: 12, bytes: 345_600 }]]))).toBe('<p><a href="/x/">Page</a><a href="/x/x.pdf">Télécharger en PDF (12 pages, 345,6 ko)</a></p><table><tbody></tbody></table>');
    expect(fillPdfLinks(page, new Map([['y', { pages: 1, bytes: 1_234_567 }]]))).toBe('<p><a href="/x/">Page</a></p><table><tbody><tr><td data-octets="1234567">1,2 Mo</td></tr></tbody></table>');
  });

  it('follow JALONS_PDF and Chromium\'s presence, and refuse any other value in French', () => {
    expect(pdfDecision({ JALONS_PDF: 'non' }, '/usr/bin/chromium', () => true)).toEqual({ print: false, reason: 'JALONS_PDF=non' });
    expect(pdfDecision({}, '/opt/chromium', () => false)).toEqual({ print: false, reason: 'Chromium est absent (/opt/chromium ; JALONS_CHROMIUM donne un autre chemin)' });
    expect(pdfDecision({ JALONS_PDF: 'oui' }, '/usr/bin/chromium', () => true)).toEqual({ print: true });
    expect(() => pdfDecision({ JALONS_PDF: 'peut-être' }, '/usr/bin/chromium', () => true)).toThrow('JALONS_PDF vaut « peut-être » : attendu « oui » (PDF produits si Chromium est là, par défaut) ou « non » (pas de PDF).');
  });

  it('never leave a PDF behind when printing fails: the roadmap is named in a French line and gets no link', async () => {
    const dir = freshOutDir('jalons-pdf-echec-');
    const failing = {
      route: async () => {},
      newPage: async () => ({ goto: async () => { throw new Error('net::ERR_ABORTED à l\'ouverture'); }, close: async () => {} }),
      close: async () => {},
    } as unknown as BrowserContext;
    const run = await printRoadmapPdfs({ dir, site: 'https://exemple.fr', base: '/', roadmaps: ['exemple'], launch: async () => failing });
    expect(run.printed.size).toBe(0);
    expect(run.failures).toEqual(['Le PDF de « exemple » n\'a pas été produit : net::ERR_ABORTED à l\'ouverture. Ses pages ne proposent pas de PDF.']);
    expect(existsSync(join(dir, 'exemple', 'exemple.pdf'))).toBe(false);
    rmSync(dirname(dir), { recursive: true, force: true });
  });
});

describe.skipIf(!hasChromium)('npm run build with Chromium', () => {
  let tree: ContentTree;
  let out: string;
  let run: RunResult;
  let pdf: Buffer;

  beforeAll(async () => {
    tree = makeContentTree('valide', {}, 'jalons-pdf-');
    out = freshOutDir('jalons-pdf-');
    // Under a base path, as on a project's Pages site: the PDF's links must carry it. Vitest's workers
    // have BASE_URL=/ in their environment, which the build's Vite reads over JALONS_BASE: set it too.
    run = await buildSite(tree.relative, out, { JALONS_PDF: 'oui', JALONS_BASE: '/jalons/', BASE_URL: '/jalons/', JALONS_SITE: 'https://exemple.fr' });
    pdf = readFileSync(join(out, 'exemple', 'exemple.pdf'));
  }, 240_000);
  afterAll(() => {
    tree?.remove();
    if (out) rmSync(dirname(out), { recursive: true, force: true });
  });

  it('says how many PDFs it printed, and of how many pages', () => {
    expect(run.stdout).toMatch(new RegExp(`^PDF des feuilles de route : 1 sur 1, ${pdfPageCount(pdf)} pages \\(\\d+,\\d s\\)$`, 'm'));
    expect(run.stderr).toBe('');
  });

  it('prints the roadmap\'s document to A4 pages, titled with the roadmap, with a bookmark per sheet', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBeGreaterThan(1);
    // A4 in points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 594\.9\d* 841\.9\d*\]/);
    const titles = pdfTitles(pdf);
    expect(titles[0]).toBe('Exemple 2023-2025 : document complet · Jalons');
    // Chromium writes the bookmarks (from the headings) in an order of its own: the page's order is checked on the HTML above.
    expect(titles).toEqual(expect.arrayContaining(['A.1.1 Coordination du réseau', 'A.1.2 Services civiques', 'A.1.2.a Cartographie', 'Sommaire', 'Fiche d\'identité']));
    // Its links point at the published site, under its base path, never at the build's own address.
    expect(pdf.toString('latin1')).toContain('/URI (https://exemple.fr/jalons/');
    expect(pdf.toString('latin1')).not.toMatch(/\/URI \(http:\/\/(127\.0\.0\.1|localhost)/);
  });

  it('links the PDF from the roadmap page, its document and the data page, with its pages and size', () => {
    const size = pdf.length;
    const pages = pdfPageCount(pdf);
    const roadmap = readFileSync(join(out, 'exemple', 'index.html'), 'utf8');
    const link = roadmap.match(/<a href="\/jalons\/exemple\/exemple\.pdf" type="application\/pdf" download>([^<]+)<\/a>/);
    expect(link?.[1], roadmap.slice(roadmap.indexOf('actions-page'), roadmap.indexOf('actions-page') + 900)).toMatch(new RegExp(`^Télécharger en PDF \\(${pages} pages, \\d+(,\\d)? ko\\)$`));
    expect(readFileSync(join(out, 'exemple', 'document', 'index.html'), 'utf8')).toContain(link![1]);
    const data = readFileSync(join(out, 'donnees', 'index.html'), 'utf8');
    expect(data).toContain(`<td data-octets="${size}">`);
    expect(text(data)).toContain(`Document complet, mis en page pour l'impression exemple.pdf, ${pages} pages PDF`);
    for (const html of [roadmap, data]) expect(html).not.toContain('data-jalons-pdf');
  });
});
