/**
 * The history of the content files, read from git at build time for the change
 * feeds. Outside a repository, or without git, it is simply empty: the site must
 * build from a plain copy of the sources too.
 */
import { spawnSync } from 'node:child_process';
import { relative, sep } from 'node:path';

export interface FileChange {
  /** A (added), M (modified) or D (deleted). */
  statut: 'A' | 'M' | 'D';
  /** Path relative to the followed folder, with forward slashes. */
  chemin: string;
}

export interface Commit {
  hash: string;
  /** Committer date, ISO 8601 with offset. */
  date: string;
  sujet: string;
  fichiers: FileChange[];
}

const FIELD = '\x1f';
const RECORD = '\x1e';

/** How many of the newest commits the change feeds list. */
export const FEED_COMMITS = 500;

/** Newest first. `dir` is the folder whose files are followed (the content folder); `limit: null` reads it all. */
export function readGitHistory(dir: string, limit: number | null = FEED_COMMITS): Commit[] {
  // --relative: paths come relative to `dir`, whatever the repository root is.
  const run = spawnSync('git', ['-c', 'core.quotePath=false', 'log', ...(limit === null ? [] : [`-n${limit}`]), '--no-renames', '--relative', '--name-status', `--format=${RECORD}%H${FIELD}%cI${FIELD}%s`, '--', '.'], {
    cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error || run.status !== 0) return [];
  return run.stdout
    .split(RECORD)
    .filter((r) => r.trim())
    .map((record) => {
      const [head = '', ...rest] = record.split('\n');
      const [hash = '', date = '', sujet = ''] = head.split(FIELD);
      const fichiers = rest
        .map((l) => l.split('\t'))
        .filter((p): p is [string, string] => p.length === 2 && /^[AMD]$/.test(p[0]!))
        .map(([s, chemin]) => ({ statut: s as FileChange['statut'], chemin }));
      return { hash, date, sujet, fichiers };
    });
}

export interface LastChange {
  /** Committer date, ISO 8601 with offset. */
  date: string;
  hash: string;
}

export interface FileHistory {
  /** The project's folder inside the repository ("" at its root, "site/" below it): forge paths start with it. */
  projectInRepo: string;
  /** Newest change of each file, by its path from the project root ("content/x/fiches/a.md"). */
  last: Map<string, LastChange>;
}

/**
 * The last commit that touched each file under `dir`, from that folder's history (newest
 * first, as readGitHistory gives it); paths from `projectRoot`. Outside a repository (a
 * plain copy, a generated bench tree that git ignores) it is empty.
 */
export function fileHistory(projectRoot: string, dir: string, commits: readonly Commit[]): FileHistory {
  const top = commits.length ? spawnSync('git', ['rev-parse', '--show-prefix'], { cwd: projectRoot, encoding: 'utf8' }) : null;
  if (!top || top.error || top.status !== 0) return { projectInRepo: '', last: new Map() };
  const folder = relative(projectRoot, dir).split(sep).join('/');
  const last = new Map<string, LastChange>();
  for (const c of commits) {
    for (const f of c.fichiers) {
      const path = folder ? `${folder}/${f.chemin}` : f.chemin;
      // Newest first: the first commit met is the last change.
      if (!last.has(path)) last.set(path, { date: c.date, hash: c.hash });
    }
  }
  return { projectInRepo: top.stdout.trim(), last };
}

/** fileHistory of the folder's whole history. */
export function readLastChanges(projectRoot: string, dir: string): FileHistory {
  return fileHistory(projectRoot, dir, readGitHistory(dir, null));
}
