// Debian's chromium driven by playwright-core for the browser tests (never a downloaded
// browser): a fresh profile per browser, every request it makes recorded, and the check every
// page gets: a screenshot (for the README and the docs) and axe-core with no WCAG 2.1 A/AA
// violation.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { ROOT } from './processes';

export const SHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface OpenBrowser {
  context: BrowserContext;
  page: Page;
  /** Every URL the browser asked for, in order. */
  requests: string[];
}

/** The browsers a test file opens; `closeAll` in its afterAll closes them and removes their profiles. */
export class Browsers {
  private readonly dirs: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  async open(opts: {
    locale: string;
    width?: number;
    javaScriptEnabled?: boolean;
    acceptDownloads?: boolean;
  }): Promise<OpenBrowser> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-chromium-'));
    this.dirs.push(dir);
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      locale: opts.locale,
      javaScriptEnabled: opts.javaScriptEnabled ?? true,
      acceptDownloads: opts.acceptDownloads ?? false,
      viewport: { width: opts.width ?? 412, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    this.contexts.push(context);
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, page, requests };
  }

  async closeAll(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** Screenshot `SHOTS/<name>.png`, then axe-core: no WCAG 2.1 A/AA violation on the page. */
export async function screenshotAndAxe(page: Page, name: string, minPasses = 5): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(results.passes.length).toBeGreaterThan(minPasses);
  const violations = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect([name, violations]).toEqual([name, []]);
}
