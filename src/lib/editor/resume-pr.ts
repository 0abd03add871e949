/**
 * The summary of a pull request (or merge request) for reviewers who are not
 * developers: which roadmaps, sheets and other content files it changes, and what
 * the validator found, the errors in the changed files first. Also a GitLab Code
 * Quality report, so that GitLab shows the errors on the merge request's lines.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Problem } from '../content/problem.ts';
import { contentFileKind, describeFileChange } from '../export/data-changes.ts';
import type { Model } from '../model/types.ts';
import { plural } from '../values/text.ts';

export interface ChangedFile {
  /** Repository-relative path, forward slashes. */
  fichier: string;
  statut: 'ajouté' | 'modifié' | 'supprimé' | 'renommé';
}

const STATUS: Record<string, ChangedFile['statut']> = { A: 'ajouté', M: 'modifié', D: 'supprimé', R: 'renommé', C: 'ajouté', T: 'modifié' };

/** Files changed between the merge base of `baseRef` and HEAD, or null when git cannot tell (no history, unknown ref). */
export function changedFiles(repoDir: string, baseRef: string): ChangedFile[] | null {
  const git = spawnSync('git', ['diff', '--name-status', '--no-renames', `${baseRef}...HEAD`], { cwd: repoDir, encoding: 'utf8' });
  if (git.status !== 0) return null;
  return git.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [code, fichier] = line.split('\t');
      return { fichier: fichier!, statut: STATUS[code!.charAt(0)] ?? 'modifié' };
    });
}

/** Content files whose data changes are spelled out; a larger pull request lists the rest by name only. */
export const MAX_DESCRIBED_FILES = 200;
/** A version larger than this is not read back from git (the validator refuses such files anyway). */
const MAX_VERSION_BYTES = 2 * 1024 * 1024;

/** The text of `path` at `rev`, or null when it does not exist there or cannot be read. */
function textAt(repoDir: string, rev: string, path: string): string | null {
  const git = spawnSync('git', ['show', `${rev}:${path}`], { cwd: repoDir, encoding: 'utf8', maxBuffer: MAX_VERSION_BYTES, timeout: 10_000 });
  return git.status === 0 ? git.stdout : null;
}

/**
 * What each changed sheet, node or roadmap file changes in its data, in French (« Statut :
 * en cours → réalisée », « Partenaire ajouté : … »), from its version at the merge base and
 * at HEAD: reviewers who are not developers read this instead of a raw diff.
 */
export function changedData(repoDir: string, baseRef: string, changed: readonly ChangedFile[], validation: Pick<Model, 'acteurs'>, contentPath = 'content'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const mergeBase = spawnSync('git', ['merge-base', baseRef, 'HEAD'], { cwd: repoDir, encoding: 'utf8', timeout: 10_000 });
  if (mergeBase.status !== 0) return out;
  const base = mergeBase.stdout.trim();
  const prefix = `${contentPath.replace(/\/+$/, '')}/`;
  const names = new Map(validation.acteurs.map((a) => [a.id, a.nom]));
  // Only a modified file is described field by field: an added or removed one is listed whole.
  for (const c of changed.filter((f) => f.statut === 'modifié' && f.fichier.startsWith(prefix)).slice(0, MAX_DESCRIBED_FILES)) {
    const kind = contentFileKind(c.fichier.slice(prefix.length))?.kind;
    if (!kind) continue;
    out.set(c.fichier, describeFileChange(kind, textAt(repoDir, base, c.fichier), textAt(repoDir, 'HEAD', c.fichier), (id) => names.get(id)));
  }
  return out;
}

/** What `npm run validate -- --json` prints: the problems and the normalised model. */
export type ValidationJson = { ok: boolean; erreurs: Problem[] } & Model;

const esc = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export interface SummaryOptions {
  /** What each changed file changes in its data (changedData). */
  details?: ReadonlyMap<string, readonly string[]>;
  /** Address of the site built from the branch (a review environment), to link each changed page. */
  previewUrl?: string;
  /**
   * Link each page's index.html rather than its folder: GitLab's artifact browser, the review
   * site of a merge request on GitLab.com's free tier, serves a file only when it is named.
   */
  previewIndex?: boolean;
}

