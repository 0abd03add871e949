/** Splitting the rendering across processes: every page rendered once, by a process chosen from its address only. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inPart, isMainPart, parsePart } from '../src/lib/build/build-part.ts';
import { mergeOutputs } from '../src/lib/build/merge-outputs.ts';
import { listFiles } from './support/html.ts';

const addresses = Array.from({ length: 2000 }, (_, i) => `fdr-${i % 37}/fiche-${i}/`);

describe('build parts', () => {
  it('reads JALONS_PARTIE and explains a wrong value', () => {
    expect(parsePart(undefined)).toEqual({ index: 0, count: 1 });
    expect(parsePart('')).toEqual({ index: 0, count: 1 });
    expect(parsePart('1/2')).toEqual({ index: 1, count: 2 });
    expect(() => parsePart('2/2')).toThrow('JALONS_PARTIE vaut « 2/2 » : attendu « rang/nombre », par exemple « 0/2 ».');
    expect(() => parsePart('deux')).toThrow('JALONS_PARTIE vaut « deux »');
    expect(isMainPart(parsePart('0/2'))).toBe(true);
    expect(isMainPart(parsePart('1/2'))).toBe(false);
  });

  it('gives every page to exactly one of the processes, in shares of about the same size', () => {
    for (const count of [2, 3]) {
      const owners = addresses.map((a) => Array.from({ length: count }, (_, index) => inPart(a, { index, count })).filter(Boolean).length);
      expect(owners.every((n) => n === 1)).toBe(true);
      for (let index = 0; index < count; index++) {
        const share = addresses.filter((a) => inPart(a, { index, count })).length / addresses.length;
        expect(Math.abs(share - 1 / count)).toBeLessThan(0.05);
      }
    }
    expect(addresses.every((a) => inPart(a, { index: 0, count: 1 }))).toBe(true);
  });

  it('keeps a page in its process when other pages come and go', () => {
    const before = addresses.filter((a) => inPart(a, { index: 1, count: 2 }));
    const fewer = addresses.filter((_, i) => i % 3 !== 0);
    expect(fewer.filter((a) => inPart(a, { index: 1, count: 2 }))).toEqual(before.filter((a) => fewer.includes(a)));
  });
});

describe('merging the outputs', () => {
  it('moves what only the other process wrote, keeps the first copy of what both wrote, and removes the other folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalons-fusion-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write('a/index.html', 'accueil 0');
    write('a/fdr/fiche-1/index.html', 'fiche 1');
    write('b/index.html', 'accueil 1');
    write('b/fdr/fiche-2/index.html', 'fiche 2');
    write('b/acteurs/x/index.html', 'acteur x');
    expect(mergeOutputs(join(dir, 'a'), join(dir, 'b'))).toBe(2);
    expect(listFiles(join(dir, 'a'))).toEqual(['acteurs/x/index.html', 'fdr/fiche-1/index.html', 'fdr/fiche-2/index.html', 'index.html']);
    expect(readFileSync(join(dir, 'a/index.html'), 'utf8')).toBe('accueil 0');
    expect(listFiles(dir)).toEqual(listFiles(join(dir, 'a')).map((f) => `a/${f}`));
    rmSync(dir, { recursive: true, force: true });
  });
});
