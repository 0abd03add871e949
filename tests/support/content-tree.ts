/**
 * Temporary content trees for the quality-gate tests: a copy of a fixture plus a
 * few files written or removed, under the system's temporary folder.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');

/** A stack trace or a Node internal frame: what a reader must never see. */
export const STACK_TRACE = /at .*\(|node:internal\//;

export interface ContentTree {
  /** Absolute path of the content folder. */
  dir: string;
  /** The same path relative to the project root, as JALONS_CONTENT_DIR expects it. */
  relative: string;
  remove(): void;
}

/**
 * Makes a file-system entry that is not plain bytes (a symbolic link, a FIFO, a socket, a
 * device) at `path`; `outside` is an empty folder next to the content folder, outside it,
 * for what a link may point to. Both are removed with the tree.
 */
export type MakeEntry = (path: string, outside: string) => void;

/** Copies `base` (a fixture name or an absolute path), then writes `files` (null deletes, a function makes a special entry) over it. */
export function makeContentTree(base: string, files: Record<string, string | Buffer | null | MakeEntry> = {}, prefix = 'jalons-contenu-'): ContentTree {
  const parent = mkdtempSync(join(tmpdir(), prefix));
  const dir = join(parent, 'content');
  cpSync(base.startsWith('/') ? base : join(FIXTURES, base), dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    if (content === null) rmSync(target, { recursive: true, force: true });
    else if (typeof content === 'function') {
      const outside = join(parent, 'dehors');
      mkdirSync(outside, { recursive: true });
      mkdirSync(dirname(target), { recursive: true });
      rmSync(target, { recursive: true, force: true });
      content(target, outside);
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  return { dir, relative: relative(ROOT, dir), remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** A fresh path under the temporary folder that does not exist yet (for JALONS_OUT_DIR). */
export function freshOutDir(prefix = 'jalons-sortie-'): string {
  return join(mkdtempSync(join(tmpdir(), prefix)), 'site');
}
