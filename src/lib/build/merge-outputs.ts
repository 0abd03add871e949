/**
 * Merges the output of one rendering process into another's (src/lib/build/build-part.ts):
 * what only the source has is moved over, a folder at a time where the target lacks it;
 * a file both have is the target's (assets and site-wide pages, rendered alike by both).
 * Returns the number of entries moved.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function mergeOutputs(target: string, source: string): number {
  let moved = 0;
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (!existsSync(to)) {
      renameSync(from, to);
      moved++;
    } else if (entry.isDirectory() && statSync(to).isDirectory()) {
      moved += mergeOutputs(to, from);
    }
  }
  rmSync(source, { recursive: true, force: true });
  return moved;
}
