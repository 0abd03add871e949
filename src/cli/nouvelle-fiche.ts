/**
 * npm run nouvelle-fiche -- --feuille-de-route <id> --parent <id> [--titre "…"] [--code …] [--id …]
 * Creates content/<feuille-de-route>/fiches/<id>.md, valid as created, every field explained.
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { newSheet, ScaffoldError } from '../lib/editor/scaffold.ts';
import { contentDir } from '../lib/content/paths.ts';
import { shortenQuotes } from '../lib/content/problem.ts';

const { values } = parseArgs({
  options: {
    'feuille-de-route': { type: 'string' },
    parent: { type: 'string' },
    titre: { type: 'string' },
    code: { type: 'string' },
    id: { type: 'string' },
    contenu: { type: 'string' },
  },
});

try {
  if (!values['feuille-de-route'] || !values.parent) {
    throw new ScaffoldError('Usage : npm run nouvelle-fiche -- --feuille-de-route <identifiant> --parent <identifiant du nœud ou de la fiche> [--titre "…"] [--code A.1.2]');
  }
  const created = newSheet(values.contenu ? resolve(values.contenu) : contentDir(process.cwd()), {
    feuilleDeRoute: values['feuille-de-route'],
    parent: values.parent,
    titre: values.titre,
    code: values.code,
    id: values.id,
  });
  process.stdout.write(`✓ Fiche créée : ${relative(process.cwd(), created.path)}\n  Complétez-la, puis vérifiez-la avec « npm run validate ».\n`);
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  process.stderr.write(`✗ ${shortenQuotes(error.message)}\n`);
  process.exitCode = 1;
}
