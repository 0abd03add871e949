/**
 * npm run relances [-- --sans-nouvelles <mois>] [--feuille-de-route <id>] [--json] [--contenu <dossier>]
 * Prints, per roadmap, the sheets to ask news of (late, or no progress entry for more than
 * N months), in Markdown; --json for the scheduled job that opens one issue per roadmap
 * (scripts/relances-forge.ts). Today: JALONS_AUJOURDHUI, else the date. Links: JALONS_SITE.
 */
import { parseCommand, usageError, contentFolder } from './cli-args.ts';
import { didYouMean } from '../lib/content/suggest.ts';
import { reminders, remindersMarkdown } from '../lib/editor/reminders.ts';
import { lastDataChanges } from '../lib/export/freshness.ts';
import { validateProject } from '../lib/model/validate-project.ts';
import { defaultToday } from '../lib/values/today.ts';

const spec = {
  commande: 'npm run relances --',
  resume: 'Liste, pour chaque feuille de route, les fiches en retard et celles sans nouvelles depuis plus de <mois> mois (6 par défaut), en Markdown. Les nouvelles d\'une fiche sont sa dernière étape de suivi ; sans étape, la dernière modification de ses données dans l\'historique git (une simple remise en forme du fichier ne compte pas).',
  options: {
    'sans-nouvelles': { type: 'string', default: '6', valeur: '<mois>', aide: 'délai sans nouvelles, en mois (par défaut 6)' },
    'feuille-de-route': { type: 'string', valeur: '<identifiant>', aide: 'une seule feuille de route' },
    json: { type: 'boolean', default: false, aide: 'sortie JSON (pour la tâche planifiée qui ouvre, met à jour et ferme les tickets de relance)' },
    contenu: { type: 'string', valeur: '<dossier>', aide: 'autre dossier de contenu que content/' },
  },
  notes: ['Pour un JSON pur, sans l\'en-tête que npm affiche : « npm run -s relances -- --json ».'],
} as const;

const { values } = parseCommand(spec);
const months = Number(values['sans-nouvelles']);
if (!Number.isInteger(months) || months < 1) {
  usageError(spec, `--sans-nouvelles attend un nombre entier de mois (1 ou plus), pas « ${String(values['sans-nouvelles'])} ».`);
} else {
  const root = process.cwd();
  const today = defaultToday();
  const dir = contentFolder(values['contenu'] as string | undefined, root);
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
