/**
 * A roadmap as one document, the way its source PDF is read in council meetings:
 * presentation, table of contents, then every node and sheet in reading order. The page
 * /<feuille>/document/ lays it out (on screen and for A4); npm run build prints it to PDF.
 */
import { fr } from '../i18n/fr.ts';
import { dateText } from '../values/date-text.ts';
import type { ModelNode, ModelRoadmap, ModelSheet } from '../model/types.ts';
import { buildTree, nodeLabel, nodeTitle, type TreeItem } from './hierarchy.ts';
import { sheetLabel } from './display.ts';

/** Headings stop at h6: deeper entries keep h6 and are told apart by their place and code. */
const MAX_HEADING = 6;

interface EntryBase {
  /** The element id the table of contents links to: stable, from the entry's file name. */
  anchor: string;
  /** Depth in the hierarchy, 0 for the roadmap's top level (its axes). */
  depth: number;
  /** Heading level of the entry's title: h2 at the top level, one more per level below. */
  heading: number;
  /** Text of the table of contents' link. */
  label: string;
  /** Prefix for the ids inside the entry, so that several sheets on one page never share one. */
  idPrefix: string;
}
export type DocumentEntry =
  | (EntryBase & { kind: 'noeud'; node: ModelNode; levelText: string | null; title: string })
  | (EntryBase & { kind: 'fiche'; sheet: ModelSheet });

export interface TocItem { anchor: string; label: string; children: TocItem[] }

export interface RoadmapDocument {
  entries: DocumentEntry[];
  toc: TocItem[];
}

export const entryAnchor = (id: string) => `entree-${id}`;

/** The node's heading as its own page writes it: the level and code above, the title (or the range of its sheets). */
function nodeHeading(rm: ModelRoadmap, node: ModelNode, levelName: string | null, showLevel: boolean) {
  const levelText = showLevel && levelName ? `${levelName}${node.code ? ` ${node.code}` : ''}` : null;
  const derived = nodeTitle(rm, node);
  const title = node.titre ?? (showLevel ? (derived ?? '') : nodeLabel({ ...node, titre: derived }, null));
  return { levelText, title: title || (levelText ?? node.id) };
}

/** Every node and sheet of the roadmap in reading order, with the table of contents that links to them. */
export function roadmapDocument(rm: ModelRoadmap): RoadmapDocument {
  const entries: DocumentEntry[] = [];
  const walk = (items: TreeItem[], depth: number): TocItem[] =>
    items.map((item) => {
      const heading = Math.min(2 + depth, MAX_HEADING);
      if (item.kind === 'noeud') {
        const { levelText, title } = nodeHeading(rm, item.node, item.levelName, item.showLevel);
        const label = levelText && title !== levelText ? `${levelText} : ${title}` : title;
        const anchor = entryAnchor(item.node.id);
        entries.push({ kind: 'noeud', node: item.node, levelText, title, anchor, depth, heading, label, idPrefix: `${anchor}-` });
        return { anchor, label, children: walk(item.children, depth + 1) };
      }
      const label = sheetLabel(item.sheet);
      const anchor = entryAnchor(item.sheet.id);
      entries.push({ kind: 'fiche', sheet: item.sheet, anchor, depth, heading, label, idPrefix: `${anchor}-` });
      return { anchor, label, children: walk(item.children, depth + 1) };
    });
  const toc = walk(buildTree(rm), 0);
  return { entries, toc };
}

/** The document's title, on screen and in the printed pages' running header. */
export const documentTitle = (rm: ModelRoadmap) => fr.document.titre(rm.titre_court ?? rm.titre);

/** What the pages write in place of the PDF's numbers, filled in by npm run build once it is printed (src/lib/build/pdf-links.ts). */
export const PDF_TOKENS = { pages: '{{pdf-pages}}', taille: '{{pdf-taille}}', octets: '{{pdf-octets}}' } as const;

/** File name of the roadmap's PDF, in its folder: named after the roadmap, so that a downloaded copy says what it is. */
export const roadmapPdfFile = (roadmapId: string) => `${roadmapId}/${roadmapId}.pdf`;

/** A CSS string holding `text`: quotes and backslashes escaped, and no « < » (the string sits in an HTML attribute). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/</g, '\\3c ').replace(/[\r\n]+/g, ' ')}"`;
}

/**
 * The printed pages' running header and footer: the roadmap's title at the top, the date of the
 * site's state at the bottom, as custom properties on the root element, which the page-margin
 * boxes of the print stylesheet read (they inherit from it; Chromium 131 and later). No <style>
 * element: the pages hold none, and all share one stylesheet.
 */
export function runningHeaders(rm: ModelRoadmap, today: string): string {
  return `--impression-titre: ${cssString(rm.titre_court ?? rm.titre)}; --impression-etat: ${cssString(fr.document.etatAu(dateText(today, 'jour')))}`;
}
