/**
 * npm run relances [-- --sans-nouvelles <mois>] [--feuille-de-route <id>] [--json] [--contenu <dossier>]
 * Prints, per roadmap, the sheets to ask news of (late, or no progress entry for more than
 * N months), in Markdown; --json for the scheduled job that opens one issue per roadmap
 * (scripts/relances-forge.ts). Today: JALONS_AUJOURDHUI, else the date. Links: JALONS_SITE.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contentDir } from '../lib/content/paths.ts';
import { didYouMean } from '../lib/content/suggest.ts';
import { reminders, remindersMarkdown } from '../lib/editor/reminders.ts';
import { lastDataChanges } from '../lib/export/freshness.ts';
import { validateProject } from '../lib/model/validate-project.ts';
import { defaultToday } from '../lib/values/today.ts';

const USAGE = `Usage : npm run relances -- [--sans-nouvelles <mois>] [--feuille-de-route <identifiant>] [--json]

Liste, pour chaque feuille de route, les fiches en retard et celles sans nouvelles
depuis plus de <mois> mois (6 par défaut), en Markdown. Les nouvelles d'une fiche sont
sa dernière étape de suivi ; sans étape, la dernière modification de ses données
dans l'historique git (une simple remise en forme du fichier ne compte pas).

  --sans-nouvelles <mois>        délai sans nouvelles, en mois (par défaut 6)
  --feuille-de-route <id>        une seule feuille de route
  --json                         sortie JSON (pour la tâche planifiée qui ouvre, met à jour
                                 et ferme les tickets de relance)
  --contenu <dossier>            autre dossier de contenu que content/
  --help                         cette aide`;

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      'sans-nouvelles': { type: 'string', default: '6' },
      'feuille-de-route': { type: 'string' },
      json: { type: 'boolean', default: false },
      contenu: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  const detail = (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `Option inconnue : ${/'([^']+)'/.exec((error as Error).message)?.[1] ?? ''}` : 'Options illisibles (une option attend peut-être une valeur).';
  process.stderr.write(`✗ ${detail}\n\n${USAGE}\n`);
  process.exit(2);
}

const months = Number(values['sans-nouvelles']);
if (values['help']) {
  process.stdout.write(`${USAGE}\n`);
} else if (!Number.isInteger(months) || months < 1) {
  process.stderr.write(`✗ --sans-nouvelles attend un nombre entier de mois (1 ou plus), pas « ${String(values['sans-nouvelles'])} ».\n\n${USAGE}\n`);
  process.exitCode = 2;
} else {
  const root = process.cwd();
  const today = defaultToday();
  const dir = values['contenu'] ? resolve(values['contenu'] as string) : contentDir(root);
  // A sheet without progress entry counts from its last data change, which only git knows: without history, from nothing.
  const { model, ok } = validateProject(root, dir, today, () => lastDataChanges(root, dir));
  if (!ok) process.stderr.write('⚠ Le contenu a des erreurs (npm run validate les détaille) : la liste peut être incomplète.\n');
  const rmId = values['feuille-de-route'] as string | undefined;
  if (rmId && !model.feuilles_de_route.some((r) => r.id === rmId)) {
    process.stderr.write(`✗ La feuille de route « ${rmId} » n'existe pas.${didYouMean(rmId, model.feuilles_de_route.map((r) => r.id))} Feuilles de route : ${model.feuilles_de_route.map((r) => r.id).join(', ') || 'aucune'}.\n`);
    process.exitCode = 2;
  } else {
    const result = reminders(model, { today, months, roadmap: rmId, contentValid: ok, site: process.env['JALONS_SITE'] || undefined, base: process.env['JALONS_BASE'] || undefined });
    process.stdout.write(values['json'] ? `${JSON.stringify(result, null, 2)}\n` : `${remindersMarkdown(result)}\n`);
  }
}
