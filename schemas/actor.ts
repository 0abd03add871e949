import { z } from 'zod';

export const ACTOR_TYPES = [
  'etat', 'region', 'departement', 'commune', 'epci', 'syndicat_mixte', 'etablissement_public',
  'organisme_social', 'association', 'reseau', 'entreprise', 'education', 'autre',
] as const;

export const actorSchema = z
  .strictObject({
    nom: z.string().trim().min(1).describe('Nom complet de l\'organisation (« Caisse d\'allocations familiales de Maine-et-Loire »).'),
    sigle: z.string().trim().min(1).optional().describe('Sigle ou nom court (« CAF 49 »).'),
    aliases: z.array(z.string().trim().min(1)).optional().describe('Autres graphies rencontrées dans les sources (« Cyb\'@njou », « cyb\'anjou »…).'),
    type: z.enum(ACTOR_TYPES).describe('Nature de l\'organisation.'),
    territoire: z.string().optional().describe('Territoire d\'intervention (« Maine-et-Loire »).'),
    parent: z.string().optional().describe('Identifiant de l\'organisation dont elle fait partie (un service dans son département).'),
    site: z.url({ protocol: /^https?$/ }).optional().describe('Adresse du site web officiel.'),
    description: z.string().optional().describe('Présentation courte.'),
  })
  .describe('Organisation de l\'annuaire des acteurs, partagé par toutes les feuilles de route. Le nom du fichier est son identifiant.');

/** A reference from a roadmap or a sheet to the actors directory. */
export const actorRefSchema = z
  .union([
    z.string().trim().min(1).describe('Identifiant, nom, sigle ou alias d\'un acteur de l\'annuaire.'),
    z.strictObject({
      acteur: z.string().trim().min(1).optional().describe('Identifiant, nom, sigle ou alias d\'un acteur de l\'annuaire.'),
      texte: z.string().trim().min(1).optional().describe('Mention qui n\'est pas une organisation de l\'annuaire (« associations locales », « les élus »).'),
      role: z.string().optional().describe('Rôle précis (« coordination et animation du réseau », « MOA »).'),
      precision: z.string().optional().describe('Service ou précision (« direction de l\'action sociale »).'),
      graphie: z.string().trim().min(1).optional().describe('Le nom tel que la source l\'écrit, quand « acteur » ne le reprend pas (un identifiant, ou une graphie que plusieurs acteurs partagent, comme « CAF ») : la page l\'affiche à côté du nom de l\'annuaire.'),
    }),
  ])
  .describe('Référence à un acteur : son identifiant ou un de ses noms, ou un objet { acteur, role, precision, graphie }, ou { texte } pour une mention hors annuaire.');

export const actorRefListSchema = z.array(actorRefSchema);
