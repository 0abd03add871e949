import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { actorInvolvements, actorRoadmaps, actorTextMentions, splitByRole } from '../src/lib/site/actors-index.ts';
import { breakdown, formatCalendarPeriod } from '../src/lib/site/display.ts';
import { dateText } from '../src/lib/values/date-text.ts';
import { ganttRows } from '../src/lib/site/gantt-view.ts';
import { buildTree, nodeLabel, nodeTitle } from '../src/lib/site/hierarchy.ts';
import { ancestorCrumbs } from '../src/lib/site/sheet-page.ts';
import { axisLabels, indicatorChart, labelBox, shortDateLabel, type AxisLabel } from '../src/lib/site/indicator-chart.ts';
import type { ModelIndicator, ModelIndicatorPoint } from '../src/lib/model/types.ts';
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

  it('names an untitled node by the sheets it holds, so a breadcrumb never shows a bare code', () => {
    const a1 = rm.noeuds.find((n) => n.code === 'A.1')!;
    expect(a1.titre).toBeNull();
    expect(nodeTitle(rm, a1)).toBe('fiches A.1.1 à A.1.2.a');
    expect(nodeTitle(rm, rm.noeuds.find((n) => n.code === 'A')!)).toBe('Piloter la stratégie');
    const a12a = rm.fiches.find((f) => f.code === 'A.1.2.a')!;
    expect(ancestorCrumbs(rm, a12a.parents, (id) => `/${id}/`).map((c) => c.label)).toEqual([
      'Axe A : Piloter la stratégie', 'Objectif A.1 : fiches A.1.1 à A.1.2.a', 'A.1.2 Services civiques',
    ]);
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
    // Focusable: on a phone the table scrolls sideways, and a keyboard user must be able to scroll it.
    expect(html).toContain('<table tabindex="0">');
    expect(renderMarkdown('```\nnpm run validate\n```')).toContain('<pre tabindex="0"><code>');
    expect(html).toContain('<pre class="mermaid">');
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
  it('places targets over the years, every year labelled as written when there is room', () => {
    const chart = indicatorChart(rm.fiches[0]!.indicateurs[1]!)!;
    expect(chart.cibles.map((p) => p.value)).toEqual([0, 50, 100]);
    expect(chart.cibles[0]!.x).toBeLessThan(chart.cibles[2]!.x);
    expect(chart.cibles[0]!.y).toBeGreaterThan(chart.cibles[2]!.y);
    expect(chart.xTicks.map((t) => t.label)).toEqual(['2023', '2024', '2025']);
    // Under their points, the last one slid inwards to stay in the drawing.
    expect(chart.xTicks.map((t) => t.x)).toEqual([44, 196, 344.6]);
    expect(chart.cibles.map((p) => p.x)).toEqual([44, 196, 348]);
  });

  /** No two drawn labels' boxes (their widths estimated wide) touch, all inside the drawing, the first and last dates labelled. */
  function expectReadableAxis(ind: ModelIndicator, dates: string[]) {
    const chart = indicatorChart(ind)!;
    const boxes = chart.xTicks.map(labelBox);
    for (const [i, a] of boxes.entries()) {
      expect(a.left).toBeGreaterThanOrEqual(0);
      expect(a.right).toBeLessThanOrEqual(chart.width);
      for (const b of boxes.slice(i + 1)) expect(a.right <= b.left || b.right <= a.left).toBe(true);
    }
    const allowed = (d: string) => [d, shortDateLabel(point(d, 1))];
    expect(allowed(dates[0]!)).toContain(chart.xTicks[0]!.label);
    expect(allowed(dates.at(-1)!)).toContain(chart.xTicks.at(-1)!.label);
    for (const t of chart.xTicks) expect(dates.flatMap(allowed)).toContain(t.label);
    return chart;
  }

  const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
  /** A point as the model makes it: « 2e semestre 2023 », « mars 2024 », « 2024-06-15 », « 2024 ». */
  function point(date: string, valeur: number): ModelIndicatorPoint {
    const last = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-${new Date(Date.UTC(y, m, 0)).getUTCDate()}`;
    const first = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;
    let m: RegExpExecArray | null;
    let span: [string, string];
    if ((m = /^(1er|2e) semestre (\d{4})$/.exec(date))) span = [first(+m[2]!, m[1] === '1er' ? 1 : 7), last(+m[2]!, m[1] === '1er' ? 6 : 12)];
    else if ((m = /^(\S+) (\d{4})$/.exec(date))) span = [first(+m[2]!, MONTHS.indexOf(m[1]!) + 1), last(+m[2]!, MONTHS.indexOf(m[1]!) + 1)];
    else if (/^\d{4}-\d{2}-\d{2}$/.test(date)) span = [date, date];
    else span = [`${date}-01-01`, `${date}-12-31`];
    return { date, debut: span[0], fin: span[1], valeur, texte: String(valeur) };
  }
  const indicator = (cibles: string[], mesures: string[]): ModelIndicator => ({
    libelle: 'Personnes accompagnées', unite: 'personnes', description: null, reference: null,
    cibles: cibles.map((d, i) => point(d, 100 * (i + 1))), mesures: mesures.map((d, i) => point(d, 10 * i)),
  });

  it('monthly measures over a year: labels thinned and shortened, never overlapping (they would, as written)', () => {
    const dates = [...MONTHS.map((m) => `${m} 2024`)];
    const ind = indicator(['2025'], dates);
    // Control: all twelve months as written, each under its point, would overlap.
    const chart = indicatorChart(ind)!;
    const naive: AxisLabel[] = chart.mesures.map((p, i) => ({ x: p.x, label: dates[i]! }));
    expect(naive.some((a, i) => i > 0 && labelBox(naive[i - 1]!).right > labelBox(a).left)).toBe(true);
    const drawn = expectReadableAxis(ind, [...dates, '2025']);
    expect(drawn.xTicks[0]!.label).toBe('janv. 2024');
    expect(drawn.xTicks.length).toBeGreaterThanOrEqual(3);
  });

  it('long fuzzy dates (« 2e semestre 2023 ») over five years and daily measures: readable axes', () => {
    const semesters = [2021, 2022, 2023, 2024, 2025].flatMap((y) => [`1er semestre ${y}`, `2e semestre ${y}`]);
    const chart = expectReadableAxis(indicator([], semesters), semesters);
    expect(chart.xTicks[0]!.label).toBe('S1 2021');
    const days = Array.from({ length: 30 }, (_, i) => `2024-06-${String(i + 1).padStart(2, '0')}`);
    expectReadableAxis(indicator([], days), days);
    // Every density from 2 to 40 monthly points, with a target at either end.
    for (let n = 2; n <= 40; n++) {
      const months = Array.from({ length: n }, (_, i) => `${MONTHS[i % 12]} ${2020 + Math.floor(i / 12)}`);
      expectReadableAxis(indicator(['2019', '2024'], months), ['2019', ...months, '2024']);
    }
  });

  it('shortens a date only to say the same thing in fewer characters', () => {
    expect(shortDateLabel(point('2e semestre 2023', 1))).toBe('S2 2023');
    expect(shortDateLabel(point('octobre 2024', 1))).toBe('oct. 2024');
    expect(shortDateLabel(point('mai 2024', 1))).toBeNull();
    expect(shortDateLabel(point('2024', 1))).toBeNull();
    expect(shortDateLabel({ date: 'troisième trimestre 2024', debut: '2024-07-01', fin: '2024-09-30' })).toBe('T3 2024');
    expect(shortDateLabel({ date: '15 juin 2024', debut: '2024-06-15', fin: '2024-06-15' })).toBe('15/06/2024');
    expect(axisLabels([{ x: 44, label: '2023' }, { x: 348, label: '2025' }])).toEqual([{ x: 44, label: '2023' }, { x: 344.6, label: '2025' }]);
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

  it('sets apart, for the index, the actors no roadmap or sheet names in a role', () => {
    const { withRole, withoutRole } = splitByRole([...model.acteurs, { id: 'cite-dans-un-texte' }], actorInvolvements(model));
    expect(withRole.map((a) => a.id)).toEqual(['departement-exemple', 'reseau-cyb']);
    expect(withoutRole.map((a) => a.id)).toEqual(['cite-dans-un-texte']);
  });
});

describe('actors named only in a text', () => {
  // Invented: a fund named in one sheet's text by its sigle, in a node's by its name, and a word that merely contains the sigle.
  const caf = { id: 'caf-exemple', nom: 'Caisse d\'allocations familiales d\'Exemple', sigle: 'CAF', aliases: [], type: 'etablissement_public', territoire: null, parent: null, site: null, description: null };
  const withText = (id: string, corps: string) => (e: { id: string; corps: string }) => (e.id === id ? { ...e, corps } : e);
  const texts = {
    ...model,
    acteurs: [...model.acteurs, caf],
    feuilles_de_route: [{
      ...rm,
      fiches: rm.fiches.map(withText('a-1-2', 'Avec la CAF, un guichet commun.')).map(withText('a-1-2-a', 'Un CAFÉ numérique ; la caf en minuscules n\'est pas le sigle.')).map(withText('a-1-1', 'Le Réseau Cyb@xemple anime.')),
      noeuds: rm.noeuds.map(withText('a-1', 'Une convention avec la caisse d\'allocations familiales d\'Exemple.')),
    }],
  } as typeof model;

  it('finds the sigle as written and the name in any case, as whole words, and never where the actor already has a role', () => {
    const mentions = actorTextMentions(texts);
    expect(mentions.get('caf-exemple')!.map((m) => [m.kind, m.entryId])).toEqual([['noeud', 'a-1'], ['fiche', 'a-1-2']]);
    // Cyb@xemple pilots a-1-1: its name in that sheet's text adds nothing.
    expect(mentions.get('reseau-cyb')).toBeUndefined();
  });

  it('lists, per roadmap, the roles first and then the texts', () => {
    const rows = actorRoadmaps(actorInvolvements(texts).get('caf-exemple') ?? [], actorTextMentions(texts).get('caf-exemple')!);
    expect(rows.map((g) => [g.feuille_de_route, g.rows.map((r) => `${r.role} ${r.code}`)])).toEqual([[rm.id, ['cite_texte A.1', 'cite_texte A.1.2']]]);
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
