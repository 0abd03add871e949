/** "Who does what": for every actor, everything it pilots, carries, partners or funds, across all roadmaps. */
import type { Model, ModelActorRef } from '../model/types.ts';

export interface Involvement {
  feuille_de_route: string;
  roadmapTitle: string;
  /** The sheet, or null when the actor carries the roadmap itself. */
  sheetId: string | null;
  code: string | null;
  titre: string;
  role: string;
  /** Free text that qualifies the role ("MOA", "coordination du réseau"). */
  detail: string | null;
}

const ROLE_FIELDS = ['pilotes', 'porteurs', 'partenaires', 'cofinanceurs', 'acteurs', 'a_mobiliser'] as const;

export function actorInvolvements(model: Model): Map<string, Involvement[]> {
  const index = new Map<string, Involvement[]>();
  const add = (ref: ModelActorRef, inv: Omit<Involvement, 'detail'>) => {
    if (!ref.acteur) return;
    const detail = [ref.role, ref.precision].filter(Boolean).join(' — ') || null;
    index.set(ref.acteur, [...(index.get(ref.acteur) ?? []), { ...inv, detail }]);
  };
  for (const rm of model.feuilles_de_route) {
    const roadmapTitle = rm.titre_court ?? rm.titre;
    for (const ref of rm.porteurs) add(ref, { feuille_de_route: rm.id, roadmapTitle, sheetId: null, code: null, titre: rm.titre, role: 'porteur_feuille' });
    for (const sheet of rm.fiches) {
      const base = { feuille_de_route: rm.id, roadmapTitle, sheetId: sheet.id, code: sheet.code, titre: sheet.titre };
      for (const field of ROLE_FIELDS) for (const ref of sheet[field]) add(ref, { ...base, role: field });
      for (const sub of sheet.sous_actions) {
        for (const field of ['pilotes', 'partenaires', 'cofinanceurs'] as const) for (const ref of sub[field]) add(ref, { ...base, role: field });
      }
    }
  }
  // One line per sheet and role, even when a sheet names the actor in several sub-actions.
  for (const [id, list] of index) {
    const seen = new Set<string>();
    index.set(id, list.filter((i) => {
      const key = `${i.feuille_de_route}/${i.sheetId}/${i.role}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }));
  }
  return index;
}

/**
 * The actors some roadmap or sheet names in a role, and those it never does (known only from the
 * directory, perhaps cited in a text): the index lists the latter apart, so that « 0 mention »
 * does not read like a gap in the data.
 */
export function splitByRole<T extends { id: string }>(actors: T[], involvements: Map<string, Involvement[]>): { withRole: T[]; withoutRole: T[] } {
  const has = (a: T) => (involvements.get(a.id)?.length ?? 0) > 0;
  return { withRole: actors.filter(has), withoutRole: actors.filter((a) => !has(a)) };
}