/** The Markdown summary; `changed` null means the comparison with the base was impossible. */
export function prSummary(changed: ChangedFile[] | null, validation: ValidationJson, contentPath = 'content', options: SummaryOptions = {}): string {
  const preview = options.previewUrl ? options.previewUrl.replace(/\/*$/, '/') : null;
  const { erreurs } = validation;
  const model = validation;
  const prefix = `${contentPath.replace(/\/+$/, '')}/`;
  const lines = ['## Jalons : résumé des modifications', ''];
  const errors = erreurs.filter((p) => p.gravite === 'erreur');
  lines.push(
    errors.length
      ? `✗ **${plural(errors.length, 'erreur', 'erreurs')}** : le site ne peut pas être publié tant qu'elles restent. Chaque erreur est aussi signalée sur sa ligne, dans l'onglet des fichiers modifiés.`
      : '✓ **Contenu valide** : le site peut être construit.',
    '',
  );
  if (changed === null) {
    lines.push('_La comparaison avec la branche de base est impossible (historique git absent) : seules les erreurs sont listées._', '');
  } else {
    const content = changed.filter((c) => c.fichier.startsWith(prefix));
    const byRoadmap = new Map<string, string[]>();
    const others: string[] = [];
    for (const c of content) {
      const parts = c.fichier.slice(prefix.length).split('/');
      const rmId = parts[0]!;
      if (rmId === 'acteurs' || rmId === 'glossaire' || parts.length === 1) {
        others.push(`- ${rmId === 'acteurs' ? 'Acteur' : rmId === 'glossaire' ? 'Glossaire' : 'Fichier'} \`${c.fichier}\` (${c.statut})`);
        continue;
      }
      const rm = model.feuilles_de_route.find((r) => r.id === rmId);
      const id = parts[parts.length - 1]!.replace(/\.md$/, '');
      let what: string;
      let page: string | null = null;
      if (parts[1] === 'fiches') {
        const sheet = rm?.fiches.find((f) => f.id === id);
        what = sheet ? `Fiche ${sheet.code ? `${sheet.code} ` : ''}« ${esc(sheet.titre)} »` : `Fiche \`${id}\``;
        if (sheet) page = `${rmId}/${id}/`;
      } else if (parts[1] === 'noeuds') {
        const node = rm?.noeuds.find((n) => n.id === id);
        what = node ? `${node.niveau_nom ?? 'Nœud'} ${node.code ?? ''} ${node.titre ? `« ${esc(node.titre)} »` : ''}`.replace(/\s+/g, ' ').trim() : `Nœud \`${id}\``;
        if (node) page = `${rmId}/${id}/`;
      } else {
        what = parts.length === 2 ? 'Présentation de la feuille de route' : `Fichier \`${parts.slice(1).join('/')}\``;
        if (parts.length === 2 && rm) page = `${rmId}/`;
      }
      const invalid = erreurs.some((p) => p.fichier === c.fichier && p.gravite === 'erreur') ? ' ✗' : '';
      const list = byRoadmap.get(rmId) ?? [];
      const link = preview && page && c.statut !== 'supprimé' ? ` : [voir la page](${preview}${page}${options.previewIndex ? 'index.html' : ''})` : '';
      list.push(`  - ${what} (${c.statut})${invalid}${link}`);
      // A new or deleted file says so in its status: only modifications are spelled out.
      if (c.statut === 'modifié') list.push(...(options.details?.get(c.fichier) ?? []).map((d) => `    - ${esc(d)}`));
      byRoadmap.set(rmId, list);
    }
    if (content.length === 0) lines.push('Aucun fichier de contenu modifié.', '');
    for (const [rmId, items] of byRoadmap) {
      const rm = model.feuilles_de_route.find((r) => r.id === rmId);
      lines.push(`- **${rm ? esc(rm.titre) : rmId}** (\`${rmId}\`)`, ...items);
    }
    if (others.length) lines.push(...others);
    if (content.length) lines.push('');
    const outside = changed.length - content.length;
    if (outside > 0) lines.push(`${plural(outside, 'autre fichier modifié', 'autres fichiers modifiés')} hors du contenu (code, documentation).`, '');
  }
  if (erreurs.length) {
    const touched = new Set((changed ?? []).map((c) => c.fichier));
    const row = (p: Problem) => `| \`${p.fichier}:${p.ligne}\` | ${p.gravite} | ${esc(p.chemin || '–')} | ${esc(p.message)} |`;
    const head = ['| Fichier et ligne | Gravité | Champ | Message |', '|---|---|---|---|'];
    const mine = erreurs.filter((p) => touched.has(p.fichier));
    const elsewhere = erreurs.filter((p) => !touched.has(p.fichier));
    if (mine.length) lines.push('### Dans les fichiers modifiés', '', ...head, ...mine.map(row), '');
    if (elsewhere.length) lines.push(changed ? '### Ailleurs dans le contenu' : '### Problèmes', '', ...head, ...elsewhere.map(row), '');
  }
  return lines.join('\n');
}

/** GitLab Code Quality report: each problem shown on its line in the merge request. */
export function codeQuality(problems: readonly Problem[]): string {
  return JSON.stringify(
    problems.map((p) => ({
      description: p.chemin ? `${p.chemin} : ${p.message}` : p.message,
      check_name: 'jalons-validation',
      fingerprint: createHash('sha256').update(`${p.fichier}:${p.ligne}:${p.colonne}:${p.message}`).digest('hex'),
      severity: p.gravite === 'erreur' ? 'major' : 'minor',
      location: { path: p.fichier, lines: { begin: p.ligne } },
    })),
    null,
    2,
  );
}
