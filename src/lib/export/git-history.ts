/**
 * The history of the content files, read from git at build time for the change
 * feeds. Outside a repository, or without git, it is simply empty: the site must
 * build from a plain copy of the sources too.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { buildShared } from '../build/build-share.ts';

export interface FileChange {
  /** A (added), M (modified) or D (deleted). */
  statut: 'A' | 'M' | 'D';
  /** Path relative to the followed folder, with forward slashes. */
  chemin: string;
  /** Blob ids of the file before and after the commit (absent where it did not exist). */
  blobs?: { avant?: string; apres?: string };
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

/**
 * The commits where a shallow clone's history is cut. git shows them as if they created
 * every file they hold: neither that « creation » nor its date is true, so their files are
 * not taken as changes. Empty in a full clone.
 */
function shallowBoundary(dir: string): Set<string> {
  const run = spawnSync('git', ['rev-parse', '--is-shallow-repository', '--git-path', 'shallow'], { cwd: dir, encoding: 'utf8' });
  if (run.error || run.status !== 0) return new Set();
  const [shallow, path] = run.stdout.split('\n');
  if (shallow !== 'true' || !path) return new Set();
  try {
    return new Set(readFileSync(resolve(dir, path), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean));
  } catch {
    return new Set();
  }
}

/**
 * Newest first. `dir` is the folder whose files are followed (the content folder); `limit: null` reads it all.
 * In a shallow clone, the commits where the history is cut list no file (shallowBoundary).
 */
export function readGitHistory(dir: string, limit: number | null = FEED_COMMITS): Commit[] {
  // --relative: paths come relative to `dir`, whatever the repository root is.
  const run = spawnSync('git', ['-c', 'core.quotePath=false', 'log', ...(limit === null ? [] : [`-n${limit}`]), '--no-renames', '--relative', '--raw', '--no-abbrev', `--format=${RECORD}%H${FIELD}%cI${FIELD}%s`, '--', '.'], {
    cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error || run.status !== 0) return [];
  const boundary = shallowBoundary(dir);
  return run.stdout
    .split(RECORD)
    .filter((r) => r.trim())
    .map((record) => {
      const [head = '', ...rest] = record.split('\n');
      const [hash = '', date = '', sujet = ''] = head.split(FIELD);
      // ":100644 100644 <blob before> <blob after> M\tpath" (--raw): the blob ids let the feeds read
      // both versions without looking the path up in a tree.
      const fichiers: FileChange[] = [];
      for (const line of boundary.has(hash) ? [] : rest) {
        const m = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) ([AMD])\t(.+)$/.exec(line);
        if (!m) continue;
        const blob = (id: string) => (/^0+$/.test(id) ? undefined : id);
        fichiers.push({ statut: m[3] as FileChange['statut'], chemin: m[4]!, blobs: { avant: blob(m[1]!), apres: blob(m[2]!) } });
      }
      return { hash, date, sujet, fichiers };
    });
}

const sharedHistory = buildShared<{ dir: string; commits: Commit[] }>('historique-git');

/**
 * `npm run build` reads the content folder's whole history once, before the model (whose
 * freshness needs it), and hands it to the pages, which run in the same process but not in
 * the same module graph. Not shared by `npm run dev`, whose history moves with each commit.
 */
export function shareGitHistory(dir: string, commits: Commit[]): void {
  sharedHistory.set({ dir, commits });
}

/** The whole history of `dir`: the one the build shared, else read now. */
export function wholeGitHistory(dir: string): Commit[] {
  const shared = sharedHistory.get();
  return shared?.dir === dir ? shared.commits : readGitHistory(dir, null);
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

/** A file of a commit whose versions before and after it are wanted. */
export interface VersionRequest {
  hash: string;
  /** Path relative to the followed folder, as in Commit.fichiers. */
  chemin: string;
  statut: FileChange['statut'];
  /** Blob ids from the history (FileChange.blobs): read directly, much faster than by path. */
  blobs?: FileChange['blobs'];
}

/** A file's text before and after a commit: null where it did not exist (or could not be read). */
export interface FileVersions {
  avant: string | null;
  apres: string | null;
}

export const versionKey = (hash: string, chemin: string) => `${hash}\n${chemin}`;

/** Bounds on what one build reads back from git: the feeds only show the newest changes. */
export const MAX_VERSION_REQUESTS = 3000;
const MAX_VERSIONS_BYTES = 256 * 1024 * 1024;

/**
 * The texts before and after each requested change, read in one `git cat-file --batch`
 * pass (at most MAX_VERSION_REQUESTS changes, the first ones). A change missing from the
 * answer (outside a repository, git absent, too much to read) is simply absent: its
 * summary is then the neutral one.
 */
export function readFileVersions(dir: string, requests: readonly VersionRequest[]): Map<string, FileVersions> {
  const out = new Map<string, FileVersions>();
  const wanted = requests.slice(0, MAX_VERSION_REQUESTS);
  if (!wanted.length) return out;
  const prefix = spawnSync('git', ['rev-parse', '--show-prefix'], { cwd: dir, encoding: 'utf8' });
  if (prefix.error || prefix.status !== 0) return out;
  const inRepo = prefix.stdout.trim();
  // One line per blob asked; `slots` says which request and side each answer fills.
  const lines: string[] = [];
  const slots: Array<{ key: string; side: keyof FileVersions }> = [];
  for (const r of wanted) {
    const key = versionKey(r.hash, r.chemin);
    if (out.has(key) || /[\n\r]/.test(r.chemin)) continue;
    out.set(key, { avant: null, apres: null });
    if (r.statut !== 'A') { lines.push(r.blobs?.avant ?? `${r.hash}^:${inRepo}${r.chemin}`); slots.push({ key, side: 'avant' }); }
    if (r.statut !== 'D') { lines.push(r.blobs?.apres ?? `${r.hash}:${inRepo}${r.chemin}`); slots.push({ key, side: 'apres' }); }
  }
  const run = spawnSync('git', ['cat-file', '--batch'], { cwd: dir, input: `${lines.join('\n')}\n`, maxBuffer: MAX_VERSIONS_BYTES });
  if (run.error || run.status !== 0) return new Map();
  const buf = run.stdout;
  let at = 0;
  for (const slot of slots) {
    const eol = buf.indexOf(0x0a, at);
    if (eol === -1) break;
    const header = buf.toString('utf8', at, eol);
    at = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) continue; // "<object> missing" (no parent, no such path): nothing to read.
    const size = Number(m[2]);
    if (m[1] === 'blob') out.get(slot.key)![slot.side] = buf.toString('utf8', at, at + size);
    at += size + 1;
  }
  return out;
}
