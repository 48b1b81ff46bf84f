// Checks a browser test runs on a page: every element fully inside the viewport,
// nothing that scrolls, and axe-core's serious and critical findings.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The parts of each element that lie outside the viewport, as "name: side by N px". */
export async function outsideViewport(
  page: Page,
  targets: Record<string, Locator>,
): Promise<string[]> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  const problems: string[] = [];
  for (const [name, locator] of Object.entries(targets)) {
    const count = await locator.count();
    if (count === 0) {
      problems.push(`${name}: missing`);
      continue;
    }
    for (let i = 0; i < count; i++) {
      const box = await locator.nth(i).boundingBox();
      if (!box) {
        problems.push(`${name}[${i}]: not shown`);
        continue;
      }
      const out = [
        box.x < -0.5 ? `left by ${Math.round(-box.x)} px` : '',
        box.y < -0.5 ? `top by ${Math.round(-box.y)} px` : '',
        box.x + box.width > viewport.width + 0.5
          ? `right by ${Math.round(box.x + box.width - viewport.width)} px`
          : '',
        box.y + box.height > viewport.height + 0.5
          ? `bottom by ${Math.round(box.y + box.height - viewport.height)} px`
          : '',
      ].filter(Boolean);
      if (out.length > 0) problems.push(`${name}[${i}]: ${out.join(', ')}`);
    }
  }
  return problems;
}

/** Elements (and the page) whose content is cut off or must be scrolled to be seen. */
export async function scrollers(page: Page, within = 'body'): Promise<string[]> {
  return page.evaluate((selector) => {
    const found: string[] = [];
    const root = document.scrollingElement;
    if (root && root.scrollHeight > window.innerHeight + 1)
      found.push(`page: ${root.scrollHeight} px for ${window.innerHeight} px`);
    for (const el of Array.from(document.querySelectorAll(`${selector} *`))) {
      const style = getComputedStyle(el);
      const clips = /(auto|scroll|hidden)/.test(style.overflowY);
      if (clips && el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0)
        found.push(
          `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollHeight} px in ${el.clientHeight} px`,
        );
    }
    return found;
  }, within);
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** axe-core's violations of impact serious or critical, one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window)))
    // evaluated through the DevTools protocol: the pages' CSP (script-src 'self') refuses
    // an inline <script>, and rightly so
    await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document) => Promise<unknown> } }).axe;
    return await axe.run(document);
  });
  return (result as AxeResult).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ')})`,
    );
}

/** Elements whose text runs past their own box (cut off or spilling over a neighbour). */
export async function overflowingText(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    return Array.from(document.querySelectorAll(sel))
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      .map(
        (el) => `${el.className}: "${el.textContent}" ${el.scrollWidth} px in ${el.clientWidth} px`,
      );
  }, selector);
}
