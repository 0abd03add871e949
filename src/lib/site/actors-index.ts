/** "Who does what": for every actor, everything it pilots, carries, partners or funds, across all roadmaps. */
import type { Model, ModelActor, ModelActorRef } from '../model/types.ts';

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

/** A page whose text names an actor (its name, sigle or another spelling) without giving it a role. */
export interface TextMention {
  feuille_de_route: string;
  roadmapTitle: string;
  /** The node or sheet, or null for the roadmap's own presentation. */
  entryId: string | null;
  kind: 'feuille_de_route' | 'noeud' | 'fiche';
  code: string | null;
  titre: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Not inside a word: « CAF » is not found in « CAFÉ », nor « Orange » in « Orangerie ». */
const wordly = (alternatives: string[], flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.map(escape).join('|')})(?![\\p{L}\\p{N}])`, flags);

/**
 * Which actors a text names: full names and other spellings whatever the case, sigles only in
 * capitals as written. One pass per text over all the names at once (a regex per actor would
 * cost actors × pages, minutes at national scale).
 */
function actorFinder(actors: readonly Pick<ModelActor, 'id' | 'nom' | 'sigle' | 'aliases'>[]): (text: string) => Set<string> {
  const byName = new Map<string, string[]>();
  const bySigle = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, id: string) => map.set(key, [...(map.get(key) ?? []), id]);
  for (const a of actors) {
    for (const n of [a.nom, ...a.aliases]) if (n.trim().length >= 3) add(byName, n.toLocaleLowerCase('fr'), a.id);
    // A sigle of one or two letters would be found everywhere.
    if (a.sigle && a.sigle.length >= 3) add(bySigle, a.sigle, a.id);
  }
  // Longest first: « Région Pays de la Loire » rather than « Région » when both are names.
  const pattern = (keys: string[], flags: string) => (keys.length ? wordly(keys.sort((x, y) => y.length - x.length), flags) : null);
  const names = pattern([...byName.keys()], 'giu');
  const sigles = pattern([...bySigle.keys()], 'gu');
  return (text) => {
    const found = new Set<string>();
    for (const m of names ? text.matchAll(names) : []) for (const id of byName.get(m[0].toLocaleLowerCase('fr')) ?? []) found.add(id);
    for (const m of sigles ? text.matchAll(sigles) : []) for (const id of bySigle.get(m[0]) ?? []) found.add(id);
    return found;
  };
}

/**
 * For each actor, the pages whose text names it where no role field does: the roadmap's
 * presentation and governance, a node's text, a sheet's text, summary, problem, risks, results
 * and benefits. Found by the actor's name, other spellings and sigle, as whole words.
 */
export function actorTextMentions(model: Model, involvements: Map<string, Involvement[]> = actorInvolvements(model)): Map<string, TextMention[]> {
  const pages: Array<TextMention & { text: string }> = [];
  for (const rm of model.feuilles_de_route) {
    const roadmapTitle = rm.titre_court ?? rm.titre;
    const base = { feuille_de_route: rm.id, roadmapTitle };
    pages.push({ ...base, entryId: null, kind: 'feuille_de_route', code: null, titre: rm.titre, text: [rm.corps, rm.gouvernance ?? ''].join('\n') });
    for (const n of rm.noeuds) pages.push({ ...base, entryId: n.id, kind: 'noeud', code: n.code, titre: n.titre ?? n.code ?? n.id, text: n.corps });
    for (const f of rm.fiches) {
      const text = [f.corps, f.resume ?? '', f.problematique ?? '', ...f.risques, ...f.resultats_attendus, ...f.benefices].join('\n');
      pages.push({ ...base, entryId: f.id, kind: 'fiche', code: f.code, titre: f.titre, text });
    }
  }
  const find = actorFinder(model.acteurs);
  const withRole = new Set([...involvements].flatMap(([id, list]) => list.map((i) => `${id}:${i.feuille_de_route}/${i.sheetId ?? ''}`)));
  const index = new Map<string, TextMention[]>();
  for (const { text, ...mention } of pages) {
    for (const id of find(text)) {
      if (withRole.has(`${id}:${mention.feuille_de_route}/${mention.entryId ?? ''}`)) continue;
      index.set(id, [...(index.get(id) ?? []), mention]);
    }
  }
  return index;
}

/** One line of an actor's page: a role it holds, or a text that names it (role « cite_texte »). */
export interface ActorRow {
  role: string;
  kind: TextMention['kind'];
  entryId: string | null;
  code: string | null;
  titre: string;
  detail: string | null;
}

/** Everything an actor's page lists, grouped by roadmap: roles first, then the texts that name it. */
export function actorRoadmaps(involvements: readonly Involvement[], mentions: readonly TextMention[]): Array<{ feuille_de_route: string; roadmapTitle: string; rows: ActorRow[] }> {
  const groups = new Map<string, { feuille_de_route: string; roadmapTitle: string; rows: ActorRow[] }>();
  const group = (id: string, roadmapTitle: string) => {
    if (!groups.has(id)) groups.set(id, { feuille_de_route: id, roadmapTitle, rows: [] });
    return groups.get(id)!;
  };
  for (const i of involvements) {
    group(i.feuille_de_route, i.roadmapTitle).rows.push({ role: i.role, kind: i.sheetId ? 'fiche' : 'feuille_de_route', entryId: i.sheetId, code: i.code, titre: i.titre, detail: i.detail });
  }
  for (const m of mentions) {
    group(m.feuille_de_route, m.roadmapTitle).rows.push({ role: 'cite_texte', kind: m.kind, entryId: m.entryId, code: m.code, titre: m.titre, detail: null });
  }
  return [...groups.values()];
}
