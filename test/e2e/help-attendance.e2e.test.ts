// Issue #15, items 5 and 6 in a real browser with JavaScript disabled (Debian's headless
// Chromium, playwright-core) against the built service: a resident calls for help from the
// welcome, refused-code, status and blocked pages in the four languages; an animator sees the
// call on the console home, marks it handled, and records attendance. axe-core finds no WCAG 2.1
// A/AA violation on any of these pages, and nothing is fetched from outside the box.

import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { Browsers, screenshotAndAxe } from '../helpers/browser';
import { ecn, startService, tempSetup, type RunningService } from '../helpers/processes';
import { CATALOGS } from '../../src/portal/i18n';
import { LANGUAGES, type Language } from '../../src/domain/charter';
import { freePort } from '../helpers/redis-server';
import { consoleMsg } from '../helpers/messages';

jest.setTimeout(240_000);

const PASSWORD = 'amina-mot-de-passe-42';
let svc: RunningService;
let config: string;
let dir: string;
let base: string;
const browsers = new Browsers();

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const setup = tempSetup(
    'profiles:\n  - { name: 1h, label: "1 heure", duration: 1h, devices: 2, default: true }\n',
  );
  config = setup.config;
  dir = setup.dir;
  const r = await ecn(
    config,
    ['users', 'add', '--username', 'amina', '--role', 'animator'],
    {},
    `${PASSWORD}\n`,
  );
  expect(r.status).toBe(0);
  svc = await startService(config, {
    ECN_PORTAL_LISTEN: `127.0.0.1:${port}`,
    ECN_PORTAL_PUBLIC_URL: base,
    ECN_SPACE_NAME: 'ECN du Pile',
    // Every language's calls come from the one test machine: room for them all.
    ECN_PORTAL_HELP_MAX_ASKS: '50',
  });
});

