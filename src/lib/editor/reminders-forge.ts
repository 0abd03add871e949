/**
 * What the scheduled reminders job does on the forge, decided without calling it: for each
 * roadmap, update its open reminders issue (found by a hidden marker in its body, else by
 * its title) or create one; a roadmap with nothing to remind and no issue gets none.
 */
import type { Reminders } from './reminders.ts';

/** An open issue of the forge, as listed by `gh issue list --json number,title,body` or GitLab's API (iid, title, description). */
export interface ForgeIssue {
  number: number;
  title: string;
  body: string;
}

export type ForgeAction =
  | { kind: 'creer'; roadmap: string; title: string; body: string }
  | { kind: 'mettre_a_jour'; roadmap: string; number: number; title: string; body: string }
  | { kind: 'rien'; roadmap: string; title: string };

/** Hidden in the issue body: finds the issue again when the roadmap's short title changes. */
export const marker = (roadmap: string) => `<!-- jalons-relances:${roadmap} -->`;

/** Issues from GitHub (number, body) or GitLab (iid, description) alike. */
export function normaliseIssues(raw: unknown): ForgeIssue[] {
  if (!Array.isArray(raw)) throw new Error('La liste des tickets existants doit être un tableau JSON.');
  return raw.map((i: Record<string, unknown>) => ({
    number: Number(i['number'] ?? i['iid']),
    title: String(i['title'] ?? ''),
    body: String(i['body'] ?? i['description'] ?? ''),
  }));
}

export function planIssues(reminders: Reminders, existing: readonly ForgeIssue[]): ForgeAction[] {
  return reminders.feuilles_de_route.map((rm) => {
    const title = rm.titre_issue;
    const body = `${marker(rm.id)}\n${rm.markdown}\n`;
    const issue = existing.find((i) => i.body.includes(marker(rm.id))) ?? existing.find((i) => i.title === title);
    if (issue) return { kind: 'mettre_a_jour', roadmap: rm.id, number: issue.number, title, body };
    if (!rm.en_retard.length && !rm.sans_nouvelles.length) return { kind: 'rien', roadmap: rm.id, title };
    return { kind: 'creer', roadmap: rm.id, title, body };
  });
}

/** The dry run's report: one block per roadmap. */
export function describePlan(actions: readonly ForgeAction[]): string {
  return actions
    .map((a) => {
      if (a.kind === 'rien') return `= rien à faire pour « ${a.title} » : aucune relance, aucun ticket ouvert.`;
      const head = a.kind === 'creer' ? `+ créer « ${a.title} »` : `~ mettre à jour #${a.number} « ${a.title} »`;
      return `${head}\n${a.body.trimEnd().replace(/^(?=.)/gm, '    ')}`;
    })
    .join('\n\n');
}
