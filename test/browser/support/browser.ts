import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium package (`apt-get install chromium`); .ci/run installs it. Never downloaded by tests. */
const CHROMIUM_PATHS = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export class ChromiumMissingError extends Error {
  override readonly name = 'ChromiumMissingError';
  constructor() {
    super('Browser tests need Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  }
}

export const launchChromium = (): Promise<Browser> => {
  const executablePath = CHROMIUM_PATHS.find((path) => path !== undefined && path !== '' && existsSync(path));
  if (executablePath === undefined) throw new ChromiumMissingError();
  return chromium.launch({
    executablePath,
    // Root in CI containers cannot use Chromium's sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core against WCAG 2.0/2.1/2.2 A and AA. Injected through the DevTools protocol, which the pages' CSP
 * (no scripts at all) does not apply to.
 */
export const accessibilityViolations = async (page: Page): Promise<AxeViolation[]> => {
  await page.evaluate(axeSource);
  // A string, not a function: the project compiles without DOM types.
  return page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
    .then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })),
    })))`) as Promise<AxeViolation[]>;
};

/** True when the page needs no sideways scrolling at the current viewport (WCAG 1.4.10 Reflow). */
export const fitsWidth = (page: Page): Promise<boolean> =>
  page.evaluate('document.documentElement.scrollWidth <= window.innerWidth') as Promise<boolean>;
