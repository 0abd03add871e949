/**
 * The public model (src/lib/model/types.ts) described in zod, so that its JSON
 * Schema is generated rather than written by hand. Objects are strict: a field
 * added to the model but not here makes the published JSON fail its own schema,
 * which the tests check, so the two cannot drift apart silently.
 */
import { z } from 'zod';
import { ACTOR_TYPES } from '../../../schemas/actor.ts';
import { ROADMAP_STATUSES, TERRITORY_LEVELS } from '../../../schemas/roadmap.ts';
import { SHEET_STATUSES, SHEET_TYPES } from '../../../schemas/sheet.ts';
import { PRECISIONS } from '../values/fuzzy-date.ts';
import type { Model } from '../model/types.ts';

/**
 * The model's schema, built with strict objects (the published JSON Schema, and what this
 * site's own JSON is checked against) or with objects that drop unknown fields: a hub reads
 * other Jalons sites, some newer than itself, whose model may hold fields added since (new
 * fields never change `version`, docs/donnees.md « Versions »).
 */
function modelSchema(obj: typeof z.strictObject) {
  const text = z.string();
  const nullableText = z.string().nullable();
  const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('Date ISO 8601 (AAAA-MM-JJ).');
  const nullableDate = isoDate.nullable();

  const actorRef = obj({
    acteur: nullableText.describe('Identifiant de l\'acteur dans l\'annuaire (« acteurs »), ou null pour une mention libre.'),
    nom: text.describe('Nom de l\'acteur, ou la mention libre.'),
    graphie_source: nullableText.describe('Le nom tel que la fiche l\'écrit (graphie de la source, alias ou sigle), quand ses mots ne sont pas déjà dans le nom de l\'acteur (« CD49 » pour le Département de Maine-et-Loire, mais pas « Le Département ») ; null sinon.'),
    role: nullableText.describe('Rôle précisé par la source.'),
    precision: nullableText.describe('Service ou précision.'),
  }).meta({ id: 'ReferenceActeur', description: 'Référence à un acteur.' });
  const actorRefs = z.array(actorRef);

  const amount = obj({
    min: z.number().describe('Borne basse (euros, ETP ou pourcentage).'),
    max: z.number().nullable().describe('Borne haute ; null quand elle est ouverte (« + de 60 000 € »).'),
    unite: z.enum(['EUR', 'ETP', 'pourcent']),
    periodicite: z.enum(['an', 'mois']).nullable(),
    texte: text.describe('Les mots dont le montant est tiré.'),
  });
  const money = obj({
    texte: text.describe('Le montant ou le moyen tel que la source l\'écrit.'),
    montants: z.array(amount).describe('Montants lus dans le texte (peut être vide).'),
  }).meta({ id: 'Montant', description: 'Montant ou moyen, avec les montants qui en sont extraits.' });

  const precision = z.enum(PRECISIONS);
  const calendar = obj({
    texte: nullableText.describe('Le calendrier en toutes lettres, tel que la source l\'écrit.'),
    debut: nullableDate.describe('Premier jour (inclus).'),
    fin: nullableDate.describe('Dernier jour (inclus).'),
    precision: precision.nullable().describe('La plus grossière des précisions des deux bornes.'),
    precision_debut: precision.nullable(),
    precision_fin: precision.nullable(),
    approximatif: z.boolean().describe('Vrai pour « début 2023 », « courant 2024 »…'),
    ouvert: z.boolean().describe('Sans date de fin.'),
    continu: z.boolean().describe('En continu sur la période de la feuille de route.'),
    fin_deduite: z.boolean().describe('Fin calculée à partir de la durée.'),
    duree: nullableText,
    recurrence: z.array(obj({
      libelle: text,
      texte: text,
      mois_debut: z.number().int().min(1).max(12),
      mois_fin: z.number().int().min(1).max(12).describe('Inférieur à mois_debut quand la période passe le nouvel an.'),
      approximatif: z.boolean(),
    })).describe('Calendrier annuel récurrent.'),
    jalons: z.array(obj({
      libelle: text, texte: text, debut: isoDate, fin: isoDate, precision, approximatif: z.boolean(),
    })).describe('Étapes datées.'),
    affichage: obj({
      texte: text.describe('La période en toutes lettres, à la précision de la source : « avril 2019 – septembre 2021 », « Échéance : 2020 ».'),
      echeance: z.boolean().describe('Seule la fin est connue : une échéance.'),
      ouvert: z.boolean().describe('Un début sans fin.'),
      periodes: z.array(obj({
        type: z.enum(['periode', 'echeance', 'recurrence', 'jalon']),
        debut: isoDate.describe('Premier jour (inclus).'),
        fin: nullableDate.describe('Dernier jour (inclus), null sans fin.'),
        precision_debut: precision,
        precision_fin: precision.nullable(),
        approximatif: z.boolean(),
        libelle: nullableText.describe('Nom de l\'étape annuelle.'),
        coupe_debut: z.boolean().describe('Occurrence annuelle coupée par le début du calendrier.'),
        coupe_fin: z.boolean().describe('Occurrence annuelle coupée par la fin du calendrier.'),
        texte: text,
      })).describe('Ce que montrent la frise, les tableaux et le fichier iCalendar : la période, l\'échéance, ou chaque occurrence annuelle, coupée aux bornes du calendrier.'),
    }).describe('Le calendrier tel que le site et les exports l\'affichent.'),
  }).meta({ id: 'Calendrier', description: 'Calendrier normalisé d\'une fiche.' });

  const indicatorPoint = obj({ date: text, debut: nullableDate, fin: nullableDate, valeur: z.number().nullable(), texte: text });
  const indicator = obj({
    libelle: text, unite: nullableText, description: nullableText,
    reference: indicatorPoint.nullable(), cibles: z.array(indicatorPoint), mesures: z.array(indicatorPoint),
  }).meta({ id: 'Indicateur', description: 'Indicateur de suivi.' });
  const ancestor = obj({
    id: text, type: z.enum(['noeud', 'fiche']), code: nullableText, titre: nullableText, niveau: nullableText,
  }).meta({ id: 'Ancetre', description: 'Nœud ou fiche au-dessus, du plus haut au plus proche.' });
  const source = obj({ pages: nullableText.describe('Pages du document source.'), note: nullableText });
  const link = obj({ titre: text, url: text });
  const dated = obj({ texte: text, debut: nullableDate, fin: nullableDate }).nullable();
  const modelDate = obj({
    texte: text.describe('La date telle que l\'éditeur l\'écrit.'), debut: nullableDate.describe('Premier jour (inclus).'), fin: nullableDate.describe('Dernier jour (inclus).'),
    precision: precision.nullable(),
  }).meta({ id: 'DateFloue', description: 'Date floue, avec ses bornes ISO et sa précision.' });
  const sheetStatus = z.enum(SHEET_STATUSES);
  const measuredValues = z.array(obj({ indicateur: text.describe('Libellé de l\'indicateur.'), valeur: z.number().nullable(), texte: text }));
  const milestoneProgress = obj({
    libelle: text, date: modelDate, atteint_le: modelDate.nullable().describe('Date de l\'étape de suivi ou du bilan qui l\'a atteint.'),
    en_retard: z.boolean().describe('Passé et non atteint (seulement sur une fiche qui tient un suivi, ni réalisée ni abandonnée, ou une feuille de route qui publie des bilans, ni achevée ni remplacée).'),
  }).meta({ id: 'JalonSuivi', description: 'Jalon daté, atteint ou non à la date de construction du site.' });
  const progressEntry = obj({
    date: modelDate, texte: text.describe('Ce qui s\'est passé (Markdown).'),
    statut: sheetStatus.nullable().describe('Statut à partir de cette date.'),
    avancement: z.number().min(0).max(100).nullable().describe('Avancement en pourcentage.'),
    valeurs: measuredValues.describe('Valeurs mesurées à cette date.'),
    jalons_atteints: z.array(text).describe('Jalons atteints à cette date.'),
    lien: link.nullable(),
  }).meta({ id: 'EtapeSuivi', description: 'Étape datée du suivi d\'une fiche.' });
  const progressSummary = obj({
    fiches: z.number().int().describe('Nombre de fiches comptées.'),
    par_statut: z.record(z.string(), z.number().int()).describe('Nombre de fiches par statut actuel (« non_renseigne » sans statut connu).'),
    part_realisee: z.number().min(0).max(1).nullable().describe('Part des fiches réalisées (0 à 1).'),
    part_en_retard: z.number().min(0).max(1).nullable().describe('Part des fiches en retard (0 à 1).'),
    avancement_moyen: z.number().min(0).max(100).nullable().describe('Moyenne des avancements donnés.'),
    fiches_en_retard: z.array(text).describe('Identifiants des fiches en retard.'),
  }).meta({ id: 'SyntheseSuivi', description: 'Synthèse du suivi d\'un ensemble de fiches, à la date de construction du site.' });

  const entryRef = obj({
    feuille_de_route: text.describe('Identifiant de la feuille de route.'),
    id: text.describe('Identifiant du nœud ou de la fiche.'),
    type: z.enum(['noeud', 'fiche']),
  }).meta({ id: 'ReferenceElement', description: 'Nœud ou fiche d\'une autre feuille de route du site.' });
  const roadmapLinkFields = {
    feuille_de_route: nullableText.describe('Identifiant d\'une feuille de route de ce site ; null pour une feuille de route d\'un autre site.'),
    url: nullableText.describe('Adresse https de la feuille de route d\'un autre site Jalons, telle que l\'éditeur l\'écrit (jamais lue) ; null pour une feuille de route de ce site.'),
    titre: nullableText.describe('Titre court (sinon titre) de la feuille de route de ce site ; null pour une adresse.'),
    territoire: nullableText.describe('Territoire de la feuille de route de ce site ; null pour une adresse.'),
  };
  const roadmapLink = obj(roadmapLinkFields).meta({ id: 'LienFeuilleDeRoute', description: 'Autre feuille de route : de ce site, ou d\'un autre site Jalons par son adresse.' });
  const contributions = z.array(entryRef).describe('Fiches d\'autres feuilles de route qui disent y contribuer (leur « contribue_a »), dans l\'ordre de lecture.');

  const node = obj({
    id: text, feuille_de_route: text, fichier: text, code: nullableText, titre: nullableText, titre_court: nullableText,
    niveau: text, niveau_nom: nullableText, parent: nullableText, parents: z.array(ancestor),
    ordre: z.number().int().describe('Rang dans la lecture en profondeur de la feuille de route (nœuds et fiches confondus).'),
    source, anomalies_source: z.array(text), corps: text.describe('Texte Markdown.'),
    synthese_suivi: progressSummary,
    contributions,
  }).meta({ id: 'Noeud', description: 'Nœud de la hiérarchie (axe, objectif…).' });

  const sheet = obj({
    id: text.describe('Identifiant stable (nom du fichier).'),
    feuille_de_route: text, fichier: text, code: nullableText, titre: text,
    type: z.enum(SHEET_TYPES).nullable(), statut: z.enum(SHEET_STATUSES).nullable(), priorite: nullableText,
    parent: nullableText, parents: z.array(ancestor), ordre: z.number().int(), resume: nullableText,
    pilotes: actorRefs, porteurs: actorRefs, partenaires: actorRefs, cofinanceurs: actorRefs, acteurs: actorRefs, a_mobiliser: actorRefs,
    territoire: nullableText, publics: z.array(text), publics_numerotes: z.boolean().describe('La source numérote les publics : « publics » est dans son ordre, à lire comme une liste numérotée.'), calendrier: calendar.nullable(), budget: z.array(money),
    moyens: obj({ financiers: z.array(money), humains: z.array(money), materiels: z.array(money) }),
    indicateurs: z.array(indicator),
    sous_actions: z.array(obj({
      titre: text, code: nullableText, description: nullableText, calendrier: calendar.nullable(),
      pilotes: actorRefs, partenaires: actorRefs, cofinanceurs: actorRefs, budget: z.array(money),
      champs_source: z.record(z.string(), z.string()),
      suivi: z.array(progressEntry), statut_actuel: sheetStatus.nullable(), avancement: z.number().min(0).max(100).nullable(),
    })),
    problematique: nullableText, risques: z.array(text), resultats_attendus: z.array(text), benefices: z.array(text),
    liens: z.array(link), voir_aussi: z.array(obj({ feuille_de_route: text, id: text })).describe('Fiches ou nœuds liés.'),
    contribue_a: z.array(entryRef).describe('Nœuds ou fiches d\'autres feuilles de route auxquels cette fiche contribue.'),
    contribue_a_adresses: z.array(text).describe('Adresses https de pages (nœud ou fiche) d\'autres sites Jalons auxquelles cette fiche contribue, telles que l\'éditeur les écrit ; un site qui les publie aussi (un portail) les relie.'),
    contributions,
    source, anomalies_source: z.array(text), corps: text.describe('Texte Markdown.'),
    suivi: z.array(progressEntry).describe('Étapes du suivi, de la plus récente à la plus ancienne.'),
    statut_actuel: sheetStatus.nullable().describe('Statut de l\'étape la plus récente qui en porte un, sinon « statut ».'),
    statut_depuis: modelDate.nullable().describe('Depuis quand : la première étape de la suite qui a donné le statut actuel.'),
    avancement: z.number().min(0).max(100).nullable().describe('Dernier avancement donné.'),
    en_retard: z.boolean().describe('En retard à la date de construction du site : fin prévue dépassée ou jalon dépassé non atteint, fiche ni réalisée ni abandonnée.'),
    retard: obj({
      fin_depassee: z.boolean().describe('La fin prévue, à sa précision, est passée.'),
      jalons_depasses: z.array(text).describe('Jalons passés et non atteints.'),
    }),
    derniere_mise_a_jour: modelDate.nullable().describe('Date de l\'étape de suivi la plus récente.'),
    derniere_modification: nullableDate.describe('Jour (UTC) de la dernière modification des données de la fiche dans l\'historique git du dépôt (un commit qui n\'a changé que la mise en forme du fichier ne compte pas). null quand le site est construit sans historique git (archive, clone superficiel qui ne remonte pas jusqu\'à elle).'),
    fraicheur: obj({
      source: z.enum(['suivi', 'modification']).describe('« suivi » : la date est celle de l\'étape de suivi la plus récente ; « modification » : la fiche n\'a aucune étape de suivi, la date est celle de la dernière modification de ses données (derniere_modification).'),
      date: modelDate,
    }).nullable().describe('Fraîcheur des nouvelles de la fiche : sa dernière étape de suivi, sinon la dernière modification de ses données ; null quand on ne connaît ni l\'une ni l\'autre.'),
    jalons_suivi: z.array(milestoneProgress).describe('Jalons du calendrier, atteints ou en retard.'),
  }).meta({ id: 'Fiche', description: 'Fiche action.' });

  const roadmap = obj({
    id: text,
    origine: obj({
      nom: text.describe('Nom de la source, tel que le portail la nomme (JALONS_SOURCES), sinon son hôte.'),
      url: nullableText.describe('Adresse de la page de la feuille de route sur son site d\'origine.'),
      donnees: nullableText.describe('Adresse des données ouvertes lues par le portail.'),
    }).nullable().describe('null pour une feuille de route de ce site ; pour une feuille de route qu\'un portail publie depuis un autre site Jalons, ce site.'),
    fichier: text, titre: text, titre_court: nullableText, sous_titre: nullableText, porteurs: actorRefs,
    territoire: obj({ nom: text, niveau: z.enum(TERRITORY_LEVELS), code_insee: nullableText }),
    periode: obj({ debut: nullableDate, fin: nullableDate, texte: nullableText }),
    date_adoption: dated, date_publication: dated,
    adoption_prevue: dated.describe('Date d\'adoption prévue, pour un projet pas encore adopté.'),
    statut: z.enum(ROADMAP_STATUSES),
    niveaux: z.array(obj({ id: text, nom: text, nom_pluriel: nullableText, facultatif: z.boolean(), affiche: z.boolean() })),
    nom_fiche: text,
    fiches_annoncees: z.number().int().positive().nullable().describe('Nombre de fiches que le document annonce quand il n\'en décrit qu\'une partie ; null sinon.'),
    priorites: z.array(obj({ valeur: text, libelle: text, description: nullableText })),
    gouvernance: nullableText,
    source: obj({ titre: text, auteur: nullableText, fichier: nullableText, url: nullableText, date: nullableText, note: nullableText }),
    licence: nullableText.describe('Licence du document source, quand elle est connue.'),
    liens: z.array(link), anomalies_source: z.array(text), corps: text,
    objectifs: z.array(text).describe('Objectifs ou cibles de la feuille de route entière (Markdown), tels que la source les écrit.'),
    indicateurs: z.array(indicator).describe('Indicateurs de la feuille de route entière ; les valeurs mesurées par les bilans sont ajoutées à leurs mesures.'),
    jalons: z.array(milestoneProgress).describe('Jalons de la feuille de route entière, atteints (par un bilan) ou en retard.'),
    budget: z.array(money).describe('Budget de la feuille de route entière.'),
    declinaison_de: roadmapLink.nullable().describe('Feuille de route que celle-ci décline (déclarée dans son fichier).'),
    diagnostic: roadmapLink.nullable().describe('Diagnostic qui l\'a précédée (déclaré dans son fichier).'),
    precedee_par: roadmapLink.nullable().describe('Feuille de route précédente (déclarée dans son fichier).'),
    remplacee_par: roadmapLink.nullable().describe('Feuille de route suivante (déclarée dans son fichier).'),
    relations: z.array(obj({
      relation: z.enum(['declinaison_de', 'declinee_par', 'diagnostic', 'diagnostic_pour', 'precedee_par', 'remplacee_par']).describe('Ce qu\'est l\'autre feuille de route pour celle-ci : celle qu\'elle décline, une qui la décline, son diagnostic, celle dont elle est le diagnostic, la précédente, la suivante.'),
      ...roadmapLinkFields,
      declaree: z.boolean().describe('Écrite dans le fichier de cette feuille de route ; faux quand elle est déduite du fichier de l\'autre.'),
    })).describe('Relations avec les autres feuilles de route, dans les deux sens.'),
    bilans: z.array(obj({
      date: modelDate, titre: text, texte: nullableText, lien: link.nullable(),
      valeurs: measuredValues.describe('Valeurs des indicateurs de la feuille de route mesurées à la date du bilan.'),
      jalons_atteints: z.array(text).describe('Jalons de la feuille de route atteints à la date du bilan.'),
    })).describe('Bilans datés, du plus récent au plus ancien.'),
    synthese_suivi: progressSummary,
    noeuds: z.array(node), fiches: z.array(sheet),
  }).meta({ id: 'FeuilleDeRoute', description: 'Feuille de route.' });

  const actor = obj({
    id: text, nom: text, sigle: nullableText, aliases: z.array(text), type: z.enum(ACTOR_TYPES),
    territoire: nullableText, parent: nullableText, site: nullableText, description: nullableText,
  }).meta({ id: 'Acteur', description: 'Organisation de l\'annuaire.' });

  const glossaryTerm = obj({
    id: text, sigle: text, definition: text, variantes: z.array(text), note: nullableText, lien: nullableText,
  });

  return obj({
    version: z.literal(2).describe('Version du format ; elle change quand un champ est retiré ou renommé, ou qu\'une valeur nouvelle apparaît dans une liste fermée (docs/donnees.md, « Versions »).'),
    feuilles_de_route: z.array(roadmap),
    acteurs: z.array(actor),
    glossaire: z.array(glossaryTerm),
  }).describe('Jalons : feuilles de route numériques des territoires, modèle normalisé.');
}

export const publicModelSchema = modelSchema(z.strictObject);
/** For the sources of a hub (src/lib/import/federation.ts): unknown fields are dropped, not refused. */
export const readableModelSchema = modelSchema(z.object as unknown as typeof z.strictObject);

// Compile-time guard: whatever the schema accepts is a Model (it may be stricter, never looser).
const _accepted: (m: z.infer<typeof publicModelSchema>) => Model = (m) => m;
void _accepted;

/** The JSON Schema published beside the JSON files (draft 2020-12); the objects named with `meta({ id })` become $defs. */
export function modelJsonSchema(id: string): Record<string, unknown> {
  return { ...z.toJSONSchema(publicModelSchema, { target: 'draft-2020-12' }), $id: id, title: 'Jalons : modèle des feuilles de route' };
}
