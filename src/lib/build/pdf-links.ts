/**
 * Links to a roadmap's PDF exist only where npm run build printed it. The pages are rendered
 * before the PDFs, so a page that would link one holds a placeholder instead,
 * `<template data-jalons-pdf="<feuille>" data-pagefind-ignore>…</template>` (out of the search index), its markup ready with
 * `{{pdf-pages}}`, `{{pdf-taille}}` and `{{pdf-octets}}` in place of the numbers. Once the PDFs
 * are printed, each placeholder becomes its markup with the numbers, or disappears when its
 * roadmap has no PDF (printing disabled, Chromium absent or failing): never a link to nothing.
 */
import { fr } from '../i18n/fr.ts';
import { formatSize } from '../site/display.ts';
import { PDF_TOKENS } from '../site/print-document.ts';

export interface PrintedPdf { pages: number; bytes: number }

const PLACEHOLDER = /<template data-jalons-pdf="([^"]+)"[^>]*>([\s\S]*?)<\/template>/g;

/** The page's HTML with each placeholder filled in from `printed` (by roadmap id), or removed. */
export function fillPdfLinks(html: string, printed: ReadonlyMap<string, PrintedPdf>): string {
  return html.replace(PLACEHOLDER, (_, id: string, markup: string) => {
    const pdf = printed.get(id);
    if (!pdf) return '';
    return markup
      .replaceAll(PDF_TOKENS.pages, fr.document.pages(pdf.pages))
      .replaceAll(PDF_TOKENS.taille, formatSize(pdf.bytes))
      .replaceAll(PDF_TOKENS.octets, String(pdf.bytes));
  });
}

/** The pages of a PDF as Chromium writes it: one `/Type /Page` object each (the page tree is `/Type /Pages`). */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
