/**
 * `npm run dev` as an editor uses it, on a copy of the real content: a saved sheet shows on
 * the next load, an unknown pilot shows a French error page at file:line (and the same
 * report in the terminal), fixing it brings the site back without a restart, and /admin/
 * answers. The server runs in a process group of its own, killed whatever happens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/browser.ts';
import { adminIndex, cmsOptionsFromEnv } from '../../src/lib/editor/cms-config.ts';
import { describeViolations, runAxe } from '../support/axe.ts';
import { makeContentTree, ROOT, STACK_TRACE, type ContentTree } from '../support/content-tree.ts';

/** Generous: two cores shared with the other tests. The preview itself takes well under a second. */
const CHANGE_SHOWN_MS = 20_000;
const STARTED_MS = 90_000;

const SHEET = 'may-num-mayenne/fiches/fiche-projet-01.md';
const SHEET_PAGE = 'may-num-mayenne/fiche-projet-01/';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

interface DevServer {
  url: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stop(): void;
}

async function startDev(tree: ContentTree): Promise<DevServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    // As `npm run dev` is run: Astro leaves its pages out when it believes itself under Vitest.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV')), JALONS_CONTENT_DIR: tree.relative, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that Vite's workers go with it.
    detached: true,
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const server = { url: `http://127.0.0.1:${port}/`, output: () => output, stop };
  const deadline = Date.now() + STARTED_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      // The port answers before Astro's pages do ("Cannot GET /", 404).
      const response = await fetch(server.url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status !== 404) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`Le serveur de développement n'a pas démarré :\n${output}`);
}

async function get(server: DevServer, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(server.url + path, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, text: await response.text() };
}

/** Loads the page until `ready` says the change is there, within CHANGE_SHOWN_MS. */
async function waitFor(server: DevServer, path: string, ready: (page: { status: number; text: string }) => boolean) {
  const deadline = Date.now() + CHANGE_SHOWN_MS;
  let page = await get(server, path);
  while (!ready(page) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    page = await get(server, path);
  }
  return page;
}

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';

