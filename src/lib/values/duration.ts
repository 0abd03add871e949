/** Durations written at the start of a text: "5 ans (durée du SDAASP)", "9 mois", "2,5 jours", "quatre ans", "une demi-journée". */
import { foldForMatch } from './text.ts';

export interface Duration {
  quantite: number;
  unite: 'an' | 'mois' | 'semaine' | 'jour';
}

/** Numbers written in words, as sources do ("d'une durée de quatre ans", "en cinq ans", "une demi-journée"). */
const WORDS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10,
  onze: 11, douze: 12, quinze: 15, dix_huit: 18, vingt: 20, trente: 30,
};
const WORD_RE = Object.keys(WORDS).map((w) => w.replace('_', '-')).sort((a, b) => b.length - a.length).join('|');

export function parseDuration(raw: string): Duration | null {
  const m = foldForMatch(raw).match(
    new RegExp(`^(\\d+(?:[.,]\\d+)?|${WORD_RE}) (demi-journees?|journees?|ans?|annees?|mois|semaines?|jours?)\\b`),
  );
  if (!m) return null;
  const n = m[1]!;
  const number = /\d/.test(n) ? Number(n.replace(',', '.')) : WORDS[n.replace('-', '_')]!;
  const word = m[2]!;
  // Hours are not a unit here: "27 heures" stays in the text.
  if (word.startsWith('demi-journee')) return { quantite: number / 2, unite: 'jour' };
  const unite = word.startsWith('an') ? 'an' : word === 'mois' ? 'mois' : word.startsWith('semaine') ? 'semaine' : 'jour';
  return { quantite: number, unite };
}

/** Last day of a duration that starts on `startIso` (inclusive), in UTC. */
export function endAfter(startIso: string, d: Duration): string {
  const date = new Date(`${startIso}T00:00:00Z`);
  if (d.unite === 'an' || d.unite === 'mois') {
    const months = Math.round(d.quantite * (d.unite === 'an' ? 12 : 1));
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + months);
    // The day before the same day N months later; when that month has no such day
    // (31 January + 1 month), the duration runs to the end of that month (29 February), not into the next.
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    if (day > last) {
      date.setUTCDate(last);
      return date.toISOString().slice(0, 10);
    }
    date.setUTCDate(day);
  } else {
    date.setUTCDate(date.getUTCDate() + Math.round(d.quantite * (d.unite === 'semaine' ? 7 : 1)));
  }
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
