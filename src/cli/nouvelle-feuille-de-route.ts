/**
 * npm run nouvelle-feuille-de-route -- --id <id> --titre "…" [--porteur <acteur>] [--territoire "…"] [--niveau-territoire departement]
 * Creates content/<id>/feuille-de-route.md, valid as created, every field explained.
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { newRoadmap, ScaffoldError } from '../lib/editor/scaffold.ts';
import { contentDir } from '../lib/content/paths.ts';
import { shortenQuotes } from '../lib/content/problem.ts';

const { values } = parseArgs({
  options: {
    id: { type: 'string' },
    titre: { type: 'string' },
    porteur: { type: 'string' },
    territoire: { type: 'string' },
    'niveau-territoire': { type: 'string' },
    contenu: { type: 'string' },
  },
});

try {
  if (!values.id || !values.titre) {
    throw new ScaffoldError('Usage : npm run nouvelle-feuille-de-route -- --id <identifiant> --titre "Titre de la feuille de route" [--porteur <acteur>] [--territoire "Nom"]');
  }
  const created = newRoadmap(values.contenu ? resolve(values.contenu) : contentDir(process.cwd()), {
    id: values.id,
    titre: values.titre,
    porteur: values.porteur,
    territoire: values.territoire,
    niveauTerritoire: values['niveau-territoire'],
  });
  process.stdout.write(
    `✓ Feuille de route créée : ${relative(process.cwd(), created.path)}\n` +
      `  Complétez les champs « À compléter », créez ses axes dans noeuds/, puis vérifiez avec « npm run validate ».\n`,
  );
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  process.stderr.write(`✗ ${shortenQuotes(error.message)}\n`);
  process.exitCode = 1;
}
