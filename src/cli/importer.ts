/**
 * npm run importer -- fichier.csv --feuille-de-route <id> [--ecrire] [--contenu <dossier>]
 * Creates or updates the sheets of a roadmap from a spreadsheet (.csv in the
 * format of /donnees/, or .xlsx). Without --ecrire it only says what it would do.
 * Every unreadable row is reported; if there is one, nothing is written.
 */
import { relative, resolve } from 'node:path';
import { parseCommand, usageError, contentFolder } from './cli-args.ts';
import { applyImport, planImport } from '../lib/import/sheets.ts';
import { readTable, TableError } from '../lib/import/table.ts';
import { neutraliseWorkflowCommands } from '../lib/build/report.ts';
import { shortenQuotes } from '../lib/content/problem.ts';

const spec = {
  commande: 'npm run importer -- <fichier.csv|fichier.xlsx> --feuille-de-route <identifiant>',
  resume: 'Crée ou met à jour les fiches d\'une feuille de route à partir d\'un tableur (colonnes du CSV de /donnees/). Sans --ecrire, dit seulement ce qu\'il ferait. Une seule ligne illisible, et rien n\'est écrit.',
  positionnels: true,
  options: {
    'feuille-de-route': { type: 'string', valeur: '<identifiant>', aide: 'dossier de la feuille de route (obligatoire)' },
    ecrire: { type: 'boolean', default: false, aide: 'écrit les fichiers (sinon simple simulation)' },
    contenu: { type: 'string', valeur: '<dossier>', aide: 'dossier de contenu (par défaut content/)' },
  },
  notes: ['Code de sortie : 0 si l\'import est possible (les avertissements sont permis), 1 s\'il reste une erreur, 2 si la commande est mal écrite.'],
} as const;
const { values, positionals } = parseCommand(spec);

const root = process.cwd();
const file = positionals[0];
const roadmap = values['feuille-de-route'];
if (!file || !roadmap) usageError(spec, !file ? 'Il manque le fichier à importer (.csv ou .xlsx).' : 'Il manque --feuille-de-route.');

try {
  const table = await readTable(resolve(file));
  const plan = planImport(table, { projectRoot: root, contentDir: contentFolder(values.contenu, root), roadmap });
  const erreurs = [...table.erreurs, ...plan.erreurs].sort((a, b) => a.ligne - b.ligne);
  const where = (ligne: number) => (ligne ? `Ligne ${ligne}` : 'Import');
  for (const w of plan.avertissements) process.stderr.write(`${neutraliseWorkflowCommands(`${where(w.ligne)} : avertissement : ${shortenQuotes(w.message)}`)}\n`);
  if (erreurs.length) {
    for (const e of erreurs) process.stderr.write(`${neutraliseWorkflowCommands(`${where(e.ligne)} : ${shortenQuotes(e.message)}`)}\n`);
    process.stderr.write(`\n✗ ${erreurs.length} ${erreurs.length > 1 ? 'erreurs' : 'erreur'} : aucun fichier n'a été écrit.\n`);
    process.exit(1);
  }
  const label = { creation: 'créée', modification: 'modifiée', inchangee: 'inchangée' };
  for (const f of plan.fichiers) process.stdout.write(`Ligne ${f.ligne} : ${relative(root, f.chemin)} ${label[f.action]}\n`);
  const count = (a: string) => plan.fichiers.filter((f) => f.action === a).length;
  if (values.ecrire) {
    applyImport(plan);
    process.stdout.write(`\n✓ ${count('creation')} fiche(s) créée(s), ${count('modification')} modifiée(s), ${count('inchangee')} inchangée(s)${plan.avertissements.length ? ` ; ${plan.avertissements.length} avertissement(s) ci-dessus à relire` : ''}.\n`);
  } else {
    process.stdout.write(`\nSimulation : rien n'est écrit. Relancez avec --ecrire pour créer ${count('creation')} fiche(s) et en modifier ${count('modification')}.\n`);
  }
} catch (error) {
  if (!(error instanceof TableError)) throw error;
  process.stderr.write(`${neutraliseWorkflowCommands(shortenQuotes(error.message))}\n`);
  process.exit(1);
}
