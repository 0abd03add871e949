/**
 * src/lib/ is grouped by the layer each folder serves, and a lower layer never
 * imports a higher one: content never depends on how the site shows it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = resolve(import.meta.dirname, '..', 'src', 'lib');

/** Lowest first. Folders on one level may use each other. */
const LAYERS: string[][] = [['i18n'], ['values'], ['content'], ['model'], ['site'], ['export'], ['import', 'editor'], ['build']];
/**
 * A process-wide registry with no import of its own: the model's validation and the
 * export catalogue hand values through it to the build's other module graphs.
 */
const USABLE_FROM_ANY_LAYER = new Set(['build/build-share.ts']);

const rank = (folder: string) => LAYERS.findIndex((level) => level.includes(folder));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('src/lib layers', () => {
  it('has no loose module at its root: every module sits in the folder of the layer it serves', () => {
    const loose = readdirSync(LIB, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    expect(loose).toEqual([]);
    const folders = readdirSync(LIB, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => rank(f) === -1)).toEqual([]);
  });

  it('never has a lower layer import a higher one, nor any module import Astro', () => {
    const wrong: string[] = [];
    for (const file of modules(LIB)) {
      const from = relative(LIB, file).split('/')[0]!;
      const text = readFileSync(file, 'utf8');
      if (/from ['"]astro(?:[:/][^'"]*)?['"]/.test(text)) wrong.push(`${relative(LIB, file)} importe Astro`);
      for (const [, spec] of text.matchAll(/from ['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = relative(LIB, resolve(dirname(file), spec!));
        if (target.startsWith('..') || USABLE_FROM_ANY_LAYER.has(target)) continue;
        const to = target.split('/')[0]!;
        if (rank(to) > rank(from)) wrong.push(`${relative(LIB, file)} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
