/**
 * Links between roadmaps, computed once every roadmap is built: relations shown both ways
 * (what A declares about B is shown on B's page too) and contributions of sheets to the
 * nodes and sheets of other roadmaps, listed on their targets.
 */
import { ROADMAP_RELATIONS, isExternalRoadmap, type RoadmapRelation } from '../content/cross-rules.ts';
import type { ModelEntryRef, ModelRoadmap, ModelRoadmapLink, ModelRoadmapRelation, ModelRoadmapRelationType } from './types.ts';

/** What B shows when A declares « relation: B ». */
const INVERSE: Record<RoadmapRelation, ModelRoadmapRelationType> = {
  declinaison_de: 'declinee_par',
  diagnostic: 'diagnostic_pour',
  precedee_par: 'remplacee_par',
  remplacee_par: 'precedee_par',
};

/** Reading order of the relations on a roadmap page: where it comes from, then what follows from it. */
const ORDER: ModelRoadmapRelationType[] = ['declinaison_de', 'declinee_par', 'diagnostic', 'diagnostic_pour', 'precedee_par', 'remplacee_par'];

export function roadmapLink(ref: string, byId: Map<string, ModelRoadmap>): ModelRoadmapLink {
  if (isExternalRoadmap(ref)) return { feuille_de_route: null, url: ref, titre: null, territoire: null };
  const rm = byId.get(ref);
  return { feuille_de_route: ref, url: null, titre: rm ? rm.titre_court ?? rm.titre : null, territoire: rm?.territoire.nom ?? null };
}

/**
 * Fills `relations` on every roadmap from the declared fields (`declinaison_de`…), already set
 * as links. A relation that points to no roadmap of the site (reported by the cross-file rules)
 * is shown one way only.
 */
export function linkRoadmaps(roadmaps: ModelRoadmap[]): void {
  const byId = new Map(roadmaps.map((r) => [r.id, r]));
  const found = new Map<string, ModelRoadmapRelation[]>(roadmaps.map((r) => [r.id, []]));
  const add = (owner: string, relation: ModelRoadmapRelation) => {
    const list = found.get(owner)!;
    const same = (r: ModelRoadmapRelation) => r.relation === relation.relation && r.feuille_de_route === relation.feuille_de_route && r.url === relation.url;
    const existing = list.find(same);
    if (existing) existing.declaree ||= relation.declaree;
    else list.push(relation);
  };
  for (const rm of roadmaps) {
    for (const field of ROADMAP_RELATIONS) {
      const link = rm[field];
      if (!link || link.feuille_de_route === rm.id) continue;
      add(rm.id, { relation: field, ...link, declaree: true });
      const other = link.feuille_de_route ? byId.get(link.feuille_de_route) : undefined;
      if (other) add(other.id, { relation: INVERSE[field], ...roadmapLink(rm.id, byId), declaree: false });
    }
  }
  for (const rm of roadmaps) {
    rm.relations = found.get(rm.id)!.sort((a, b) => ORDER.indexOf(a.relation) - ORDER.indexOf(b.relation));
  }
}

/**
 * Resolves the sheets' « contribue_a » and lists each contribution on its target, in reading
 * order, once: a hub also links contributions its sources already list (src/lib/import/federation.ts).
 */
export function linkContributions(roadmaps: ModelRoadmap[], declared: Map<string, string[]>): void {
  const byId = new Map(roadmaps.map((r) => [r.id, r]));
  for (const rm of roadmaps) {
    for (const sheet of rm.fiches) {
      for (const target of declared.get(`${rm.id}/${sheet.id}`) ?? []) {
        const [rmId, id] = target.split('/', 2) as [string, string];
        const other = byId.get(rmId);
        if (!other || other === rm) continue;
        const node = other.noeuds.find((n) => n.id === id);
        const targetSheet = node ? undefined : other.fiches.find((f) => f.id === id);
        const entry = node ?? targetSheet;
        if (!entry) continue;
        const ref: ModelEntryRef = { feuille_de_route: rmId, id, type: node ? 'noeud' : 'fiche' };
        const known = (list: ModelEntryRef[], r: ModelEntryRef) => list.some((c) => c.feuille_de_route === r.feuille_de_route && c.id === r.id);
        if (!known(sheet.contribue_a, ref)) sheet.contribue_a.push(ref);
        const back: ModelEntryRef = { feuille_de_route: rm.id, id: sheet.id, type: 'fiche' };
        if (!known(entry.contributions, back)) entry.contributions.push(back);
      }
    }
  }
}
