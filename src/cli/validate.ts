/**
 * npm run validate [-- --format github | --json] [--sortie rapport.json] [--contenu <dossier>]
 * Checks every content file and prints every problem at its file and line.
 * Exit code: 0 when there is no error (warnings allowed), 1 otherwise.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCommand, usageError } from './cli-args.ts';
import { formatGithubReport, formatHuman, formatJson } from '../lib/build/report.ts';
import { lastDataChanges } from '../lib/export/freshness.ts';
import { validateProject } from '../lib/model/validate-project.ts';

const FORMATS = ['texte', 'github', 'json'];
const spec = {
  commande: 'npm run validate --',
  resume: 'Vérifie tous les fichiers de contenu et signale chaque problème à son fichier et à sa ligne, avec la correction la plus proche.',
  options: {
    format: { type: 'string', default: 'texte', valeur: 'texte|github|json', aide: 'forme du rapport : texte (par défaut), github (annotations de la forge) ou json' },
    json: { type: 'boolean', default: false, aide: 'rapport JSON (comme --format json)' },
    sortie: { type: 'string', valeur: '<fichier>', aide: 'écrit le rapport dans ce fichier au lieu de l\'afficher' },
    contenu: { type: 'string', valeur: '<dossier>', aide: 'dossier de contenu à vérifier (par défaut content/)' },
  },
  notes: [
    'Pour un JSON pur à l\'écran, sans l\'en-tête que npm affiche : « npm run -s validate -- --json », ou « --sortie rapport.json ».',
    'Code de sortie : 0 sans erreur (les avertissements sont permis), 1 s\'il reste une erreur, 2 si la commande est mal écrite.',
  ],
} as const;
const { values } = parseCommand(spec);
const format = values.json ? 'json' : values.format!;
if (!FORMATS.includes(format)) usageError(spec, `Format « ${format} » inconnu : texte, github ou json.`);

const root = process.cwd();
const dir = values.contenu ? resolve(values.contenu) : join(root, 'content');
// --json gives the model the site publishes, whose sheets' freshness needs their last data change in git.
const result = validateProject(root, dir, undefined, format === 'json' ? () => lastDataChanges(root, dir) : undefined);
const report =
  format === 'json' ? formatJson(result.ok, result.problems, result.model)
  : format === 'github' ? formatGithubReport(result.problems, result.model)
  : formatHuman(result.problems, result.model);
process.exitCode = result.ok ? 0 : 1;
if (values.sortie) writeFileSync(values.sortie, `${report}\n`);
else process.stdout.write(`${report}\n`);
