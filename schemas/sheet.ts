import { z } from 'zod';
import { actorRefListSchema } from './actor.ts';
import { calendarSchema } from './calendar.ts';
import { indicatorListSchema } from './indicator.ts';
import { meansSchema, moneyListSchema } from './money.ts';
import { progressListSchema, SHEET_STATUSES } from './progress.ts';
import { pageLinkSchema, sourceDefectsSchema, sourceRefSchema } from './source.ts';

export const SHEET_TYPES = ['action', 'sous_action', 'groupe_de_travail', 'fiche_projet', 'piste_action'] as const;
export { SHEET_STATUSES };

const textList = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1))]);

export const subActionSchema = z
  .strictObject({
    titre: z.string().trim().min(1).describe('Intitulé de la sous-action.'),
    code: z.union([z.string().trim().min(1), z.number()]).optional().describe('Code tel qu\'il est imprimé (« 2.1 », « a »).'),
    description: z.string().optional().describe('Description (Markdown).'),
    calendrier: calendarSchema.optional(),
    pilotes: actorRefListSchema.optional().describe('Pilotes de la sous-action.'),
    partenaires: actorRefListSchema.optional().describe('Partenaires de la sous-action.'),
    cofinanceurs: actorRefListSchema.optional().describe('Cofinanceurs de la sous-action.'),
    budget: moneyListSchema.optional().describe('Budget de la sous-action.'),
    champs_source: z.record(z.string(), z.string()).optional().describe('Autres colonnes du tableau source, libellé → valeur (« FAPI: NON »).'),
    suivi: progressListSchema.optional().describe('Suivi de la sous-action : étapes datées (date, texte, statut, avancement, jalons atteints, lien).'),
  })
  .describe('Sous-action décrite comme une ligne de tableau à l\'intérieur de la fiche.');

export const sheetSchema = z
  .strictObject({
    titre: z.string().trim().min(1).describe('Intitulé de la fiche, avec les majuscules de la source ; en minuscules sauf la première lettre seulement quand la source l\'imprime tout en capitales (comme le sommaire).'),
    code: z.union([z.string().trim().min(1), z.number()]).optional().describe('Code tel qu\'il est imprimé (« A.1.2.a », « 3 », « Action 1 »).'),
    type: z.enum(SHEET_TYPES).optional().describe('Nature de la fiche : action, sous_action, groupe_de_travail, fiche_projet ou piste_action.'),
    parent: z.string().trim().min(1).optional().describe('Identifiant (nom du fichier) du nœud ou de la fiche dont elle dépend.'),
    ordre: z.number().optional().describe('Rang parmi les fiches sœurs (sinon l\'ordre du code puis du titre).'),
    statut: z.enum(SHEET_STATUSES).optional().describe('Avancement, seulement si la source le dit : a_lancer, en_cours, realisee, suspendue, abandonnee.'),
    priorite: z.union([z.number(), z.string().trim().min(1)]).optional().describe('Priorité, selon l\'échelle définie par la feuille de route (« priorites »).'),
    resume: z.string().optional().describe('Résumé en une ou deux phrases, pour les listes et le partage.'),
    pilotes: actorRefListSchema.optional().describe('Pilotes de l\'action.'),
    porteurs: actorRefListSchema.optional().describe('Porteurs de l\'action, quand la source les distingue des pilotes.'),
    partenaires: actorRefListSchema.optional().describe('Partenaires.'),
    cofinanceurs: actorRefListSchema.optional().describe('Cofinanceurs.'),
    acteurs: actorRefListSchema.optional().describe('Autres acteurs, avec leur rôle (« MOA », « AMOA », « acteurs du secteur »).'),
    a_mobiliser: actorRefListSchema.optional().describe('Personnes et structures à mobiliser (groupes de travail).'),
    territoire: z.string().optional().describe('Territoire d\'action, tel que la source l\'écrit.'),
    publics: textList.optional().describe('Publics cibles ou bénéficiaires.'),
    publics_numerotes: z.boolean().optional().describe('La source numérote les publics (« 1 - Collectivités », « 2 - Mayennais ») : la page les affiche en liste numérotée, dans l\'ordre de « publics ».'),
    calendrier: calendarSchema.optional(),
    budget: moneyListSchema.optional().describe('Budget, tel que la source l\'écrit.'),
    moyens: meansSchema.optional(),
    indicateurs: indicatorListSchema.optional(),
    sous_actions: z.array(subActionSchema).optional().describe('Sous-actions décrites dans un tableau de la fiche (sinon, des fiches enfants).'),
    problematique: z.string().optional().describe('Problématique (groupes de travail), en Markdown.'),
    risques: textList.optional().describe('Risques identifiés.'),
    resultats_attendus: textList.optional().describe('Résultats attendus.'),
    benefices: textList.optional().describe('Bénéfices attendus pour les habitants.'),
    liens: z.array(pageLinkSchema).optional().describe('Liens vers des ressources externes, ou vers d\'autres pages de ce site par leur chemin (« /nationale/engagement-3/ »).'),
    voir_aussi: z.array(z.string().trim().min(1)).optional().describe('Fiches ou nœuds liés : identifiant d\'une fiche ou d\'un nœud de la même feuille de route, ou « feuille-de-route/identifiant ».'),
    contribue_a: z.array(z.string().trim().min(1)).optional().describe('Nœuds ou fiches d\'une autre feuille de route auxquels cette fiche contribue (un axe ou un engagement de la feuille de route nationale), écrits « feuille-de-route/identifiant », ou l\'adresse https de leur page sur un autre site Jalons.'),
    suivi: progressListSchema.optional(),
    source: sourceRefSchema.optional(),
    anomalies_source: sourceDefectsSchema.optional(),
  })
  .describe('Fiche action. Le nom du fichier est son identifiant (adresse stable) ; le corps Markdown porte les sections de texte (contexte, objectifs, description…).');
