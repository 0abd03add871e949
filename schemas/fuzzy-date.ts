import { z } from 'zod';
import { parseFuzzyDate } from '../src/lib/values/fuzzy-date.ts';

/** A date as the source writes it; it must be readable by the fuzzy-date parser. */
export function fuzzyDate(options: { annual?: boolean } = {}) {
  return z
    .union([z.string(), z.number().int()])
    .superRefine((value, ctx) => {
      const result = parseFuzzyDate(String(value), options);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
    });
}

export const fuzzyDateSchema = fuzzyDate().describe(
  'Date floue écrite comme dans la source : « 2023 », « 2e semestre 2023 », « septembre 2014 », « fin 2024 », « 2023-2025 », « sans fin »…',
);

export const annualMonthsSchema = fuzzyDate({ annual: true }).describe(
  'Mois ou période de mois sans année, répétée chaque année : « avril », « mai-juin », « octobre-juin » (peut passer le nouvel an).',
);
