import { z } from 'zod';
import { actorRefListSchema } from './actor.ts';
import { milestoneSchema } from './calendar.ts';
import { fuzzyDateSchema } from './fuzzy-date.ts';
import { indicatorListSchema } from './indicator.ts';
import { moneyListSchema } from './money.ts';
import { reviewListSchema } from './progress.ts';
import { pageLinkSchema, sourceDefectsSchema } from './source.ts';

export const ROADMAP_STATUSES = ['diagnostic', 'projet', 'adoptee', 'signee', 'en_vigueur', 'achevee', 'remplacee'] as const;
export const TERRITORY_LEVELS = ['commune', 'epci', 'departement', 'region', 'national'] as const;

/**
 * Another roadmap: the folder name of one of this site, or the https address of a roadmap
 * page of another Jalons site (accepted as written, never fetched).
 */
/**
 * The address of a page of another Jalons site: https, or http on this machine for a local
 * trial of a hub (docs/portail.md).
 */
export const OTHER_SITE_PAGE = /^(?:https:\/\/[^\s/]+|http:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?)\/\S*$/;

export const roadmapRefSchema = z
  .string()
  .trim()
  .refine((v) => /^[a-z0-9][a-z0-9-]*$/.test(v) || OTHER_SITE_PAGE.test(v), {
    message: 'Écrivez le nom de dossier d\'une feuille de route de ce site (« mednum49-2023-2025 ») ou l\'adresse https d\'une feuille de route d\'un autre site Jalons (« https://exemple.fr/feuille/ »).',
  })
  .describe('Nom de dossier d\'une feuille de route de ce site, ou adresse https de la page d\'une feuille de route d\'un autre site Jalons.');

export const levelSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9_]+$/, 'Identifiant de niveau : lettres minuscules, chiffres et « _ » (« axe_strategique »).').describe('Identifiant du niveau, repris par le champ « niveau » des nœuds.'),
    nom: z.string().trim().min(1).describe('Nom du niveau, au singulier (« Axe stratégique »).'),
    nom_pluriel: z.string().optional().describe('Nom au pluriel (« Axes stratégiques »).'),
    facultatif: z.boolean().optional().describe('Niveau qui peut être sauté (un objectif sans objectif opérationnel).'),
    affiche: z.boolean().optional().describe('Faux pour un niveau sans nom dans la source, qui n\'est pas affiché devant le titre.'),
  })
  .describe('Niveau de la hiérarchie de cette feuille de route.');

export const priorityLevelSchema = z
  .strictObject({
    valeur: z.union([z.number(), z.string()]).describe('Valeur portée par les fiches (1, 2, 3).'),
    libelle: z.string().trim().min(1).describe('Libellé court (« Priorité 1 »).'),
    description: z.string().optional().describe('Définition donnée par la source.'),
  })
  .describe('Niveau de priorité défini par la feuille de route.');

