/**
 * Heading levels in Markdown bodies. A reader using a screen reader moves through a
 * page by its headings; a body that goes from "##" straight to "####" makes them look
 * for a level that is not there (WCAG 1.3.1, RGAA 9.1). The check is a line scan, not
 * a Markdown parse: it runs on every body of every build, and only ATX headings
 * ("## Titre") outside code blocks can jump in the bodies editors write.
 */
import type { LoadedContent } from './load.ts';
import { shorten, type Problem } from './problem.ts';

export interface HeadingJump {
  /** 0-based line in the body. */
  line: number;
  /** Number of "#" written. */
  level: number;
  text: string;
  previous: { line: number; level: number; text: string };
  /** The level ("#" count) that would not skip one. */
  expected: number;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function headingJumps(body: string): HeadingJump[] {
  const jumps: HeadingJump[] = [];
  let fence: string | null = null;
  let previous: HeadingJump['previous'] | null = null;
  body.split('\n').forEach((line, i) => {
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = null;
      return;
    }
    if (f) {
      fence = f[1]!;
      return;
    }
    const h = ATX.exec(line);
    if (!h) return;
    const level = h[1]!.length;
    const text = (h[2] ?? '').trim();
    // Pages show a body's "#" at their second level, as "##": "#" then "###" skips nothing.
    if (previous && Math.max(level, 2) > Math.max(previous.level, 2) + 1) {
      jumps.push({ line: i, level, text, previous, expected: Math.max(previous.level, 2) + 1 });
    }
    previous = { line: i, level, text };
  });
  return jumps;
}

const heading = (level: number, text: string) => `${'#'.repeat(level)} ${shorten(text)}`.trim();

/** A warning at the line of each heading that skips a level, in every roadmap, node and sheet body. */
export function headingProblems(content: Pick<LoadedContent, 'roadmaps' | 'nodes' | 'sheets'>): Problem[] {
  return [...content.roadmaps, ...content.nodes, ...content.sheets].flatMap((entry) =>
    headingJumps(entry.body).map((j) => ({
      fichier: entry.fichier,
      ligne: entry.bodyLine + j.line,
      colonne: 1,
      chemin: '',
      gravite: 'avertissement' as const,
      message:
        `Le titre « ${heading(j.level, j.text)} » saute un niveau : il suit « ${heading(j.previous.level, j.previous.text)} » (ligne ${entry.bodyLine + j.previous.line}). ` +
        `Un lecteur d'écran, qui parcourt la page par ses titres, y cherchera le niveau manquant. ` +
        `Écrivez « ${heading(j.expected, j.text)} » ou ajoutez le titre intermédiaire.`,
    })),
  );
}
