/**
 * The public, normalised model: what `npm run validate -- --json` prints and what
 * the open-data exports publish. Field names are stable; add, never rename.
 */
import type { Money } from '../values/money.ts';
import type { Calendar } from '../values/calendar.ts';
import type { CalendarDisplay } from './calendar-view.ts';

/**
 * A calendar as published: normalised (src/lib/values/calendar.ts), with what every
 * output shows of it (src/lib/model/calendar-view.ts): the periods at their
 * precision, in words, deadlines named as such.
 */
export interface ModelCalendar extends Calendar {
  affichage: CalendarDisplay;
}

export interface ModelActorRef {
  /** Actor id in the directory, or null for a free mention. */
  acteur: string | null;
  /** Display name: the actor's name, or the free mention. */
  nom: string;
  /**
   * The name as the sheet writes it (the source's spelling, an alias or acronym) when its words
   * are not already in the actor's name: shown beside the name so the source's words stay on the page.
   */
  graphie_source: string | null;
  role: string | null;
  precision: string | null;
}

export interface ModelIndicatorPoint {
  date: string;
  debut: string | null;
  fin: string | null;
  valeur: number | null;
  texte: string;
}

export interface ModelIndicator {
  libelle: string;
  unite: string | null;
  description: string | null;
  reference: ModelIndicatorPoint | null;
  cibles: ModelIndicatorPoint[];
  mesures: ModelIndicatorPoint[];
}

/** A date as the editor wrote it, with its inclusive ISO bounds and precision. */
export interface ModelDate {
  texte: string;
  debut: string | null;
  fin: string | null;
  precision: string | null;
}

/** One dated entry of a progress log (« suivi »). */
export interface ModelProgressEntry {
  date: ModelDate;
  texte: string;
  statut: string | null;
  avancement: number | null;
  /** Measured values, each under the label of the indicator it names. */
  valeurs: Array<{ indicateur: string; valeur: number | null; texte: string }>;
  jalons_atteints: string[];
  lien: { titre: string; url: string } | null;
}

/** A milestone of a sheet's calendar or of a roadmap, reached or not by the build date. */
export interface ModelMilestoneProgress {
  libelle: string;
  date: ModelDate;
  /** Date of the progress entry that reached it, or null. */
  atteint_le: ModelDate | null;
  /**
   * Past and not reached: only on a sheet that keeps a progress log and is neither realised
   * nor abandoned, or a roadmap that keeps reports and is neither completed nor replaced.
   */
  en_retard: boolean;
}

/** Why a sheet is late, at the build date. */
export interface ModelLateness {
  /** The planned end, at its precision, is past. */
  fin_depassee: boolean;
  /** Labels of the milestones past and not reached. */
  jalons_depasses: string[];
}

/** Counts and shares over a set of sheets, at the build date. */
export interface ModelProgressSummary {
  fiches: number;
  /** Count of sheets per current status; « non_renseigne » when neither the log nor the sheet gives one. */
  par_statut: Record<string, number>;
  /** Realised sheets over all sheets, 0 to 1 (null without sheets). */
  part_realisee: number | null;
  part_en_retard: number | null;
  /** Mean of the sheets' latest « avancement », over the sheets that give one. */
  avancement_moyen: number | null;
  /** Ids of the late sheets, in reading order. */
  fiches_en_retard: string[];
}

export interface ModelReview {
  date: ModelDate;
  titre: string;
  texte: string | null;
  lien: { titre: string; url: string } | null;
  /** Values of the roadmap's indicators measured at this date, each under its indicator's label. */
  valeurs: ModelProgressEntry['valeurs'];
  /** Labels of the roadmap's milestones reached at this date. */
  jalons_atteints: string[];
}

export interface ModelSubAction {
  titre: string;
  code: string | null;
  description: string | null;
  calendrier: ModelCalendar | null;
  pilotes: ModelActorRef[];
  partenaires: ModelActorRef[];
  cofinanceurs: ModelActorRef[];
  budget: Money[];
  champs_source: Record<string, string>;
  /** Progress log, newest first. */
  suivi: ModelProgressEntry[];
  statut_actuel: string | null;
  avancement: number | null;
}

