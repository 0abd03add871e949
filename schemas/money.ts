import { z } from 'zod';

/**
 * An amount or a means as the source writes it ("12-15 000 €", "+ de 60 000 €/an", "1,2 ETP",
 * "A déterminer"). It is always accepted: the amounts it holds are extracted by
 * src/lib/values/money.ts and anything else is kept as text.
 */
export const moneySchema = z
  .string()
  .trim()
  .min(1, 'Le montant est vide : écrivez-le tel que la source le donne, ou retirez la ligne.')
  .describe('Montant ou moyen tel que la source l\'écrit : « 12-15 000 € », « 600 € par an », « + de 60 000 €/an », « 1,2 ETP », « A déterminer ».');

export const moneyListSchema = z
  .union([moneySchema, z.array(moneySchema)])
  .describe('Un montant, ou une liste de montants (une ligne par poste).');

export const meansSchema = z
  .strictObject({
    financiers: moneyListSchema.optional().describe('Moyens financiers (montants, financeurs).'),
    humains: moneyListSchema.optional().describe('Moyens humains (postes, ETP, temps de travail).'),
    materiels: moneyListSchema.optional().describe('Moyens matériels (locaux, équipements).'),
  })
  .describe('Moyens mobilisés, tels que la fiche les décrit.');
