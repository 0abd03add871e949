/** Indicator values ("25 %", "1 200", 60) and the series a chart draws from them. */
export interface IndicatorValue {
  nombre: number | null;
  unite: string | null;
  texte: string;
}

export function parseIndicatorValue(raw: number | string): IndicatorValue {
  if (typeof raw === 'number') return { nombre: raw, unite: null, texte: String(raw) };
  const m = raw.trim().match(/^([+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|[+-]?\d+(?:[.,]\d+)?)\s*(.*)$/);
  if (!m) return { nombre: null, unite: null, texte: raw };
  const nombre = Number(m[1]!.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));
  return { nombre, unite: m[2]!.trim() || null, texte: raw };
}
