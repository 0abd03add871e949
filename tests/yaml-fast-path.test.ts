/**
 * Valid files are read with js-yaml, the exact parser (`yaml`) being kept for positions and
 * errors (src/lib/content/yaml-document.ts). Both must give the same data on every file
 * Jalons reads: the real content, the test fixtures (broken and hostile ones included) and
 * generated benchmark content; and a text only the exact parser handles goes to it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.ts';
import { splitFrontmatter } from '../src/lib/content/frontmatter.ts';
import { parseYaml, readYaml } from '../src/lib/content/yaml-document.ts';
import { ROOT } from './support/content-tree.ts';

const generated = mkdtempSync(join(tmpdir(), 'jalons-yaml-'));
generate(300, generated, { seed: 7 });
afterAll(() => rmSync(generated, { recursive: true, force: true }));

function yamlTexts(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (!/\.(md|ya?ml)$/.test(name)) continue;
    const file = join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // a folder named like a file
    }
    if (name.endsWith('.md')) {
      const { split } = splitFrontmatter(name, text);
      if (split) out.push({ file, text: split.yaml });
    } else out.push({ file, text });
  }
  return out;
}

const corpus = [join(ROOT, 'content'), join(ROOT, 'tests/fixtures'), generated].flatMap(yamlTexts);

describe('the fast YAML path', () => {
  it('reads every file of the content, the fixtures and generated content as the exact parser does', () => {
    expect(corpus.length).toBeGreaterThan(900);
    const differ: string[] = [];
    let fast = 0;
    for (const { file, text } of corpus) {
      const exact = parseYaml(file, text);
      const read = readYaml(file, text);
      if (read.problems.length === 0 && exact.problems.length === 0) fast++;
      if (JSON.stringify(read.data) !== JSON.stringify(exact.data) || JSON.stringify(read.problems) !== JSON.stringify(exact.problems)) differ.push(file);
    }
    expect(differ).toEqual([]);
    // Most files take the fast path (the point of it).
    expect(fast / corpus.length).toBeGreaterThan(0.8);
  });

  it('keeps a plain number as written when reading it as a number would change its digits, in both parsers', () => {
    const text = 'a: 1.10\nb: 01\nc: 1e3\nd: 0x10\ne: .5\nf: +5\ng: 1.0\nh: 0o17\ni: .inf\nj: 1_000\nk: 12\nl: 3.5\nm: -4\nn: "1.10"\n1.10: cle\no: [1.10, 2, 07]\n';
    const expected = { a: '1.10', b: '01', c: '1e3', d: '0x10', e: '.5', f: '+5', g: '1.0', h: '0o17', i: '.inf', j: '1_000', k: 12, l: 3.5, m: -4, n: '1.10', '1.10': 'cle', o: ['1.10', 2, '07'] };
    expect(readYaml('x.md', text).data).toEqual(expected);
    expect(parseYaml('x.md', text).data).toEqual(expected);
    // Read by the exact parser only (a flow collection left open), the same rule applies.
    expect(readYaml('x.md', 'code: 01\nl: [1.10,\n  2]\n').data).toEqual({ code: '01', l: ['1.10', 2] });
  });

  it('reports a problem at the exact line, with the exact parser’s message', () => {
    const read = readYaml('x.md', 'titre: Essai\ntitre: Double\n', 1);
    expect(read.problems.map((p) => [p.ligne, p.message])).toEqual([[3, 'Clé « titre » en double. Cette clé apparaît deux fois dans le même bloc : la seconde écraserait la première. Gardez-en une seule.']]);
  });

  it('reports a tab used as indentation alone, without the knock-on errors it causes', () => {
    const tab = 'Une tabulation sert d\'indentation : le YAML n\'accepte que des espaces. Remplacez la tabulation par des espaces.';
    const read = (text: string) => readYaml('x.md', text, 1).problems.map((p) => [p.ligne, p.message]);
    expect(read('titre: Essai\ncalendrier:\n    debut: "2023"\n  \tfin: "2024"\nstatut: en_cours\n')).toEqual([[5, tab]]);
    expect(read('titre: Essai\nmoyens:\n\thumains: "1 ETP"\n  materiels: Locaux\n')).toEqual([[4, tab]]);
    expect(read('titre: Essai\npilotes:\n  - A\n\t- B\n')).toEqual([[5, tab]]);
    // Without a tab, inconsistent indentation keeps its own message.
    expect(read('a:\n    b: 1\n  c: 2\n').map(([, m]) => m)).toContain('Indentation incohérente : alignez cette ligne sur les autres clés du même niveau (avec des espaces).');
  });

  it('locates keys of a file read on the fast path', () => {
    const read = readYaml('x.md', 'titre: Essai\ncalendrier:\n  jalons:\n    - date: "2024"\n    - date: bientôt\n', 1);
    expect(read.problems).toEqual([]);
    expect(read.locate(['calendrier', 'jalons', 1, 'date'])).toEqual({ ligne: 6, colonne: 7 });
  });

  it('leaves anchors, aliases and tags to the exact parser, which bounds their expansion', () => {
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    expect(readYaml('x.yaml', laughs).problems.map((p) => p.message)).toEqual(['Trop de renvois YAML (« &nom » / « *nom ») : écrivez les valeurs en toutes lettres.']);
    expect(readYaml('x.yaml', 'a: !custom 12\n').problems.length).toBeGreaterThan(0);
  });
});
