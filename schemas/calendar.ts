import { z } from 'zod';
import { annualMonthsSchema, fuzzyDateSchema } from './fuzzy-date.ts';

export const milestoneSchema = z
  .strictObject({
    date: fuzzyDateSchema,
    libelle: z.string().trim().min(1).describe('Ce qui a lieu à cette date (« Validation du logo »).'),
  })
  .describe('Jalon : une étape datée.');

export const recurrenceSchema = z
  .strictObject({
    mois: annualMonthsSchema,
    libelle: z.string().trim().min(1).describe('Ce qui a lieu chaque année à cette période.'),
  })
  .describe('Étape d\'un calendrier annuel récurrent.');

export const calendarObjectSchema = z
  .strictObject({
    texte: z.string().optional().describe('Le calendrier en toutes lettres, tel que la source l\'écrit (affiché tel quel).'),
    periode: fuzzyDateSchema.optional().describe('Période entière en une expression (« 2e semestre 2023 », « 2024-2025 »). Ne pas combiner avec début et fin.'),
    debut: fuzzyDateSchema.optional().describe('Début (« Avril 2019 », « début 2023 »).'),
    fin: fuzzyDateSchema.optional().describe('Fin (« 2025 », « sans fin »).'),
    duree: z.string().optional().describe('Durée telle que la source l\'écrit (« 5 ans (durée du SDAASP) »). Si elle commence par un nombre d\'années, de mois ou de jours, la fin en est déduite.'),
    continu: z.boolean().optional().describe('Action menée en continu sur toute la période de la feuille de route.'),
    recurrence: z.array(recurrenceSchema).optional().describe('Calendrier annuel récurrent, étape par étape (« octobre-juin : cohorte »).'),
    jalons: z.array(milestoneSchema).optional().describe('Étapes datées (« Lancement de l\'action : décembre 2022 »).'),
  })
  .superRefine((value, ctx) => {
    if (value.periode !== undefined && (value.debut !== undefined || value.fin !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['periode'],
        message: '« periode » et « debut »/« fin » disent la même chose deux fois : gardez « periode » seule, ou bien « debut » et « fin ».',
      });
    }
  });

export const calendarSchema = z
  .union([fuzzyDateSchema, calendarObjectSchema])
  .describe('Calendrier : une date floue (« 2e semestre 2023 ») ou un objet avec texte, période, début, fin, durée, récurrence annuelle et jalons.');
