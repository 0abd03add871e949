/**
 * What a save through the CMS writes (src/lib/editor/cms-format.ts): the file as it was, but for
 * the lines of the values the editor changed, each in the style of what it replaces.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editYaml, readEntry, SOURCE_KEY, writeEntry } from '../src/lib/editor/cms-format.ts';
import { ROOT } from './support/content-tree.ts';

const SHEET = join(ROOT, 'content', 'mednum49-2023-2025', 'fiches', 'a-1-2-b.md');

/** Lines of one text not in the other, each line counted as often as it appears. */
function lineChanges(before: string, after: string): { removed: string[]; added: string[] } {
  const count = (lines: string[]) => lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const minus = (a: string[], b: string[]) => {
    const left = count(b);
    return a.filter((l) => { const n = left.get(l) ?? 0; left.set(l, n - 1); return n <= 0; });
  };
  return { removed: minus(before.split('\n'), after.split('\n')), added: minus(after.split('\n'), before.split('\n')) };
}

/** Lines removed and added, as `diff` would count them, for a file that keeps its line order. */
function changedLines(before: string, after: string) {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let ea = a.length;
  let eb = b.length;
  while (ea > start && eb > start && a[ea - 1] === b[eb - 1]) { ea--; eb--; }
  return { removed: a.slice(start, ea), added: b.slice(start, eb) };
}

