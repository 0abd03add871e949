/**
 * The history of the content files, read from git at build time for the change
 * feeds. Outside a repository, or without git, it is simply empty: the site must
 * build from a plain copy of the sources too.
 */
import { spawnSync } from 'node:child_process';

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

/** Newest first. `dir` is the folder whose files are followed (the content folder). */
export function readGitHistory(dir: string, limit = 500): Commit[] {
  // --relative: paths come relative to `dir`, whatever the repository root is.
  const run = spawnSync('git', ['-c', 'core.quotePath=false', 'log', `-n${limit}`, '--no-renames', '--relative', '--name-status', `--format=${RECORD}%H${FIELD}%cI${FIELD}%s`, '--', '.'], {
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
 * The last commit that touched each file under `dir`, in one `git log`; paths from `projectRoot`.
 * Outside a repository (a plain copy, a generated bench tree that git ignores) it is empty.
 */
export function readLastChanges(projectRoot: string, dir: string): FileHistory {
  const empty: FileHistory = { projectInRepo: '', last: new Map() };
  const top = spawnSync('git', ['rev-parse', '--show-prefix'], { cwd: projectRoot, encoding: 'utf8' });
  if (top.error || top.status !== 0) return empty;
  const projectInRepo = top.stdout.trim();
  const run = spawnSync('git', ['-c', 'core.quotePath=false', 'log', '--no-renames', '--name-only', `--format=${RECORD}%cI${FIELD}%H`, '--', dir], {
    cwd: projectRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error || run.status !== 0) return empty;
  const last = new Map<string, LastChange>();
  for (const record of run.stdout.split(RECORD)) {
    const [head = '', ...files] = record.split('\n');
    const [date = '', hash = ''] = head.split(FIELD);
    if (!hash) continue;
    for (const f of files) {
      if (!f.trim() || !f.startsWith(projectInRepo)) continue;
      const path = f.slice(projectInRepo.length);
      // Newest first: the first commit met is the last change.
      if (!last.has(path)) last.set(path, { date, hash });
    }
  }
  return { projectInRepo, last };
}
