/** The editor guide's field reference is generated from the schemas and cannot drift. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENTS, fieldReference, GUIDE_FILE, guideMarkdown, REFERENCE_END, REFERENCE_START, withReference } from '../src/lib/editor/schema-doc.ts';
import { fieldsOf } from '../src/lib/editor/schema-walk.ts';

const root = join(import.meta.dirname, '..');

describe('field reference', () => {
  const reference = fieldReference();

  it('lists every field of every document with its type, whether it is required and its description', () => {
    for (const doc of DOCUMENTS) {
      expect(reference).toContain(`### ${doc.titre}`);
      for (const f of fieldsOf(doc.schema)) {
        const row = reference.split('\n').find((l) => l.startsWith(`| \`${f.key}\` |`) && l.includes(f.description.replace(/\|/g, '\\|')));
        expect(row, `${doc.titre} : ${f.key}`).toBeDefined();
        expect(row).toContain(f.required ? '| oui |' : '| non |');
      }
    }
  });

  it('gives types in French and the accepted values of enumerations', () => {
    expect(reference).toMatch(/\| `statut` \| valeur à choisir \| non \| .* \| `a_lancer`, `en_cours`, `realisee`, `suspendue`, `abandonnee` \|/);
    expect(reference).toMatch(/\| `calendrier.jalons\[\].date` \| date floue \| oui \|/);
    expect(reference).toMatch(/\| `pilotes` \| liste de : référence à un acteur \| non \|/);
    expect(reference).toContain('### Types communs');
  });
});

describe('docs/guide-editeur.md', () => {
  const committed = readFileSync(join(root, GUIDE_FILE), 'utf8');

  it('is up to date with the schemas (run « npm run guide » otherwise)', () => {
    expect(committed).toBe(guideMarkdown(root));
  });

  it('keeps the hand-written part and quotes a real validation error', () => {
    expect(committed.indexOf(REFERENCE_START)).toBeLessThan(committed.indexOf(REFERENCE_END));
    for (const heading of ['## Modifier une fiche dans l\'éditeur web de la forge', '## Modifier une fiche dans le CMS', '## Modifier une fiche sur son poste', '## Lire une erreur de validation']) {
      expect(committed).toContain(heading);
    }
    const frozen = readFileSync(join(root, 'tests', '__snapshots__', 'messages-casse.txt'), 'utf8');
    const quoted = committed.split('\n').filter((l) => l.startsWith('casse/'));
    expect(quoted.length).toBeGreaterThan(0);
    for (const line of quoted) expect(frozen).toContain(line);
  });

  it('regeneration replaces only what is between the markers', () => {
    const guide = `avant\n${REFERENCE_START}\nvieux\n${REFERENCE_END}\naprès\n`;
    expect(withReference(guide, 'neuf')).toBe(`avant\n${REFERENCE_START}\n\nneuf\n\n${REFERENCE_END}\naprès\n`);
    expect(() => withReference('sans repères')).toThrow(/repères/);
  });
});
