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
