/**
 * npm run point-d-etape -- --fiche <feuille-de-route>/<fiche> [--sous-action <code, intitulé ou rang>] --texte "…"
 *   [--statut …] [--avancement 40] [--valeur "libellé=12"]… [--jalon "libellé"]… [--lien <url> --titre-lien "…"]
 *   [--date AAAA-MM-JJ] [--contenu <dossier>]
 * Appends a dated progress entry to a sheet's « suivi » (or a sub-action's), everything else in the file unchanged;
 * restores the file and prints the validator's errors when the entry makes it invalid.
 * Exit code: 0 added, 1 refused, 2 unreadable options.
 */
import { relative } from 'node:path';
import { formatHuman } from '../lib/build/report.ts';
import { parseCommand, usageError, contentFolder } from './cli-args.ts';
import { shortenQuotes } from '../lib/content/problem.ts';
import { addProgressEntry, ProgressEntryError } from '../lib/editor/progress-entry.ts';
import { defaultToday } from '../lib/values/today.ts';

const spec = {
  commande: 'npm run point-d-etape -- --fiche <feuille-de-route>/<fiche> --texte "ce qui s\'est passé"',
  resume: 'Ajoute une étape datée au « suivi » d\'une fiche, ou d\'une de ses sous-actions, sans rien changer d\'autre au fichier, puis vérifie le contenu : si l\'étape rend la fiche invalide, le fichier est remis en l\'état.',
  options: {
    fiche: { type: 'string', valeur: '<feuille>/<fiche>', aide: 'la fiche (obligatoire), par exemple ma-feuille/a-1-2' },
    'sous-action': { type: 'string', valeur: '<sous-action>', aide: 'une sous-action de la fiche (tableau « sous_actions ») : son code, son intitulé ou un extrait, ou son rang (1 pour la première)' },
    texte: { type: 'string', valeur: '"…"', aide: 'ce qui s\'est passé, en Markdown (obligatoire)' },
    date: { type: 'string', valeur: 'AAAA-MM-JJ', aide: 'date de l\'étape (par défaut : aujourd\'hui ; jamais dans le futur)' },
    statut: { type: 'string', valeur: '<statut>', aide: 'nouveau statut : a_lancer, en_cours, realisee, suspendue, abandonnee' },
    avancement: { type: 'string', valeur: '<0-100>', aide: 'avancement en pourcentage' },
    valeur: { type: 'string', multiple: true, valeur: '"libellé=12"', aide: 'valeur mesurée d\'un indicateur de la fiche' },
    jalon: { type: 'string', multiple: true, valeur: '"libellé"', aide: 'jalon du calendrier atteint' },
    lien: { type: 'string', valeur: '<adresse>', aide: 'document qui en rend compte (compte rendu, délibération)' },
    'titre-lien': { type: 'string', valeur: '"…"', aide: 'texte de ce lien' },
    contenu: { type: 'string', valeur: '<dossier>', aide: 'autre dossier de contenu que content/' },
  },
  notes: ['Code de sortie : 0 étape ajoutée, 1 étape refusée, 2 commande mal écrite.'],
} as const;

const fail = (message: string, code: number) => {
  process.stderr.write(`✗ ${shortenQuotes(message)}\n`);
  process.exitCode = code;
};

const { values } = parseCommand(spec);
const str = (k: keyof typeof values) => values[k] as string | undefined;
const root = process.cwd();
if (!str('fiche') || str('texte') === undefined) {
  usageError(spec, `Il manque ${!str('fiche') ? '--fiche' : '--texte'}.`);
} else {
  const today = defaultToday();
  const dir = contentFolder(str('contenu'), root);
  try {
    const result = addProgressEntry(root, dir, {
      fiche: str('fiche')!,
      texte: str('texte')!,
      date: str('date') ?? today,
      statut: str('statut'),
      avancement: str('avancement'),
      valeurs: values.valeur,
      jalons: values.jalon,
      lien: str('lien'),
      titreLien: str('titre-lien'),
      sousAction: str('sous-action'),
    }, today);
    if (result.ok) {
      const where = result.sousAction !== null ? `la sous-action « ${result.sousAction} » de ` : '';
      process.stdout.write(`✓ Étape ajoutée au suivi de ${shortenQuotes(where)}${relative(root, result.path)} :\n${result.added.replace(/^/gm, '    ')}\n  Relisez-la, puis proposez la modification (commit, demande de fusion).\n`);
    } else {
      const text = formatHuman(result.problems, { version: 2, feuilles_de_route: [], acteurs: [], glossaire: [] }).split('\n').slice(0, -1).join('\n');
      process.stderr.write(`✗ L'étape n'a pas été ajoutée : elle rendrait la fiche invalide. Le fichier ${relative(root, result.path)} est inchangé ; les numéros de ligne sont ceux du fichier avec l'étape ajoutée.\n\n${text}\n`);
      process.exitCode = 1;
    }
  } catch (error) {
    if (!(error instanceof ProgressEntryError)) throw error;
    fail(error.message, 1);
  }
}
