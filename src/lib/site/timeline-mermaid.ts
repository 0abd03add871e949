/**
 * A roadmap's calendar as Mermaid `gantt` source, for reuse in documents. Mermaid
 * cannot show uncertainty, so the bars are the same extents as on the site and
 * open-ended work says so in its name.
 */
import { fr } from '../i18n/fr.ts';
import type { ModelRoadmap, ModelSheet } from '../model/types.ts';
import { isoOf, wholeYears } from './timeline-dates.ts';
import { planBar, type PlannedBar } from './timeline-plan.ts';
import { isDatedRow, timelineExtent, timelineRows, type TimelineDatedRow } from './timeline-rows.ts';
import { domainDays } from './timeline-scale.ts';

export function mermaidGantt(roadmap: ModelRoadmap): string {
  const { rows } = timelineRows(roadmap);
  const dated = rows.filter(isDatedRow);
  const lines = ['gantt', `    title ${mermaidText(roadmap.titre)}`, '    dateFormat YYYY-MM-DD', '    inclusiveEndDates'];
  const extent = timelineExtent(dated, roadmap.periode);
  if (!extent) return lines.join('\n') + '\n';
  const domain = wholeYears(domainDays(extent).start, domainDays(extent).end);
  const sheets = new Map(roadmap.fiches.map((s) => [s.id, s]));
  let section: string | null = null;
  for (const row of dated) {
    const name = sectionName(roadmap, sheets.get(row.id));
    if (name !== section) lines.push(`    section ${name}`);
    section = name;
    lines.push(...taskLines(row, planBar(row.calendar, domain, row.periode), sheets.get(row.id)));
  }
  return lines.join('\n') + '\n';
}

/** One section per top-level node; sheets outside any node go under the roadmap's own name. */
function sectionName(roadmap: ModelRoadmap, sheet: ModelSheet | undefined): string {
  const top = sheet?.parents[0];
  if (top?.type === 'noeud') {
    const node = roadmap.noeuds.find((n) => n.id === top.id);
    return mermaidText([node?.code ?? top.code, node?.titre ?? top.titre].filter(Boolean).join(' ')) || top.id;
  }
  return mermaidText(roadmap.titre_court ?? roadmap.titre);
}

function taskLines(row: TimelineDatedRow, plan: PlannedBar, sheet: ModelSheet | undefined): string[] {
  const base = taskName(row, sheet);
  const id = taskId(row);
  const lines: string[] = [];
  let occurrence = 0;
  for (const seg of plan.segments) {
    const dates = `${isoOf(seg.start)}, ${isoOf(seg.end - 1)}`;
    if (seg.kind === 'periode') lines.push(`    ${base}${openSuffix(row, plan)} :${id}, ${dates}`);
    if (seg.kind === 'echeance') lines.push(`    ${base} (${fr.calendrier.echeanceMot}) :${id}, ${dates}`);
    if (seg.kind === 'recurrence') lines.push(`    ${mermaidText(`${base} – ${seg.label ?? ''}`)} :${id}_r${++occurrence}, ${dates}`);
  }
  plan.milestones.forEach((m, i) => {
    lines.push(`    ${mermaidText(`${base} – ${m.label}`)} :milestone, ${id}_j${i + 1}, ${isoOf(Math.floor(m.at))}, 0d`);
  });
  return lines;
}

function taskName(row: TimelineDatedRow, sheet: ModelSheet | undefined): string {
  if (row.kind === 'fiche') return mermaidText(row.label);
  return mermaidText(row.code ? `${row.code} ${row.titre}` : [sheet?.code, row.titre].filter(Boolean).join(' – '));
}

function openSuffix(row: TimelineDatedRow, plan: PlannedBar): string {
  if (!plan.open) return '';
  return row.calendar.ouvert ? ' (sans fin)' : ' (fin non précisée)';
}

/** Mermaid ids: letters, digits and underscores. Content ids are [a-z0-9-], so this stays unique. */
function taskId(row: TimelineDatedRow): string {
  const id = row.id.replace(/[^A-Za-z0-9]/g, '_');
  return row.kind === 'sous_action' ? `${id}_sa${row.sousAction + 1}` : id;
}

/** Mermaid reads `:` as the start of the task data, `#` as an entity and `;` as a statement end. */
export function mermaidText(text: string): string {
  return text.replace(/[:#;\n\r]+/g, ' ').replace(/\s+/g, ' ').trim();
}
