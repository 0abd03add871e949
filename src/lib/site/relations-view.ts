/** What the roadmap, node and sheet pages show of the links between roadmaps. */
import { SITE_PATH } from '../../../schemas/source.ts';
import { fr } from '../i18n/fr.ts';
import type { ModelEntryRef, ModelRoadmap, ModelRoadmapRelationType } from '../model/types.ts';
import { sheetNamePlural } from './display.ts';
import { nodeTitle } from './hierarchy.ts';
import type { Urls } from './urls.ts';

export interface LinkView {
  href: string;
  texte: string;
  /** Another Jalons site's address: a plain external link. */
  externe: boolean;
}

/** The roadmap's relations grouped under their French label, in reading order. */
export function relationGroups(rm: ModelRoadmap, urls: Urls): Array<{ libelle: string; relation: ModelRoadmapRelationType; liens: LinkView[] }> {
  const groups: Array<{ libelle: string; relation: ModelRoadmapRelationType; liens: LinkView[] }> = [];
  for (const r of rm.relations) {
    const link: LinkView = r.feuille_de_route
      ? { href: urls.roadmap(r.feuille_de_route), texte: r.titre ?? r.feuille_de_route, externe: false }
      : { href: r.url!, texte: r.url!, externe: true };
    const group = groups.find((g) => g.relation === r.relation);
    if (group) group.liens.push(link);
    else groups.push({ libelle: fr.feuille.relations[r.relation]!, relation: r.relation, liens: [link] });
  }
  return groups;
}

/** « Le document annonce 15 engagements et en décrit 2. », or null when the roadmap does not say. */
export function announcedText(rm: ModelRoadmap): string | null {
  return rm.fiches_annoncees === null ? null : fr.feuille.annoncees(rm.fiches_annoncees, rm.fiches.length, sheetNamePlural(rm.nom_fiche));
}

/** « Engagement 3 — Un aidant formé dans chaque commune »: the node's level or the roadmap's name for its sheets, then code and title. */
export function entryLabel(rm: ModelRoadmap, ref: { id: string; type: 'noeud' | 'fiche' }): string {
  if (ref.type === 'noeud') {
    const node = rm.noeuds.find((n) => n.id === ref.id);
    if (!node) return ref.id;
    const level = rm.niveaux.find((l) => l.id === node.niveau);
    const prefix = [level?.affiche === false ? null : level?.nom, node.code].filter(Boolean).join(' ');
    const title = nodeTitle(rm, node);
    return prefix && title ? `${prefix} — ${title}` : title ?? prefix ?? ref.id;
  }
  const sheet = rm.fiches.find((f) => f.id === ref.id);
  if (!sheet) return ref.id;
  return `${rm.nom_fiche}${sheet.code ? ` ${sheet.code}` : ''} — ${sheet.titre}`;
}

/** « Contribue à » on a sheet page: each target with its roadmap's short title. */
export function contributionTargets(sheet: { contribue_a: ModelEntryRef[] }, roadmaps: Map<string, ModelRoadmap>, urls: Urls): Array<LinkView & { feuille: string }> {
  return sheet.contribue_a.flatMap((ref) => {
    const rm = roadmaps.get(ref.feuille_de_route);
    return rm ? [{ href: urls.entry(rm.id, ref.id), texte: entryLabel(rm, ref), externe: false, feuille: rm.titre_court ?? rm.titre }] : [];
  });
}

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** « Actions qui y contribuent », grouped by roadmap, in the order of their territories' names. */
export function contributionGroups(entry: { contributions: ModelEntryRef[] }, roadmaps: Map<string, ModelRoadmap>, urls: Urls): Array<{ feuille: string; href: string; territoire: string; liens: LinkView[] }> {
  const groups = new Map<string, { feuille: string; href: string; territoire: string; liens: LinkView[] }>();
  for (const ref of entry.contributions) {
    const rm = roadmaps.get(ref.feuille_de_route);
    if (!rm) continue;
    const group = groups.get(rm.id) ?? { feuille: rm.titre_court ?? rm.titre, href: urls.roadmap(rm.id), territoire: rm.territoire.nom, liens: [] };
    group.liens.push({ href: urls.entry(rm.id, ref.id), texte: entryLabel(rm, ref), externe: false });
    groups.set(rm.id, group);
  }
  return [...groups.values()].sort((a, b) => collator.compare(a.territoire, b.territoire) || collator.compare(a.feuille, b.feuille));
}

/** A « liens » entry: a path of this site under the base path, anything else an external link. */
export function linkView(link: { titre: string; url: string }, urls: Urls): LinkView {
  return SITE_PATH.test(link.url) ? { href: urls.asset(link.url), texte: link.titre, externe: false } : { href: link.url, texte: link.titre, externe: true };
}
