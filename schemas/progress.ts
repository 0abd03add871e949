import { z } from 'zod';
import { fuzzyDateSchema } from './fuzzy-date.ts';
import { indicatorValueSchema } from './indicator.ts';
import { linkSchema } from './source.ts';

/** A sheet's statuses, shared by the sheet's own « statut » and its progress entries. */
export const SHEET_STATUSES = ['a_lancer', 'en_cours', 'realisee', 'suspendue', 'abandonnee'] as const;

/** Values measured at a date, by indicator label: shared by a sheet's progress entries and a roadmap's reports. */
const measuredValuesSchema = z.record(z.string().trim().min(1), indicatorValueSchema);
/** Labels of milestones reached at a date: shared by a sheet's progress entries and a roadmap's reports. */
const reachedMilestonesSchema = z.array(z.string().trim().min(1));

export const progressEntrySchema = z
  .strictObject({
    date: fuzzyDateSchema.describe('Date de l\'étape de suivi (« 2024-03-12 », « mars 2024 », « fin 2024 ») ; jamais après le jour de la publication.'),
    texte: z.string().trim().min(1).describe('Ce qui s\'est passé, avec les mots de l\'éditeur (Markdown).'),
    statut: z.enum(SHEET_STATUSES).optional().describe('Statut de la fiche à partir de cette date : a_lancer, en_cours, realisee, suspendue, abandonnee. Le statut actuel est celui de l\'étape la plus récente qui en porte un.'),
    avancement: z
      .number({ error: 'L\'avancement est un nombre de 0 à 100 (pourcentage sans le signe %).' })
      .min(0, 'L\'avancement est un pourcentage de 0 à 100 : écrivez un nombre entre 0 et 100.')
      .max(100, 'L\'avancement est un pourcentage de 0 à 100 : écrivez un nombre entre 0 et 100 (100 = terminé).')
      .optional()
      .describe('Avancement en pourcentage, de 0 à 100.'),
    valeurs: measuredValuesSchema
      .optional()
      .describe('Valeurs mesurées à cette date : libellé d\'un indicateur de la fiche → valeur ; ajoutées aux « mesures » de cet indicateur.'),
    jalons_atteints: reachedMilestonesSchema
      .optional()
      .describe('Libellés des jalons du calendrier de la fiche atteints à cette date.'),
    lien: linkSchema.optional().describe('Document qui en rend compte (compte rendu, délibération).'),
  })
  .describe('Étape de suivi datée : ce qui s\'est passé, et éventuellement le nouveau statut, l\'avancement, des valeurs mesurées, des jalons atteints.');

export const progressListSchema = z
  .array(progressEntrySchema)
  .describe('Suivi : les étapes datées de la mise en œuvre, dans n\'importe quel ordre (le site les affiche de la plus récente à la plus ancienne).');

export const reviewSchema = z
  .strictObject({
    date: fuzzyDateSchema.describe('Date du bilan (« juin 2024 », « 2024-12-10 ») ; jamais après le jour de la publication.'),
    titre: z.string().trim().min(1).describe('Titre du bilan (« Bilan à mi-parcours »).'),
    texte: z.string().optional().describe('Ce que dit le bilan, en Markdown.'),
    lien: linkSchema.optional().describe('Le document du bilan.'),
    valeurs: measuredValuesSchema
      .optional()
      .describe('Valeurs mesurées à la date du bilan : libellé d\'un indicateur de la feuille de route (« indicateurs » en tête du fichier) → valeur ; ajoutées aux « mesures » de cet indicateur.'),
    jalons_atteints: reachedMilestonesSchema
      .optional()
      .describe('Libellés des jalons de la feuille de route (« jalons » en tête du fichier) atteints à la date du bilan.'),
  })
  .describe('Bilan daté de la feuille de route entière ; il peut mesurer ses indicateurs et dire quels jalons sont atteints.');

export const reviewListSchema = z.array(reviewSchema).describe('Bilans datés de la feuille de route (comités, rapports annuels).');