export const roadmapSchema = z
  .strictObject({
    titre: z.string().trim().min(1).describe('Titre de la feuille de route.'),
    titre_court: z.string().optional().describe('Titre court pour la navigation (« Mednum49 2023-2025 »).'),
    sous_titre: z.string().optional().describe('Sous-titre ou nature du document.'),
    porteurs: actorRefListSchema.min(1).describe('Organisation(s) qui portent la feuille de route.'),
    territoire: z
      .strictObject({
        nom: z.string().trim().min(1).describe('Nom du territoire (« Maine-et-Loire »).'),
        niveau: z.enum(TERRITORY_LEVELS).describe('Échelon : commune, epci, departement, region ou national.'),
        code_insee: z.string().regex(/^[0-9AB]{2,9}$/, 'Code INSEE : chiffres (« 49 », « 52 », « 200071678 »).').optional().describe('Code officiel géographique (département « 49 », région « 52 », SIREN d\'un EPCI).'),
      })
      .describe('Territoire couvert.'),
    periode: z
      .strictObject({
        debut: fuzzyDateSchema.optional().describe('Début de la période couverte.'),
        fin: fuzzyDateSchema.optional().describe('Fin de la période couverte.'),
        texte: z.string().optional().describe('Comment la période est connue (« non datée ; vers 2014 d\'après le contenu »).'),
      })
      .optional()
      .describe('Période couverte par la feuille de route.'),
    date_adoption: fuzzyDateSchema.optional().describe('Date d\'adoption ou de validation.'),
    date_publication: fuzzyDateSchema.optional().describe('Date de publication du document.'),
    adoption_prevue: fuzzyDateSchema.optional().describe('Date à laquelle l\'adoption est prévue, pour un projet pas encore adopté (« octobre 2024 »).'),
    statut: z.enum(ROADMAP_STATUSES).describe('Statut du document : diagnostic, projet, adoptee, signee, en_vigueur, achevee ou remplacee.'),
    niveaux: z.array(levelSchema).describe('Les niveaux de la hiérarchie, du plus général au plus fin (les fiches viennent en dessous).'),
    fiches_annoncees: z.number().int().positive().optional().describe('Nombre de fiches que le document annonce, quand il n\'en décrit qu\'une partie (« 15 engagements », dont 2 décrits).'),
    nom_fiche: z.string().optional().describe('Comment la source appelle ses fiches (« Fiche action », « Fiche projet », « Action »).'),
    priorites: z.array(priorityLevelSchema).optional().describe('Échelle de priorité propre à cette feuille de route.'),
    gouvernance: z.string().optional().describe('Gouvernance (instances, pilotage), en Markdown.'),
    source: z
      .strictObject({
        titre: z.string().trim().min(1).describe('Titre du document source.'),
        auteur: z.string().optional().describe('Auteur ou bureau d\'études.'),
        fichier: z.string().optional().describe('Nom du fichier source.'),
        url: z.url({ protocol: /^https?$/ }).optional().describe('Adresse où le document est publié.'),
        date: z.string().optional().describe('Date du document, telle qu\'elle est connue.'),
        note: z.string().optional().describe('Remarques sur le document (extraction, version).'),
      })
      .describe('Document d\'origine.'),
    licence: z.string().optional().describe('Licence de réutilisation (« Licence Ouverte / Etalab 2.0 »).'),
    liens: z.array(pageLinkSchema).optional().describe('Liens utiles.'),
    objectifs: z
      .array(z.string().trim().min(1))
      .optional()
      .describe('Objectifs ou cibles de la feuille de route entière, tels que la source les écrit, un par ligne, en Markdown (« 80 % de la population dispose des compétences numériques de base en 2030 »). Ceux d\'une seule action vont dans sa fiche.'),
    indicateurs: indicatorListSchema
      .optional()
      .describe('Indicateurs de la feuille de route entière, comme ceux d\'une fiche : un intitulé seul, ou un objet avec unité, référence, cibles et mesures. Les « valeurs » des bilans s\'ajoutent à leurs mesures.'),
    jalons: z
      .array(milestoneSchema)
      .optional()
      .describe('Étapes datées de la feuille de route entière (« Évaluation à mi-parcours : 2027 ») ; les « jalons_atteints » des bilans disent lesquelles sont atteintes.'),
    budget: moneyListSchema.optional().describe('Budget de la feuille de route entière, tel que la source l\'écrit (une ligne par poste).'),
    declinaison_de: roadmapRefSchema.optional().describe('Feuille de route que celle-ci décline sur son territoire (la feuille de route nationale pour une feuille de route départementale).'),
    diagnostic: roadmapRefSchema.optional().describe('Diagnostic qui a précédé et préparé cette feuille de route.'),
    precedee_par: roadmapRefSchema.optional().describe('Feuille de route précédente, que celle-ci remplace.'),
    remplacee_par: roadmapRefSchema.optional().describe('Feuille de route suivante, qui remplace celle-ci (statut « remplacee »).'),
    bilans: reviewListSchema.optional(),
    anomalies_source: sourceDefectsSchema.optional(),
  })
  .describe('Feuille de route : le fichier feuille-de-route.md de son dossier ; le corps Markdown est sa présentation.');
