import { z } from 'zod';

export const glossaryTermSchema = z
  .strictObject({
    sigle: z.string().trim().min(1).describe('Le sigle ou le terme, tel qu\'il s\'écrit (« EPCI »).'),
    definition: z.string().trim().min(1).describe('Sa forme développée ou sa définition (« Établissement public de coopération intercommunale »).'),
    variantes: z.array(z.string().trim().min(1)).optional().describe('Autres graphies (« Caf », « CAF49 »).'),
    note: z.string().optional().describe('Précision ou source de la définition.'),
    lien: z.url({ protocol: /^https?$/ }).optional().describe('Page de référence.'),
  })
  .describe('Entrée du glossaire partagé. Le nom du fichier est son identifiant.');
