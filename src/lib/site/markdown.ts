/**
 * The one Markdown pipeline for every body on the site: GFM tables and footnotes,
 * heading anchors, external links marked as such, acronyms expanded at their first
 * use on the page, Mermaid blocks kept as source for the browser to draw, and any
 * raw HTML reduced to a small safe subset.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';

export interface Acronyms {
  /** Sigle → expansion. */
  terms: Map<string, string>;
  pattern: RegExp | null;
}

/** Tracks what was already expanded on one page, so an acronym gets its `<abbr>` only once. */
export interface PageContext {
  acronyms: Acronyms;
  seen: Set<string>;
}

export function acronymsFrom(glossary: ReadonlyArray<{ sigle: string; definition: string; variantes: string[] }>): Acronyms {
  const terms = new Map<string, string>();
  for (const g of glossary) {
    for (const s of [g.sigle, ...g.variantes]) if (s.length >= 2) terms.set(s, g.definition);
  }
  const alternatives = [...terms.keys()].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { terms, pattern: alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}_@'’-])(${alternatives.join('|')})(?![\\p{L}\\p{N}_@-])`, 'gu') : null };
}

/**
 * `idPrefix` is the one prefix this body's ids may carry (footnotes, heading slugs):
 * an id written in raw HTML (`id="contenu"`) would otherwise clobber the page's own
 * landmarks and anchors, so any other id is dropped.
 */
function sanitizeSchema(idPrefix: string): SanitizeSchema {
  const ownId = ['id', new RegExp(`^${idPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)] as [string, RegExp];
  return {
  ...defaultSchema,
  // The text of a stripped <style> would otherwise show up as a paragraph of CSS.
  strip: ['script', 'style'],
  // Only what a roadmap needs; no script, style, iframe, form or event handler.
  tagNames: [
    'p', 'br', 'hr', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'sup', 'sub', 'small', 'mark', 'abbr',
    'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h2', 'h3', 'h4', 'h5', 'h6',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'section', 'dl', 'dt', 'dd', 'span',
  ],
  attributes: {
    ...defaultSchema.attributes,
    a: ['href', 'title', ownId, 'dataFootnoteRef', 'dataFootnoteBackref', 'ariaDescribedBy', 'ariaLabel'],
    abbr: ['title'],
    code: [['className', /^language-[\w-]+$/]],
    th: ['align', 'scope'],
    td: ['align'],
    section: ['dataFootnotes', ['className', 'footnotes']],
    h2: [ownId, ['className', 'sr-only']],
    '*': [ownId],
  },
  protocols: { href: ['http', 'https', 'mailto'] },
  };
}

function isElement(node: unknown, tag?: string): node is Element {
  return (node as Element)?.type === 'element' && (tag === undefined || (node as Element).tagName === tag);
}

/** Headings in bodies start at h2 (the page has its h1); deeper source levels follow. */
function rehypeShiftHeadings() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'h1') node.tagName = 'h2';
    });
  };
}

/** Several bodies on one page each have footnotes: give each label its own id. */
function rehypeFootnoteLabel(prefix: string) {
  return () => (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.properties?.id === 'footnote-label') node.properties.id = `${prefix}footnote-label`;
      if (node.properties?.ariaDescribedBy) node.properties.ariaDescribedBy = [`${prefix}footnote-label`];
    });
  };
}

function rehypeExternalLinks(siteHost: string | null) {
  return () => (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return;
      const href = String(node.properties?.href ?? '');
      if (!/^https?:\/\//.test(href)) return;
      if (siteHost && new URL(href).host === siteHost) return;
      node.properties = { ...node.properties, rel: ['external', 'noopener', 'noreferrer'], className: ['lien-externe'] };
      node.children.push({ type: 'element', tagName: 'span', properties: { className: ['sr-only'] }, children: [{ type: 'text', value: ' (site externe)' }] });
    });
  };
}

/**
 * Mermaid decodes labels through the DOM before sanitising them, so an `<img onerror>`
 * in a label reaches the browser's parser. Written as Mermaid's own entity (`#lt;`), a
 * tag-like `<` is drawn as the character and never parsed; line breaks (`<br>`) stay.
 */
export function neutraliseMermaidHtml(source: string): string {
  return source.replace(/<(?!br\s*\/?>)(?=[\p{L}\/!?])/giu, '#lt;');
}

function rehypeMermaid() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'pre' || !parent || index === undefined) return;
      const code = node.children.find((c) => isElement(c, 'code')) as Element | undefined;
      const classes = (code?.properties?.className as string[] | undefined) ?? [];
      if (!classes.includes('language-mermaid')) return;
      const source = code!.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
      // Without scripts the source stays readable; with them, Mermaid replaces the <pre>.
      parent.children[index] = {
        type: 'element',
        tagName: 'figure',
        properties: { className: ['diagramme'] },
        children: [
          { type: 'element', tagName: 'pre', properties: { className: ['mermaid'] }, children: [{ type: 'text', value: neutraliseMermaidHtml(source) }] },
          { type: 'element', tagName: 'figcaption', properties: { className: ['sr-only'] }, children: [{ type: 'text', value: 'Diagramme (source Mermaid)' }] },
        ],
      };
      return SKIP;
    });
  };
}

/**
 * Code blocks and tables scroll sideways when wider than the text column (a phone):
 * a keyboard user can only scroll a region that takes focus (WCAG 2.1.1, axe scrollable-region-focusable).
 */
