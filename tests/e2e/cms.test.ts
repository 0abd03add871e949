/**
 * The CMS at /admin/, driven in Chromium as an editor would: the built site's /admin/ asks
 * nothing of another host and speaks French; then, with Decap CMS's local backend on a copy of
 * content/, an editor opens a sheet, changes its title, adds a partner and publishes, and the
 * file on disk holds exactly that change and still passes « npm run validate ».
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import YAML from 'yaml';
import { launchBrowser } from '../../scripts/browser.ts';
import { startLocalBackend, type LocalBackend } from '../../scripts/local-backend.ts';
import { serveStatic, type RunningServer } from '../../scripts/static-server.ts';
import { writeCms } from '../../src/lib/editor/cms-config.ts';
import { ROOT } from '../support/content-tree.ts';
import { runCli } from '../support/run.ts';

const ROADMAP = 'mednum49-2023-2025';
const SHEET = 'a-1-2-b';
const NEW_TITLE = 'Coordination départementale des services civiques numériques';
const NEW_PARTNER = 'Médiathèque départementale de Maine-et-Loire';

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
/** The schemas read « orange » and { acteur: orange } alike; Decap CMS writes the long form. */
const longForm = (refs: unknown) => (refs as unknown[]).map((r) => (typeof r === 'string' ? { acteur: r } : r));

describe('/admin/ of the built site', () => {
  it('loads Decap CMS from the site itself, asks no other host, and greets the editor in French', async () => {
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

  it('changes the title and adds a partner in the file, which still passes npm run validate', async () => {
    const before = frontmatter(file());
    const context = await launchBrowser();
    try {
      const page = await context.newPage();
      const foreign = foreignRequests(page);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // What /admin/'s Content-Security-Policy refused: nothing the CMS needs for this.
      page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) errors.push(m.text()); });
      await page.goto(`${web.url}admin/`);
      await page.getByRole('button', { name: 'Se connecter' }).click({ timeout: 30_000 });
      await page.getByText('Collections').first().waitFor({ timeout: 30_000 });
      // The preview wears the site's own stylesheet.
      expect(readFileSync(join(site, 'admin', 'jalons-cms.js'), 'utf8')).toMatch(/"\.\.\/_astro\/[\w.-]+\.css"/);

      await page.goto(`${web.url}admin/#/collections/${ROADMAP}_fiches/entries/${SHEET}`);
      const title = page.getByLabel('Titre', { exact: true });
      await title.waitFor({ timeout: 30_000 });
      expect(await title.inputValue()).toBe(before.data['titre']);
      await title.fill(NEW_TITLE);
      const partners = page.locator('[id^="partenaires-field-"]').first();
      await partners.getByRole('button', { name: 'Ajouter acteur' }).first().click();
      await partners.getByLabel('Texte (optionnel)').last().fill(NEW_PARTNER);
      await page.getByRole('button', { name: 'Publier' }).first().click();
      await page.getByText('Publier maintenant').click();

      // Saved when the file says so; bounded.
      const deadline = Date.now() + 20_000;
      while (frontmatter(file()).data['titre'] !== NEW_TITLE && Date.now() < deadline) await page.waitForTimeout(200);
      const after = frontmatter(file());
      expect(after.data).toEqual({
        ...before.data,
        titre: NEW_TITLE,
        pilotes: longForm(before.data['pilotes']),
        partenaires: [...longForm(before.data['partenaires']), { texte: NEW_PARTNER }],
      });
      expect(after.body).toBe(before.body);
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
    const validate = await runCli('src/cli/validate.ts', ['--contenu', join(repo, 'content')]);
    expect(validate.status, validate.stdout + validate.stderr).toBe(0);
    // content/ itself is never touched.
    expect(frontmatter(join(ROOT, 'content', ROADMAP, 'fiches', `${SHEET}.md`)).data['titre']).not.toBe(NEW_TITLE);
  }, 120_000);
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
