/** Writes every open-data file listed by the catalogue (src/lib/export/catalogue.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteDownloads } from './_contexte.ts';

export const getStaticPaths = (() =>
  siteDownloads().map((d) => ({ params: { fichier: d.chemin.replace(/^donnees\//, '') } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const d = siteDownloads().find((x) => x.chemin === `donnees/${params.fichier}`);
  if (!d) return new Response(null, { status: 404 });
  return new Response(d.contenu(), { headers: { 'Content-Type': d.type } });
};