function rehypeFocusableScroll() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'table' || (node.tagName === 'pre' && !((node.properties?.className as string[] | undefined) ?? []).includes('mermaid'))) {
        node.properties = { ...node.properties, tabIndex: 0 };
      }
    });
  };
}

/** The page's context travels with each file (`file.data.context`), so one processor serves every page. */
function rehypeAbbr() {
  return (tree: Root, file: { data: unknown }) => {
    const context = (file.data as { context?: PageContext | null }).context ?? null;
    const pattern = context?.acronyms.pattern;
    if (!context || !pattern) return;
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || (isElement(parent) && ['abbr', 'a', 'code', 'pre'].includes(parent.tagName))) return;
      const parts: ElementContent[] = [];
      let last = 0;
      for (const m of node.value.matchAll(pattern)) {
        const sigle = m[1]!;
        if (context.seen.has(sigle)) continue;
        context.seen.add(sigle);
        if (m.index! > last) parts.push({ type: 'text', value: node.value.slice(last, m.index) });
        parts.push({ type: 'element', tagName: 'abbr', properties: { title: context.acronyms.terms.get(sigle) }, children: [{ type: 'text', value: sigle }] });
        last = m.index! + sigle.length;
      }
      if (parts.length === 0) return;
      if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
      (parent as Element).children.splice(index, 1, ...parts);
      return [SKIP, index + parts.length];
    });
  };
}

/**
 * One frozen processor per option set, built once and reused for every body: building
 * the pipeline for each call cost about as much as the rendering itself. rehype-raw
 * (a full parse5 pass) only runs when the source may hold raw HTML.
 */
const processors = new Map<string, ReturnType<typeof buildProcessor>>();

/** What rehype-raw's reparse would do to `data-*` flags (`data-footnote-ref=""`), so the HTML is the same with or without it. */
function rehypeDataFlags() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      for (const [key, value] of Object.entries(node.properties)) if (value === true && key.startsWith('data')) node.properties[key] = '';
    });
  };
}

/**
 * A link written as a path of this site (« /mednum49-2023-2025/b-3/ », checked by the validator)
 * is prefixed with the base path the site is published under (« /jalons/ »).
 */
function rehypeSitePaths(base: string) {
  const prefix = base.replace(/\/+$/, '');
  return () => (tree: Root) => {
    if (!prefix) return;
    visit(tree, 'element', (node: Element) => {
      const href = node.tagName === 'a' ? String(node.properties?.href ?? '') : '';
      if (/^\/(?!\/)/.test(href) && !href.startsWith(`${prefix}/`)) node.properties = { ...node.properties, href: `${prefix}${href}` };
    });
  };
}

function buildProcessor(idPrefix: string, siteHost: string | null, raw: boolean, base: string) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: idPrefix, footnoteLabel: 'Notes', footnoteBackLabel: 'Retour au texte' })
    .use(raw ? [rehypeRaw] : [rehypeDataFlags])
    .use(rehypeShiftHeadings)
    // Before sanitising, so the label's id carries the body's prefix and survives.
    .use(rehypeFootnoteLabel(idPrefix))
    .use(rehypeSanitize, { ...sanitizeSchema(idPrefix), clobberPrefix: '' })
    .use(rehypeSlug, { prefix: idPrefix && idPrefix !== 'note-' ? idPrefix : '' })
    .use(rehypeExternalLinks(siteHost))
    .use(rehypeSitePaths(base))
    .use(rehypeMermaid)
    .use(rehypeFocusableScroll)
    .use(rehypeAbbr)
    .use(rehypeStringify)
    .freeze();
}

/**
 * Renders one Markdown body to safe HTML. `idPrefix` keeps footnote ids unique when a page shows
 * several bodies; `base`: the path the site is published under, which links to its own pages get.
 */
export function renderMarkdown(markdown: string, options: { context?: PageContext | null; siteHost?: string | null; idPrefix?: string; base?: string } = {}): string {
  if (!markdown.trim()) return '';
  const idPrefix = options.idPrefix ?? 'note-';
  const siteHost = options.siteHost ?? null;
  const base = options.base ?? '/';
  // Without "<" Markdown yields no raw HTML node, and rehype-raw would change nothing.
  const raw = markdown.includes('<');
  const key = `${idPrefix}\u0000${siteHost ?? ''}\u0000${raw}\u0000${base}`;
  let processor = processors.get(key);
  if (!processor) processors.set(key, (processor = buildProcessor(idPrefix, siteHost, raw, base)));
  return String(processor.processSync({ value: markdown, data: { context: options.context ?? null } as Record<string, unknown> }));
}

/**
 * Moves a rendered body's headings `by` levels down, never past h6: a sheet's body printed
 * under its h4 title in a roadmap's document keeps its headings below that title.
 */
export function shiftHeadings(html: string, by: number): string {
  if (by <= 0) return html;
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/g, (_, slash: string, n: string) => `<${slash}h${Math.min(Number(n) + by, 6)}`);
}

/** True when a body holds a Mermaid diagram, so the page loads the diagram script. */
export function hasMermaid(markdown: string): boolean {
  return /^(```|~~~)\s*mermaid\b/m.test(markdown);
}

/** Rendered Markdown of a single paragraph, without its <p>, to sit inline after a label; anything longer as it is. */
export function unwrapSingleParagraph(html: string): string {
  const trimmed = html.trim();
  return /^<p>(?:(?!<\/?p>)[\s\S])*<\/p>$/.test(trimmed) ? trimmed.slice(3, -4) : trimmed;
}
