/**
 * npm run point-d-etape -- --fiche <feuille-de-route>/<fiche> [--sous-action <code, intitulé ou rang>] --texte "…"
 *   [--statut …] [--avancement 40] [--valeur "libellé=12"]… [--jalon "libellé"]… [--lien <url> --titre-lien "…"]
 *   [--date AAAA-MM-JJ] [--contenu <dossier>]
 * Appends a dated progress entry to a sheet's « suivi » (or a sub-action's), everything else in the file unchanged;
 * restores the file and prints the validator's errors when the entry makes it invalid.
 * Exit code: 0 added, 1 refused, 2 unreadable options.
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatHuman } from '../lib/build/report.ts';
import { contentDir } from '../lib/content/paths.ts';
import { shortenQuotes } from '../lib/content/problem.ts';
import { addProgressEntry, ProgressEntryError } from '../lib/editor/progress-entry.ts';
import { defaultToday } from '../lib/values/today.ts';

const USAGE = `Usage : npm run point-d-etape -- --fiche <feuille-de-route>/<fiche> --texte "ce qui s'est passé" [options]

Ajoute une étape datée au « suivi » d'une fiche, ou d'une de ses sous-actions, sans rien
changer d'autre au fichier, puis vérifie le contenu : si l'étape rend la fiche invalide,
le fichier est remis en l'état.

  --fiche <feuille>/<fiche>   la fiche (obligatoire), par exemple ma-feuille/a-1-2
  --sous-action <sous-action> une sous-action de la fiche (tableau « sous_actions ») : son code,
                              son intitulé ou un extrait, ou son rang (1 pour la première)
  --texte "…"                 ce qui s'est passé, en Markdown (obligatoire)
  --date AAAA-MM-JJ           date de l'étape (par défaut : aujourd'hui ; jamais dans le futur)
  --statut <statut>           nouveau statut : a_lancer, en_cours, realisee, suspendue, abandonnee
  --avancement <0-100>        avancement en pourcentage
  --valeur "libellé=12"       valeur mesurée d'un indicateur de la fiche (répétable)
  --jalon "libellé"           jalon du calendrier atteint (répétable)
  --lien <adresse>            document qui en rend compte (compte rendu, délibération)
  --titre-lien "…"            texte de ce lien
  --contenu <dossier>         autre dossier de contenu que content/
  --help                      cette aide`;

const fail = (message: string, code: number) => {
  process.stderr.write(`✗ ${shortenQuotes(message)}\n`);
  process.exitCode = code;
};

let values: Record<string, string | string[] | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      fiche: { type: 'string' },
      'sous-action': { type: 'string' },
      texte: { type: 'string' },
      date: { type: 'string' },
      statut: { type: 'string' },
      avancement: { type: 'string' },
      valeur: { type: 'string', multiple: true },
      jalon: { type: 'string', multiple: true },
      lien: { type: 'string' },
      'titre-lien': { type: 'string' },
      contenu: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  const detail = (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `Option inconnue : ${/'([^']+)'/.exec((error as Error).message)?.[1] ?? ''}` : 'Options illisibles (une option attend peut-être une valeur, entre guillemets si elle contient des espaces).';
  process.stderr.write(`✗ ${detail}\n\n${USAGE}\n`);
  process.exit(2);
}

const str = (k: string) => values[k] as string | undefined;
const root = process.cwd();
if (values['help']) {
  process.stdout.write(`${USAGE}\n`);
} else if (!str('fiche') || str('texte') === undefined) {
  process.stderr.write(`✗ Il manque ${!str('fiche') ? '--fiche' : '--texte'}.\n\n${USAGE}\n`);
  process.exitCode = 2;
} else {
  const today = defaultToday();
  const dir = str('contenu') ? resolve(str('contenu')!) : contentDir(root);
  try {
    const result = addProgressEntry(root, dir, {
      fiche: str('fiche')!,
      texte: str('texte')!,
      date: str('date') ?? today,
      statut: str('statut'),
      avancement: str('avancement'),
      valeurs: values['valeur'] as string[] | undefined,
      jalons: values['jalon'] as string[] | undefined,
      lien: str('lien'),
      titreLien: str('titre-lien'),
      sousAction: str('sous-action'),
    }, today);
    if (result.ok) {
      const where = result.sousAction !== null ? `la sous-action « ${result.sousAction} » de ` : '';
      process.stdout.write(`✓ Étape ajoutée au suivi de ${shortenQuotes(where)}${relative(root, result.path)} :\n${result.added.replace(/^/gm, '    ')}\n  Relisez-la, puis proposez la modification (commit, demande de fusion).\n`);
    } else {
      const text = formatHuman(result.problems, { version: 1, feuilles_de_route: [], acteurs: [], glossaire: [] }).split('\n').slice(0, -1).join('\n');
      process.stderr.write(`✗ L'étape n'a pas été ajoutée : elle rendrait la fiche invalide. Le fichier ${relative(root, result.path)} est inchangé ; les numéros de ligne sont ceux du fichier avec l'étape ajoutée.\n\n${text}\n`);
      process.exitCode = 1;
    }
  } catch (error) {
    if (!(error instanceof ProgressEntryError)) throw error;
    fail(error.message, 1);
  }
}
