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

export interface ContributionGroup {
  feuille: string;
  href: string;
  territoire: string;
  /** Each contributing sheet once; `via`: what under this entry it contributes to, when not to the entry itself. */
  liens: Array<LinkView & { via: string | null; viaType: 'noeud' | 'fiche' | null }>;
}

/** The contributions listed on an entry: its own, then those to what lies under it in its roadmap. */
export function gatheredContributions(entry: { id: string; contributions: ModelEntryRef[] }, owner: ModelRoadmap | undefined): Array<{ ref: ModelEntryRef; via: ModelEntryRef | null }> {
  const own = entry.contributions.map((ref) => ({ ref, via: null }));
  if (!owner) return own;
  const under: Array<{ ref: ModelEntryRef; via: ModelEntryRef | null }> = [
    ...owner.noeuds.filter((n) => n.parents.some((p) => p.id === entry.id)).map((n) => ({ e: n, type: 'noeud' as const })),
    ...owner.fiches.filter((f) => f.parents.some((p) => p.id === entry.id)).map((f) => ({ e: f, type: 'fiche' as const })),
  ].sort((a, b) => a.e.ordre - b.e.ordre).flatMap(({ e, type }) => e.contributions.map((ref) => ({ ref, via: { feuille_de_route: owner.id, id: e.id, type } })));
  const seen = new Set<string>();
  return [...own, ...under].filter(({ ref }) => {
    const key = `${ref.feuille_de_route}/${ref.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * « Actions qui y contribuent », grouped by roadmap, in the order of their territories' names.
 * Given the entry's roadmap, an axis also lists the actions contributing to what lies under it.
 */
export function contributionGroups(entry: { id: string; contributions: ModelEntryRef[] }, roadmaps: Map<string, ModelRoadmap>, urls: Urls, owner?: ModelRoadmap): ContributionGroup[] {
  const groups = new Map<string, ContributionGroup>();
  for (const { ref, via } of gatheredContributions(entry, owner)) {
    const rm = roadmaps.get(ref.feuille_de_route);
    if (!rm) continue;
    const group = groups.get(rm.id) ?? { feuille: rm.titre_court ?? rm.titre, href: urls.roadmap(rm.id), territoire: rm.territoire.nom, liens: [] };
    group.liens.push({ href: urls.entry(rm.id, ref.id), texte: entryLabel(rm, ref), externe: false, via: via && owner ? entryLabel(owner, via) : null, viaType: via?.type ?? null });
    groups.set(rm.id, group);
  }
  return [...groups.values()].sort((a, b) => collator.compare(a.territoire, b.territoire) || collator.compare(a.feuille, b.feuille));
}

/** « 3 actions de 2 territoires y contribuent, dont 1 via ses engagements. », naming what lies under the entry as its roadmap does. */
export function contributionsCount(groups: readonly ContributionGroup[], owner: ModelRoadmap): string {
  const liens = groups.flatMap((g) => g.liens);
  const via = liens.filter((l) => l.viaType);
  const what = via.every((l) => l.viaType === 'fiche') ? sheetNamePlural(owner.nom_fiche) : null;
  return fr.fiche.contributionsCompte(liens.length, new Set(groups.map((g) => g.territoire)).size, via.length, what);
}

/** A « liens » entry: a path of this site under the base path, anything else an external link. */
export function linkView(link: { titre: string; url: string }, urls: Urls): LinkView {
  return SITE_PATH.test(link.url) ? { href: urls.asset(link.url), texte: link.titre, externe: false } : { href: link.url, texte: link.titre, externe: true };
}
