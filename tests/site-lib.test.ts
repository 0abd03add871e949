import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { actorInvolvements } from '../src/lib/site/actors-index.ts';
import { breakdown, formatCalendarPeriod } from '../src/lib/site/display.ts';
import { dateText } from '../src/lib/values/date-text.ts';
import { ganttRows } from '../src/lib/site/gantt-view.ts';
import { buildTree, nodeLabel } from '../src/lib/site/hierarchy.ts';
import { indicatorChart } from '../src/lib/site/indicator-chart.ts';
import { acronymsFrom, hasMermaid, neutraliseMermaidHtml, renderMarkdown } from '../src/lib/site/markdown.ts';
import { roadmapTimeline } from '../src/lib/site/timeline.ts';

const root = join(import.meta.dirname, '..');
const { model } = validateProject(root, join(root, 'tests', 'fixtures', 'valide'));
const rm = model.feuilles_de_route[0]!;

describe('hierarchy', () => {
  it('nests sheets under nodes and child sheets under their sheet, counting sheets per node', () => {
    const axis = buildTree(rm)[0]!;
    expect(axis.kind).toBe('noeud');
    if (axis.kind !== 'noeud') return;
    expect(axis.sheetCount).toBe(3);
    const group = axis.children[0]!;
    expect(group.kind === 'noeud' && group.children.map((c) => (c.kind === 'fiche' ? c.sheet.code : c.node.code))).toEqual(['A.1.1', 'A.1.2']);
    const a12 = group.children[1]!;
    expect(a12.kind === 'fiche' && a12.children.map((c) => (c.kind === 'fiche' ? c.sheet.code : ''))).toEqual(['A.1.2.a']);
  });

  it('names a node by its level and code when the source gives it no title', () => {
    expect(nodeLabel({ code: 'A.1', titre: null }, 'Objectif')).toBe('Objectif A.1');
    expect(nodeLabel({ code: '1', titre: 'Digitalisation' }, 'Axe stratégique')).toBe('Axe stratégique 1 : Digitalisation');
  });
});

describe('display', () => {
  it('names intervals by their precision, in French', () => {
    expect(dateText('2023-07-01', 'semestre')).toBe('2e semestre 2023');
    expect(dateText('2014-10-01', 'trimestre')).toBe('T4 2014');
    expect(dateText('2024-07-01', 'jour')).toBe('1er juillet 2024');
  });

  it('gives a calendar period with its honest ends', () => {
    const [a11, , a12a] = rm.fiches;
    expect(formatCalendarPeriod(a11!.calendrier)).toBe('2023 – 2025');
    expect(formatCalendarPeriod(a12a!.calendrier)).toBe('2e semestre 2023');
  });

  it('counts sheets by type, in the singular for one', () => {
    expect(breakdown(rm.fiches, 'type')).toEqual([
      { key: 'action', label: 'actions', count: 2 },
      { key: 'sous_action', label: 'sous-action', count: 1 },
    ]);
    const statuses = [{ statut: 'realisee' }, { statut: 'realisee' }, { statut: 'suspendue' }] as never[];
    expect(breakdown(statuses, 'statut').map((b) => `${b.count} ${b.label}`)).toEqual(['2 réalisées', '1 suspendue']);
  });
});

