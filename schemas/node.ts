import { z } from 'zod';
import { sourceDefectsSchema, sourceRefSchema } from './source.ts';

export const nodeSchema = z
  .strictObject({
    titre: z.string().trim().min(1).optional().describe('Intitulé du nœud (axe, objectif, thématique…), avec les majuscules de la source (en minuscules sauf la première lettre seulement quand elle l\'imprime tout en capitales) ; absent si la source ne le nomme pas (le code est alors affiché).'),
    code: z.union([z.string().trim().min(1), z.number()]).optional().describe('Code tel qu\'il est imprimé (« A », « 1 », « 2.1 »).'),
    niveau: z.string().trim().min(1).describe('Identifiant du niveau de hiérarchie, parmi les « niveaux » de la feuille de route.'),
    parent: z.string().trim().min(1).optional().describe('Identifiant (nom du fichier) du nœud parent ; absent pour un nœud de premier niveau.'),
    ordre: z.number().optional().describe('Rang parmi les nœuds frères (sinon l\'ordre du code puis du titre).'),
    titre_court: z.string().optional().describe('Intitulé court pour la navigation.'),
    source: sourceRefSchema.optional(),
    anomalies_source: sourceDefectsSchema.optional(),
  })
  .refine((node) => node.titre !== undefined || node.code !== undefined, {
    message: 'Un nœud sans titre doit au moins avoir un code (« A.1 ») : ajoutez « titre » ou « code ».',
    path: ['titre'],
  })
  .describe('Nœud de la hiérarchie (axe, objectif, thématique, groupe). Le corps Markdown est son texte d\'introduction.');
