/**
 * axe-core's serious and critical findings on a page, as the console's browser tests check them.
 * Colours are judged on the page at rest: no pointer over it, and nothing fading in (a dialog or a
 * message fading in has, for a few hundred milliseconds, the contrast of a half-transparent layer).
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // At rest: no pointer over a button (a hovered primary button is lighter than its resting colour).
  await page.mouse.move(0, 0);
  // Evaluated as text: the tests are compiled without the DOM's types.
  // Endless ones (a spinner) never finish: only those with an end are waited for.
  await page.waitForFunction(
    `document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity)`,
  );
  await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(
    `axe.run(document).then(({ violations }) => violations.map(({ id, impact, nodes }) => ({ id, impact, targets: nodes.map((node) => node.target.join(' ')) })))`,
  )) as { id: string; impact?: string; targets: string[] }[];
  return violations.filter(({ impact }) => impact === 'serious' || impact === 'critical').map(({ id, targets }) => `${id}: ${targets.join(', ')}`);
}
