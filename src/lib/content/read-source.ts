/**
 * Turns the bytes of a content file into text, refusing what an editor's tool may
 * have slipped in unnoticed (another encoding, a BOM, Windows line endings, a binary
 * file), each with a message that says how to fix it.
 */
import type { Problem } from './problem.ts';
import { MAX_CONTENT_BYTES, tooBigMessage } from './safe-read.ts';

export interface SourceText {
  text: string | null;
  problems: Problem[];
}

export function readSourceText(fichier: string, bytes: Uint8Array): SourceText {
  const problem = (message: string, ligne = 1, colonne = 1): Problem => ({ fichier, ligne, colonne, chemin: '', message, gravite: 'erreur' });
  if (bytes.length === 0) {
    return { text: null, problems: [problem('Le fichier est vide. Remplissez-le (voir docs/format-contenu.md) ou supprimez-le.')] };
  }
  if (bytes.length > MAX_CONTENT_BYTES) return { text: null, problems: [problem(tooBigMessage(bytes.length))] };
  if (bytes.includes(0)) {
    return { text: null, problems: [problem('Le fichier contient des octets nuls : c\'est un fichier binaire (image, document Word…), pas du texte. Enregistrez-le en texte brut UTF-8.')] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const { ligne, colonne } = firstInvalidUtf8(bytes);
    return {
      text: null,
      problems: [
        problem(
          'Le fichier n\'est pas encodé en UTF-8 (probablement Windows-1252 ou Latin-1) : les accents seraient perdus. ' +
            'Réenregistrez-le en « UTF-8 » dans votre éditeur.',
          ligne,
          colonne,
        ),
      ],
    };
  }
  const problems: Problem[] = [];
  if (text.charCodeAt(0) === 0xfeff) {
    problems.push(problem('Le fichier commence par une marque d\'ordre des octets (BOM) invisible. Réenregistrez-le en « UTF-8 sans BOM ».'));
    text = text.slice(1);
  }
  const cr = text.indexOf('\r');
  if (cr !== -1) {
    const ligne = text.slice(0, cr).split('\n').length;
    problems.push(problem('Le fichier a des fins de ligne Windows (CRLF). Réenregistrez-le avec des fins de ligne « LF » (Unix).', ligne, cr - text.lastIndexOf('\n', cr - 1)));
    text = text.replace(/\r\n?/g, '\n');
  }
  return { text, problems };
}

function firstInvalidUtf8(bytes: Uint8Array): { ligne: number; colonne: number } {
  // Decode prefix by prefix would be quadratic; walk the UTF-8 structure instead.
  let ligne = 1;
  let colonne = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >> 5 === 0b110 ? 1 : b >> 4 === 0b1110 ? 2 : b >> 3 === 0b11110 ? 3 : -1;
    if (need < 0) return { ligne, colonne };
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return { ligne, colonne };
    if (b === 0x0a) {
      ligne++;
      colonne = 1;
    } else colonne++;
    i += need + 1;
  }
  return { ligne, colonne };
}
