import { z } from 'zod';

export const pagesSchema = z
  .union([z.number().int().positive(), z.string().trim().min(1), z.array(z.union([z.number().int().positive(), z.string().trim().min(1)])).min(1)])
  .describe('Page(s) du document source : 12, « 12-13 » ou [12, 14].');

export const sourceRefSchema = z
  .strictObject({
    pages: pagesSchema,
    note: z.string().optional().describe('Précision sur l\'emplacement (« annexe 2 », « tableau de synthèse »).'),
  })
  .describe('Où lire ce contenu dans le document source de la feuille de route.');

export const sourceDefectsSchema = z
  .array(z.string().trim().min(1))
  .describe('Défauts du document source signalés au lecteur (page perdue, fiche tronquée, indicateurs recopiés d\'une autre fiche…).');

/** A page of this site written as its path from the site's root (« /mednum49-2023-2025/b-3/ »), checked and prefixed with the base path. */
export const SITE_PATH = /^\/(?!\/)[^\s]*$/;

export const linkSchema = z
  .strictObject({
    titre: z.string().trim().min(1).describe('Texte du lien.'),
    url: z.url({ protocol: /^https?$/ }).describe('Adresse web (http ou https).'),
  })
  .describe('Lien vers une ressource externe.');

/** An address a link may have: http(s) and well formed, or a path of the site. */
export const isLinkAddress = (v: string) => SITE_PATH.test(v) || (/^https?:\/\/[^\s/]/.test(v) && URL.canParse(v));

/** A link of « liens »: to another site, or to a page of this one by its path (checked against the site's pages). */
export const pageLinkSchema = z
  .strictObject({
    titre: z.string().trim().min(1).describe('Texte du lien.'),
    url: z
      .string()
      .trim()
      .refine(isLinkAddress, {
        message: 'Ce lien n\'est pas une adresse web valide : écrivez l\'adresse complète, commençant par « https:// », ou le chemin d\'une page de ce site, commençant par « / » (« /mednum49-2023-2025/b-3/ »).',
      })
      .describe('Adresse web (http ou https), ou chemin d\'une page de ce site commençant par « / » (« /mednum49-2023-2025/b-3/ »).'),
  })
  .describe('Lien vers une ressource externe, ou vers une page de ce site.');
