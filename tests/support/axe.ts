/** Runs axe-core in a page. The pages' CSP forbids inline scripts, so axe is evaluated through the debugging protocol, which CSP does not govern. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> }

export async function runAxe(page: Page, tags = WCAG_AA): Promise<{ violations: AxeViolation[]; passes: number }> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: runOnly }, resultTypes: ['violations'] });
    return {
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })),
      passes: r.passes.length,
    };
  }, tags);
}

/** One line per violation and node, readable in a failure message. */
export const describeViolations = (vs: AxeViolation[]) =>
  vs.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${v.help} : ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`));
