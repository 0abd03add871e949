/**
 * npm run guide [-- --verifier]
 * Regenerates the field reference inside docs/guide-editeur.md from the zod schemas.
 * With --verifier, changes nothing and fails if the guide is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommand } from './cli-args.ts';
import { GUIDE_FILE, guideMarkdown } from '../lib/editor/schema-doc.ts';

const { values } = parseCommand({
  commande: 'npm run guide --',
  resume: `Régénère la référence des champs de ${GUIDE_FILE} à partir des schémas zod (schemas/).`,
  options: { verifier: { type: 'boolean', default: false, aide: 'ne change rien ; échoue si le guide n\'est pas à jour' } },
});
const root = process.cwd();
const path = join(root, GUIDE_FILE);
const current = readFileSync(path, 'utf8');
const fresh = guideMarkdown(root);
if (values.verifier) {
  if (current !== fresh) {
    process.stderr.write(`✗ ${GUIDE_FILE} n'est pas à jour avec les schémas : lancez « npm run guide ».\n`);
    process.exitCode = 1;
  } else process.stdout.write(`✓ ${GUIDE_FILE} est à jour.\n`);
} else {
  writeFileSync(path, fresh);
  process.stdout.write(current === fresh ? `✓ ${GUIDE_FILE} était déjà à jour.\n` : `✓ ${GUIDE_FILE} régénéré.\n`);
}
