import { z } from 'zod';
import { fuzzyDateSchema } from './fuzzy-date.ts';

export const indicatorValueSchema = z
  .union([z.number(), z.string().trim().min(1)])
  .describe('Valeur : un nombre (25) ou un nombre avec son unité (« 25 % », « 1 200 »).');

export const indicatorPointSchema = z
  .strictObject({
    date: fuzzyDateSchema.describe('Année ou date de la valeur (« 2019 », « fin 2024 »).'),
    valeur: indicatorValueSchema,
    texte: z.string().optional().describe('La valeur telle que la source l\'écrit, si elle diffère.'),
  })
  .describe('Une valeur datée.');

export const indicatorSchema = z
  .strictObject({
    libelle: z.string().trim().min(1).describe('Intitulé de l\'indicateur, tel que la source l\'écrit.'),
    unite: z.string().optional().describe('Unité des valeurs (« % », « personnes », « structures »).'),
    description: z.string().optional().describe('Précisions sur le calcul ou la source de l\'indicateur.'),
    reference: indicatorPointSchema.optional().describe('Valeur de référence (situation de départ).'),
    cibles: z.array(indicatorPointSchema).optional().describe('Valeurs visées, par année ou par date.'),
    mesures: z.array(indicatorPointSchema).optional().describe('Valeurs mesurées, par année ou par date.'),
  })
  .describe('Indicateur de suivi ou d\'évaluation.');

export const indicatorListSchema = z
  .array(z.union([z.string().trim().min(1), indicatorSchema]))
  .describe('Indicateurs de suivi : un intitulé seul, ou un objet avec unité, référence, cibles et mesures.');
