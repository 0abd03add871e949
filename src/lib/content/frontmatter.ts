/**
 * Splits a Markdown file into its YAML frontmatter and its body, keeping the line
 * at which each starts so that errors point at the editor's real lines.
 */
import type { Problem } from './problem.ts';

export interface SplitFile {
  yaml: string;
  /** Lines before the YAML text (the opening `---`). */
  yamlLineOffset: number;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

export function splitFrontmatter(fichier: string, text: string): { split: SplitFile | null; problems: Problem[] } {
  const fail = (message: string, ligne = 1): { split: null; problems: Problem[] } => ({
    split: null,
    problems: [{ fichier, ligne, colonne: 1, chemin: '', message, gravite: 'erreur' }],
  });
  if (!/^---[ \t]*\n/.test(text)) {
    return fail('Le fichier doit commencer par une ligne « --- », suivie des champs (titre: …) puis d\'une autre ligne « --- » avant le texte.');
  }
  const lines = text.split('\n');
  const close = lines.findIndex((line, i) => i > 0 && /^---[ \t]*$/.test(line));
  if (close === -1) {
    return fail('La ligne « --- » qui ferme l\'en-tête est introuvable : ajoutez une ligne « --- » après le dernier champ, avant le texte.');
  }
  return {
    split: {
      yaml: lines.slice(1, close).join('\n'),
      yamlLineOffset: 1,
      body: lines.slice(close + 1).join('\n'),
      bodyLine: close + 2,
    },
    problems: [],
  };
}
