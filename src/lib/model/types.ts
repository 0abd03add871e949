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
  source: ModelSource;
  anomalies_source: string[];
  corps: string;
}

export interface ModelRoadmap {
  id: string;
  fichier: string;
  titre: string;
  titre_court: string | null;
  sous_titre: string | null;
  porteurs: ModelActorRef[];
  territoire: { nom: string; niveau: string; code_insee: string | null };
  periode: { debut: string | null; fin: string | null; texte: string | null };
  date_adoption: { texte: string; debut: string | null; fin: string | null } | null;
  date_publication: { texte: string; debut: string | null; fin: string | null } | null;
  statut: string;
  niveaux: Array<{ id: string; nom: string; nom_pluriel: string | null; facultatif: boolean; affiche: boolean }>;
  nom_fiche: string;
  priorites: Array<{ valeur: string; libelle: string; description: string | null }>;
  gouvernance: string | null;
  source: { titre: string; auteur: string | null; fichier: string | null; url: string | null; date: string | null; note: string | null };
  licence: string | null;
  liens: Array<{ titre: string; url: string }>;
  anomalies_source: string[];
  corps: string;
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
  version: 1;
  feuilles_de_route: ModelRoadmap[];
  acteurs: ModelActor[];
  glossaire: ModelGlossaryTerm[];
}