export interface ModelAncestor {
  id: string;
  type: 'noeud' | 'fiche';
  code: string | null;
  titre: string | null;
  niveau: string | null;
}

export interface ModelSource {
  pages: string | null;
  note: string | null;
}

/** A reference to a node or a sheet of another roadmap of the site (« contribue_a »). */
export interface ModelEntryRef {
  feuille_de_route: string;
  id: string;
  type: 'noeud' | 'fiche';
}

/**
 * Another roadmap: one of this site (`feuille_de_route`, with its title and territory), or a
 * roadmap of another Jalons site known only by its address (`url`, never fetched).
 */
export interface ModelRoadmapLink {
  feuille_de_route: string | null;
  url: string | null;
  titre: string | null;
  territoire: string | null;
}

export type ModelRoadmapRelationType = 'declinaison_de' | 'declinee_par' | 'diagnostic' | 'diagnostic_pour' | 'precedee_par' | 'remplacee_par';

/** A relation as the roadmap page shows it, both ways: written in this roadmap's file, or in the other one's. */
export interface ModelRoadmapRelation extends ModelRoadmapLink {
  relation: ModelRoadmapRelationType;
  /** Written in this roadmap's own file (false: deduced from the other roadmap's file). */
  declaree: boolean;
}

export interface ModelNode {
  id: string;
  feuille_de_route: string;
  fichier: string;
  code: string | null;
  titre: string | null;
  titre_court: string | null;
  niveau: string;
  niveau_nom: string | null;
  parent: string | null;
  parents: ModelAncestor[];
  /** Rank in the depth-first reading of the roadmap (nodes and sheets share the sequence). */
  ordre: number;
  source: ModelSource;
  anomalies_source: string[];
  corps: string;
  /** Roll-up of the sheets under this node, at the build date. */
  synthese_suivi: ModelProgressSummary;
  /** Sheets of other roadmaps that say they contribute to this node (their « contribue_a »). */
  contributions: ModelEntryRef[];
}

/** Where a sheet's freshness comes from: a progress entry it carries, or git's record of its file. */
export interface ModelFreshness {
  source: 'suivi' | 'modification';
  date: ModelDate;
}

export interface ModelSheet {
  id: string;
  feuille_de_route: string;
  fichier: string;
  code: string | null;
  titre: string;
  type: string | null;
  statut: string | null;
  priorite: string | null;
  parent: string | null;
  parents: ModelAncestor[];
  ordre: number;
  resume: string | null;
  pilotes: ModelActorRef[];
  porteurs: ModelActorRef[];
  partenaires: ModelActorRef[];
  cofinanceurs: ModelActorRef[];
  acteurs: ModelActorRef[];
  a_mobiliser: ModelActorRef[];
  territoire: string | null;
  publics: string[];
  /** The source numbers the publics (« 1 - Collectivités »): shown as an ordered list. */
  publics_numerotes: boolean;
  calendrier: ModelCalendar | null;
  budget: Money[];
  moyens: { financiers: Money[]; humains: Money[]; materiels: Money[] };
  indicateurs: ModelIndicator[];
  sous_actions: ModelSubAction[];
  problematique: string | null;
  risques: string[];
  resultats_attendus: string[];
  benefices: string[];
  liens: Array<{ titre: string; url: string }>;
  voir_aussi: Array<{ feuille_de_route: string; id: string }>;
  /** Nodes or sheets of other roadmaps this sheet contributes to. */
  contribue_a: ModelEntryRef[];
  /** Pages of other Jalons sites (their address) this sheet contributes to: resolved by a hub that publishes them. */
  contribue_a_adresses: string[];
  /** Sheets of other roadmaps that say they contribute to this sheet. */
  contributions: ModelEntryRef[];
  source: ModelSource;
  anomalies_source: string[];
  corps: string;
  /** Progress log, newest first. */
  suivi: ModelProgressEntry[];
  /** The status of the newest entry that has one, else the sheet's own « statut ». */
  statut_actuel: string | null;
  /** Date of the first entry of the run of entries that set the current status (null when it comes from the sheet). */
  statut_depuis: ModelDate | null;
  /** The latest « avancement » given, 0-100. */
  avancement: number | null;
  en_retard: boolean;
  retard: ModelLateness;
  /** Date of the newest progress entry. */
  derniere_mise_a_jour: ModelDate | null;
  /** Day (YYYY-MM-DD) of the last commit that changed the sheet's data, re-formatting aside; null without git history. */
  derniere_modification: string | null;
  /** How fresh the sheet's news are: its newest progress entry, else its file's last data change, else null. */
  fraicheur: ModelFreshness | null;
  /** The calendar's milestones, reached or late. */
  jalons_suivi: ModelMilestoneProgress[];
}

