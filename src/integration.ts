/**
 * Refuses to build invalid content before Astro renders a single page: the same
 * validator as `npm run validate`, with the same messages. Once the pages are
 * rendered, writes the open-data files of /donnees/ (src/lib/export/catalogue.ts):
 * thousands of small calendars written directly, rather than each through Astro's
 * page pipeline, which cost about 2 ms a file.
 * Under `npm run dev`, the live preview: the content folder is watched and checked again
 * at each change, the open pages reload, an invalid content shows a French error page
 * (src/lib/build/dev-preview.ts) rather than stopping the server, and /admin/ is served.
 */
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { ViteDevServer } from 'vite';
import { adminFile, contentChanged, contentErrorPage, isInContent, isPageAddress } from './lib/build/dev-preview.ts';
import { adminIndex, adminScript, cmsConfigYaml, cmsOptionsFromEnv, decapFiles, readRoadmaps } from './lib/editor/cms-config.ts';
import { lastDataChanges } from './lib/export/freshness.ts';
import { forgetValidation, shareValidation, type ValidationResult } from './lib/model/validate-project.ts';
import { sharedDownloads } from './lib/export/catalogue.ts';
import { formatHuman, summaryLine } from './lib/build/report.ts';
import { isMainPart, partFromEnv } from './lib/build/build-part.ts';
import { contentDir } from './lib/content/paths.ts';
import { validateProject } from './lib/model/validate-project.ts';
import { withSources } from './lib/build/sources.ts';

/** Editors save a file in several writes (and several files at once): one check for them all. */
const SETTLE_MS = 60;

/** Checks the content the way the pages will read it (with git's last changes) and hands the result to them. */
function checkContent(root: string, dir: string): ValidationResult {
  forgetValidation();
  // A hub's preview shows its sources as the last build read them (.jalons/sources/).
  const { result } = withSources(validateProject(root, dir, undefined, () => lastDataChanges(root, dir)), root);
  shareValidation(dir, result);
  contentChanged();
  return result;
}

/** The terminal says what the browser says: the validator's report when there is something to say. */
function report(result: ValidationResult, ms: number | null) {
  const text = result.problems.length ? formatHuman(result.problems, result.model) : summaryLine(result.problems, result.model);
  process.stderr.write(`${text}${ms === null ? '' : `\nContenu relu en ${Math.round(ms)} ms${result.ok ? ' : les pages ouvertes se rechargent.' : ' : le site reviendra dès que les erreurs seront corrigées.'}`}\n`);
}

function livePreview(server: ViteDevServer, root: string, base: string) {
  const dir = resolve(contentDir(root));
  let current = checkContent(root, dir);
  if (current.problems.length) report(current, null);
  let timer: NodeJS.Timeout | undefined;
  const refresh = () => {
    const started = performance.now();
    try {
      current = checkContent(root, dir);
    } catch (error) {
      // An unreadable moment (a folder being moved, git busy) must not stop the preview: the next save checks again.
      process.stderr.write(`Le contenu n'a pas pu être relu : ${error instanceof Error ? error.message : String(error)}\nEnregistrez à nouveau le fichier pour relancer la vérification.\n`);
      return;
    }
    // Astro keeps each page's getStaticPaths() until the content changes: this is how it hears it.
    for (const name of ['ssr', 'prerender']) server.environments[name]?.hot.send('astro:content-changed', {});
    server.environments.client?.hot.send({ type: 'full-reload', path: '*' });
    report(current, performance.now() - started);
  };
  const changed = (file: string) => {
    if (!isInContent(resolve(file), dir)) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, SETTLE_MS);
  };
  // A content folder outside the project (JALONS_CONTENT_DIR=../…) is not watched by Vite on its own.
  server.watcher.add(dir);
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir']) server.watcher.on(event, changed);

  server.middlewares.use((req, res, next) => {
    // Under a base path, Astro has already cut it from req.url; the address asked is in originalUrl.
    const asked = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const pathname = new URL(asked, 'http://localhost').pathname;
    const admin = adminFile(pathname, base);
    if (admin) {
      // The build writes these into dist/admin/ (src/cli/build-render.ts); the preview serves them from the same sources.
      if (typeof admin === 'object') {
        res.setHeader('content-type', admin.decap.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8');
        createReadStream(join(decapFiles().dir, admin.decap)).on('error', next).pipe(res);
        return;
      }
      const options = cmsOptionsFromEnv();
      const [type, body] =
        admin === 'index.html' ? ['text/html; charset=utf-8', adminIndex(options)]
        // The site's stylesheet is a Vite module in dev, not a file of /_astro/: the preview goes without it.
        : admin === 'jalons-cms.js' ? ['text/javascript; charset=utf-8', adminScript([])]
        : ['application/yaml; charset=utf-8', cmsConfigYaml(options, readRoadmaps(dir))];
      res.setHeader('content-type', type);
      res.end(body);
      return;
    }
    if (!current.ok && (req.method === 'GET' || req.method === 'HEAD') && isPageAddress(pathname, base)) {
      res.statusCode = 500;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.end(contentErrorPage(current.problems, current.model));
      return;
    }
    next();
  });
}

export default function jalons(): AstroIntegration {
  let root = process.cwd();
  let base = '/';
  return {
    name: 'jalons',
    hooks: {
      'astro:config:setup': ({ config, command }) => {
        root = new URL(config.root).pathname;
        base = config.base;
        // The preview never stops for an error in the content: it shows it (livePreview) and waits for the fix.
        if (command === 'dev') return;
        const result = validateProject(root, contentDir(root));
        if (!result.ok) {
          throw new Error(`Contenu invalide : le site n'est pas construit.\n\n${formatHuman(result.problems, result.model)}`);
        }
      },
      'astro:server:setup': ({ server }) => livePreview(server, root, base),
      'astro:build:done': ({ dir }) => {
        // When the rendering is split (src/lib/build/build-part.ts), the first process writes them.
        if (!isMainPart(partFromEnv())) return;
        const out = fileURLToPath(dir);
        // The Données page, rendered in every build, computed them (src/pages/donnees/_contexte.ts).
        const list = sharedDownloads();
        if (!list) throw new Error('Les fichiers de données ouvertes n\'ont pas été calculés : la page /donnees/ n\'a pas été construite.');
        for (const d of list) {
          const file = join(out, d.chemin);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, d.contenu());
        }
      },
    },
  };
}
