import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on what the page shows now and answers its serious and critical
 * violations, each with the selectors of the elements at fault and what to fix (an empty list: none).
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // what is still loading is dimmed (axe would measure the dimmed colours), and antd's animations fade
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForTimeout(400);
  if (!(await page.evaluate('typeof axe === "object"'))) await page.addScriptTag({ content: AXE_SOURCE });
  // a string, run in the page (these tests are compiled without the DOM's types)
  const violations = (await page.evaluate(`axe
    .run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    })
    .then((result) => result.violations)`)) as Array<{
    id: string;
    impact: string | null;
    help: string;
    nodes: Array<{ target: unknown[]; failureSummary?: string }>;
  }>;
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(
        (n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`,
      ),
    }));
}
