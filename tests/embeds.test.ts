/**
 * Embeds (/integrer/) in the built site: framable pages that run no script, are not indexed
 * and open every link in the whole window; the `_headers` file that lets only them be framed;
 * the « Intégrer » code offered on sheet, roadmap and calendar pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { headersFile, headersFor, iframeSnippet, parseHeadersFile } from '../src/lib/site/embeds.ts';
import { listFiles } from './support/html.ts';

const siteDir = inject('siteDir');
const read = (...parts: string[]) => readFileSync(join(siteDir, ...parts), 'utf8');
const robots = read('robots.txt');
const site = new URL('.', robots.match(/Sitemap: (\S+)/)![1]!);
const embedPages = listFiles(join(siteDir, 'integrer')).filter((f) => f.endsWith('.html')).map((f) => `integrer/${f}`);
const DENY: Array<[string, string]> = [['Content-Security-Policy', "frame-ancestors 'none'"], ['X-Frame-Options', 'DENY']];
const ALLOW: Array<[string, string]> = [['Content-Security-Policy', 'frame-ancestors *']];

describe('pages à intégrer (/integrer/)', () => {
  it('existent pour chaque fiche, chaque feuille de route et son calendrier, et pour eux seuls', () => {
    const roadmaps = readdirSync(join(siteDir, 'integrer'));
    expect(roadmaps.length).toBeGreaterThanOrEqual(5);
    for (const rm of roadmaps) {
      expect(existsSync(join(siteDir, 'integrer', rm, 'index.html')), rm).toBe(true);
      expect(existsSync(join(siteDir, 'integrer', rm, 'calendrier', 'index.html')), rm).toBe(true);
    }
    expect(embedPages).toContain('integrer/mednum49-2023-2025/a-1-2-b/index.html');
    // A node (axis, objective) has no embed: only sheets do.
    expect(existsSync(join(siteDir, 'integrer', 'scoran-pays-de-la-loire', 'os-1-1'))).toBe(false);
  });

  it('ne sont ni indexées (noindex, aucune zone data-pagefind-body) ni dans le plan du site, et ne chargent aucun script', () => {
    const sitemap = read('sitemap.xml');
    const wrong: string[] = [];
    for (const f of embedPages) {
      const html = read(f);
      if (!html.includes('<meta name="robots" content="noindex">')) wrong.push(`${f} : pas de noindex`);
      if (html.includes('data-pagefind-body')) wrong.push(`${f} : indexée par la recherche`);
      if (html.includes('<script')) wrong.push(`${f} : script`);
      if (/<header|class="pied"|nav-principale/.test(html)) wrong.push(`${f} : en-tête ou pied du site`);
    }
    expect(wrong).toEqual([]);
    expect(sitemap).not.toContain('/integrer/');
  });

  it('ouvrent chaque lien dans la fenêtre entière et disent leur source, avec un lien vers le site', () => {
    const html = read('integrer', 'mednum49-2023-2025', 'a-1-2-b', 'index.html');
    expect(html).toContain('<base target="_top">');
    expect(html).not.toMatch(/target="_blank"/);
    expect(html).toMatch(new RegExp(`<p class="meta integre-source">Source : <a href="${site.pathname}">Jalons</a> · <a href="${site.pathname}mednum49-2023-2025/a-1-2-b/">voir la page complète</a></p>`));
    expect(html).toContain('Coordination des services civiques numériques</a></h1>');
  });

  it('donnent d\'une fiche suivie sa dernière étape, datée, à la place de la date de modification', () => {
    const html = read('integrer', 'may-num-mayenne', 'fiche-projet-22', 'index.html');
    expect(html).toContain('<p class="fraicheur">Dernière étape de suivi (<time datetime="2022-04-01">T2 2022</time>) : La fiche indique « En cours » dans May Num, validé au 2ème trimestre 2022.</p>');
    expect(html).not.toContain('class="meta fraicheur"');
  });

  it('ne montrent l\'avancement d\'une feuille de route que si un statut est connu', () => {
    expect(read('integrer', 'may-num-mayenne', 'index.html')).toContain('<h2 id="avancement">Avancement</h2>');
    // SCoRAN: every sheet's status is « non renseigné ».
    expect(read('integrer', 'scoran-pays-de-la-loire', 'index.html')).not.toContain('id="avancement"');
  });

  it('résument une feuille de route : titre, statut, nombre de fiches, territoire, période, porteurs, avancement', () => {
    const html = read('integrer', 'scoran-pays-de-la-loire', 'index.html');
    expect(html).toMatch(/<h1><a href="[^"]*scoran-pays-de-la-loire\/">[^<]+<\/a><\/h1>/);
    expect(html).toMatch(/<li class="etiquette">\d+ fiches<\/li>/);
    for (const label of ['Territoire', 'Période', 'Porté par']) expect(html).toContain(`<dt>${label}</dt>`);
    expect(html).toContain('Pays de la Loire');
  });
});

describe('code « Intégrer » sur les pages du site', () => {
  const snippet = (html: string, id: string) => html.match(new RegExp(`<textarea id="${id}" class="source" readonly rows="3">([^<]*)</textarea>`))?.[1]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

  it('une fiche propose son iframe, à l\'adresse absolue du site, avec un titre en français', () => {
    const html = read('mednum49-2023-2025', 'a-1-2-b', 'index.html');
    expect(html).toContain('<details class="integrer" data-pagefind-ignore> <summary>Intégrer cette fiche</summary>');
    expect(html).toContain('<label for="code-integration">Code d&#39;intégration (iframe) : la fiche</label>');
    expect(snippet(html, 'code-integration')).toBe(
      `<iframe src="${new URL('integrer/mednum49-2023-2025/a-1-2-b/', site).href}" title="Fiche « A.1.2.b Coordination des services civiques numériques »" width="100%" height="600" style="border:0;max-width:100%" loading="lazy"></iframe>`,
    );
  });

  it('une feuille de route propose son résumé et son calendrier ; son calendrier, lui-même', () => {
    const html = read('mednum49-2023-2025', 'index.html');
    expect(html).toContain('<summary>Intégrer cette feuille de route</summary>');
    expect(snippet(html, 'code-integration')).toContain(`src="${new URL('integrer/mednum49-2023-2025/', site).href}"`);
    expect(snippet(html, 'code-integration-calendrier')).toContain(`src="${new URL('integrer/mednum49-2023-2025/calendrier/', site).href}"`);
    const calendar = read('mednum49-2023-2025', 'calendrier', 'index.html');
    expect(calendar).toContain('<summary>Intégrer ce calendrier</summary>');
    expect(snippet(calendar, 'code-integration')).toContain('title="Calendrier de la feuille de route « Mednum49 2023-2025 »"');
  });

  it('échappe les guillemets d\'un titre dans le code', () => {
    expect(iframeSnippet({ src: 'https://x.fr/integrer/a/', title: 'Fiche « Le "tiers-lieu" & co »', height: 600 })).toBe(
      '<iframe src="https://x.fr/integrer/a/" title="Fiche « Le &quot;tiers-lieu&quot; &amp; co »" width="100%" height="600" style="border:0;max-width:100%" loading="lazy"></iframe>',
    );
  });
});

describe('fichier _headers (Netlify, Cloudflare Pages)', () => {
  const text = read('_headers');
  const rules = parseHeadersFile(text);

  it('interdit l\'affichage dans un cadre pour toute page, sauf celles de /integrer/', () => {
    const pages = listFiles(siteDir).filter((f) => f.endsWith('index.html') || f === '404.html');
    const wrong: string[] = [];
    for (const f of pages) {
      const url = `/${f.replace(/index\.html$/, '')}`;
      const got = headersFor(rules, url);
      const want = f.startsWith('integrer/') ? ALLOW : DENY;
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${url} : ${JSON.stringify(got)}`);
    }
    expect(wrong).toEqual([]);
    expect(pages.length).toBeGreaterThan(300);
  });

  it('ne fait correspondre aucune adresse à deux règles (les hébergeurs ne les combinent pas de la même façon)', () => {
    const patterns = rules.map((r) => r.pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
    expect(patterns).not.toContain('/*');
    for (const entry of readdirSync(siteDir, { withFileTypes: true })) {
      if (entry.name === '_headers') continue;
      const url = entry.isDirectory() ? `/${entry.name}/x/` : `/${entry.name}`;
      expect(rules.filter((r) => headersFor([r], url).length > 0).length, url).toBe(1);
    }
  });

  it('suit le chemin de base (JALONS_BASE)', () => {
    const file = headersFile('/jalons/', ['integrer/', 'acteurs/', 'index.html']);
    expect(file.split('\n').filter((l) => !l.startsWith('#'))).toEqual([
      '/jalons/',
      "  Content-Security-Policy: frame-ancestors 'none'",
      '  X-Frame-Options: DENY',
      '/jalons/acteurs/*',
      "  Content-Security-Policy: frame-ancestors 'none'",
      '  X-Frame-Options: DENY',
      '/jalons/index.html',
      "  Content-Security-Policy: frame-ancestors 'none'",
      '  X-Frame-Options: DENY',
      '/jalons/integrer/*',
      '  Content-Security-Policy: frame-ancestors *',
      '',
    ]);
    expect(headersFile('jalons', []).split('\n')[2]).toBe('/jalons/');
  });
});
