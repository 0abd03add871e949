/**
 * The live preview of `npm run dev` (glue in src/integration.ts): which requests it
 * answers itself, and the French page it shows while the content has an error, so that
 * an editor never reads a stale page or an English stack trace.
 */
import { relative, sep } from 'node:path';
import { buildShared } from './build-share.ts';
import { summaryLine } from './report.ts';
import { countErrors, type Problem } from '../content/problem.ts';
import { isDecapFile } from '../editor/cms-config.ts';
import { fr } from '../i18n/fr.ts';
import type { Model } from '../model/types.ts';
import { escapeMarkup } from '../values/text.ts';

/**
 * How many times the content changed since the dev server started. The integration counts
 * and the pages' getSite() (src/data/site.ts) reads: they share a process, not a module graph.
 */
const generation = buildShared<number>('generation-contenu');
export const contentGeneration = (): number => generation.get() ?? 0;
export const contentChanged = (): void => generation.set(contentGeneration() + 1);

/** True for a file of the content folder (not the folder itself, nor anything beside it). */
export function isInContent(file: string, contentDir: string): boolean {
  const rel = relative(contentDir, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep);
}

/**
 * The file of /admin/ an address asks for, or null when it is not one of them: the page, its
 * configuration, the site's script for Decap CMS, or one of Decap's own files.
 */
export type AdminFile = 'index.html' | 'config.yml' | 'jalons-cms.js' | { decap: string };
export function adminFile(pathname: string, base: string): AdminFile | null {
  const b = base.endsWith('/') ? base : `${base}/`;
  if (!pathname.startsWith(`${b}admin/`)) return null;
  const name = pathname.slice(b.length + 'admin/'.length);
  if (name === '' || name === 'index.html') return 'index.html';
  if (name === 'config.yml' || name === 'jalons-cms.js') return name;
  return !name.includes('/') && isDecapFile(name) ? { decap: name } : null;
}

/**
 * A page of the site, as opposed to a script, a style sheet or one of Vite's own
 * addresses: what the error page stands in for while the content is invalid.
 */
export function isPageAddress(pathname: string, base: string): boolean {
  const b = base.endsWith('/') ? base : `${base}/`;
  if (!pathname.startsWith(b) && `${pathname}/` !== b) return false;
  const rest = pathname.slice(b.length);
  if (/^(@|_astro\/|node_modules\/|src\/|admin\/|pagefind\/)/.test(rest)) return false;
  const last = rest.split('/').pop() ?? '';
  return last === '' || last.endsWith('.html') || !last.includes('.');
}

const escapeHtml = escapeMarkup;

/**
 * The page shown in place of the site while the content has an error: every problem at
 * file:line:column with the validator's message, as `npm run validate` prints them.
 * Vite's client (at the server's root whatever the base path) reloads it once the file is fixed.
 */
export function contentErrorPage(problems: readonly Problem[], model: Model): string {
  const errors = countErrors(problems);
  const warnings = problems.length - errors;
  const items = problems
    .map((p) => {
      const kind = p.gravite === 'erreur' ? fr.apercu.erreur : fr.apercu.avertissement;
      const where = `${p.fichier}:${p.ligne}:${p.colonne}`;
      return `<li class="${p.gravite}"><p><strong>${escapeHtml(kind)}</strong> <code>${escapeHtml(where)}</code>${p.chemin ? ` <code>${escapeHtml(p.chemin)}</code>` : ''}</p><p>${escapeHtml(p.message)}</p></li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(fr.apercu.titre)} · ${escapeHtml(fr.site.nom)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; background: #fff; }
h1 { color: #a4000f; }
ol { padding-left: 1.5rem; }
li { margin-bottom: 1rem; border-left: 4px solid #a4000f; padding-left: .75rem; }
li.avertissement { border-color: #6b5200; }
li p { margin: .25rem 0; white-space: pre-wrap; }
code { background: #f2f2f2; padding: 0 .25rem; }
</style>
<script type="module" src="/@vite/client"></script>
</head>
<body>
<main>
<h1>${escapeHtml(fr.apercu.titre)}</h1>
<p>${escapeHtml(fr.apercu.intro(errors))}${warnings ? ` ${escapeHtml(fr.apercu.avertissements(warnings))}` : ''}</p>
<ol>
${items}
</ol>
<p>${escapeHtml(summaryLine(problems, model))}</p>
<p>${escapeHtml(fr.apercu.suite)}</p>
</main>
</body>
</html>
`;
}
