/**
 * `npm run relances`: per roadmap, the sheets to ask news of: the late ones (with the
 * model's reason) and the open ones with no news for more than N months, news being the
 * sheet's freshness (its newest progress entry, else its file's last data change). Sheets
 * nobody ever followed (no status, no entry) are only counted: listing a whole roadmap
 * that does not keep a log would bury the useful lines. Pure: today is passed in.
 */
import { fr } from '../i18n/fr.ts';
import type { Model, ModelRoadmap, ModelSheet } from '../model/types.ts';
import { latenessText, progressDateText } from '../site/progress-view.ts';
import { makeUrls } from '../site/urls.ts';
import { dateText } from '../values/date-text.ts';
import { plural } from '../values/text.ts';

export interface ReminderSheet {
  id: string;
  code: string | null;
  titre: string;
  statut: string | null;
  /** Last progress entry's date in words, or null when the sheet has none. */
  derniere_etape: string | null;
  /** Day of the sheet's last data change in git, in words (sheets without progress entry only), or null. */
  derniere_modification: string | null;
  /** Why the sheet is late, in words (late sheets only). */
  raison: string | null;
  url: string | null;
}

export interface RoadmapReminders {
  id: string;
  titre: string;
  titre_court: string | null;
  /** Title of the forge issue that carries the list. */
  titre_issue: string;
  fiches: number;
  en_retard: ReminderSheet[];
  sans_nouvelles: ReminderSheet[];
  /** Sheets with neither a status nor a progress entry. */
  jamais_suivies: number;
  /** The section, in Markdown. */
  markdown: string;
}

export interface Reminders {
  date: string;
  sans_nouvelles_mois: number;
  /**
   * Every roadmap listed, from content without errors: only then may the forge job close
   * an issue (a roadmap left out, or a sheet that failed to load, is not « nothing to remind »).
   */
  liste_complete: boolean;
  feuilles_de_route: RoadmapReminders[];
}

export interface ReminderOptions {
  today: string;
  /** No news for more than this many months. */
  months: number;
  roadmap?: string | undefined;
  /** Public address of the site (JALONS_SITE) and base path (JALONS_BASE, else the address's path): links to the sheets when set. */
  site?: string | undefined;
  base?: string | undefined;
  /** Whether the content validated without errors. */
  contentValid: boolean;
}

const CLOSED = new Set(['realisee', 'abandonnee']);

/** `today` minus `months` months, as an ISO day (clamped to the month's last day). */
export function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const esc = (text: string) => text.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/\s+/g, ' ');

/** « Dernière étape de suivi : mars 2024 », « Aucune étape de suivi ; données de la fiche modifiées le 12 mai 2025 ». */
function newsWords(s: ReminderSheet): string {
  if (s.derniere_etape) return `Dernière étape de suivi : ${s.derniere_etape}`;
  return s.derniere_modification ? `Aucune étape de suivi ; données de la fiche modifiées le ${s.derniere_modification}` : 'Aucune étape de suivi';
}
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function sheetLine(s: ReminderSheet, what: string): string {
  const name = `${s.code ? `${esc(s.code)} ` : ''}${esc(s.titre)}`;
  return `- ${s.url ? `[${name}](${s.url})` : name} : ${what}`;
}

