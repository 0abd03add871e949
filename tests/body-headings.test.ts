/** Heading levels that skip one in a body: a warning at the heading's own line. */
import { describe, expect, it } from 'vitest';
import { headingJumps } from '../src/lib/content/body-headings.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { makeContentTree, ROOT } from './support/content-tree.ts';

describe('headingJumps', () => {
  it('finds a level skipped from one heading to the next', () => {
    const jumps = headingJumps('## Contexte\n\nTexte.\n\n#### Financement\n\n### Suite\n\n##### Détail');
    expect(jumps.map((j) => [j.line, j.level, j.previous.level, j.expected])).toEqual([[4, 4, 2, 3], [8, 5, 3, 4]]);
  });

  it('accepts going back up any number of levels, and "#" then "###" (pages show "#" as "##")', () => {
    expect(headingJumps('## A\n### B\n#### C\n## D\n### E')).toEqual([]);
    expect(headingJumps('# A\n### B')).toEqual([]);
    expect(headingJumps('# A\n#### B')).toHaveLength(1);
  });

  it('ignores what only looks like a heading: code blocks, hashtags, indented code', () => {
    expect(headingJumps('## A\n```\n#### pas un titre\n```\n~~~~\n##### non plus\n~~~~\n#hashtag\n    #### code indenté\n### B')).toEqual([]);
  });
});

describe('validator', () => {
  it('warns at the line of the heading that skips a level, says which and how to fix it, and still publishes', () => {
    const tree = makeContentTree('valide', {
      'exemple/fiches/titres.md': '---\ntitre: Titres\nparent: a-1\n---\n## Contexte\n\nTexte.\n\n#### Financement du projet\n\nMontant.\n',
    });
    try {
      const result = validateProject(ROOT, tree.dir);
      expect(result.ok).toBe(true);
      const found = result.problems.filter((p) => p.fichier.endsWith('titres.md'));
      expect(found.map((p) => [p.ligne, p.gravite, p.message])).toEqual([
        [
          9,
          'avertissement',
          'Le titre « #### Financement du projet » saute un niveau : il suit « ## Contexte » (ligne 5). ' +
            "Un lecteur d'écran, qui parcourt la page par ses titres, y cherchera le niveau manquant. " +
            'Écrivez « ### Financement du projet » ou ajoutez le titre intermédiaire.',
        ],
      ]);
    } finally {
      tree.remove();
    }
  });
});
