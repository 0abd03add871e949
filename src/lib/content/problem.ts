/** A problem found in the content, as editors, CI annotations and the JSON report see it. */
export interface Problem {
  /** Path relative to the project root, with forward slashes. */
  fichier: string;
  /** 1-based line and column of the offending key or value. */
  ligne: number;
  colonne: number;
  /** Field path ("calendrier.jalons[1].date"), empty for the whole file. */
  chemin: string;
  message: string;
  gravite: 'erreur' | 'avertissement';
}

export interface Position {
  ligne: number;
  colonne: number;
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg),
    '',
  );
}

export function countErrors(problems: readonly Problem[]): number {
  return problems.filter((p) => p.gravite === 'erreur').length;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => a.fichier.localeCompare(b.fichier) || a.ligne - b.ligne || a.colonne - b.colonne || a.message.localeCompare(b.message),
  );
}

/** The longest value a message quotes: enough to recognise it, never a whole file. */
export const QUOTE_MAX = 60;

/** `value` on one line, cut to QUOTE_MAX characters with "…": what a message may quote of what an editor wrote. */
export function shorten(value: string, max = QUOTE_MAX): string {
  const line = value.replace(/[\r\n\t]+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Every « quoted » part of a message, shortened: the last guard, for messages built by
 * modules that quote what they were given (a duplicate key, a date) without a bound.
 */
export function shortenQuotes(message: string, max = QUOTE_MAX): string {
  return message.replace(/« ([^«»]*) »/g, (whole, inner: string) => (inner.length > max || /[\r\n]/.test(inner) ? `« ${shorten(inner, max)} »` : whole));
}
