/**
 * The CMS at /admin/, driven in Chromium as an editor would: the built site's /admin/ asks
 * nothing of another host and speaks French; then, with Decap CMS's local backend on a copy of
 * content/, an editor opens a sheet (which the CMS must not call modified), changes its title,
 * adds a partner picked in the actors directory and another typed as free text, and publishes:
 * the file on disk differs by those lines only and still passes « npm run validate ».
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import YAML from 'yaml';
import { launchBrowser } from '../../scripts/browser.ts';
import { describeViolations, runAxe } from '../support/axe.ts';
import { startLocalBackend, type LocalBackend } from '../../scripts/local-backend.ts';
import { serveStatic, type RunningServer } from '../../scripts/static-server.ts';
import { writeCms } from '../../src/lib/editor/cms-config.ts';
import { fr } from '../../src/lib/i18n/fr.ts';
import { ROOT } from '../support/content-tree.ts';
import { runCli } from '../support/run.ts';

const ROADMAP = 'mednum49-2023-2025';
const SHEET = 'a-1-2-b';
const NEW_TITLE = 'Coordination départementale des services civiques numériques';
const NEW_PARTNER = 'Médiathèque départementale de Maine-et-Loire';
/** Picked in the directory by typing part of its name. */
const DIRECTORY_PARTNER = { typed: 'Ville d\'Ang', name: 'Ville d\'Angers', id: 'ville-angers' };

/** Every request to a host other than this machine: the CMS must make none. */
function foreignRequests(page: Page): string[] {
  const found: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && !['127.0.0.1', 'localhost'].includes(url.hostname)) found.push(r.url());
  });
  return found;
}

function frontmatter(file: string): { data: Record<string, unknown>; body: string } {
  const text = readFileSync(file, 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text)!;
  return { data: YAML.parse(m[1]!) as Record<string, unknown>, body: m[2]!.trim() };
}
/** Lines of `after` not in `before` and the reverse, each line counted as often as it appears. */
function lineChanges(before: string, after: string): { removed: string[]; added: string[] } {
  const count = (lines: string[]) => lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const minus = (a: string[], b: string[]) => {
    const left = count(b);
    return a.filter((l) => { const n = left.get(l) ?? 0; left.set(l, n - 1); return n <= 0; });
  };
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: minus(a, b), added: minus(b, a) };
}

/** What Decap CMS shows beside « Publier »: « Modifications enregistrées » or « … non enregistrées ». */
const saveStatus = (page: Page) => page.getByText(/^Modifications (non )?enregistrées$/i).first();

describe('/admin/ of the built site', () => {
  it('loads Decap CMS from the site itself, asks no other host, greets the editor in French, with no axe violation on its sign-in page', async () => {
    const server = await serveStatic(inject('siteDir'));
    const context = await launchBrowser();
    try {
      const page = await context.newPage();
      const foreign = foreignRequests(page);
      const scripts: string[] = [];
      page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname); });
      await page.goto(`${server.url}admin/`);
      await page.getByRole('button', { name: 'Se connecter' }).waitFor({ timeout: 30_000 });
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(scripts).toEqual(expect.arrayContaining(['/admin/decap-cms.js', '/admin/jalons-cms.js']));
      expect(foreign).toEqual([]);
      expect(await page.title()).toBe(fr.cms.titrePage);
      const axe = await runAxe(page);
      expect(describeViolations(axe.violations)).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
  }, 60_000);
});

