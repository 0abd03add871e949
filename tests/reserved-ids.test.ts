/** Every top-level page of the site is a reserved roadmap id: no roadmap folder can take its address. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESERVED_ROADMAP_IDS } from '../src/lib/content/paths.ts';
import { ROOT } from './support/content-tree.ts';

describe('reserved roadmap ids', () => {
  it('cover every top-level page and folder of src/pages, « avancement » and « actualites » among them', () => {
    const names = readdirSync(join(ROOT, 'src', 'pages'))
      // A file with a dot in its name (robots.txt, recherche-mots.json) cannot clash with a roadmap id, which has none.
      .filter((n) => !n.startsWith('[') && !n.startsWith('_') && !/^(index|404)\.astro$/.test(n) && !/\.(txt|xml|json)\.ts$/.test(n))
      .map((n) => n.replace(/\.astro$/, ''));
    expect(names).toEqual(expect.arrayContaining(['avancement', 'actualites']));
    for (const n of names) expect(RESERVED_ROADMAP_IDS, n).toContain(n);
  });
});
