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

const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // Only what a roadmap needs; no script, style, iframe, form or event handler.
  tagNames: [
    'p', 'br', 'hr', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'sup', 'sub', 'small', 'mark', 'abbr',
    'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h2', 'h3', 'h4', 'h5', 'h6',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'section', 'dl', 'dt', 'dd', 'span',
  ],
  attributes: {
    ...defaultSchema.attributes,
    a: ['href', 'title', 'id', 'dataFootnoteRef', 'dataFootnoteBackref', 'ariaDescribedBy', 'ariaLabel'],
    abbr: ['title'],
    code: [['className', /^language-[\w-]+$/]],
    th: ['align', 'scope'],
    td: ['align'],
    section: ['dataFootnotes', ['className', 'footnotes']],
    h2: ['id', ['className', 'sr-only']],
    '*': ['id'],
  },
  protocols: { href: ['http', 'https', 'mailto'] },
};

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
          { type: 'element', tagName: 'pre', properties: { className: ['mermaid'] }, children: [{ type: 'text', value: source }] },
          { type: 'element', tagName: 'figcaption', properties: { className: ['sr-only'] }, children: [{ type: 'text', value: 'Diagramme (source Mermaid)' }] },
        ],
      };
      return SKIP;
    });
  };
}

function rehypeAbbr(context: PageContext | null) {
  return () => (tree: Root) => {
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

/** Renders one Markdown body to safe HTML. `idPrefix` keeps footnote ids unique when a page shows several bodies. */
export function renderMarkdown(markdown: string, options: { context?: PageContext | null; siteHost?: string | null; idPrefix?: string } = {}): string {
  if (!markdown.trim()) return '';
  const file = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: options.idPrefix ?? 'note-', footnoteLabel: 'Notes', footnoteBackLabel: 'Retour au texte' })
    .use(rehypeRaw)
    .use(rehypeShiftHeadings)
    .use(rehypeSanitize, { ...sanitizeSchema, clobberPrefix: '' })
    .use(rehypeFootnoteLabel(options.idPrefix ?? 'note-'))
    .use(rehypeSlug, { prefix: options.idPrefix && options.idPrefix !== 'note-' ? options.idPrefix : '' })
    .use(rehypeExternalLinks(options.siteHost ?? null))
    .use(rehypeMermaid)
    .use(rehypeAbbr(options.context ?? null))
    .use(rehypeStringify)
    .processSync(markdown);
  return String(file);
}

/** True when a body holds a Mermaid diagram, so the page loads the diagram script. */
export function hasMermaid(markdown: string): boolean {
  return /^(```|~~~)\s*mermaid\b/m.test(markdown);
}
