/**
 * The national frame (tests/fixtures/relations, invented): the coverage of the national
 * roadmap by the roadmaps declining it, axis by axis, the indicators they name alike, and
 * an axis listing the actions contributing to its engagements.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageCacheKeys } from '../src/lib/build/cache-keys.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { coverageTable, decliningRoadmaps, heatMap, indicatorComparisons, targetShareBars } from '../src/lib/site/coverage.ts';
import { contributionGroups, contributionsCount } from '../src/lib/site/relations-view.ts';
import { makeUrls } from '../src/lib/site/urls.ts';
import { ROOT } from './support/content-tree.ts';

const result = validateProject(ROOT, join(ROOT, 'tests', 'fixtures', 'relations'), '2026-12-03');
const roadmaps = new Map(result.model.feuilles_de_route.map((r) => [r.id, r]));
const rm = (id: string) => roadmaps.get(id)!;
const urls = makeUrls('/jalons/');

describe('coverage of a national roadmap by its declinations', () => {
  it('lists the roadmaps that decline it, by territory, and none for a roadmap nobody declines', () => {
    expect(decliningRoadmaps(rm('nationale'), roadmaps).map((r) => r.id)).toEqual(['departement-a-2024', 'departement-b']);
    expect(decliningRoadmaps(rm('departement-a-2024'), roadmaps)).toEqual([]);
    expect(decliningRoadmaps(rm('diagnostic-a'), roadmaps)).toEqual([]);
  });

  it('counts, for each territory and each national axis, the local actions contributing to the axis or to an engagement under it', () => {
    const coverage = coverageTable(rm('nationale'), roadmaps, urls);
    expect(coverage.columns.map((c) => `${c.libelle} → ${c.href}`)).toEqual([
      'Axe 1 — Former les aidants → /jalons/nationale/axe-1/#contributions',
      'Axe 2 — Équiper les lieux → /jalons/nationale/axe-2/#contributions',
    ]);
    expect(coverage.rows.map((r) => [`${r.feuille} (${r.territoire})`, ...r.cells.map((c) => c.count), r.total])).toEqual([
      ['Département A 2024-2027 (Département A)', 1, 1, 2],
      ['Département B (Département B)', 1, 0, 1],
    ]);
    expect(coverage.max).toBe(1);
  });

  it('a sheet counted under two columns, or contributing twice under one, is counted once in each', () => {
    const b1 = rm('departement-b').fiches.find((f) => f.id === 'b-1')!;
    const axe1 = rm('nationale').noeuds.find((n) => n.id === 'axe-1')!;
    axe1.contributions.push({ feuille_de_route: 'departement-b', id: b1.id, type: 'fiche' });
    try {
      const row = coverageTable(rm('nationale'), roadmaps, urls).rows.find((r) => r.territoire === 'Département B')!;
      expect([...row.cells.map((c) => c.count), row.total]).toEqual([1, 0, 1]);
    } finally {
      axe1.contributions.pop();
    }
  });

  it('shades the heat map by the count: an empty cell faint, the largest dark', () => {
    const map = heatMap(coverageTable(rm('nationale'), roadmaps, urls));
    expect(map.cells.map((c) => `${c.x},${c.y} ${c.opacity}`)).toEqual(['0,0 1', '30,0 1', '0,30 1', '30,30 0.08']);
    expect([map.width, map.height]).toEqual([58, 58]);
  });

  it('shades in proportion between the two', () => {
    const cells = (counts: number[]) => counts.map((count) => ({ count, href: '' }));
    const coverage = { columns: [1, 2, 3, 4].map((i) => ({ id: `axe-${i}`, libelle: `Axe ${i}`, href: '' })), rows: [{ feuille: 'A', href: '', territoire: 'A', cells: cells([0, 1, 2, 4]), total: 7 }], max: 4 };
    expect(heatMap(coverage).cells.map((c) => c.opacity)).toEqual([0.08, 0.31, 0.54, 1]);
  });

  it('compares the indicators named alike, accents and case aside, with the latest measure and the furthest target', () => {
    const tables = indicatorComparisons(rm('nationale'), roadmaps, urls);
    // The unit follows the number after a no-break space, written here as a plain one.
    const plain = (s: string | null) => (s ?? '—').replace(/\u00a0/g, ' ');
    expect(tables.map((t) => [t.libelle, ...t.rows.map((r) => `${r.feuille} (${r.territoire}) : ${plain(r.mesure)} / ${plain(r.cible)} / ${r.part ?? '—'}`)])).toEqual([
      ['Aidants formés', 'Nationale (France) : 2100 aidants (2025) / 4000 aidants (2027) / 53', 'Département A 2024-2027 (Département A) : 120 aidants (juin 2025) / 300 aidants (2027) / 40', 'Département B (Département B) : 80 aidants (2025) / — / —'],
      ['Communes couvertes par un aidant', 'Nationale (France) : — / 100 % (2027) / —', 'Département A 2024-2027 (Département A) : 40 % (2025) / — / —', 'Département B (Département B) : — / — / —'],
    ]);
  });

  it('draws the share of the target as bars when two territories give one, a missing share as an empty bar', () => {
    const [aidants, communes] = indicatorComparisons(rm('nationale'), roadmaps, urls);
    const bars = targetShareBars(aidants!)!;
    expect(bars.bars.map((b) => `${b.y}:${b.width}`)).toEqual(['0:127', '20:96', '40:0']);
    expect(bars.track).toBe(240);
    expect(targetShareBars(communes!)).toBeNull();
  });
});

describe('« Actions qui y contribuent » on a national axis', () => {
  it('gathers the actions contributing to its engagements, says through which, and counts them by territory', () => {
    const nationale = rm('nationale');
    const axe1 = nationale.noeuds.find((n) => n.id === 'axe-1')!;
    const groups = contributionGroups(axe1, roadmaps, urls, nationale);
    expect(groups.map((g) => [g.territoire, ...g.liens.map((l) => `${l.texte} (via ${l.via})`)])).toEqual([
      ['Département A', 'Action A.1 — Former des aidants dans le département A (via Engagement 3 — Un aidant formé dans chaque commune)'],
      ['Département B', 'Fiche action B.1 — Des permanences d\'aidants dans le département B (via Engagement 3 — Un aidant formé dans chaque commune)'],
    ]);
    expect(contributionsCount(groups, nationale)).toBe('2 actions de 2 territoires y contribuent, dont 2 via ses engagements.');
  });

  it('an engagement lists its own contributions, not via anything', () => {
    const nationale = rm('nationale');
    const groups = contributionGroups(nationale.fiches.find((f) => f.id === 'engagement-3')!, roadmaps, urls, nationale);
    expect(groups.flatMap((g) => g.liens.map((l) => l.via))).toEqual([null, null]);
    expect(contributionsCount(groups, nationale)).toBe('2 actions de 2 territoires y contribuent.');
    const axe2 = nationale.noeuds.find((n) => n.id === 'axe-2')!;
    expect(contributionsCount(contributionGroups(axe2, roadmaps, urls, nationale), nationale)).toBe('1 action de 1 territoire y contribue.');
  });
});

describe('incremental build of a national axis page', () => {
  it('rebuilds the axis when a roadmap contributing only through its engagements changes its title', () => {
    const key = (model: typeof result.model) => {
      const keys = pageCacheKeys(model, { today: '2026-12-03', horizon: 0, forge: null, synonymes: null }, () => null);
      const nationale = model.feuilles_de_route.find((r) => r.id === 'nationale')!;
      return keys(nationale, nationale.noeuds.find((n) => n.id === 'axe-1')!);
    };
    const before = key(result.model);
    const renamed = structuredClone(result.model);
    renamed.feuilles_de_route.find((r) => r.id === 'departement-b')!.titre_court = 'Département B renommé';
    expect(key(renamed)).not.toBe(before);
  });
});
