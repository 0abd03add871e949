/**
 * Security gate: the attack corpus (tests/fixtures/attaque: payloads in Markdown
 * bodies, YAML strings, actor and glossary entries, Mermaid blocks, link URLs) is
 * built into a site; no payload survives in the HTML, none runs in Chromium (no
 * dialog, no injected element, no foreign request), every page carries the CSP,
 * and Mermaid still draws a harmless diagram under that CSP. Payloads the schemas
 * must refuse (javascript:/data: URLs in URL fields) are checked against the validator.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/browser.ts';
import { serveStatic, type RunningServer } from '../../scripts/static-server.ts';
import { validateProject } from '../../src/lib/model/validate-project.ts';
import { freshOutDir, makeContentTree, ROOT, STACK_TRACE } from '../support/content-tree.ts';
import { lineOf, readPages, tags, type Page as SitePage } from '../support/html.ts';
import { buildSite, runCli } from '../support/run.ts';
import { watch } from './helpers.ts';

const CONTENT = 'tests/fixtures/attaque';
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
/** Embeds (/integrer/) run no script at all and fetch nothing: a stricter policy still. */
const EMBED_CSP = "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
/** The CMS page is written by « npm run cms » (Decap CMS talks to the Git host's API or to decap-server): not a page of content. */
const NOT_CONTENT_PAGES = new Set(['admin/index.html']);
const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background', 'srcdoc', 'srcset'];

let siteDir: string;
let pages: SitePage[];
const cmsConfigPath = `${ROOT}/public/admin/config.yml`;
const cmsConfigBefore = readFileSync(cmsConfigPath, 'utf8');

beforeAll(async () => {
  siteDir = freshOutDir('jalons-attaque-');
  await buildSite(CONTENT, siteDir);
  pages = readPages(siteDir);
}, 180_000);
afterAll(() => {
  if (siteDir) rmSync(dirname(siteDir), { recursive: true, force: true });
});

