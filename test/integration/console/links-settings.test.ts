// Issue #15, item 8: managers set the space's useful links on the settings page (supertest):
// saved, audited, shown at once on the portal's status page in the four languages; each bad
// address refused on its own field with its own message, changing nothing; managers only.

import request from 'supertest';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { CATALOGS } from '../../../src/portal/i18n';
import type { GardenEntry } from '../../../src/domain/ports';
import { WalledGarden } from '../../../src/services/walled-garden';
import { createLogger } from '../../../src/log';
import { escapeHtml as esc } from '../../helpers/http';
import { consoleMsg, consoleMsgHtml, msg } from '../../helpers/messages';

let f: ConsoleFixture;
let m: SignedInAgent;
beforeEach(async () => {
  f = await consoleFixture();
  m = await f.signIn('marie', 'manager');
});
afterEach(async () => {
  await f.close();
});

function post(fields: Record<string, string>, who: SignedInAgent = m) {
  return who.agent
    .post('/settings/links')
    .type('form')
    .send({ _csrf: who.csrf, ...fields });
}

const HEADINGS = {
  fr: 'Liens utiles',
  'fr-falc': 'Des sites utiles',
  en: 'Useful links',
  ar: 'روابط مفيدة',
} as const;

describe('useful links on the settings page', () => {
  it('marks a link "accessible avant la connexion", audits it, and the welcome page lists it with its note in four languages', async () => {
    // The gateway of a box that is the router, as the nftables one answers: applied.
    const opened: GardenEntry[][] = [];
    const garden = new WalledGarden({
      gateway: {
        setGarden: async (entries) => {
          opened.push([...entries]);
          return 'applied';
        },
      },
      links: () => f.settings.links ?? [],
      resolve: async (host) => (host === 'www.service-public.fr' ? ['198.51.100.20'] : ['198.51.100.30']),
      ownAddresses: [],
      refreshMs: 3_600_000,
      timeoutSeconds: 900,
      logger: createLogger('silent'),
    });
    f.settings.linksBeforeLogin = () => garden.reachable();
    await garden.start();
    try {
      await post({
        'label-0': 'Service-Public.fr',
        'url-0': 'https://www.service-public.fr/particuliers',
        'before-0': 'yes',
        'label-1': 'Offres d’emploi',
        'url-1': 'https://candidat.francetravail.fr/',
        // Only the checkbox's own value marks a link.
        'before-1': 'on',
      }).expect(303);
      expect((await f.store.getSettings())?.links).toEqual([
        { label: 'Service-Public.fr', url: 'https://www.service-public.fr/particuliers', beforeLogin: true },
        { label: 'Offres d’emploi', url: 'https://candidat.francetravail.fr/' },
      ]);
      const [entry] = await f.store.listAudit({ limit: 1 });
      expect(entry!.details.links).toBe(
        '— → Service-Public.fr <https://www.service-public.fr/particuliers> [avant connexion], Offres d’emploi <https://candidat.francetravail.fr/>',
      );
      const page = await m.agent.get('/settings').expect(200);
      expect(page.text).toMatch(/name="before-0" value="yes"[^>]* checked>/);
      expect(page.text).not.toMatch(/name="before-1" value="yes"[^>]* checked>/);

      await garden.changed();
      expect(opened.at(-1)).toEqual([{ address: '198.51.100.20', port: 443 }]);
      for (const lang of ['fr', 'fr-falc', 'en', 'ar'] as const) {
        const welcome = await request(f.app).get(`/?lang=${lang}`).expect(200);
        expect(welcome.text).toContain(esc(CATALOGS[lang]['welcome.gardenHeading']));
        expect(welcome.text).toContain(esc(CATALOGS[lang]['welcome.gardenNote']));
        expect(welcome.text).toContain(
          '<a href="https://www.service-public.fr/particuliers" dir="auto" rel="noopener noreferrer">Service-Public.fr</a>',
        );
        // The link not marked is for connected residents only.
        expect(welcome.text).not.toContain('francetravail');
      }
      // The console's hint quotes the mention the welcome page shows, whatever its wording.
      const mention = msg('fr', 'welcome.gardenNote').split(',')[0]!;
      expect(consoleMsg('fr', 'settings.links.beforeLoginHint')).toContain(`« ${mention} »`);

      // Unticked: closed again, and the welcome page no longer promises it.
      await post({
        'label-0': 'Service-Public.fr',
        'url-0': 'https://www.service-public.fr/particuliers',
      }).expect(303);
      await garden.changed();
      expect(opened.at(-1)).toEqual([]);
      const welcome = await request(f.app).get('/?lang=fr').expect(200);
      expect(welcome.text).not.toContain(esc(CATALOGS.fr['welcome.gardenNote']));
    } finally {
      await garden.stop();
    }
  });

  it('saves the links, audits them, and the status page shows them at once in four languages', async () => {
    const [code] = await f.tickets(1);
    const phone = await f.residentLogin(code!);
    const before = await phone.get('/status?lang=fr').expect(200);
    expect(before.text).not.toContain('Liens utiles');

    const res = await post({
      'label-0': 'Service-Public.fr : vos démarches',
      'url-0': 'https://www.service-public.fr/particuliers',
      'label-2': 'Offres d’emploi',
      'label-2-en': 'Job offers',
      'label-2-fr-falc': 'Trouver un travail',
      'url-2': 'https://candidat.francetravail.fr/offres/recherche?lieux=59512',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/settings?msg=links');
    const page = await m.agent.get('/settings?msg=links').expect(200);
    expect(page.text).toContain(consoleMsgHtml('fr', 'settings.saved.links'));
    expect(page.text).toContain('value="https://www.service-public.fr/particuliers"');

    // Labels are shown as the manager wrote them: a language's own label, else the French one.
    const jobs = {
      fr: 'Offres d’emploi',
      'fr-falc': 'Trouver un travail',
      en: 'Job offers',
      ar: 'Offres d’emploi',
    };
    for (const [lang, heading] of Object.entries(HEADINGS)) {
      const status = await phone.get(`/status?lang=${lang}`).expect(200);
      expect(status.text).toContain(heading);
      // The order is kept.
      const first = status.text.indexOf(
        '<a href="https://www.service-public.fr/particuliers" dir="auto" rel="noopener noreferrer">Service-Public.fr : vos démarches</a>',
      );
      const second = status.text.indexOf(
        `<a href="https://candidat.francetravail.fr/offres/recherche?lieux=59512" dir="auto" rel="noopener noreferrer">${jobs[lang as keyof typeof jobs]}</a>`,
      );
      expect(first).toBeGreaterThan(-1);
      expect(second).toBeGreaterThan(first);
    }
    const [entry] = await f.store.listAudit({ limit: 1 });
    expect(entry).toMatchObject({ actor: 'marie', action: 'settings.changed', target: 'links' });
    expect(entry!.details.links).toBe(
      '— → Service-Public.fr : vos démarches <https://www.service-public.fr/particuliers>, Offres d’emploi (Trouver un travail / Job offers) <https://candidat.francetravail.fr/offres/recherche?lieux=59512>',
    );
    expect((await f.store.getSettings())?.links?.[1]?.labels).toEqual({
      'fr-falc': 'Trouver un travail',
      en: 'Job offers',
    });

    // Emptying a row removes its link, at once.
    await post({ 'label-0': 'Offres d’emploi', 'url-0': 'https://candidat.francetravail.fr/' }).expect(303);
    const after = await phone.get('/status?lang=fr').expect(200);
    expect(after.text).not.toContain('Service-Public.fr');
    expect(after.text).toContain('>Offres d’emploi</a>');
  });

  it.each([
    [{ 'label-1': 'Mairie', 'url-1': 'javascript:alert(1)' }, 'links-url-1', 'commence par « javascript: »'],
    [{ 'label-0': 'Mairie', 'url-0': ' JaVaScRiPt:alert(1)' }, 'links-url-0', 'commence par « javascript: »'],
    [
      { 'label-0': 'Mairie', 'url-0': 'java\tscript:alert(1)' },
      'links-url-0',
      'commence par « javascript: »',
    ],
    [{ 'label-0': 'Image', 'url-0': 'data:text/html,<b>x</b>' }, 'links-url-0', 'commence par « data: »'],
    [
      { 'label-0': 'Mairie', 'url-0': 'http://www.ville-roubaix.fr' },
      'links-url-0',
      'seuls les liens https://',
    ],
    [{ 'label-0': 'Mairie', 'url-0': 'www.ville-roubaix.fr' }, 'links-url-0', 'pas une adresse web complète'],
    [
      { 'label-0': 'Mairie', 'url-0': 'https://marie:secret@www.ville-roubaix.fr/' },
      'links-url-0',
      'contient un identifiant ou un mot de passe',
    ],
    [{ 'label-0': 'Box', 'url-0': 'https://localhost:8080/' }, 'links-url-0', 'mène à « localhost »'],
    [{ 'label-0': 'Box', 'url-0': 'https://10.42.0.1/' }, 'links-url-0', 'mène à « 10.42.0.1 »'],
    [{ 'label-0': 'Box', 'url-0': 'https://2130706433/' }, 'links-url-0', 'mène à « 127.0.0.1 »'],
    [{ 'label-0': 'Box', 'url-0': 'https://[::1]/' }, 'links-url-0', 'mène à « [::1] »'],
    [{ 'label-0': 'NAS', 'url-0': 'https://nas.local/' }, 'links-url-0', 'mène à « nas.local »'],
    [{ 'label-0': 'Intranet', 'url-0': 'https://intranet/' }, 'links-url-0', 'mène à « intranet »'],
    [
      { 'label-3': '', 'url-3': 'https://www.ville-roubaix.fr/' },
      'links-label-3',
      'Le lien 4 n’a pas de nom',
    ],
    [
      { 'label-0': 'x'.repeat(61), 'url-0': 'https://www.ville-roubaix.fr/' },
      'links-label-0',
      '60 caractères au plus',
    ],
    [{ 'label-0': 'Mairie', 'url-0': '' }, 'links-url-0', 'Le lien 1 n’a pas d’adresse'],
    [
      { 'label-0-en': 'Town hall', 'url-0': 'https://www.ville-roubaix.fr/' },
      'links-label-0',
      'Le lien 1 n’a pas de nom',
    ],
    [
      { 'label-0': 'Mairie', 'label-0-en': 'y'.repeat(61), 'url-0': 'https://www.ville-roubaix.fr/' },
      'links-label-0-en',
      '60 caractères au plus',
    ],
  ])('refuses %j on its field with its own message and changes nothing', async (fields, field, text) => {
    await post({ 'label-0': 'Déjà là', 'url-0': 'https://www.service-public.fr/' }).expect(303);
    const before = JSON.stringify(await f.store.getSettings());
    const res = await post({ 'label-5': 'Bon lien', 'url-5': 'https://www.ville-roubaix.fr/', ...fields });
    expect(res.status).toBe(400);
    expect(res.text).toContain(text);
    expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    expect(JSON.stringify(await f.store.getSettings())).toBe(before);
    expect(f.settings.links).toEqual([{ label: 'Déjà là', url: 'https://www.service-public.fr/' }]);
    expect((await f.store.listAudit({ limit: 5 })).filter((e) => e.target === 'links')).toHaveLength(1);
  });

  it('is for managers only and refuses a forged form', async () => {
    const who = await f.signIn('sami', 'animator');
    const link = { 'label-0': 'Mairie', 'url-0': 'https://www.ville-roubaix.fr/' };
    await post(link, who).expect(403);
    await m.agent
      .post('/settings/links')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), ...link })
      .expect(403);
    expect((await f.store.getSettings())?.links).toBeUndefined();
    expect(f.settings.links ?? []).toEqual([]);
  });
});
