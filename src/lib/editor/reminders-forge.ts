/**
 * What the scheduled reminders job does on the forge, decided without calling it: for each
 * roadmap, update its open reminders issue (found by a hidden marker in its body, else by
 * its title) or create one; close it, with a comment, once the roadmap has nothing left to
 * remind, or is no longer published; a roadmap with nothing to remind and no issue gets none.
 * Nothing is closed when the list may be incomplete (content with errors, one roadmap only).
 */
import { dateText } from '../values/date-text.ts';
import type { Reminders, RoadmapReminders } from './reminders.ts';

/** An open issue of the forge, as listed by `gh issue list --json number,title,body` or GitLab's API (iid, title, description). */
export interface ForgeIssue {
  number: number;
  title: string;
  body: string;
}

export type ForgeAction =
  | { kind: 'creer'; roadmap: string; title: string; body: string }
  | { kind: 'mettre_a_jour'; roadmap: string; number: number; title: string; body: string }
  | { kind: 'fermer'; roadmap: string; number: number; title: string; comment: string }
  | { kind: 'rien'; roadmap: string; title: string };

export type Forge = 'github' | 'gitlab';

/**
 * One call to the forge's REST API. GitHub paths are relative to the API root, with
 * `{owner}/{repo}` left for `gh api` to fill from GH_REPO; GitLab paths are relative to
 * `/projects/:id`.
 */
export interface ForgeRequest {
  method: 'POST' | 'PATCH' | 'PUT';
  path: string;
  body: Record<string, string>;
}

/** Hidden in the issue body: finds the issue again when the roadmap's short title changes. */
export const marker = (roadmap: string) => `<!-- jalons-relances:${roadmap} -->`;
/** The roadmap an issue body's marker names, or undefined: `marker` read back. */
const markedRoadmap = (body: string) => /<!-- jalons-relances:([^\s>]+) -->/.exec(body)?.[1];

/** Issues from GitHub (number, body) or GitLab (iid, description) alike. */
export function normaliseIssues(raw: unknown): ForgeIssue[] {
  if (!Array.isArray(raw)) throw new Error('La liste des tickets existants doit être un tableau JSON.');
  return raw.map((i: Record<string, unknown>) => ({
    number: Number(i['number'] ?? i['iid']),
    title: String(i['title'] ?? ''),
    body: String(i['body'] ?? i['description'] ?? ''),
  }));
}

/** Why the issue is closed, posted on it: the reader who follows it sees the closing explained. */
function closingComment(rm: RoadmapReminders, date: string, months: number): string {
  return `Plus rien à relancer au ${dateText(date, 'jour')} : aucune fiche de la feuille de route « ${rm.titre} » n'est en retard ni sans nouvelles depuis plus de ${months} mois. Ticket fermé par la tâche planifiée des relances ; un nouveau sera ouvert si une fiche a de nouveau besoin d'être relancée.`;
}

/** The same, for the issue of a roadmap that left the content (removed, or its folder renamed). */
function orphanComment(id: string, date: string): string {
  return `Plus rien à relancer au ${dateText(date, 'jour')} : la feuille de route « ${id} » n'est plus dans le contenu publié (retirée, ou son dossier renommé). Ticket fermé par la tâche planifiée des relances.`;
}

export function planIssues(reminders: Reminders, existing: readonly ForgeIssue[]): ForgeAction[] {
  const used = new Set<number>();
  const actions: ForgeAction[] = reminders.feuilles_de_route.map((rm) => {
    const title = rm.titre_issue;
    const body = `${marker(rm.id)}\n${rm.markdown}\n`;
    const issue = existing.find((i) => i.body.includes(marker(rm.id))) ?? existing.find((i) => i.title === title);
    if (issue) used.add(issue.number);
    const needed = rm.en_retard.length > 0 || rm.sans_nouvelles.length > 0;
    if (issue && (needed || !reminders.liste_complete)) return { kind: 'mettre_a_jour', roadmap: rm.id, number: issue.number, title, body };
    if (issue) return { kind: 'fermer', roadmap: rm.id, number: issue.number, title, comment: closingComment(rm, reminders.date, reminders.sans_nouvelles_mois) };
    if (!needed) return { kind: 'rien', roadmap: rm.id, title };
    return { kind: 'creer', roadmap: rm.id, title, body };
  });
  if (!reminders.liste_complete) return actions;
  // The issue of a roadmap no longer in the content: nobody will ever empty it.
  for (const issue of existing) {
    const id = markedRoadmap(issue.body);
    if (id === undefined || used.has(issue.number) || reminders.feuilles_de_route.some((rm) => rm.id === id)) continue;
    used.add(issue.number);
    actions.push({ kind: 'fermer', roadmap: id, number: issue.number, title: issue.title, comment: orphanComment(id, reminders.date) });
  }
  return actions;
}

/** The REST calls that carry out `action`, in order (the comment before the closing, so that it is never lost on a closed issue). */
export function forgeRequests(forge: Forge, a: ForgeAction): ForgeRequest[] {
  if (a.kind === 'rien') return [];
  if (forge === 'github') {
    const issues = 'repos/{owner}/{repo}/issues';
    if (a.kind === 'creer') return [{ method: 'POST', path: issues, body: { title: a.title, body: a.body } }];
    if (a.kind === 'mettre_a_jour') return [{ method: 'PATCH', path: `${issues}/${a.number}`, body: { title: a.title, body: a.body } }];
    return [
      { method: 'POST', path: `${issues}/${a.number}/comments`, body: { body: a.comment } },
      { method: 'PATCH', path: `${issues}/${a.number}`, body: { state: 'closed', state_reason: 'completed' } },
    ];
  }
  if (a.kind === 'creer') return [{ method: 'POST', path: '/issues', body: { title: a.title, description: a.body } }];
  if (a.kind === 'mettre_a_jour') return [{ method: 'PUT', path: `/issues/${a.number}`, body: { title: a.title, description: a.body } }];
  return [
    { method: 'POST', path: `/issues/${a.number}/notes`, body: { body: a.comment } },
    { method: 'PUT', path: `/issues/${a.number}`, body: { state_event: 'close' } },
  ];
}

/** The dry run's report: one block per roadmap. */
export function describePlan(actions: readonly ForgeAction[]): string {
  return actions
    .map((a) => {
      if (a.kind === 'rien') return `= rien à faire pour « ${a.title} » : aucune relance, aucun ticket ouvert.`;
      if (a.kind === 'fermer') return `- fermer #${a.number} « ${a.title} », avec ce commentaire :\n    ${a.comment}`;
      const head = a.kind === 'creer' ? `+ créer « ${a.title} »` : `~ mettre à jour #${a.number} « ${a.title} »`;
      return `${head}\n${a.body.trimEnd().replace(/^(?=.)/gm, '    ')}`;
    })
    .join('\n\n');
}

/** What the real run prints after each action. */
export function doneLine(a: ForgeAction): string {
  const what = a.kind === 'creer' ? '+ créé' : a.kind === 'mettre_a_jour' ? `~ mis à jour #${a.number}` : a.kind === 'fermer' ? `- fermé #${a.number}` : '= rien à faire';
  return `${what} : « ${a.title} »`;
}

/** `text` with every secret's value masked: forge error messages may echo what they were sent. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  return secrets.filter((s): s is string => !!s && s.length >= 4).reduce((t, s) => t.split(s).join('***'), text);
}