/** Where a roadmap published by a hub comes from: another Jalons site (src/lib/import/federation.ts). */
export interface ModelOrigin {
  /** The source's name, as the hub's JALONS_SOURCES names it, else its host. */
  nom: string;
  /** The roadmap's page on its own site, when the source is read from an http(s) address. */
  url: string | null;
  /** The http(s) address of the source's open data the hub read (never a local path). */
  donnees: string | null;
}

export interface ModelRoadmap {
  id: string;
  /** Null for the site's own roadmaps; for a roadmap a hub publishes from another Jalons site, that site. */
  origine: ModelOrigin | null;
  fichier: string;
  titre: string;
  titre_court: string | null;
  sous_titre: string | null;
  porteurs: ModelActorRef[];
  territoire: { nom: string; niveau: string; code_insee: string | null };
  periode: { debut: string | null; fin: string | null; texte: string | null };
  date_adoption: { texte: string; debut: string | null; fin: string | null } | null;
  date_publication: { texte: string; debut: string | null; fin: string | null } | null;
  adoption_prevue: { texte: string; debut: string | null; fin: string | null } | null;
  statut: string;
  niveaux: Array<{ id: string; nom: string; nom_pluriel: string | null; facultatif: boolean; affiche: boolean }>;
  nom_fiche: string;
  /** Sheets the document announces, when it describes only some of them (null otherwise). */
  fiches_annoncees: number | null;
  priorites: Array<{ valeur: string; libelle: string; description: string | null }>;
  gouvernance: string | null;
  source: { titre: string; auteur: string | null; fichier: string | null; url: string | null; date: string | null; note: string | null };
  licence: string | null;
  liens: Array<{ titre: string; url: string }>;
  anomalies_source: string[];
  corps: string;
  /** The roadmap's own objectives or targets, Markdown, as written. */
  objectifs: string[];
  /** The roadmap's own indicators, with the values measured in its reports appended to their measures. */
  indicateurs: ModelIndicator[];
  /** The roadmap's own milestones, reached (by a report) or late, at the build date. */
  jalons: ModelMilestoneProgress[];
  budget: Money[];
  declinaison_de: ModelRoadmapLink | null;
  diagnostic: ModelRoadmapLink | null;
  precedee_par: ModelRoadmapLink | null;
  remplacee_par: ModelRoadmapLink | null;
  /** Relations with other roadmaps, both ways: declared here or deduced from the other roadmap. */
  relations: ModelRoadmapRelation[];
  /** Dated roadmap-level reports, newest first. */
  bilans: ModelReview[];
  /** Roll-up of all the roadmap's sheets, at the build date. */
  synthese_suivi: ModelProgressSummary;
  noeuds: ModelNode[];
  fiches: ModelSheet[];
}

export interface ModelActor {
  id: string;
  nom: string;
  sigle: string | null;
  aliases: string[];
  type: string;
  territoire: string | null;
  parent: string | null;
  site: string | null;
  description: string | null;
}

export interface ModelGlossaryTerm {
  id: string;
  sigle: string;
  definition: string;
  variantes: string[];
  note: string | null;
  lien: string | null;
}

export interface Model {
  version: 2;
  feuilles_de_route: ModelRoadmap[];
  acteurs: ModelActor[];
  glossaire: ModelGlossaryTerm[];
}
