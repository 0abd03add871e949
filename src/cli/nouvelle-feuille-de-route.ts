/**
 * npm run nouvelle-feuille-de-route -- --id <id> --titre "…" [--porteur <acteur>]… [--territoire "…"] [--niveau-territoire departement]
 * Creates content/<id>/feuille-de-route.md, valid as created, every field explained.
 */
import { relative } from 'node:path';
import { parseCommand, usageError, contentFolder } from './cli-args.ts';
import { newRoadmap, ScaffoldError } from '../lib/editor/scaffold.ts';
import { shortenQuotes } from '../lib/content/problem.ts';
import { TERRITORY_LEVELS } from '../../schemas/roadmap.ts';

const spec = {
  commande: 'npm run nouvelle-feuille-de-route -- --id <identifiant> --titre "…"',
  resume: 'Crée content/<identifiant>/feuille-de-route.md, valide tel quel, chaque champ expliqué en commentaire ; les valeurs que la commande a devinées sont marquées « À compléter ».',
  options: {
    id: { type: 'string', valeur: '<identifiant>', aide: 'nom du dossier, qui fait l\'adresse du site (« haute-loire-2025-2030 ») (obligatoire)' },
    titre: { type: 'string', valeur: '"…"', aide: 'titre de la feuille de route (obligatoire)' },
    porteur: { type: 'string', multiple: true, valeur: '<acteur>', aide: 'organisation qui la porte : identifiant, nom ou sigle d\'un acteur de content/acteurs/' },
    territoire: { type: 'string', valeur: '"…"', aide: 'nom du territoire (« Haute-Loire », « France »)' },
    'niveau-territoire': { type: 'string', valeur: '<niveau>', aide: `échelon : ${TERRITORY_LEVELS.join(', ')} (« France » donne national)` },
    contenu: { type: 'string', valeur: '<dossier>', aide: 'dossier de contenu (par défaut content/)' },
  },
  notes: ['Exemple : npm run nouvelle-feuille-de-route -- --id haute-loire-2025 --titre "Feuille de route numérique de la Haute-Loire" --porteur CD43 --territoire Haute-Loire --niveau-territoire departement'],
} as const;
const { values } = parseCommand(spec);
if (!values.id || !values.titre) usageError(spec, 'Il manque --id ou --titre.');

try {
  const created = newRoadmap(contentFolder(values.contenu), {
    id: values.id,
    titre: values.titre,
    porteurs: values.porteur,
    territoire: values.territoire,
    niveauTerritoire: values['niveau-territoire'],
  });
  process.stdout.write(
    `✓ Feuille de route créée : ${relative(process.cwd(), created.path)}\n` +
      `  Complétez les champs marqués « À compléter » : ${created.aCompleter.join(', ')}.\n` +
      `  Créez ensuite ses axes (« npm run nouveau-noeud -- --feuille-de-route ${created.id} … ») et ses fiches, puis vérifiez avec « npm run validate ».\n`,
  );
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  process.stderr.write(`✗ ${shortenQuotes(error.message)}\n`);
  process.exitCode = 1;
}
