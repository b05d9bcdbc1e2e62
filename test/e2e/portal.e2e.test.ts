// The resident's whole journey in a real browser (Debian's headless Chromium driven by
// playwright-core) against the built service: OS probe → welcome → tick → code → status →
// logout, in French and in Arabic; axe-core finds no WCAG 2.1 A/AA violation on any page;
// nothing is fetched from outside the box; the pages work with JavaScript disabled and
// reflow at 320 CSS pixels (what 200 % zoom gives on a small laptop).

import type { Page } from 'playwright-core';
import { Browsers, screenshotAndAxe } from '../helpers/browser';
import { ecn, startService, tempSetup, type RunningService } from '../helpers/processes';
import { CATALOGS } from '../../src/portal/i18n';
import type { Language } from '../../src/domain/charter';
import { freePort } from '../helpers/redis-server';

jest.setTimeout(180_000);

let svc: RunningService;
let config: string;
let base: string;
const browsers = new Browsers();

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  config = tempSetup(
    'profiles:\n  - { name: 1h, label: "1 heure", duration: 1h, devices: 2, quota: 1GB, default: true }\n',
  ).config;
  svc = await startService(config, {
    ECN_PORTAL_LISTEN: `127.0.0.1:${port}`,
    ECN_PORTAL_PUBLIC_URL: base,
    ECN_SPACE_NAME: "ECN de l'Épeule",
    ECN_SPACE_STRUCTURE: 'Association Épeule Numérique',
    ECN_SPACE_ADDRESS: "12 rue de l'Épeule, 59100 Roubaix",
    ECN_SPACE_CONTACT_EMAIL: 'contact@ecn-epeule.example',
    ECN_SPACE_DPO_CONTACT: 'dpo@ecn-epeule.example',
  });
});

afterAll(async () => {
  svc?.child.kill('SIGTERM');
  await svc?.exited;
  await browsers.closeAll();
});

async function newTicket(): Promise<string> {
  const r = await ecn(config, ['tickets', 'create', '--count', '1']);
  expect(r.status).toBe(0);
  return r.stdout.trim();
}

/** A fresh browser profile each time; only the portal's origin may ever be asked for anything. */
const browser = (opts: { locale: string; javaScriptEnabled?: boolean; width?: number }) =>
  browsers.open(opts);
const check = (page: Page, name: string) => screenshotAndAxe(page, name, 10);

function onlyThePortal(requests: string[]): void {
  expect(requests.length).toBeGreaterThan(5);
  for (const url of requests) expect(new URL(url).origin).toBe(base);
}

describe.each([
  ['fr', 'fr-FR'],
  ['ar', 'ar'],
] as [Language, string][])('the whole journey in %s', (lang, locale) => {
  it('probe redirect → welcome → tick → code → status → logout, accessible at every step', async () => {
    const code = await newTicket();
    const t = CATALOGS[lang];
    const { context, page, requests } = await browser({ locale });
    try {
      // The OS probe of a captive client lands on the welcome page.
      await page.goto(`${base}/hotspot-detect.html`);
      expect(page.url()).toBe(`${base}/`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await expect(page.locator('h1').textContent()).resolves.toBe(t['welcome.title']);
      await check(page, `${lang}-1-welcome`);

      // Forgetting the box: the page says so, in words, and nothing happens.
      await page.fill('#code', code);
      await page.click('button[type=submit]');
      await expect(page.locator('#problem-text').textContent()).resolves.toBe(t['error.charter']);
      await check(page, `${lang}-2-charter-not-ticked`);

      // The full charter is one tap away.
      await page.click('a.more');
      expect(page.url()).toBe(`${base}/charter`);
      await check(page, `${lang}-3-charter`);

      await page.goto(`${base}/`);
      await page.check('#charter');
      await page.fill('#code', code.toLowerCase().replace(/-/g, ' '));
      await page.click('button[type=submit]');
      expect(page.url()).toBe(`${base}/status`);
      await expect(page.locator('h1').textContent()).resolves.toBe(t['status.title']);
      await expect(page.locator('.facts').textContent()).resolves.toContain(t['status.timeLeft']);
      await check(page, `${lang}-4-status`);

      // Now the probe answers as the OS expects, so its mini-browser closes.
      const probe = await page.goto(`${base}/hotspot-detect.html`);
      expect(await probe!.text()).toContain('<TITLE>Success</TITLE>');

      await page.goto(`${base}/blocked?category=gambling`);
      await check(page, `${lang}-5-blocked`);
      for (const legal of ['mentions', 'privacy', 'accessibility']) {
        await page.goto(`${base}/legal/${legal}`);
        await check(page, `${lang}-6-legal-${legal}`);
      }

      await page.goto(`${base}/status`);
      await page.click('form.logout button');
      expect(page.url()).toBe(`${base}/?loggedout=1`);
      await expect(page.locator('.notice').textContent()).resolves.toBe(t['welcome.loggedOut']);
      await check(page, `${lang}-7-logged-out`);
      await page.goto(`${base}/status`);
      await expect(page.locator('h1').textContent()).resolves.toBe(t['status.offTitle']);

      onlyThePortal(requests);
    } finally {
      await context.close();
    }
  });
});

describe('constraints of a captive mini-browser', () => {
  it('logs in and out with JavaScript disabled, in FALC chosen with the language switch', async () => {
    const code = await newTicket();
    const { context, page, requests } = await browser({ locale: 'fr-FR', javaScriptEnabled: false });
    try {
      await page.goto(`${base}/t/${code}`);
      await page.click('a[href$="lang=fr-falc"]');
      await expect(page.locator('label[for=charter]').textContent()).resolves.toBe(
        CATALOGS['fr-falc']['welcome.accept'],
      );
      expect(await page.inputValue('#code')).toBe(code);
      await page.check('#charter');
      await page.click('button[type=submit]');
      expect(page.url()).toBe(`${base}/status`);
      await expect(page.locator('h1').textContent()).resolves.toBe(CATALOGS['fr-falc']['status.title']);
      await page.click('form.logout button');
      expect(page.url()).toBe(`${base}/?loggedout=1`);
      onlyThePortal(requests);
    } finally {
      await context.close();
    }
  });

  it('reflows at 320 CSS pixels with no sideways scrolling, and with English chosen', async () => {
    const { context, page } = await browser({ locale: 'en-GB', width: 320 });
    try {
      for (const p of ['/', '/charter', '/status', '/blocked?category=adult', '/legal/privacy']) {
        await page.goto(`${base}${p}`);
        const overflow = await page.evaluate(() => {
          const d = (
            globalThis as unknown as {
              document: { documentElement: { scrollWidth: number; clientWidth: number } };
            }
          ).document;
          return d.documentElement.scrollWidth - d.documentElement.clientWidth;
        });
        expect([p, overflow]).toEqual([p, 0]);
      }
      await page.goto(`${base}/`);
      await check(page, 'en-welcome-320px');
    } finally {
      await context.close();
    }
  });
});
