/**
 * What a hub's pages say about where a roadmap comes from (src/lib/import/federation.ts):
 * the notice on each page of another site's roadmap, with the same page on that site, and
 * the home page's word on the sources that could not be read this time.
 */
import { fr } from '../i18n/fr.ts';
import { formatChangeDate } from './display.ts';
import type { ModelOrigin, ModelRoadmap } from '../model/types.ts';

/** A page of a roadmap, as the site that wrote it names it too. */
export type RoadmapPage =
  | { page: 'feuille' }
  | { page: 'entree'; id: string }
  | { page: 'calendrier' }
  | { page: 'fiches' }
  | { page: 'document' }
  /** Its downloads, on the open-data page (/donnees/#donnees-<id>). */
  | { page: 'donnees' };

/**
 * The same page on the roadmap's own site. `origine.url` is its roadmap page there, under
 * the id it has there (the hub may have renamed it); nodes and sheets keep their ids.
 */
export function originPageUrl(origine: ModelOrigin, at: RoadmapPage): string | null {
  if (!origine.url) return null;
  switch (at.page) {
    case 'feuille':
      return origine.url;
    case 'entree':
      return `${origine.url}${at.id}/`;
    case 'donnees': {
      const id = new URL(origine.url).pathname.split('/').filter(Boolean).at(-1) ?? '';
      return new URL(`../donnees/#donnees-${id}`, origine.url).href;
    }
    default:
      return `${origine.url}${at.page}/`;
  }
}

export interface OriginNotice {
  nom: string;
  /** The same page on the origin site, or null for a source read from a file. */
  href: string | null;
}

/** The notice a page of `rm` shows, or null for the site's own roadmaps. */
export function originNotice(rm: Pick<ModelRoadmap, 'origine'>, at: RoadmapPage): OriginNotice | null {
  if (!rm.origine) return null;
  return { nom: rm.origine.nom, href: originPageUrl(rm.origine, at) };
}

/** A source of the hub as the build left it (src/lib/build/sources.ts). */
export interface HubSource {
  nom: string;
  /** As JALONS_SOURCES writes it. */
  adresse: string;
  /** « lue »: read now; « copie »: unreadable now, its last good copy is used; « absente »: left out. */
  etat: 'lue' | 'copie' | 'absente';
  /** Why it could not be read now (French), or null. */
  raison: string | null;
  /** When the copy used was read (ISO date and time), or null when absent. */
  lue_le: string | null;
  feuilles_de_route: number;
  fiches: number;
}

/** « 3 décembre 2026 » for the ISO date and time a copy was read, or null when unknown. */
function readOn(iso: string | null): string | null {
  return iso ? formatChangeDate(iso) || null : null;
}

/**
 * One sentence per source the build could not read now, for the home page: absent, or shown
 * from its last good copy. Empty when every source was read (or the site is not a hub).
 */
export function missingSourcesText(sources: readonly HubSource[]): Array<{ nom: string; texte: string }> {
  return sources.filter((s) => s.etat !== 'lue').map((s) => ({
    nom: s.nom,
    texte: s.etat === 'copie'
      ? fr.portail.copie(s.nom, s.raison ?? '', readOn(s.lue_le))
      : fr.portail.absente(s.nom, s.raison ?? ''),
  }));
}

/** The home page's list of sources: name, what it brings, and its state in words. */
export function sourcesList(sources: readonly HubSource[]): Array<{ nom: string; contenu: string; etat: string }> {
  return sources.map((s) => ({
    nom: s.nom,
    contenu: s.etat === 'absente' ? '—' : fr.portail.contenu(s.feuilles_de_route, s.fiches),
    etat: s.etat === 'copie' ? fr.portail.etats.copie(readOn(s.lue_le)) : fr.portail.etats[s.etat],
  }));
}
