/** Durations written at the start of a text: "5 ans (durée du SDAASP)", "9 mois", "2,5 jours". */
import { foldForMatch } from './text.ts';

export interface Duration {
  quantite: number;
  unite: 'an' | 'mois' | 'semaine' | 'jour';
}

export function parseDuration(raw: string): Duration | null {
  const m = foldForMatch(raw).match(/^(\d+(?:[.,]\d+)?) (ans?|annees?|mois|semaines?|jours?)\b/);
  if (!m) return null;
  const quantite = Number(m[1]!.replace(',', '.'));
  const word = m[2]!;
  const unite = word.startsWith('an') ? 'an' : word === 'mois' ? 'mois' : word.startsWith('semaine') ? 'semaine' : 'jour';
  return { quantite, unite };
}

/** Last day of a duration that starts on `startIso` (inclusive), in UTC. */
export function endAfter(startIso: string, d: Duration): string {
  const date = new Date(`${startIso}T00:00:00Z`);
  if (d.unite === 'an' || d.unite === 'mois') {
    const months = Math.round(d.quantite * (d.unite === 'an' ? 12 : 1));
    date.setUTCMonth(date.getUTCMonth() + months);
  } else {
    date.setUTCDate(date.getUTCDate() + Math.round(d.quantite * (d.unite === 'semaine' ? 7 : 1)));
  }
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
