/** Indicator values ("25 %", "1 200", 60) and the series a chart draws from them. */
export interface IndicatorValue {
  nombre: number | null;
  unite: string | null;
  texte: string;
}

/** A YAML 1.2 core number: decimal (with exponent), or hexadecimal / octal. */
const YAML_NUMBER = /^(?:[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+)$/i;

export function parseIndicatorValue(raw: number | string): IndicatorValue {
  if (typeof raw === 'number') return { nombre: raw, unite: null, texte: String(raw) };
  // A number YAML keeps as written (`1.10`, `.5`, `1e3`, `0x10`): its value, its digits kept as text.
  const written = raw.trim();
  if (YAML_NUMBER.test(written)) return { nombre: Number(written), unite: null, texte: raw };
  const m = raw.trim().match(/^([+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|[+-]?\d+(?:[.,]\d+)?)\s*(.*)$/);
  if (!m) return { nombre: null, unite: null, texte: raw };
  const nombre = Number(m[1]!.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));
  return { nombre, unite: m[2]!.trim() || null, texte: raw };
}