describe('editing a sheet through the CMS, on a copy of content/', () => {
  let repo: string;
  let site: string;
  let backend: LocalBackend;
  let web: RunningServer;
  const file = () => join(repo, 'content', ROADMAP, 'fiches', `${SHEET}.md`);

  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'jalons-cms-depot-'));
    cpSync(join(ROOT, 'content'), join(repo, 'content'), { recursive: true });
    backend = await startLocalBackend(repo);
    // The site's stylesheets beside /admin/, for the preview, as in a build.
    site = mkdtempSync(join(tmpdir(), 'jalons-cms-site-'));
    symlinkSync(join(inject('siteDir'), '_astro'), join(site, '_astro'));
    writeCms(repo, { contentPath: 'content', backend: 'github', repo: 'organisation/jalons', branch: 'main', localBackendUrl: backend.url }, join(site, 'admin'));
    web = await serveStatic(site);
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await backend?.close();
    for (const dir of [repo, site]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens a sheet unmodified (axe: none on the collections nor on the form, whose Markdown menus open from the keyboard), then changes its title and adds a partner picked in the directory and one typed as free text: the file differs by those lines only and still passes npm run validate', async () => {
    const before = readFileSync(file(), 'utf8');
    const context = await launchBrowser();
    try {
      const page = await context.newPage();
      const foreign = foreignRequests(page);
      const errors: string[] = [];
      const dialogs: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      // What /admin/'s Content-Security-Policy refused: nothing the CMS needs for this.
      page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) errors.push(m.text()); });
      await page.goto(`${web.url}admin/`);
      await page.getByRole('button', { name: 'Se connecter' }).click({ timeout: 30_000 });
      await page.getByText('Collections').first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      // The collections page: Decap's grey links and descriptions darkened by /admin/'s own style.
      expect(describeViolations((await runAxe(page)).violations)).toEqual([]);
      // The preview wears the site's own stylesheet.
      expect(readFileSync(join(site, 'admin', 'jalons-cms.js'), 'utf8')).toMatch(/"\.\.\/_astro\/[\w.-]+\.css"/);

      // Opened and left untouched, the sheet is not « modified »: the relation widgets, once
      // they have looked their actors up in the directory, change nothing.
      await page.goto(`${web.url}admin/#/collections/${ROADMAP}_fiches/entries/${SHEET}`);
      const title = page.getByLabel('Titre', { exact: true });
      await title.waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await expect.poll(() => saveStatus(page).innerText(), { timeout: 10_000 }).toMatch(/^Modifications enregistrées$/i);
      expect(await page.getByRole('button', { name: 'Publier', exact: true }).count()).toBe(0);
      // The sheet's form: the controls Decap CMS leaves unnamed are named by admin/jalons-cms.js,
      // and the <button> Decap's Markdown toolbar puts inside each menu's <span role="button"> is
      // made inert (axe: nested-interactive).
      expect(describeViolations((await runAxe(page)).violations)).toEqual([]);
      // Its Markdown toolbar's menus open from the keyboard and the mouse; open, axe finds nothing either.
      const headings = page.getByRole('button', { name: /Titres|Headings/ }).first();
      await headings.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('menuitem').first().waitFor({ timeout: 5_000 });
      expect(describeViolations((await runAxe(page)).violations)).toEqual([]);
      await page.keyboard.press('Escape');
      await headings.click();
      await page.getByRole('menuitem').first().waitFor({ timeout: 5_000 });
      await page.keyboard.press('Escape');
      await page.getByRole('link', { name: /Écriture dans la collection|←/ }).first().click().catch(() => page.goBack());
      await page.waitForURL(/#\/collections\/[\w-]+_fiches$/, { timeout: 10_000 });
      expect(dialogs).toEqual([]);

      await page.goto(`${web.url}admin/#/collections/${ROADMAP}_fiches/entries/${SHEET}`);
      await title.waitFor({ timeout: 30_000 });
      await title.fill(NEW_TITLE);
      const partners = page.locator('[id^="partenaires-field-"]').first();
      // A partner of the directory: typed in part, picked among the suggestions.
      await partners.getByRole('button', { name: 'Ajouter acteur' }).first().click();
      await partners.getByLabel(fr.cms.acteurAnnuaire).last().fill(DIRECTORY_PARTNER.typed);
      await page.getByRole('option', { name: DIRECTORY_PARTNER.name, exact: true }).click({ timeout: 15_000 });
      // A partner the directory does not hold, as free text.
      await partners.getByRole('button', { name: 'Ajouter acteur' }).first().click();
      await partners.getByLabel('Texte (optionnel)').last().fill(NEW_PARTNER);
      await expect.poll(() => saveStatus(page).innerText()).toMatch(/^Modifications non enregistrées$/i);
      await page.getByRole('button', { name: 'Publier' }).first().click();
      await page.getByText('Publier maintenant').click();

      // Saved when the file says so; bounded.
      const deadline = Date.now() + 20_000;
      while (frontmatter(file()).data['titre'] !== NEW_TITLE && Date.now() < deadline) await page.waitForTimeout(200);
      // Only the lines of what the editor changed: every other line keeps its quotes, its
      // one-line lists and maps, its length; the new partners are written like their neighbours.
      expect(lineChanges(before, readFileSync(file(), 'utf8'))).toEqual({
        removed: [`titre: "${frontmatter(join(ROOT, 'content', ROADMAP, 'fiches', `${SHEET}.md`)).data['titre']}"`],
        added: [`titre: "${NEW_TITLE}"`, `  - ${DIRECTORY_PARTNER.id}`, `  - { texte: "${NEW_PARTNER}" }`],
      });
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
    const validate = await runCli('src/cli/validate.ts', ['--contenu', join(repo, 'content')]);
    expect(validate.status, validate.stdout + validate.stderr).toBe(0);
    // content/ itself is never touched.
    expect(frontmatter(join(ROOT, 'content', ROADMAP, 'fiches', `${SHEET}.md`)).data['titre']).not.toBe(NEW_TITLE);
  }, 150_000);
});

describe('npm run editer', () => {
  it('serves /admin/ pointed at a local backend on the folder it runs in, and stops both on Ctrl+C', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'jalons-editer-'));
    cpSync(join(ROOT, 'tests', 'fixtures', 'valide'), join(repo, 'content'), { recursive: true });
    const child = spawn(process.execPath, [join(ROOT, 'src', 'cli', 'editer.ts')], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!/CMS local prêt : (\S+)/.test(out) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const admin = /CMS local prêt : (\S+)/.exec(out)?.[1];
      expect(admin, out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin\/$/);
      const config = YAML.parse(await (await fetch(`${admin}config.yml`)).text()) as { locale: string; local_backend: { url: string } };
      expect(config.locale).toBe('fr');
      const info = await (await fetch(config.local_backend.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'info' }) })).json();
      expect(info).toMatchObject({ type: 'local_fs', repo: repo.split('/').pop() });
      child.kill('SIGINT');
      expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('toujours en marche'), 10_000))])).toBe(0);
      await expect(fetch(config.local_backend.url, { method: 'POST', body: '{}' })).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(repo, { recursive: true, force: true });
    }
  }, 60_000);
});
