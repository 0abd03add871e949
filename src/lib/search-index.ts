/**
 * Indexes a built site with Pagefind's Node API. Only elements marked
 * `data-pagefind-body` (roadmap presentations, node introductions, sheets) are
 * indexed; listing and navigation pages are not.
 */
import * as pagefind from 'pagefind';

export async function indexSite(siteDir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
  if (!index) throw new Error(`Pagefind n'a pas pu démarrer : ${errors.join(', ')}`);
  const added = await index.addDirectory({ path: siteDir });
  if (added.errors.length) throw new Error(`Indexation impossible : ${added.errors.join(', ')}`);
  const written = await index.writeFiles({ outputPath: `${siteDir}/pagefind` });
  if (written.errors.length) throw new Error(`Écriture de l'index impossible : ${written.errors.join(', ')}`);
  await pagefind.close();
  return { pages: added.page_count };
}
