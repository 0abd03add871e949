/** The roadmap as a tree of nodes and sheets, with the number of sheets under each node. */
import type { ModelNode, ModelRoadmap, ModelSheet } from '../model/types.ts';
import { fr } from '../i18n/fr.ts';

export type TreeItem =
  | { kind: 'noeud'; node: ModelNode; levelName: string | null; showLevel: boolean; sheetCount: number; children: TreeItem[] }
  | { kind: 'fiche'; sheet: ModelSheet; children: TreeItem[] };

export function buildTree(roadmap: ModelRoadmap, rootId: string | null = null): TreeItem[] {
  const levels = new Map(roadmap.niveaux.map((l) => [l.id, l]));
  const items = new Map<string, { item: TreeItem; parent: string | null; ordre: number }>();
  for (const node of roadmap.noeuds) {
    const level = levels.get(node.niveau);
    items.set(node.id, {
      item: { kind: 'noeud', node, levelName: level?.nom ?? null, showLevel: level?.affiche ?? true, sheetCount: 0, children: [] },
      parent: node.parent,
      ordre: node.ordre,
    });
  }
  for (const sheet of roadmap.fiches) items.set(sheet.id, { item: { kind: 'fiche', sheet, children: [] }, parent: sheet.parent, ordre: sheet.ordre });

  const roots: TreeItem[] = [];
  for (const { item, parent } of [...items.values()].sort((a, b) => a.ordre - b.ordre)) {
    const p = parent ? items.get(parent) : undefined;
    (p ? p.item.children : roots).push(item);
  }
  const count = (item: TreeItem): number => {
    const below = item.children.reduce((n, c) => n + count(c), 0);
    if (item.kind === 'noeud') item.sheetCount = below;
    return item.kind === 'noeud' ? below : below + 1;
  };
  roots.forEach(count);
  return rootId ? (items.get(rootId)?.item.children ?? []) : roots;
}

/** Number of sheets in the subtree of a node. */
export function sheetsUnder(roadmap: ModelRoadmap, nodeId: string): ModelSheet[] {
  return roadmap.fiches.filter((f) => f.parents.some((p) => p.id === nodeId));
}

/** "Axe stratégique 1 : Digitalisation de l'économie", or only the code when the source names nothing. */
export function nodeLabel(node: ModelNode | { code: string | null; titre: string | null }, levelName?: string | null): string {
  const prefix = [levelName, node.code].filter(Boolean).join(' ');
  if (node.titre && prefix) return `${prefix} : ${node.titre}`;
  return node.titre ?? prefix;
}

/**
 * A node's title, or for a node its source leaves untitled (an implicit group) the range of
 * the sheets it holds, « fiches A.1.1 à A.1.2.c »: a breadcrumb or a « Rattachement » cell
 * then never shows a bare code. Derived from the sheets, never invented.
 */
export function nodeTitle(roadmap: ModelRoadmap, node: { id: string; titre: string | null }): string | null {
  if (node.titre) return node.titre;
  const codes = sheetsUnder(roadmap, node.id).map((f) => f.code).filter((c): c is string => !!c);
  if (codes.length === 0) return null;
  return codes.length === 1 ? fr.noeud.sansTitreUne(codes[0]!) : fr.noeud.sansTitre(codes[0]!, codes[codes.length - 1]!);
}
