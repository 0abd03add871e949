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

export const linkSchema = z
  .strictObject({
    titre: z.string().trim().min(1).describe('Texte du lien.'),
    url: z.url({ protocol: /^https?$/ }).describe('Adresse web (http ou https).'),
  })
  .describe('Lien vers une ressource externe.');
