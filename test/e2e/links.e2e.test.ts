// Issue #15, item 8 in a real browser (Debian's headless Chromium, JavaScript off) against the
// built service: a manager adds useful links on the console's settings page (a bad address is
// refused on its own field first; one link gets an English label), and a resident's status page
// lists them in each of the four languages, right-to-left in Arabic. axe-core finds no WCAG 2.1 A/AA violation on the settings
// page or the status pages (a second, script-enabled look at the same script-free pages).

import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { Browsers, screenshotAndAxe } from '../helpers/browser';
import { ecn, startService, tempSetup, type RunningService } from '../helpers/processes';
import { CATALOGS } from '../../src/portal/i18n';
import { LANGUAGES, type Language } from '../../src/domain/charter';
import { freePort } from '../helpers/redis-server';
import { consoleMsg } from '../helpers/messages';

jest.setTimeout(240_000);

const PASSWORD = 'marie-mot-de-passe-42';
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
    ['users', 'add', '--username', 'marie', '--role', 'manager'],
    {},
    `${PASSWORD}\n`,
  );
  expect(r.status).toBe(0);
  svc = await startService(config, {
    ECN_PORTAL_LISTEN: `127.0.0.1:${port}`,
    ECN_PORTAL_PUBLIC_URL: base,
    ECN_SPACE_NAME: 'ECN du Pile',
  });
});

afterAll(async () => {
  await browsers.closeAll();
  svc?.child.kill('SIGTERM');
  await svc?.exited;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const LOCALES: Record<Language, string> = { fr: 'fr-FR', 'fr-falc': 'fr-FR', en: 'en-GB', ar: 'ar' };

async function signIn(page: Page): Promise<void> {
  await page.goto(`${svc.consoleUrl}/`);
  await page.getByLabel("Nom d'utilisateur").fill('marie');
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

describe('useful links, without JavaScript', () => {
  it('a manager adds links; a bad address is refused on its field first', async () => {
    const { context, page, requests } = await browsers.open({
      locale: 'fr-FR',
      width: 1100,
      javaScriptEnabled: false,
    });
    try {
      await signIn(page);
      await page.goto(`${svc.consoleUrl}/settings`);
      await page.locator('#links-label-0').fill('Vos démarches');
      await page.locator('#links-url-0').fill('javascript:alert(1)');
      await page.getByRole('button', { name: 'Enregistrer les liens' }).click();
      await expect(page.locator('#links-url-0').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.locator('#error-summary').textContent()).resolves.toContain(
        'commence par « javascript: »',
      );
      // What was typed is kept, to be corrected.
      await expect(page.locator('#links-label-0').inputValue()).resolves.toBe('Vos démarches');
      await page.locator('#links-url-0').fill('https://www.service-public.fr/');
      await page.locator('#links-label-1').fill('Offres d’emploi à Roubaix');
      await page.locator('#links-url-1').fill('https://candidat.francetravail.fr/');
      // The other languages' labels are folded away: opened without any script.
      await page.locator('#links-label-1-en').locator('xpath=ancestor::details/summary').click();
      await page.locator('#links-label-1-en').fill('Job offers in Roubaix');
      await page.getByRole('button', { name: 'Enregistrer les liens' }).click();
      await expect(page.locator('.notice').first().textContent()).resolves.toContain(
        consoleMsg('fr', 'settings.saved.links'),
      );
      for (const url of requests) expect(new URL(url).origin).toBe(new URL(svc.consoleUrl).origin);
    } finally {
      await context.close();
    }
  });

  it('has no accessibility violation on the settings page with a refusal shown (axe-core)', async () => {
    const { context, page } = await browsers.open({ locale: 'fr-FR', width: 1100 });
    try {
      await signIn(page);
      await page.goto(`${svc.consoleUrl}/settings`);
      await page.locator('#links-url-2').fill('https://intranet/');
      await page.locator('#links-label-2').fill('Intranet');
      await page.getByRole('button', { name: 'Enregistrer les liens' }).click();
      await expect(page.locator('#links-url-2').getAttribute('aria-invalid')).resolves.toBe('true');
      await screenshotAndAxe(page, 'console-links-error');
    } finally {
      await context.close();
    }
  });
});

/** A resident signs in with a fresh ticket (every browser here is the same device: 127.0.0.1). */
async function residentSignsIn(page: Page, lang: Language): Promise<void> {
  const r = await ecn(config, ['tickets', 'create', '--count', '1']);
  expect(r.status).toBe(0);
  await page.goto(`${base}/status`);
  if ((await page.locator('form.logout').count()) > 0) await page.click('form.logout button');
  await page.goto(`${base}/t/${r.stdout.trim()}?lang=${lang}`);
  await page.check('#charter');
  await page.click('form.login button[type=submit]');
}

describe.each(LANGUAGES)('the status page in %s', (lang) => {
  it('lists the space’s links as the manager wrote them, without JavaScript', async () => {
    const t = CATALOGS[lang];
    const { context, page, requests } = await browsers.open({
      locale: LOCALES[lang],
      javaScriptEnabled: false,
    });
    try {
      await residentSignsIn(page, lang);
      await page.goto(`${base}/status?lang=${lang}`);
      expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await expect(page.locator('h1').textContent()).resolves.toBe(t['status.title']);
      await expect(page.locator('#links-heading').textContent()).resolves.toBe(t['status.linksHeading']);
      const links = page.locator('section.links a');
      // The manager's own label for the language, else the French one.
      await expect(links.allTextContents()).resolves.toEqual([
        'Vos démarches',
        lang === 'en' ? 'Job offers in Roubaix' : 'Offres d’emploi à Roubaix',
      ]);
      await expect(links.first().getAttribute('href')).resolves.toBe('https://www.service-public.fr/');
      for (const url of requests) expect(new URL(url).origin).toBe(base);
    } finally {
      await context.close();
    }
  });

  it('has no accessibility violation (axe-core)', async () => {
    const { context, page } = await browsers.open({ locale: LOCALES[lang] });
    try {
      await page.goto(`${base}/status?lang=${lang}`);
      await expect(page.locator('#links-heading').textContent()).resolves.toBe(
        CATALOGS[lang]['status.linksHeading'],
      );
      await screenshotAndAxe(page, `status-links-${lang}`);
    } finally {
      await context.close();
    }
  });
});
