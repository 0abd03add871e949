import { z } from 'zod';

export const synonymGroupSchema = z
  .strictObject({
    termes: z
      .array(z.string().trim().min(1))
      .min(2)
      .describe('Les termes qui désignent la même chose (« seniors », « personnes âgées »). Chacun, écrit dans une page, la fait trouver par tous les autres.'),
    note: z.string().optional().describe('Pourquoi ces termes sont équivalents, ou la source de l\'équivalence.'),
  })
  .describe('Un groupe de termes équivalents dans le domaine.');

export const synonymsSchema = z
  .strictObject({
    groupes: z
      .array(synonymGroupSchema)
      .describe('Les groupes de synonymes. Un terme n\'appartient qu\'à un groupe.')
      .superRefine((groups, ctx) => {
        const seen = new Map<string, number>();
        groups.forEach((g, i) =>
          g.termes.forEach((t, j) => {
            const key = t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
            const first = seen.get(key);
            if (first !== undefined && first !== i) {
              ctx.addIssue({ code: 'custom', path: [i, 'termes', j], message: `Le terme « ${t} » est déjà dans le groupe n° ${first + 1} : réunissez les deux groupes, ou retirez le terme de l'un d'eux.` });
            } else seen.set(key, i);
          }),
        );
      }),
  })
  .describe('Synonymes du domaine (content/synonymes.yaml) : la recherche trouve une page par chacun des termes d\'un groupe dès qu\'elle en contient un.');
