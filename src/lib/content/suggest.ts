import { distance } from 'fastest-levenshtein';
import { foldForMatch } from '../values/text.ts';
import { shorten } from './problem.ts';

/** The known values closest to `input`, for "vouliez-vous dire" hints. */
export function closest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = foldForMatch(input);
  const scored: Array<[string, number]> = [];
  for (const candidate of new Set(candidates)) {
    const c = foldForMatch(candidate);
    const d = c.startsWith(needle) || needle.startsWith(c) ? Math.abs(c.length - needle.length) / 2 : distance(needle, c);
    const limit = Math.max(2, Math.floor(Math.max(needle.length, c.length) * 0.4));
    if (d <= limit) scored.push([candidate, d]);
  }
  return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, max).map(([c]) => c);
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const found = closest(input, candidates);
  return found.length ? ` Vouliez-vous dire ${found.map((f) => `« ${shorten(f)} »`).join(' ou ')} ?` : '';
}