describe('markdown pipeline', () => {
  const context = () => ({ acronyms: acronymsFrom([{ sigle: 'EPCI', definition: 'Établissement public de coopération intercommunale', variantes: [] }]), seen: new Set<string>() });

  it('expands an acronym at its first use on the page only', () => {
    const ctx = context();
    const first = renderMarkdown('Les EPCI et encore les EPCI.', { context: ctx });
    const second = renderMarkdown('Un EPCI.', { context: ctx, idPrefix: 'b-' });
    expect(first.match(/<abbr/g)).toHaveLength(1);
    expect(first).toContain('<abbr title="Établissement public de coopération intercommunale">EPCI</abbr>');
    expect(second).not.toContain('<abbr');
  });

  it('removes scripts, event handlers, javascript: links and iframes', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nTexte <img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<iframe src="https://evil.example"></iframe>\n\n<a href="javascript:alert(2)" onclick="x()">y</a>');
    expect(html).not.toMatch(/<script|onerror|onclick|href="javascript:|<iframe|<img/i);
    expect(html).toContain('Texte');
  });

  it('keeps GFM tables and footnotes, marks external links, and leaves Mermaid source for the browser', () => {
    const md = '| a | b |\n|---|---|\n| 1 | 2 |\n\nVoir [le site](https://example.org)[^1].\n\n[^1]: Une note.\n\n```mermaid\ngraph TD; A-->B\n```';
    const html = renderMarkdown(md, { idPrefix: 'fiche-' });
    expect(html).toContain('<table>');
    expect(html).toContain('id="fiche-fn-1"');
    expect(html).toContain('class="lien-externe"');
    expect(html).toContain('<pre class="mermaid">graph TD; A-->B');
    expect(hasMermaid(md)).toBe(true);
  });

  it('drops ids written in raw HTML, which would hijack the page\'s own anchors, and keeps the body\'s own', () => {
    const html = renderMarkdown('<a id="contenu" href="#x">lien</a> texte[^1]\n\n<style>body { color: red }</style>\n\n## Contenu\n\n[^1]: Note.', { idPrefix: 'fiche-' });
    expect(html).not.toMatch(/id="contenu"/);
    expect(html).toContain('<h2 id="fiche-contenu">Contenu</h2>');
    expect(html).toContain('aria-describedby="fiche-footnote-label"');
    expect(html).toContain('id="fiche-footnote-label"');
    expect(html).not.toContain('color: red');
  });

  it('writes tag-like text in Mermaid sources as Mermaid entities, keeping arrows and line breaks', () => {
    expect(neutraliseMermaidHtml('A["<img src=x onerror=alert(1)>"] --> B[un<br>deux] <--> C</b>')).toBe('A["#lt;img src=x onerror=alert(1)>"] --> B[un<br>deux] <--> C#lt;/b>');
    expect(renderMarkdown('```mermaid\ngraph TD; A["<b onclick=x>"]-->B\n```')).toContain('A["#lt;b onclick=x>"]-->B');
  });

  it('starts body headings at level 2, below the page title', () => {
    expect(renderMarkdown('# Contexte')).toBe('<h2 id="contexte">Contexte</h2>');
  });
});

describe('indicator chart', () => {
  it('places targets over the years and describes them in words', () => {
    const chart = indicatorChart(rm.fiches[0]!.indicateurs[1]!)!;
    expect(chart.cibles.map((p) => p.value)).toEqual([0, 50, 100]);
    expect(chart.cibles[0]!.x).toBeLessThan(chart.cibles[2]!.x);
    expect(chart.cibles[0]!.y).toBeGreaterThan(chart.cibles[2]!.y);
    expect(chart.description).toBe('Couverture. Valeurs visées : 2023 : 0\u00a0%, 2024 : 50\u00a0%, 2025 : 100\u00a0%.');
  });

  it('draws nothing for an indicator without values', () => {
    expect(indicatorChart(rm.fiches[0]!.indicateurs[0]!)).toBeNull();
  });
});

describe('who does what', () => {
  it('lists every role of an actor across sheets and roadmaps', () => {
    const index = actorInvolvements(model);
    expect(index.get('departement-exemple')!.map((i) => [i.role, i.code])).toEqual([['porteur_feuille', null], ['pilotes', 'A.1.1']]);
    expect(index.get('reseau-cyb')!.map((i) => [i.role, i.detail])).toEqual([['pilotes', 'animation']]);
  });
});

describe('gantt view', () => {
  it('draws a semester known only to its half-year as a soft span, and recurrences as repeated bars', () => {
    const rows = ganttRows(roadmapTimeline(rm, '2024-03-15'), (r) => `/${r.id}/`);
    const a12a = rows.find((r) => r.label.startsWith('A.1.2.a'))!;
    expect(a12a.spans.map((s) => s.className)).toEqual(['gantt-flou']);
    const a12 = rows.find((r) => r.label.startsWith('A.1.2 '))!;
    expect(a12.spans.filter((s) => s.className.includes('recurrence')).length).toBeGreaterThanOrEqual(6);
  });
});