afterAll(async () => {
  await browsers.closeAll();
  svc?.child.kill('SIGTERM');
  await svc?.exited;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const LOCALES: Record<Language, string> = { fr: 'fr-FR', 'fr-falc': 'fr-FR', en: 'en-GB', ar: 'ar' };
const check = (page: Page, name: string) => screenshotAndAxe(page, `help-${name}`);

async function newTicket(): Promise<string> {
  const r = await ecn(config, ['tickets', 'create', '--count', '1']);
  expect(r.status).toBe(0);
  return r.stdout.trim();
}

/**
 * The resident's steps: welcome → refused code → call → sign in → status → blocked → call.
 * Run once with JavaScript off (the behaviour) and once with it on for axe-core (which runs in
 * the page); the pages have no script, so both see the same HTML.
 */
async function residentCalls(
  page: Page,
  lang: Language,
  check: (name: string) => Promise<void>,
): Promise<void> {
  const t = CATALOGS[lang];
  // Every browser here is the same device (127.0.0.1): start signed out.
  await page.goto(`${base}/status`);
  if ((await page.locator('form.logout').count()) > 0) await page.click('form.logout button');
  await page.goto(`${base}/?lang=${lang}`);
  const button = page.locator('form.help-call button');
  await expect(button.textContent()).resolves.toBe(t['help.button']);
  await check(`${lang}-welcome`);
  // A refused code: the call says so.
  await page.check('#charter');
  await page.fill('#code', 'ZZZZ-ZZZZ-ZZZZ');
  await page.click('form.login button[type=submit]');
  await expect(page.locator('form.help-call input[name=page]').inputValue()).resolves.toBe('code');
  await check(`${lang}-refused`);
  await button.click();
  expect(page.url()).toBe(`${base}/help`);
  await expect(page.locator('h1').textContent()).resolves.toBe(t['help.sentTitle']);
  await check(`${lang}-sent`);
  // Signed in: the status page and the blocked-site page have the button too.
  await page.goto(`${base}/t/${await newTicket()}`);
  await page.check('#charter');
  await page.click('form.login button[type=submit]');
  expect(page.url()).toBe(`${base}/status`);
  await expect(page.locator('form.help-call input[name=page]').inputValue()).resolves.toBe('status');
  await check(`${lang}-status`);
  await page.goto(`${base}/blocked?category=adult`);
  await expect(page.locator('form.help-call input[name=page]').inputValue()).resolves.toBe('blocked');
  await check(`${lang}-blocked`);
  await button.click();
  await expect(page.locator('h1').textContent()).resolves.toBe(t['help.sentTitle']);
  await page.goto(`${base}/status`);
  await page.click('form.logout button');
}

describe.each(LANGUAGES)('a resident calls for help in %s', (lang) => {
  it('from the welcome, refused-code, status and blocked pages, without JavaScript', async () => {
    const { context, page, requests } = await browsers.open({
      locale: LOCALES[lang],
      javaScriptEnabled: false,
    });
    try {
      await residentCalls(page, lang, async () => undefined);
      for (const url of requests) expect(new URL(url).origin).toBe(base);
    } finally {
      await context.close();
    }
  });

  it('with no accessibility violation on any of these pages (axe-core)', async () => {
    const { context, page } = await browsers.open({ locale: LOCALES[lang] });
    try {
      await residentCalls(page, lang, (name) => check(page, name));
    } finally {
      await context.close();
    }
  });
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${svc.consoleUrl}/`);
  await page.getByLabel("Nom d'utilisateur").fill('amina');
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

describe('the console, without JavaScript', () => {
  it('an animator sees the call, marks it handled, and records attendance', async () => {
    const { context, page, requests } = await browsers.open({
      locale: 'fr-FR',
      width: 1100,
      javaScriptEnabled: false,
    });
    try {
      await signIn(page);
      await expect(page.locator('section.help-calls h2').textContent()).resolves.toBe('Appels à l’aide');
      const rows = page.locator('table.help-calls tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      const before = await rows.count();
      await rows.first().getByRole('button').click();
      await expect(page.locator('p.notice').textContent()).resolves.toBe(
        consoleMsg('fr', 'help.msg.handled'),
      );
      expect(await page.locator('table.help-calls tbody tr').count()).toBe(before - 1);

      await page.getByRole('link', { name: 'Fréquentation' }).first().click();
      await page.fill('#desk-count', '12');
      await page.getByRole('button', { name: 'Enregistrer les passages' }).click();
      await expect(page.locator('p.notice').textContent()).resolves.toMatch(/^Passages enregistrés : 12/);
      await page.fill('#workshop-theme', 'Démarches administratives en ligne');
      await page.fill('#workshop-minutes', '90');
      await page.fill('#workshop-participants', '6');
      await page.getByRole('button', { name: 'Enregistrer l’atelier' }).click();
      await expect(page.locator('ul.attendance-totals').textContent()).resolves.toContain(
        'Ateliers : 1 (6 participants, 1,5 h)',
      );
      for (const url of requests) expect(new URL(url).origin).toBe(new URL(svc.consoleUrl).origin);
    } finally {
      await context.close();
    }
  });
});

describe('the console pages, accessible (axe-core)', () => {
  it('home with calls, attendance, attendance with an error', async () => {
    const { context, page } = await browsers.open({ locale: 'fr-FR', width: 1100 });
    try {
      // A fresh call, so the home page shows the table.
      const phone = await browsers.open({ locale: 'fr-FR', javaScriptEnabled: false });
      await phone.page.goto(`${base}/`);
      await phone.page.locator('form.help-call button').click();
      await phone.context.close();
      await signIn(page);
      expect(await page.locator('table.help-calls tbody tr').count()).toBeGreaterThan(0);
      await screenshotAndAxe(page, 'console-help-calls');
      await page.goto(`${svc.consoleUrl}/attendance`);
      await screenshotAndAxe(page, 'console-attendance');
      await page.fill('#desk-count', '-3');
      // The browser's own check would stop the form: the server's answer is what is tested.
      await page.evaluate(
        "document.querySelectorAll('form').forEach((f) => f.setAttribute('novalidate', ''))",
      );
      await page.getByRole('button', { name: 'Enregistrer les passages' }).click();
      await expect(page.locator('#error-summary p').textContent()).resolves.toBe(
        consoleMsg('fr', 'attendance.err.count', { max: 500 }),
      );
      await screenshotAndAxe(page, 'console-attendance-error');
    } finally {
      await context.close();
    }
  });
});
