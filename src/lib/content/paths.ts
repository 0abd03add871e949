/** Where content lives and which URLs are taken: shared by the build, the pages and the tests. */
import { join } from 'node:path';

/** Top-level URL segments used by the site itself: no roadmap may take them as its folder name. */
export const RESERVED_ROADMAP_IDS = ['acteurs', 'glossaire', 'calendrier', 'recherche', 'donnees', 'guide', 'admin', 'pagefind', '_astro', 'assets', 'avancement', 'actualites', 'integrer'];
/** Per-roadmap URL segments: no node or sheet may take them as its file name. */
export const RESERVED_ENTRY_IDS = ['calendrier', 'fiches', 'donnees', 'document', 'declinaisons'];

export function contentDir(projectRoot: string): string {
  return process.env.JALONS_CONTENT_DIR ? join(projectRoot, process.env.JALONS_CONTENT_DIR) : join(projectRoot, 'content');
}
