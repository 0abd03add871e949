/** The model as published: the whole of it, or one roadmap with the actors it cites. */
import type { Model, ModelActorRef, ModelRoadmap } from '../model/types.ts';

export function modelJson(model: Model): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/** Ids of the actors a roadmap cites, with the organisations they belong to. */
function citedActors(model: Model, rm: ModelRoadmap): Set<string> {
  const ids = new Set<string>();
  const add = (refs: ModelActorRef[]) => refs.forEach((r) => r.acteur && ids.add(r.acteur));
  add(rm.porteurs);
  for (const f of rm.fiches) {
    for (const list of [f.pilotes, f.porteurs, f.partenaires, f.cofinanceurs, f.acteurs, f.a_mobiliser]) add(list);
    for (const s of f.sous_actions) for (const list of [s.pilotes, s.partenaires, s.cofinanceurs]) add(list);
  }
  const byId = new Map(model.acteurs.map((a) => [a.id, a]));
  for (const id of [...ids]) for (let p = byId.get(id)?.parent; p && !ids.has(p); p = byId.get(p)?.parent) ids.add(p);
  return ids;
}

/** Same shape as the whole model (one schema for both), restricted to one roadmap. */
export function roadmapModel(model: Model, rm: ModelRoadmap): Model {
  const cited = citedActors(model, rm);
  return { version: model.version, feuilles_de_route: [rm], acteurs: model.acteurs.filter((a) => cited.has(a.id)), glossaire: model.glossaire };
}
