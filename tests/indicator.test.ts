import { describe, expect, it } from 'vitest';
import { parseIndicatorValue } from '../src/lib/values/indicator.ts';

describe('parseIndicatorValue', () => {
  it('reads a percentage written with a space before « % », as in the FICHE ACTION N°3 progress table', () => {
    expect(parseIndicatorValue('25 %')).toEqual({ nombre: 25, unite: '%', texte: '25 %' });
    expect(parseIndicatorValue('0 %')).toEqual({ nombre: 0, unite: '%', texte: '0 %' });
    expect(parseIndicatorValue('100%')).toEqual({ nombre: 100, unite: '%', texte: '100%' });
  });

  it('reads thousands separated by a space, a no-break space or a thin space', () => {
    expect(parseIndicatorValue('1 200')).toEqual({ nombre: 1200, unite: null, texte: '1 200' });
    expect(parseIndicatorValue('10\u00a0043 clients')).toEqual({ nombre: 10043, unite: 'clients', texte: '10\u00a0043 clients' });
    expect(parseIndicatorValue('534\u202f490 habitants').nombre).toBe(534490);
  });

  it('reads decimals with a comma or a point, and a sign', () => {
    expect(parseIndicatorValue('26,9%')).toEqual({ nombre: 26.9, unite: '%', texte: '26,9%' });
    expect(parseIndicatorValue('0.85').nombre).toBe(0.85);
    expect(parseIndicatorValue('-3,5 %').nombre).toBe(-3.5);
  });

  it('takes a number as it is', () => {
    expect(parseIndicatorValue(60)).toEqual({ nombre: 60, unite: null, texte: '60' });
    expect(parseIndicatorValue(0)).toEqual({ nombre: 0, unite: null, texte: '0' });
  });

  it('keeps text that is not a number, without a value', () => {
    expect(parseIndicatorValue('n.c.')).toEqual({ nombre: null, unite: null, texte: 'n.c.' });
    expect(parseIndicatorValue('Obtention du label')).toEqual({ nombre: null, unite: null, texte: 'Obtention du label' });
    expect(parseIndicatorValue('')).toEqual({ nombre: null, unite: null, texte: '' });
  });

  it('keeps the text as written, surrounding spaces included', () => {
    expect(parseIndicatorValue(' 25 % ')).toEqual({ nombre: 25, unite: '%', texte: ' 25 % ' });
  });
});
