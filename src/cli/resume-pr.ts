/**
 * npm run resume-pr -- --base <ref> [--modele validation.json] [--code-quality rapport.json] [--apercu <adresse> [--apercu-index]]
 * Prints the Markdown summary of a pull request (what it changes, field by field, what
 * the validator found) for $GITHUB_STEP_SUMMARY or a GitLab artifact. Never fails the job itself:
 * the validate step does that.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseCommand } from './cli-args.ts';
import { formatJson } from '../lib/build/report.ts';
import { changedData, changedFiles, codeQuality, prSummary, type ValidationJson } from '../lib/editor/resume-pr.ts';
import { contentDir } from '../lib/content/paths.ts';
import { validateProject } from '../lib/model/validate-project.ts';

const { values, positionals } = parseCommand({
  commande: 'npm run resume-pr -- [<ref>]',
  resume: 'Écrit en Markdown le résumé d\'une demande de modification (ce qu\'elle change, ce que la vérification a trouvé), pour $GITHUB_STEP_SUMMARY ou un artefact GitLab. N\'échoue jamais à cause du contenu.',
  positionnels: true,
  options: {
    base: { type: 'string', valeur: '<ref>', aide: 'branche ou commit de comparaison (sinon le premier argument)' },
    modele: { type: 'string', valeur: '<validation.json>', aide: 'rapport de « npm run validate -- --json » à reprendre au lieu de tout revérifier' },
    'code-quality': { type: 'string', valeur: '<rapport.json>', aide: 'écrit aussi le rapport Code Quality de GitLab dans ce fichier' },
    apercu: { type: 'string', valeur: '<adresse>', aide: 'adresse du site construit depuis la branche (environnement de revue) : chaque page modifiée y est liée (par défaut $JALONS_APERCU)' },
    'apercu-index': { type: 'boolean', default: false, aide: 'lie le fichier index.html de chaque page plutôt que son dossier (navigateur d\'artefacts de GitLab, qui ne sert pas l\'index d\'un dossier)' },
  },
});

const root = process.cwd();
const base = values.base ?? positionals[0];
// Reuse the JSON the validate step wrote when there is one; otherwise validate now.
const validation: ValidationJson = values.modele
  ? JSON.parse(readFileSync(values.modele, 'utf8'))
  : (() => {
      const r = validateProject(root, contentDir(root));
      return JSON.parse(formatJson(r.ok, r.problems, r.model));
    })();
const changed = base ? changedFiles(root, base) : null;
const contentPath = relative(root, contentDir(root)) || 'content';
const details = base && changed ? changedData(root, base, changed, validation, contentPath) : undefined;
const previewUrl = values.apercu ?? process.env['JALONS_APERCU'] ?? undefined;
process.stdout.write(`${prSummary(changed, validation, contentPath, { details, previewUrl: previewUrl || undefined, previewIndex: values['apercu-index'] === true })}\n`);
if (values['code-quality']) writeFileSync(values['code-quality'], `${codeQuality(validation.erreurs)}\n`);
