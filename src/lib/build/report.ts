/** Output formats of the validator: for a person, for GitHub annotations, for machines. */
import { modelCounts } from '../model/counts.ts';
import { countErrors, type Problem } from '../content/problem.ts';
import type { Model } from '../model/types.ts';
import { plural } from '../values/text.ts';


export function formatHuman(problems: readonly Problem[], model: Model): string {
  const lines: string[] = [];
  for (const p of problems) {
    lines.push(`${p.fichier}:${p.ligne}:${p.colonne}  ${p.gravite}${p.chemin ? `  ${p.chemin}` : ''}`);
    lines.push(`  ${p.message}`);
    lines.push('');
  }
  lines.push(summaryLine(problems, model));
  return neutraliseWorkflowCommands(lines.join('\n'));
}

/** The closing line: a success only when there is no error. */
export function summaryLine(problems: readonly Problem[], model: Model): string {
  const errors = countErrors(problems);
  const warnings = problems.length - errors;
  const files = new Set(problems.map((p) => p.fichier)).size;
  if (errors > 0) {
    return `✗ ${plural(errors, 'erreur', 'erreurs')}${warnings ? `, ${plural(warnings, 'avertissement', 'avertissements')}` : ''} dans ${plural(files, 'fichier', 'fichiers')}. Rien n'est publié tant qu'il reste une erreur.`;
  }
  const sheets = modelCounts(model).fiches;
  return (
    `✓ Contenu valide : ${plural(model.feuilles_de_route.length, 'feuille de route', 'feuilles de route')}, ${plural(sheets, 'fiche', 'fiches')}, ` +
    `${plural(model.acteurs.length, 'acteur', 'acteurs')}, ${plural(model.glossaire.length, 'sigle', 'sigles')}` +
    `${warnings ? ` (${plural(warnings, 'avertissement', 'avertissements')})` : ''}.`
  );
}

/**
 * GitHub Actions runs a log line as a workflow command when, once its leading spaces
 * are trimmed, it starts with "::" (or when it holds "##[", the older form): a value
 * echoed from content could then add annotations, hide log text with add-mask or stop
 * command processing. A zero-width space between the two characters keeps the line
 * readable and inert.
 */
export function neutraliseWorkflowCommands(text: string): string {
  return text.replace(/^([^\S\n]*):(?=:)/gm, '$1:\u200B').replace(/#(?=#\[)/g, '#\u200B');
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: each problem becomes an annotation on its line. */
export function formatGithub(problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const level = p.gravite === 'erreur' ? 'error' : 'warning';
      const title = p.chemin ? `Jalons : ${p.chemin}` : 'Jalons';
      return `::${level} file=${escapeProperty(p.fichier)},line=${p.ligne},col=${p.colonne},title=${escapeProperty(title)}::${escapeData(neutraliseWorkflowCommands(p.message))}`;
    })
    .join('\n');
}

/** Annotations, then the closing line, which claims success only when there is no error. */
export function formatGithubReport(problems: readonly Problem[], model: Model): string {
  const annotations = formatGithub(problems);
  return `${annotations ? `${annotations}\n` : ''}${neutraliseWorkflowCommands(summaryLine(problems, model))}`;
}

export function formatJson(ok: boolean, problems: readonly Problem[], model: Model): string {
  // A pretty-printed JSON line never starts with "::"; "##[" can only sit inside a string,
  // where the escape \u0023 keeps the value and stops a CI log from reading a command.
  return JSON.stringify({ ok, erreurs: problems, ...model }, null, 2).replace(/##\[/g, '#\\u0023[');
}
