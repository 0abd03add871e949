/** Writes every open-data file listed by the catalogue (src/lib/export/catalogue.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Download } from '../../lib/export/catalogue.ts';
import { siteDownloads } from './_contexte.ts';

export const getStaticPaths = (() =>
  siteDownloads().map((d) => ({ params: { fichier: d.chemin.replace(/^donnees\//, '') } }))) satisfies GetStaticPaths;

// One lookup per file: a search through the list for each of 10,000 calendars was quadratic.
let byPath: Map<string, Download> | null = null;

export const GET: APIRoute = ({ params }) => {
  byPath ??= new Map(siteDownloads().map((d) => [d.chemin, d]));
  const d = byPath.get(`donnees/${params.fichier}`);
  if (!d) return new Response(null, { status: 404 });
  return new Response(d.contenu(), { headers: { 'Content-Type': d.type } });
};
