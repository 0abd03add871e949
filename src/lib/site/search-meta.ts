/**
 * What the search index knows about a page besides its text: filters (roadmap,
 * territory, type, status, pilots, partners, top-level axis, active years),
 * metadata shown in results, and sort keys.
 */
import { fr } from '../i18n/fr.ts';
import type { ModelNode, ModelRoadmap, ModelSheet } from '../model/types.ts';

export interface SearchMeta {
  filters: Array<[string, string]>;
  meta: Array<[string, string]>;
  sort: Array<[string, string]>;
}

/** Filter values are shown as typed: one line, single spaces. */
const clean = (v: string) => v.replace(/\s+/g, ' ').trim();

/** Every calendar year in which the sheet is active, from its normalised calendar. */
export function activeYears(sheet: ModelSheet, rm: ModelRoadmap, today: string): number[] {
  const cal = sheet.calendrier;
  if (!cal) return [];
  const spans: Array<[string, string]> = [];
  const end = cal.fin ?? (cal.ouvert ? (rm.periode.fin ?? `${today.slice(0, 4)}-12-31`) : cal.debut);
  if (cal.debut && end) spans.push([cal.debut, end]);
  else if (cal.fin) spans.push([cal.fin, cal.fin]);
  for (const j of cal.jalons) spans.push([j.debut, j.fin]);
  const years = new Set<number>();
  for (const [a, b] of spans) {
    for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)) && y - Number(a.slice(0, 4)) < 50; y++) years.add(y);
  }
  return [...years].sort();
}

/** Sort key that orders "A.1.2.b" and "10" naturally as text. */
export function codeSortKey(code: string | null): string {
  if (!code) return 'zzzz';
  return code.replace(/\d+/g, (n) => n.padStart(4, '0')).toLowerCase();
}

export function sheetSearchMeta(rm: ModelRoadmap, sheet: ModelSheet, today: string): SearchMeta {
  const axis = sheet.parents.find((p) => p.type === 'noeud');
  const roadmapName = clean(rm.titre_court ?? rm.titre);
  const filters: Array<[string, string]> = [
    ['feuille', roadmapName],
    ['territoire', clean(rm.territoire.nom)],
    ['type', clean(fr.types[sheet.type ?? ''] ?? 'Fiche')],
    ...(sheet.statut ? [['statut', clean(fr.statuts[sheet.statut] ?? sheet.statut)] as [string, string]] : []),
    ...sheet.pilotes.map((p) => ['pilote', clean(p.nom)] as [string, string]),
    ...sheet.partenaires.map((p) => ['partenaire', clean(p.nom)] as [string, string]),
    ...(axis ? [['axe', clean(`${roadmapName} › ${[axis.code, axis.titre].filter(Boolean).join(' ')}`)] as [string, string]] : []),
    ...activeYears(sheet, rm, today).map((y) => ['annee', String(y)] as [string, string]),
  ];
  return {
    filters: dedupe(filters),
    meta: [
      ['title', sheet.titre],
      ['code', sheet.code ?? ''],
      ['feuille', rm.titre_court ?? rm.titre],
      ['pilote', sheet.pilotes.map((p) => p.nom).join(', ')],
    ],
    sort: [
      ['code', `${roadmapName} ${codeSortKey(sheet.code)}`],
      ['debut', sheet.calendrier?.debut ?? '9999-12-31'],
    ],
  };
}

export function nodeSearchMeta(rm: ModelRoadmap, node: ModelNode, levelName: string | null): SearchMeta {
  const roadmapName = clean(rm.titre_court ?? rm.titre);
  return {
    filters: [['feuille', roadmapName], ['territoire', clean(rm.territoire.nom)], ['type', clean(levelName ?? 'Regroupement')]],
    meta: [['title', node.titre ?? node.code ?? ''], ['code', node.code ?? ''], ['feuille', rm.titre_court ?? rm.titre], ['pilote', '']],
    sort: [['code', `${roadmapName} ${codeSortKey(node.code)}`], ['debut', '9999-12-31']],
  };
}

export function roadmapSearchMeta(rm: ModelRoadmap): SearchMeta {
  const roadmapName = clean(rm.titre_court ?? rm.titre);
  return {
    filters: [['feuille', roadmapName], ['territoire', clean(rm.territoire.nom)], ['type', 'Feuille de route']],
    meta: [['title', rm.titre], ['code', ''], ['feuille', rm.titre_court ?? rm.titre], ['pilote', rm.porteurs.map((p) => p.nom).join(', ')]],
    sort: [['code', `${roadmapName} 0000`], ['debut', rm.periode.debut ?? '9999-12-31']],
  };
}

function dedupe(pairs: Array<[string, string]>): Array<[string, string]> {
  const seen = new Set<string>();
  return pairs.filter(([k, v]) => {
    const key = `${k}\u0000${v}`;
    if (seen.has(key) || !v) return false;
    seen.add(key);
    return true;
  });
}
