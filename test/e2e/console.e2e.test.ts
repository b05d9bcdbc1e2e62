// The animators' console in a real browser (Debian's headless Chromium, playwright-core)
// against the built service, as the issue's "done when" reads: a manager made with `ecn users
// add` signs in, creates a sheet of 12 tickets and downloads its PDF (the first ticket's QR
// code, read back from the rendered PDF, opens the portal's /t/<code> link), a resident uses
// that ticket on the portal, the manager sees the session and disconnects it, then revokes a
// ticket. axe-core finds no WCAG 2.1 A/AA violation on any console page, for any role;
// nothing is fetched from outside the box.

import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Browsers, screenshotAndAxe, SHOTS } from '../helpers/browser';
import { ecn, startService, tempSetup, type RunningService } from '../helpers/processes';
import { freePort } from '../helpers/redis-server';
import { decodeFirstTicketQr, decodeQrFromPdf, pdfInfo } from '../helpers/qr';
import { consoleMsg, fixedParts } from '../helpers/messages';

jest.setTimeout(240_000);

const PASSWORDS: Record<string, string> = {
  claire: 'claire-responsable-2026',
  amina: 'amina-animatrice-2026',
  paul: 'paul-auditeur-2026',
  greffe: 'greffe-requisitions-2026',
};

let svc: RunningService;
let config: string;
let portal: string;
const dirs: string[] = [];
const browsers = new Browsers();

beforeAll(async () => {
  const port = await freePort();
  portal = `http://127.0.0.1:${port}`;
  const setup = tempSetup(
    [
      'profiles:',
      '  - { name: 1h, label: "1 heure", duration: 1h, devices: 1, default: true }',
      '  - { name: 1d, label: "1 journée", duration: 1d, devices: 2, quota: 2GB }',
      'journal: { publicIp: 198.51.100.7 }',
      '',
    ].join('\n'),
  );
  dirs.push(setup.dir);
  config = setup.config;
  for (const [username, role] of [
    ['claire', 'manager'],
    ['amina', 'animator'],
    ['paul', 'auditor'],
    ['greffe', 'requisition'],
  ] as const) {
    const r = await ecn(
      config,
      ['users', 'add', '--username', username, '--role', role],
      {},
      `${PASSWORDS[username]}\n`,
    );
    expect([username, r.status, r.stderr]).toEqual([username, 0, expect.stringContaining('created')]);
  }
  svc = await startService(config, {
    ECN_PORTAL_LISTEN: `127.0.0.1:${port}`,
    ECN_PORTAL_PUBLIC_URL: portal,
    ECN_SPACE_NAME: 'ECN du Pile',
  });
});

afterAll(async () => {
  await browsers.closeAll();
  svc?.child.kill('SIGTERM');
  await svc?.exited;
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const browser = (width = 1100) => browsers.open({ locale: 'fr-FR', width, acceptDownloads: true });
/** Screenshot for the README and the docs, then axe-core: no WCAG 2.1 A/AA violation. */
const check = (page: Page, name: string) => screenshotAndAxe(page, `console-${name}`);

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${svc.consoleUrl}/`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.getByLabel("Nom d'utilisateur").fill(username);
  await page.getByLabel('Mot de passe').fill(PASSWORDS[username]!);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Bienvenue, ${username}`);
}

