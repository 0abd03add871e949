import { describe, expect, it } from 'vitest';
import { endAfter, parseDuration } from '../src/lib/values/duration.ts';

describe('parseDuration', () => {
  it('reads a duration at the start of a text, in years, months, weeks or days', () => {
    expect(parseDuration('5 ans (durée du SDAASP)')).toEqual({ quantite: 5, unite: 'an' });
    expect(parseDuration('1 an')).toEqual({ quantite: 1, unite: 'an' });
    expect(parseDuration('3 années')).toEqual({ quantite: 3, unite: 'an' });
    expect(parseDuration('9 mois')).toEqual({ quantite: 9, unite: 'mois' });
    expect(parseDuration('1 semaine')).toEqual({ quantite: 1, unite: 'semaine' });
    expect(parseDuration('5 jours')).toEqual({ quantite: 5, unite: 'jour' });
  });

  it('reads decimals with a comma or a point, and ignores case and accents', () => {
    expect(parseDuration('2,5 jours')).toEqual({ quantite: 2.5, unite: 'jour' });
    expect(parseDuration('1.5 an')).toEqual({ quantite: 1.5, unite: 'an' });
    expect(parseDuration('20 ANS')).toEqual({ quantite: 20, unite: 'an' });
    expect(parseDuration('3 ANNÉES')).toEqual({ quantite: 3, unite: 'an' });
  });

  it('reads numbers written in words, days written « journée » and half-days', () => {
    expect(parseDuration('quatre ans')).toEqual({ quantite: 4, unite: 'an' });
    expect(parseDuration('cinq ans')).toEqual({ quantite: 5, unite: 'an' });
    expect(parseDuration('un an')).toEqual({ quantite: 1, unite: 'an' });
    expect(parseDuration('trois années')).toEqual({ quantite: 3, unite: 'an' });
    expect(parseDuration('dix-huit mois')).toEqual({ quantite: 18, unite: 'mois' });
    expect(parseDuration('une journée')).toEqual({ quantite: 1, unite: 'jour' });
    expect(parseDuration('une demi-journée')).toEqual({ quantite: 0.5, unite: 'jour' });
    expect(parseDuration('deux demi-journées')).toEqual({ quantite: 1, unite: 'jour' });
  });

  it('reads nothing that is not a single duration at the start of the text', () => {
    expect(parseDuration('27 heures')).toBeNull(); // hours are not a unit of the model
    expect(parseDuration('1 à 2 jours')).toBeNull(); // a range
    expect(parseDuration('3-5 ans')).toBeNull();
    expect(parseDuration('Sans fin – mise à jour régulières')).toBeNull();
    expect(parseDuration('pendant 5 ans')).toBeNull(); // not at the start
    expect(parseDuration('2023')).toBeNull();
    expect(parseDuration('10 ansible')).toBeNull();
    expect(parseDuration('')).toBeNull();
  });
});

describe('endAfter', () => {
  it('gives the last day, inclusive, of a duration in years or months', () => {
    expect(endAfter('2019-04-01', { quantite: 5, unite: 'an' })).toBe('2024-03-31');
    expect(endAfter('2023-03-01', { quantite: 2, unite: 'an' })).toBe('2025-02-28');
    expect(endAfter('2023-10-01', { quantite: 9, unite: 'mois' })).toBe('2024-06-30');
    expect(endAfter('2023-01-01', { quantite: 1.5, unite: 'an' })).toBe('2024-06-30');
  });

  it('crosses leap days correctly', () => {
    expect(endAfter('2024-02-01', { quantite: 1, unite: 'mois' })).toBe('2024-02-29');
    expect(endAfter('2023-03-01', { quantite: 1, unite: 'an' })).toBe('2024-02-29');
  });

  it('ends at the end of a shorter month instead of overflowing into the next one', () => {
    expect(endAfter('2024-01-31', { quantite: 1, unite: 'mois' })).toBe('2024-02-29');
    expect(endAfter('2023-08-31', { quantite: 6, unite: 'mois' })).toBe('2024-02-29');
    expect(endAfter('2023-05-31', { quantite: 1, unite: 'mois' })).toBe('2023-06-30');
    expect(endAfter('2024-02-29', { quantite: 1, unite: 'an' })).toBe('2025-02-28');
    expect(endAfter('2023-01-30', { quantite: 1, unite: 'mois' })).toBe('2023-02-28');
    expect(endAfter('2023-01-15', { quantite: 1, unite: 'mois' })).toBe('2023-02-14');
  });

  it('counts weeks and days, a one-day duration ending on its first day', () => {
    expect(endAfter('2023-09-04', { quantite: 1, unite: 'semaine' })).toBe('2023-09-10');
    expect(endAfter('2023-09-04', { quantite: 1, unite: 'jour' })).toBe('2023-09-04');
    expect(endAfter('2023-12-30', { quantite: 5, unite: 'jour' })).toBe('2024-01-03');
  });

  it('rounds fractional days and months', () => {
    expect(endAfter('2023-09-04', { quantite: 2.5, unite: 'jour' })).toBe('2023-09-06');
    expect(endAfter('2023-09-04', { quantite: 0.5, unite: 'jour' })).toBe('2023-09-04');
  });
});
