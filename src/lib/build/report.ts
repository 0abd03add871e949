/** Output formats of the validator: for a person, for GitHub annotations, for machines. */
import { countErrors, type Problem } from '../content/problem.ts';
import type { Model } from '../model/types.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export function formatHuman(problems: readonly Problem[], model: Model): string {
  const lines: string[] = [];
  for (const p of problems) {
    lines.push(`${p.fichier}:${p.ligne}:${p.colonne}  ${p.gravite}${p.chemin ? `  ${p.chemin}` : ''}`);
    lines.push(`  ${p.message}`);
    lines.push('');
  }
  const errors = countErrors(problems);
  const warnings = problems.length - errors;
  const files = new Set(problems.map((p) => p.fichier)).size;
  if (errors > 0) {
    lines.push(`✗ ${plural(errors, 'erreur', 'erreurs')}${warnings ? `, ${plural(warnings, 'avertissement', 'avertissements')}` : ''} dans ${plural(files, 'fichier', 'fichiers')}. Rien n'est publié tant qu'il reste une erreur.`);
  } else {
    const sheets = model.feuilles_de_route.reduce((n, r) => n + r.fiches.length, 0);
    lines.push(
      `✓ Contenu valide : ${plural(model.feuilles_de_route.length, 'feuille de route', 'feuilles de route')}, ${plural(sheets, 'fiche', 'fiches')}, ` +
        `${plural(model.acteurs.length, 'acteur', 'acteurs')}, ${plural(model.glossaire.length, 'sigle', 'sigles')}` +
        `${warnings ? ` (${plural(warnings, 'avertissement', 'avertissements')})` : ''}.`,
    );
  }
  return lines.join('\n');
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: each problem becomes an annotation on its line. */
export function formatGithub(problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const level = p.gravite === 'erreur' ? 'error' : 'warning';
      const title = p.chemin ? `Jalons : ${p.chemin}` : 'Jalons';
      return `::${level} file=${escapeProperty(p.fichier)},line=${p.ligne},col=${p.colonne},title=${escapeProperty(title)}::${escapeData(p.message)}`;
    })
    .join('\n');
}

export function formatJson(ok: boolean, problems: readonly Problem[], model: Model): string {
  return JSON.stringify({ ok, erreurs: problems, ...model }, null, 2);
}