describe('the console, end to end', () => {
  let code = '';

  it('a manager signs in, prints 12 tickets to PDF, a resident uses one, the manager disconnects it', async () => {
    const { page, requests } = await browser();
    await page.goto(`${svc.consoleUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await check(page, 'login');
    await page.getByLabel("Nom d'utilisateur").fill('claire');
    await page.getByLabel('Mot de passe').fill(PASSWORDS.claire!);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bienvenue, claire');
    await check(page, 'home');

    // The manager sets the Wi-Fi printed on tickets (a WPA network: a second QR code joins it).
    await page.getByRole('navigation').getByRole('link', { name: 'Réglages' }).click();
    await page.getByLabel('Nom du réseau (SSID)').fill('ECN-Pile');
    await page.getByLabel(consoleMsg('fr', 'settings.wifi.wpa')).check();
    await page.getByLabel(consoleMsg('fr', 'settings.wifi.password')).fill('bienvenue-au-pile');
    await page.getByRole('button', { name: 'Enregistrer le Wi-Fi' }).click();
    expect(await page.locator('.notice').textContent()).toContain(consoleMsg('fr', 'settings.saved.wifi'));

    // A sheet of 12 on A4.
    await page.getByRole('navigation').getByRole('link', { name: 'Tickets' }).click();
    await page.getByLabel('Nombre de tickets').fill('12');
    await page.getByLabel('A4 × 12 tickets').check();
    await page.getByLabel(/Note/).fill('atelier CV mardi');
    await check(page, 'tickets');
    await page.getByRole('button', { name: 'Créer les tickets' }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/tickets\/batches\/[^/]+$/);
    const codes = (await page.locator('.code').allTextContents())
      .map((c) => c.trim())
      .filter((c) => /^[A-Z0-9]{4}-/.test(c));
    expect(codes).toHaveLength(12);
    await check(page, 'batch');

    // The print page (HTML) and the PDF.
    await page.getByRole('button', { name: 'Imprimer (page)' }).click();
    expect(new URL(page.url()).pathname).toMatch(/\/print$/);
    for (const c of codes) expect(await page.content()).toContain(c);
    expect(await page.content()).toContain('ECN-Pile');
    // Issue #15, item 7: every ticket says that using it accepts the charter in force (any version).
    const [before, after] = fixedParts(consoleMsg('fr', 'print.charter')).map((s) =>
      s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
    await expect(page.getByText(new RegExp(`^${before}[^)]+${after}$`)).count()).resolves.toBe(12);
    await check(page, 'print');
    await page.goBack();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le PDF' }).click();
    const file = await (await download).path();
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdfInfo(pdf)).pages).toBe(1);
    const found = await decodeQrFromPdf(pdf);
    expect(found).toContain('WIFI:T:WPA;S:ECN-Pile;P:bienvenue-au-pile;;');
    // The first page rendered to PNG (kept for the README), its first ticket's QR code read back.
    const link = await decodeFirstTicketQr(pdf, 'a4-12', path.join(SHOTS, 'console-tickets-pdf.png'));
    expect(link).toMatch(new RegExp(`^${portal}/t/[A-Z0-9]{12}$`));
    code = link.slice(-12);
    expect(codes.map((c) => c.replace(/-/g, ''))).toContain(code);

    // A resident scans the QR code: the portal opens with the code written in.
    const resident = await browser(412);
    await resident.page.goto(link);
    await resident.page.getByLabel("J'accepte la charte").check();
    await resident.page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await resident.page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Vous êtes connecté',
    );

    // The manager sees that session (by the code's last 4 symbols) and disconnects it.
    await page.goto(`${svc.consoleUrl}/sessions`);
    expect(await page.content()).toContain(`…${code.slice(-4)}`);
    expect(await page.content()).not.toContain(code);
    await check(page, 'sessions');
    await page.getByRole('button', { name: /Déconnecter cet appareil/ }).click();
    expect(await page.locator('.notice').textContent()).toContain('L’appareil est déconnecté.');
    expect(await page.content()).not.toContain(`…${code.slice(-4)}`);
    await resident.page.reload();
    expect(await resident.page.getByRole('heading', { level: 1 }).textContent()).not.toContain(
      'Vous êtes connecté',
    );

    // Today's figures count that session.
    await page.getByRole('navigation').getByRole('link', { name: "Aujourd'hui" }).click();
    await check(page, 'today');

    // Only the console's own origin was ever asked for anything.
    for (const url of requests) expect(new URL(url).origin).toBe(svc.consoleUrl);
  });

  it('an animator revokes a ticket of the batch, and the portal refuses it', async () => {
    const { page } = await browser();
    await signIn(page, 'amina');
    await page.goto(`${svc.consoleUrl}/tickets`);
    await page
      .getByRole('link', { name: /Lot du/ })
      .first()
      .click();
    const row = page.getByRole('row', { name: new RegExp(code.slice(0, 4)) });
    await row.getByRole('button', { name: /Révoquer/ }).click();
    expect(await page.locator('.notice').textContent()).toContain('Ticket révoqué');
    const resident = await browser(412);
    await resident.page.goto(`${portal}/t/${code}`);
    await resident.page.getByLabel("J'accepte la charte").check();
    await resident.page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await resident.page.content()).toMatch(/révoqué|annulé/i);
  });

  it.each([
    [
      'claire',
      ['/today', '/stats', '/settings', '/devices', '/filter', '/users', '/audit', '/requisition/audit'],
    ],
    ['amina', ['/tickets?state=revoked', '/sessions', '/attendance', '/account']],
    ['paul', ['/stats']],
    ['greffe', ['/requisition']],
  ])('every page %s may open passes axe-core', async (username, paths) => {
    const { page } = await browser();
    await signIn(page, username);
    for (const p of paths) {
      const res = await page.goto(`${svc.consoleUrl}${p}`);
      expect([p, res?.status()]).toEqual([p, 200]);
      await check(page, `${username}-${p.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}`);
    }
  });

  it('reflows at 320 CSS pixels without sideways scrolling', async () => {
    const { page } = await browser(320);
    await signIn(page, 'amina');
    for (const p of ['/', '/tickets', '/sessions', '/today']) {
      await page.goto(`${svc.consoleUrl}${p}`);
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
  });
});