describe('saving an entry through the CMS', () => {
  it('writes back every file of content/ byte for byte when nothing was changed', () => {
    const files = execFileSync('git', ['ls-files', 'content'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => /\.(md|ya?ml)$/.test(f));
    expect(files.length).toBeGreaterThan(300);
    const changed = files.filter((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      const md = f.endsWith('.md');
      const data = readEntry(text, md);
      return writeEntry(data, [], md) !== text;
    });
    expect(changed).toEqual([]);
  });

  it('changes only the title line when the title changes, in the quotes it had', () => {
    const text = readFileSync(SHEET, 'utf8');
    const data = readEntry(text, true);
    const out = writeEntry({ ...data, titre: 'Coordination « départementale » : services civiques' }, [], true);
    expect(changedLines(text, out)).toEqual({
      removed: ['titre: "Coordination des services civiques numériques"'],
      added: ['titre: "Coordination « départementale » : services civiques"'],
    });
  });

  it('adds a partner as one line written like its neighbours, and removes one by its line only', () => {
    const text = readFileSync(SHEET, 'utf8');
    const data = readEntry(text, true);
    const partners = data['partenaires'] as unknown[];
    const added = writeEntry({ ...data, partenaires: [...partners, { texte: 'Médiathèque départementale' }] }, [], true);
    expect(changedLines(text, added)).toEqual({ removed: [], added: ['  - { texte: "Médiathèque départementale" }'] });
    const removed = writeEntry({ ...data, partenaires: partners.filter((p) => p !== 'prefecture-maine-et-loire') }, [], true);
    expect(changedLines(text, removed)).toEqual({ removed: ['  - prefecture-maine-et-loire'], added: [] });
    const actor = writeEntry({ ...data, partenaires: [...partners, 'ville-d-angers'] }, [], true);
    expect(changedLines(text, actor)).toEqual({ removed: [], added: ['  - ville-d-angers'] });
  });

  it('adds a pilot inside a one-line list and a new field where the form puts it', () => {
    const text = readFileSync(SHEET, 'utf8');
    const data = readEntry(text, true);
    const out = writeEntry({ ...data, pilotes: ['federation-centres-sociaux-49-53', { acteur: 'caf-maine-et-loire', role: 'co-pilote' }], statut: 'en_cours' }, ['titre', 'code', 'type', 'statut', 'parent'], true);
    expect(changedLines(text, out)).toEqual({
      removed: ['parent: a-1-2', 'ordre: 2', 'pilotes: [federation-centres-sociaux-49-53]'],
      added: ['statut: en_cours', 'parent: a-1-2', 'ordre: 2', 'pilotes: [federation-centres-sociaux-49-53, { acteur: caf-maine-et-loire, role: co-pilote }]'],
    });
  });

  it('changes a value inside a one-line map and a field deep in a list, nothing else', () => {
    const text = readFileSync(SHEET, 'utf8');
    const data = readEntry(text, true) as Record<string, any>;
    const calendrier = structuredClone(data['calendrier']);
    calendrier.recurrence[2].libelle = 'publication des offres';
    const out = writeEntry({ ...data, calendrier, source: { ...data['source'], pages: '12' } }, [], true);
    expect(out.split('\n').filter((l, i) => l !== text.split('\n')[i])).toEqual([
      '    - { mois: "juillet", libelle: "publication des offres" }',
      'source: { pages: "12", note: "code absent de la fiche, repris du sommaire" }',
    ]);
  });

  it('keeps the text of the sheet as it was when the form hands it back with other line ends', () => {
    const text = readFileSync(SHEET, 'utf8');
    const data = readEntry(text, true);
    expect(writeEntry({ ...data, body: `${String(data['body']).trim()}\n\n` }, [], true)).toBe(text);
    expect(writeEntry({ ...data, body: 'Nouveau texte.' }, [], true)).toMatch(/\n---\nNouveau texte\.\n$/);
  });

  it('writes a new entry, which has no text to start from, in the order of the form', () => {
    const out = writeEntry({ code: 'A.9', titre: 'Une fiche', body: '## Contexte\n\nTexte.' }, ['titre', 'code'], true);
    expect(out).toBe('---\ntitre: Une fiche\ncode: A.9\n---\n## Contexte\n\nTexte.\n');
    expect(SOURCE_KEY in readEntry(out, true)).toBe(true);
  });

  it('changes one line of a « | » block, keeping the block and its indentation', () => {
    const file = join(ROOT, 'content', 'mednum49-2023-2025', 'fiches', 'gt-reconditionnement.md');
    const text = readFileSync(file, 'utf8');
    const data = readEntry(text, true);
    const problematique = String(data['problematique']);
    const out = writeEntry({ ...data, problematique: problematique.replace('Quelles sont leurs capacités', 'Quelles sont vraiment leurs capacités') }, [], true);
    expect(changedLines(text, out)).toEqual({
      removed: ['  Quelles sont leurs capacités d\'évolution ? Quels sont les freins et leviers à leur développement ?'],
      added: ['  Quelles sont vraiment leurs capacités d\'évolution ? Quels sont les freins et leviers à leur développement ?'],
    });
  });

  it('writes an emptied list as « clé: [] », its lines removed', () => {
    const text = readFileSync(SHEET, 'utf8');
    const data = readEntry(text, true);
    const out = writeEntry({ ...data, anomalies_source: [] }, [], true);
    expect(changedLines(text, out)).toEqual({
      removed: ['anomalies_source:', text.split('\n').find((l) => l.startsWith('  - "Sous les objectifs'))!],
      added: ['anomalies_source: []'],
    });
  });

  it('on every file of content/, an edit of each field (text changed, list item removed or added, map value changed) reads back as the edited data and leaves the other lines alone', () => {
    const files = execFileSync('git', ['ls-files', 'content'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => /\.(md|ya?ml)$/.test(f));
    const strip = (d: Record<string, unknown>) => { const { [SOURCE_KEY]: _, ...rest } = d; return rest; };
    let edits = 0;
    const wide: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      const md = f.endsWith('.md');
      const data = readEntry(text, md);
      for (const [k, v] of Object.entries(strip(data))) {
        if (k === 'body') continue;
        const variants: unknown[] = [];
        if (typeof v === 'string') variants.push(`${v} (modifié)`);
        if (Array.isArray(v) && v.length) variants.push(v.slice(1), [...v, v[v.length - 1]]);
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          const s = Object.entries(v).find(([, x]) => typeof x === 'string');
          if (s) variants.push({ ...v, [s[0]]: `${s[1]} (modifié)` });
        }
        for (const next of variants) {
          edits++;
          const out = writeEntry({ ...data, [k]: next }, [], md);
          expect(strip(readEntry(out, md)), `${f} ${k}`).toEqual(strip({ ...data, [k]: next }));
          const { removed, added } = lineChanges(text, out);
          // The largest change measured is removing a sous-action of 14 lines; printing the whole file again would be far more.
          if (removed.length + added.length > 16) wide.push(`${f} ${k}: ${removed.length} − / ${added.length} +`);
        }
      }
    }
    expect(edits).toBeGreaterThan(3000);
    expect(wide).toEqual([]);
  });

  it('prints the whole file again, rather than write a wrong one, when the text is not a map', () => {
    expect(editYaml('- a\n- b\n', { nom: 'X' })).toBe('nom: X\n');
  });
});
