/**
 * npm run nouveau-noeud -- --feuille-de-route <id> [--parent <id>] [--niveau <id>] [--titre "…"] [--code …] [--id …]
 * Creates content/<feuille-de-route>/noeuds/<id>.md (an axis, an objective…), valid as created.
 */
import { relative } from 'node:path';
import { parseCommand, usageError, contentFolder } from './cli-args.ts';
import { newNode, ScaffoldError } from '../lib/editor/scaffold.ts';
import { shortenQuotes } from '../lib/content/problem.ts';

const spec = {
  commande: 'npm run nouveau-noeud -- --feuille-de-route <identifiant>',
  resume: 'Crée un nœud de la hiérarchie (axe, objectif, thématique…) dans content/<feuille-de-route>/noeuds/, valide tel quel, chaque champ expliqué en commentaire. Ne remplace jamais un fichier existant.',
  options: {
    'feuille-de-route': { type: 'string', valeur: '<identifiant>', aide: 'dossier de la feuille de route (obligatoire)' },
    parent: { type: 'string', valeur: '<identifiant>', aide: 'nœud dont il dépend (nom de son fichier, sans .md) ; sans --parent, un nœud du premier niveau' },
    niveau: { type: 'string', valeur: '<niveau>', aide: 'identifiant d\'un des « niveaux » de la feuille de route (par défaut le niveau sous celui du parent)' },
    titre: { type: 'string', valeur: '"…"', aide: 'intitulé du nœud' },
    code: { type: 'string', valeur: '<code>', aide: 'code tel qu\'il est imprimé (« A », « 2.1 »)' },
    id: { type: 'string', valeur: '<identifiant>', aide: 'nom du fichier, qui fait l\'adresse de la page (par défaut tiré du code, sinon du titre)' },
    contenu: { type: 'string', valeur: '<dossier>', aide: 'dossier de contenu (par défaut content/)' },
  },
  notes: ['Il faut au moins --titre ou --code. Exemple : npm run nouveau-noeud -- --feuille-de-route haute-loire-2025 --code A --titre "Former les publics" --id axe-a'],
} as const;
const { values } = parseCommand(spec);
if (!values['feuille-de-route']) usageError(spec, 'Il manque --feuille-de-route.');

try {
  const created = newNode(contentFolder(values.contenu), {
    feuilleDeRoute: values['feuille-de-route'],
    parent: values.parent,
    niveau: values.niveau,
    titre: values.titre,
    code: values.code,
    id: values.id,
  });
  process.stdout.write(
    `✓ Nœud créé : ${relative(process.cwd(), created.path)} (identifiant « ${created.id} »)\n` +
      `  Ses fiches : npm run nouvelle-fiche -- --feuille-de-route ${values['feuille-de-route']} --parent ${created.id} --titre "…" ; vérifiez avec « npm run validate ».\n`,
  );
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  process.stderr.write(`✗ ${shortenQuotes(error.message)}\n`);
  process.exitCode = 1;
}
