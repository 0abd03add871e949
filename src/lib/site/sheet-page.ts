/** What a sheet or node page shows besides its own fields: breadcrumb, neighbours, children. */
import type { ModelAncestor, ModelNode, ModelRoadmap, ModelSheet } from '../model/types.ts';
import { nodeLabel, nodeTitle } from './hierarchy.ts';

export interface Crumb { label: string; href?: string }

export function ancestorCrumbs(rm: ModelRoadmap, parents: ModelAncestor[], href: (id: string) => string): Crumb[] {
  const levelNames = new Map(rm.niveaux.filter((l) => l.affiche).map((l) => [l.id, l.nom]));
  return parents.map((p) => ({
    label: p.type === 'noeud' ? nodeLabel({ ...p, titre: nodeTitle(rm, p) }, levelNames.get(p.niveau ?? '') ?? null) : `${p.code ? `${p.code} ` : ''}${p.titre ?? ''}`,
    href: href(p.id),
  }));
}

export function neighbours(rm: ModelRoadmap, sheet: ModelSheet): { previous: ModelSheet | null; next: ModelSheet | null } {
  const i = rm.fiches.findIndex((f) => f.id === sheet.id);
  return { previous: rm.fiches[i - 1] ?? null, next: rm.fiches[i + 1] ?? null };
}

export function childSheets(rm: ModelRoadmap, parentId: string): ModelSheet[] {
  return rm.fiches.filter((f) => f.parent === parentId);
}

export function childNodes(rm: ModelRoadmap, parentId: string): ModelNode[] {
  return rm.noeuds.filter((n) => n.parent === parentId);
}