describe('aperçu en direct (npm run dev) sur une copie du contenu réel', () => {
  let tree: ContentTree;
  let server: DevServer;
  let original: string;

  beforeAll(async () => {
    tree = makeContentTree(join(ROOT, 'content'));
    original = readFileSync(join(tree.dir, SHEET), 'utf8');
    server = await startDev(tree);
  }, STARTED_MS + 10_000);

  afterAll(() => {
    server?.stop();
    tree?.remove();
  });

  it('une fiche enregistrée s\'affiche au chargement suivant, sans redémarrer', async () => {
    expect(title((await get(server, SHEET_PAGE)).text)).toBe('1 Réseau fibre · Jalons');
    writeFileSync(join(tree.dir, SHEET), original.replace('titre: "Réseau fibre"', 'titre: "Réseau fibre en cours de révision"'));
    const page = await waitFor(server, SHEET_PAGE, (p) => p.text.includes('Réseau fibre en cours de révision'));
    expect(page.status).toBe(200);
    expect(title(page.text)).toBe('1 Réseau fibre en cours de révision · Jalons');
    // The roadmap's page lists the sheet under its new title too.
    expect((await get(server, 'may-num-mayenne/')).text).toContain('Réseau fibre en cours de révision');
  });

  it('un pilote inconnu affiche une page d\'erreur en français au fichier et à la ligne, puis le site revient une fois corrigé', async () => {
    const broken = original.replace('pilotes: [smo-mayenne-thd]', 'pilotes: [pilote-inconnu]');
    expect(broken).not.toBe(original);
    const lines = broken.split('\n');
    const line = lines.findIndex((l) => l.startsWith('pilotes:'));
    const where = `${tree.relative}/${SHEET}:${line + 1}:${lines[line]!.indexOf('pilote-inconnu') + 1}`;
    const message = 'Acteur inconnu « pilote-inconnu ». Utilisez l\'identifiant, le nom, le sigle ou un alias d\'un fichier de content/acteurs/';
    writeFileSync(join(tree.dir, SHEET), broken);

    const page = await waitFor(server, SHEET_PAGE, (p) => p.status === 500);
    expect(page.status).toBe(500);
    expect(page.text).toContain('<h1>Contenu invalide</h1>');
    expect(page.text).toContain('L\'aperçu est en pause : une erreur empêche de construire le site.');
    expect(page.text).toContain(`<code>${where}</code>`);
    expect(page.text).toContain(message);
    expect(page.text).toContain('✗ 1 erreur dans 1 fichier.');
    expect(page.text).not.toMatch(STACK_TRACE);
    // Every page says so, not only the broken sheet's.
    expect((await get(server, '')).status).toBe(500);
    // The terminal prints the validator's report, as npm run validate does.
    expect(server.output()).toContain(`${where}  erreur  pilotes[0]\n  ${message}`);

    writeFileSync(join(tree.dir, SHEET), original);
    const fixed = await waitFor(server, SHEET_PAGE, (p) => p.status === 200);
    expect(fixed.status).toBe(200);
    expect(title(fixed.text)).toBe('1 Réseau fibre · Jalons');
  });

  it('la page ouverte dans le navigateur se recharge seule vers l\'erreur, accessible, puis vers la fiche corrigée', async () => {
    const context = await launchBrowser();
    try {
      const page = await context.newPage();
      const foreign: string[] = [];
      page.on('request', (r) => { if (!r.url().startsWith(server.url.slice(0, -1)) && !r.url().startsWith('data:')) foreign.push(r.url()); });
      await page.goto(server.url + SHEET_PAGE, { timeout: CHANGE_SHOWN_MS });
      // Vite may reload the page once on its first visit (dependencies optimised): wait for the sheet, then for
      // Vite's client to be connected, or it would never hear of the change.
      await page.waitForFunction(() => document.title === '1 Réseau fibre · Jalons', null, { timeout: CHANGE_SHOWN_MS });
      await page.waitForLoadState('networkidle', { timeout: CHANGE_SHOWN_MS });
      writeFileSync(join(tree.dir, SHEET), original.replace('pilotes: [smo-mayenne-thd]', 'pilotes: [pilote-inconnu]'));
      await page.waitForFunction(() => document.title.startsWith('Contenu invalide'), null, { timeout: CHANGE_SHOWN_MS });
      await page.waitForLoadState('networkidle', { timeout: CHANGE_SHOWN_MS });
      const { violations } = await runAxe(page);
      expect(describeViolations(violations)).toEqual([]);
      writeFileSync(join(tree.dir, SHEET), original);
      await page.waitForFunction(() => document.title === '1 Réseau fibre · Jalons', null, { timeout: CHANGE_SHOWN_MS });
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  }, 4 * CHANGE_SHOWN_MS);

  it('/admin/ sert le CMS, son script et une configuration tirée du dossier de contenu', async () => {
    const admin = await get(server, 'admin/');
    expect(admin.status).toBe(200);
    expect(admin.text).toBe(adminIndex(cmsOptionsFromEnv()));
    expect(admin.text).toContain('lang="fr"');
    const config = await get(server, 'admin/config.yml');
    expect(config.status).toBe(200);
    expect(config.text).toContain(`folder: ${tree.relative}/may-num-mayenne/fiches`);
    for (const file of ['decap-cms.js', 'jalons-cms.js']) {
      const script = await fetch(`${server.url}admin/${file}`, { signal: AbortSignal.timeout(15_000) });
      expect(script.status, file).toBe(200);
      expect(script.headers.get('content-type'), file).toContain('javascript');
      await script.arrayBuffer();
    }
    expect((await get(server, 'admin/jalons-cms.js')).text).toContain("CMS.registerWidget('keyvalue'");
  });
});

describe('aperçu en direct lancé sur un contenu invalide', () => {
  it('le serveur démarre quand même et montre l\'erreur, puis le site dès qu\'elle est corrigée', async () => {
    const tree = makeContentTree(join(ROOT, 'content'));
    const file = join(tree.dir, SHEET);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('pilotes: [smo-mayenne-thd]', 'pilotes: [pilote-inconnu]'));
    let server: DevServer | undefined;
    try {
      server = await startDev(tree);
      const page = await get(server, SHEET_PAGE);
      expect(page.status).toBe(500);
      expect(page.text).toContain('Acteur inconnu « pilote-inconnu »');
      writeFileSync(file, original);
      const fixed = await waitFor(server, SHEET_PAGE, (p) => p.status === 200);
      expect(title(fixed.text)).toBe('1 Réseau fibre · Jalons');
    } finally {
      server?.stop();
      tree.remove();
    }
  }, STARTED_MS + 2 * CHANGE_SHOWN_MS);
});
