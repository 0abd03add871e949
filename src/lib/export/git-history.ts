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
