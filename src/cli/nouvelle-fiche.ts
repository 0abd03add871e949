/**
 * npm run nouvelle-fiche -- --feuille-de-route <id> --parent <id> [--titre "…"] [--code …] [--id …]
 * Creates content/<feuille-de-route>/fiches/<id>.md, valid as created, every field explained.
 */
import { relative } from 'node:path';
import { parseCommand, usageError, contentFolder } from './cli-args.ts';
import { newSheet, ScaffoldError } from '../lib/editor/scaffold.ts';
import { shortenQuotes } from '../lib/content/problem.ts';

const spec = {
  commande: 'npm run nouvelle-fiche -- --feuille-de-route <identifiant> --parent <identifiant>',
  resume: 'Crée une fiche action dans content/<feuille-de-route>/fiches/, valide telle quelle, chaque champ expliqué en commentaire. Ne remplace jamais un fichier existant.',
  options: {
    'feuille-de-route': { type: 'string', valeur: '<identifiant>', aide: 'dossier de la feuille de route (obligatoire)' },
    parent: { type: 'string', valeur: '<identifiant>', aide: 'nœud ou fiche dont la fiche dépend : nom de son fichier, sans .md (obligatoire)' },
    titre: { type: 'string', valeur: '"…"', aide: 'intitulé de la fiche' },
    code: { type: 'string', valeur: '<code>', aide: 'code tel qu\'il est imprimé (« A.1.2 »)' },
    id: { type: 'string', valeur: '<identifiant>', aide: 'nom du fichier, qui fait l\'adresse de la page (par défaut tiré du code, sinon du titre : « A.1.2 » → a-1-2)' },
    contenu: { type: 'string', valeur: '<dossier>', aide: 'dossier de contenu (par défaut content/)' },
  },
  notes: ['Il faut au moins --titre ou --code. Exemple : npm run nouvelle-fiche -- --feuille-de-route haute-loire-2025 --parent axe-a --code A.1 --titre "Former les aidants"'],
} as const;
const { values } = parseCommand(spec);
if (!values['feuille-de-route'] || !values.parent) usageError(spec, 'Il manque --feuille-de-route ou --parent.');

try {
  const created = newSheet(contentFolder(values.contenu), {
    feuilleDeRoute: values['feuille-de-route'],
    parent: values.parent,
    titre: values.titre,
    code: values.code,
    id: values.id,
  });
  process.stdout.write(`✓ Fiche créée : ${relative(process.cwd(), created.path)} (identifiant « ${created.id} »)\n`);
  if (created.aCompleter.length) process.stdout.write(`  Complétez les champs marqués « À compléter » : ${created.aCompleter.join(', ')}.\n`);
  process.stdout.write('  Remplissez les champs utiles (retirez le « # » devant), puis vérifiez avec « npm run validate ».\n');
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  process.stderr.write(`✗ ${shortenQuotes(error.message)}\n`);
  process.exitCode = 1;
}