export function roadmapMarkdown(r: Omit<RoadmapReminders, 'markdown'>, today: string, months: number): string {
  const lines = [`## ${esc(r.titre_issue)}`, '', `Feuille de route « ${esc(r.titre)} », situation au ${dateText(today, 'jour')}.`, ''];
  if (r.en_retard.length) {
    lines.push(`### En retard (${r.en_retard.length})`, '');
    for (const s of r.en_retard) {
      lines.push(sheetLine(s, `${s.raison ?? ''} ${newsWords(s)}.`.trim()));
    }
    lines.push('');
  }
  if (r.sans_nouvelles.length) {
    lines.push(`### Sans nouvelles depuis plus de ${months} mois (${r.sans_nouvelles.length})`, '');
    for (const s of r.sans_nouvelles) {
      const status = s.statut ? `${fr.statuts[s.statut] ?? s.statut} ; ` : '';
      lines.push(sheetLine(s, `${status}${lowerFirst(newsWords(s))}.`));
    }
    lines.push('');
  }
  if (!r.en_retard.length && !r.sans_nouvelles.length) lines.push('Rien à relancer : aucune fiche en retard ni sans nouvelles.', '');
  if (r.jamais_suivies) {
    lines.push(`${plural(r.jamais_suivies, 'fiche n\'a', 'fiches n\'ont')} jamais été suivie${r.jamais_suivies > 1 ? 's' : ''} (ni statut ni étape de suivi) sur ${plural(r.fiches, 'fiche', 'fiches')}.`, '');
  }
  lines.push('Pour donner des nouvelles d\'une fiche, ajoutez une étape à son « suivi » (guide de l\'éditeur, « Tenir la feuille de route à jour »).');
  return lines.join('\n');
}

function reminderSheet(rm: ModelRoadmap, s: ModelSheet, options: ReminderOptions): ReminderSheet {
  // Without JALONS_BASE, the site's own path (https://groupe.gitlab.io/jalons) is the base.
  const urls = makeUrls(options.base || (options.site ? new URL(options.site).pathname : '/'));
  return {
    id: s.id,
    code: s.code,
    titre: s.titre,
    statut: s.statut_actuel,
    derniere_etape: s.derniere_mise_a_jour ? progressDateText(s.derniere_mise_a_jour) : null,
    derniere_modification: s.fraicheur?.source === 'modification' ? dateText(s.fraicheur.date.texte, 'jour') : null,
    raison: latenessText(s),
    url: options.site ? new URL(urls.entry(rm.id, s.id), options.site).href : null,
  };
}

export function reminders(model: Model, options: ReminderOptions): Reminders {
  const cutoff = monthsBefore(options.today, options.months);
  const roadmaps = model.feuilles_de_route.filter((rm) => !options.roadmap || rm.id === options.roadmap);
  return {
    date: options.today,
    sans_nouvelles_mois: options.months,
    liste_complete: options.contentValid && !options.roadmap,
    feuilles_de_route: roadmaps.map((rm) => {
      const sheets = [...rm.fiches].sort((a, b) => a.ordre - b.ordre);
      const late = sheets.filter((s) => s.en_retard);
      const stale = sheets.filter((s) => {
        if (s.en_retard || s.statut_actuel === null || CLOSED.has(s.statut_actuel)) return false;
        // News are the newest progress entry; a sheet that keeps no log counts from its file's last
        // data change in git: whoever changed its calendar or partners last month looked after it,
        // and should not be asked for news yet. A commit that only re-formatted the file (a
        // migration touching every sheet) is no such change (src/lib/export/freshness.ts).
        const last = s.fraicheur?.date;
        if (!last) return true;
        return last.fin !== null && last.fin < cutoff;
      });
      const r = {
        id: rm.id,
        titre: rm.titre,
        titre_court: rm.titre_court,
        titre_issue: `Relances : ${rm.titre_court ?? rm.titre}`,
        fiches: sheets.length,
        en_retard: late.map((s) => reminderSheet(rm, s, options)),
        sans_nouvelles: stale.map((s) => reminderSheet(rm, s, options)),
        jamais_suivies: sheets.filter((s) => s.statut_actuel === null && s.suivi.length === 0).length,
      };
      return { ...r, markdown: roadmapMarkdown(r, options.today, options.months) };
    }),
  };
}

export function remindersMarkdown(r: Reminders): string {
  if (!r.feuilles_de_route.length) return 'Aucune feuille de route.';
  return r.feuilles_de_route.map((rm) => rm.markdown).join('\n\n');
}
