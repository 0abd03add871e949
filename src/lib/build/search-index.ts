/**
 * Indexes a built site with Pagefind's Node API. Only elements marked
 * `data-pagefind-body` (roadmap presentations, node introductions, sheets) are
 * indexed; listing and navigation pages are not.
 *
 * Folders are added one at a time, so that `npm run build` can index the pages of one
 * rendering process while another is still rendering (src/cli/build.ts).
 */
import * as pagefind from 'pagefind';

export interface SiteIndex {
  /** Adds every page of a folder laid out as the site is; returns how many were indexed. */
  add(dir: string): Promise<number>;
  /** Writes the index into `<siteDir>/pagefind/`. */
  write(siteDir: string): Promise<void>;
  close(): Promise<void>;
}

export async function openSiteIndex(): Promise<SiteIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
  if (!index) throw new Error(`Pagefind n'a pas pu démarrer : ${errors.join(', ')}`);
  return {
    async add(dir) {
      const added = await index.addDirectory({ path: dir });
      if (added.errors.length) throw new Error(`Indexation impossible : ${added.errors.join(', ')}`);
      return added.page_count;
    },
    async write(siteDir) {
      const written = await index.writeFiles({ outputPath: `${siteDir}/pagefind` });
      if (written.errors.length) throw new Error(`Écriture de l'index impossible : ${written.errors.join(', ')}`);
    },
    async close() {
      await pagefind.close();
    },
  };
}