describe('attack corpus, in the built HTML', () => {
  const where = (p: SitePage, at: number) => `${p.file}:${lineOf(p.html, at)}`;

  it('leaves the project\'s own CMS configuration as it was (the build writes /admin/ into the site only)', () => {
    expect(readFileSync(cmsConfigPath, 'utf8')).toBe(cmsConfigBefore);
    expect(readFileSync(`${siteDir}/admin/config.yml`, 'utf8')).toContain('tests/fixtures/attaque/exemple/fiches');
  });

  it('builds every page of the attack corpus', () => {
    const files = pages.map((p) => p.file);
    for (const f of ['index.html', 'exemple/index.html', 'exemple/axe-a/index.html', 'exemple/a-1-1/index.html', 'exemple/a-1-2/index.html', 'exemple/calendrier/index.html', 'acteurs/reseau-cyb/index.html', 'glossaire/index.html']) {
      expect(files).toContain(f);
    }
  });

  it('has no script but the site\'s own bundled modules', () => {
    const found: string[] = [];
    for (const p of pages) {
      for (const t of tags(p.html).filter((t) => t.name === 'script')) {
        const src = t.attrs.get('src');
        const own = NOT_CONTENT_PAGES.has(p.file) ? (src === './decap-cms.js' || src === './jalons-cms.js') : t.attrs.get('type') === 'module' && /^\/_astro\/[\w.-]+\.js$/.test(src ?? '');
        if (!own) found.push(`${where(p, t.at)} <script ${[...t.attrs].map(([k, v]) => `${k}="${v}"`).join(' ')}>`);
      }
    }
    expect(found).toEqual([]);
  });

  it('has no event-handler attribute, no javascript:/data: URL, no frame, object or base, no element with a payload id', () => {
    const found: string[] = [];
    for (const p of pages) {
      for (const t of tags(p.html)) {
        for (const [name, value] of t.attrs) {
          if (/^on/.test(name)) found.push(`${where(p, t.at)} <${t.name} ${name}>`);
          // Browsers ignore ASCII whitespace and control characters inside a scheme.
          const scheme = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
          if (URL_ATTRS.includes(name) && /^(javascript|vbscript|data):/.test(scheme)) found.push(`${where(p, t.at)} <${t.name} ${name}="${value}">`);
        }
        // An embed's own <base target="_top"> (src/layouts/Embed.astro) opens its links in the whole window; it changes no address.
        const embedBase = t.name === 'base' && p.file.startsWith('integrer/') && [...t.attrs.keys()].join() === 'target' && t.attrs.get('target') === '_top';
        if (['iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'applet', 'form'].includes(t.name) && !(t.name === 'form' && t.attrs.get('action') === '/recherche/') && !embedBase) {
          found.push(`${where(p, t.at)} <${t.name}>`);
        }
        if (t.name === 'meta' && /refresh/i.test(t.attrs.get('http-equiv') ?? '')) found.push(`${where(p, t.at)} <meta http-equiv=refresh>`);
        if (t.attrs.get('id') === 'pwned') found.push(`${where(p, t.at)} <${t.name} id="pwned">`);
        if (t.name === 'style' || t.attrs.has('style') && /url\(|expression|javascript/i.test(t.attrs.get('style')!)) found.push(`${where(p, t.at)} <${t.name}> style`);
      }
    }
    expect(found).toEqual([]);
  });

  it('keeps every page free of requests to another host', () => {
    const foreign = pages.flatMap((p) =>
      tags(p.html)
        .filter((t) => ['script', 'link', 'img', 'iframe', 'source', 'video', 'audio', 'embed', 'object'].includes(t.name))
        .filter((t) => /^(https?:)?\/\//i.test(t.attrs.get('src') ?? t.attrs.get('href') ?? '') && !/\bcanonical\b/.test(t.attrs.get('rel') ?? ''))
        .map((t) => `${where(p, t.at)} <${t.name}>`),
    );
    expect(foreign).toEqual([]);
    expect(pages.filter((p) => /<img[^>]+evil\.example|url\(["']?https:\/\/evil/i.test(p.html)).map((p) => p.file)).toEqual([]);
  });

  it('writes the same Content-Security-Policy meta tag in the head of every page (a stricter one, without script, in the embeds)', () => {
    const missing: string[] = [];
    for (const p of pages) {
      if (NOT_CONTENT_PAGES.has(p.file)) continue;
      const head = p.html.slice(0, p.html.search(/<body[\s>]/i));
      const metas = tags(head).filter((t) => t.name === 'meta' && t.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy');
      const expected = p.file.startsWith('integrer/') ? EMBED_CSP : CSP;
      if (metas.length !== 1 || metas[0]!.attrs.get('content') !== expected) missing.push(`${p.file} : ${metas.map((m) => m.attrs.get('content')).join(' | ') || 'absente'}`);
    }
    expect(missing).toEqual([]);
    // No inline script may ever be allowed: that is what keeps a surviving payload inert.
    expect(CSP).not.toMatch(/'unsafe-inline'[^;]*;[^;]*style|script-src[^;]*'unsafe-(inline|eval)'/);
    expect(pages.filter((p) => p.file.startsWith('integrer/')).length).toBeGreaterThan(2);
  });

  it('shows entity-escaped tags as text', () => {
    const sheet = pages.find((p) => p.file === 'exemple/a-1-1/index.html')!;
    // Either serialisation of '<' is text to the browser; a bare '<script' is not.
    expect(sheet.html).toMatch(/(&lt;|&#x3C;)script(&gt;|>)alert\((&#39;|')entites(&#39;|')\)(&lt;|&#x3C;)\/script(&gt;|>)/);
  });
});

describe('attack corpus, in Chromium', () => {
  let server: RunningServer;
  let context: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    server = await serveStatic(siteDir);
    context = await launchBrowser();
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  /** Opens a page, lets every script (and Mermaid) finish, pokes the payloads, and reports what ran. */
  async function visit(path: string, poke: (page: Page) => Promise<void> = async () => {}) {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()} « ${d.message()} »`);
      void d.dismiss();
    });
    const problems = watch(page, new URL(server.url).origin);
    await page.goto(server.url + path, { waitUntil: 'networkidle' });
    if (await page.locator('pre.mermaid').count()) {
      await expect.poll(() => page.locator('pre.mermaid:not([data-processed])').count(), { timeout: 15_000 }).toBe(0);
    }
    await poke(page);
    // Hover and click what a payload could hide behind: diagram nodes, abbreviations, links that go nowhere.
    for (const el of await page.locator('svg .node, svg a, abbr, main p, .gantt-tableau td').all()) {
      await el.hover({ timeout: 1000, force: true }).catch(() => {});
    }
    for (const el of await page.locator('svg .node, svg a').all()) await el.click({ timeout: 1000, force: true, noWaitAfter: true }).catch(() => {});
    await page.waitForTimeout(200);
    const injected = await page.evaluate(() => {
      const found: string[] = [];
      if (document.getElementById('pwned')) found.push('#pwned');
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.getAttributeNames()) {
          const v = (el.getAttribute(a) ?? '').replace(/[\u0000-\u0020]/g, '').toLowerCase();
          if (a.startsWith('on')) found.push(`<${el.localName} ${a}>`);
          if (['href', 'xlink:href', 'src', 'action', 'data'].includes(a) && /^(javascript|vbscript|data:text)/.test(v)) found.push(`<${el.localName} ${a}="${v}">`);
        }
        if (['iframe', 'object', 'embed', 'frame'].includes(el.localName)) found.push(`<${el.localName}>`);
      }
      if (document.querySelectorAll('[id="contenu"]').length !== 1) found.push(`${document.querySelectorAll('[id="contenu"]').length} éléments id="contenu"`);
      return found;
    });
    const url = page.url();
    await page.close();
    return { dialogs, injected, problems, url };
  }

  it('runs no payload on any page of the build', async () => {
    const failures: string[] = [];
    for (const p of pages.filter((p) => !NOT_CONTENT_PAGES.has(p.file))) {
      const r = await visit(p.url.slice(1));
      const problems = r.problems.filter((m) => !(p.file === '404.html' && /404/.test(m)));
      if (r.dialogs.length || r.injected.length || problems.length) failures.push(`${p.url} : ${[...r.dialogs, ...r.injected, ...problems].join(' ; ')}`);
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('runs no payload from search results', async () => {
    const r = await visit('recherche/?q=charge', async (page) => {
      await page.locator('.resultat').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('.resultat').count()).toBeGreaterThan(0);
      for (const q of ['alert', 'pwned', 'script', 'img']) {
        await page.fill('#q', q);
        await page.waitForTimeout(400);
      }
    });
    expect([...r.dialogs, ...r.injected, ...r.problems]).toEqual([]);
  });

  it('shows YAML payloads as text', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}exemple/a-1-1/`);
    expect(await page.locator('main h1').textContent()).toContain("</textarea><script>alert('titre')</script>");
    expect(await page.locator('main').textContent()).toContain("<script>alert('entites')</script>");
    await page.close();
  });

  it('draws a harmless Mermaid diagram under the CSP', async () => {
    const page = await context.newPage();
    const problems = watch(page, new URL(server.url).origin);
    await page.goto(`${server.url}exemple/a-1-2/`, { waitUntil: 'networkidle' });
    const svg = page.locator('figure.diagramme svg');
    await expect.poll(() => svg.count(), { timeout: 15_000 }).toBe(1);
    expect(await svg.textContent()).toContain("Plan d'action");
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('URL payloads the schemas refuse', () => {
  const cases: Array<[string, string, string, number]> = [
    ['javascript: dans liens[].url d\'une fiche', 'exemple/fiches/lien.md', '---\ntitre: Lien\nparent: a-1\nliens:\n  - { titre: x, url: "javascript:alert(1)" }\n---\n', 5],
    ['JavaScript: en casse mêlée', 'exemple/fiches/lien.md', '---\ntitre: Lien\nparent: a-1\nliens:\n  - { titre: x, url: "JaVaScRiPt:alert(1)" }\n---\n', 5],
    ['data: dans liens[].url', 'exemple/fiches/lien.md', '---\ntitre: Lien\nparent: a-1\nliens:\n  - { titre: x, url: "data:text/html;base64,PHNjcmlwdD4=" }\n---\n', 5],
    ['vbscript: dans liens[].url', 'exemple/fiches/lien.md', '---\ntitre: Lien\nparent: a-1\nliens:\n  - { titre: x, url: "vbscript:msgbox(1)" }\n---\n', 5],
    ['javascript: dans le site d\'un acteur', 'acteurs/piege.yaml', 'nom: Piège\ntype: autre\nsite: "javascript:alert(1)"\n', 3],
    ['data: dans le lien d\'un sigle', 'glossaire/piege.yaml', 'sigle: PIEGE\ndefinition: Piège\nlien: "data:text/html,<script>alert(1)</script>"\n', 3],
  ];
  it.each(cases)('%s', (_name, file, content, ligne) => {
    const tree = makeContentTree('attaque', { [file]: content }, 'jalons-attaque-');
    try {
      const r = validateProject(ROOT, tree.dir);
      expect(r.ok).toBe(false);
      expect(r.problems.filter((p) => p.gravite === 'erreur').map((p) => [p.fichier.replace(/^.*content\//, ''), p.ligne, /adresse web valide/.test(p.message)])).toEqual([[file, ligne, true]]);
    } finally {
      tree.remove();
    }
  });

  it('the roadmap source URL refuses javascript: too, and the build publishes nothing', async () => {
    const tree = makeContentTree('attaque', {
      'exemple/feuille-de-route.md': '---\ntitre: Exemple\nporteurs: [departement-exemple]\nterritoire: { nom: Exemple, niveau: departement }\nstatut: en_vigueur\nniveaux:\n  - { id: axe, nom: Axe }\n  - { id: objectif, nom: Objectif }\nsource: { titre: Doc, url: "javascript:alert(1)" }\n---\n',
    }, 'jalons-attaque-');
    const out = freshOutDir('jalons-attaque-');
    try {
      const run = await runCli('src/cli/build.ts', [], { JALONS_CONTENT_DIR: tree.relative, JALONS_OUT_DIR: out });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/content\/exemple\/feuille-de-route\.md:9:\d+ +erreur +source\.url/);
      expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
      expect(existsSync(out)).toBe(false);
    } finally {
      tree.remove();
      rmSync(dirname(out), { recursive: true, force: true });
    }
  });
});
