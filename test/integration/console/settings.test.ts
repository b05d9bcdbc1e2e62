// The managers' settings pages: each section's happy path and refusals (nothing changed), the
// roles, CSRF on the upload, the live effect on the portal and the use cases, and persistence.

import path from 'node:path';
import request from 'supertest';
import { consoleFixture, csrfOf, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { followSettings, liveSpaceSettings } from '../../../src/console/settings/live-settings';
import { accessPolicy, loadPortalTexts, portalSettings } from '../../../src/portal/settings';
import { issueTickets } from '../../../src/services/issue-tickets';
import { mustAcceptCharter } from '../../../src/services/accept-charter';
import { makeDevice } from '../../../src/domain/device';
import type { AuditEntry } from '../../../src/domain/console';
import { PROFILE_FIELDS } from '../../../src/domain/profile-fields';
import { consoleTranslator, type ConsoleKey } from '../../../src/console/i18n';
import { consoleMsgHtml, fixedParts } from '../../helpers/messages';
import { readCharter } from '../../../src/config/charter-texts';

let f: ConsoleFixture;
let m: SignedInAgent;
beforeEach(async () => {
  f = await consoleFixture();
  m = await f.signIn('marie', 'manager');
});
afterEach(async () => {
  await f.close();
});

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
]);

function post(path: string, fields: Record<string, string>, who: SignedInAgent = m) {
  return who.agent
    .post(path)
    .type('form')
    .send({ _csrf: who.csrf, ...fields });
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');
}

function upload(body: Buffer, filename: string, who: SignedInAgent = m, csrf = who.csrf) {
  return who.agent.post('/settings/logo').field('_csrf', csrf).attach('logo', body, filename);
}

/** The portal serves no logo (an unknown static file falls through to the captive redirect). */
async function noLogo() {
  expect((await request(f.app).get('/static/logo')).status).not.toBe(200);
}

async function auditOf(action = 'settings.changed'): Promise<AuditEntry[]> {
  return (await f.store.listAudit({ limit: 100 })).filter((e) => e.action === action);
}

const SPACE = { name: 'ECN de l’Épeule', primary: '#0b3d2e', accent: '#ffcc00' };
const PROFILE = { label: '2 heures', name: '2h', durationSeconds: '2h', maxDevices: '2', quotaBytes: '1GB' };

describe('who may open the settings', () => {
  const posts: [string, Record<string, string>][] = [
    ['/settings/space', SPACE],
    ['/settings/wifi', { ssid: 'ECN-Public', security: 'none' }],
    ['/settings/logo/remove', {}],
    ['/settings/profiles', PROFILE],
    ['/settings/profiles/1d/default', {}],
    ['/settings/profiles/1d/delete', {}],
    ['/settings/profiles/1d', { label: 'Jour', durationSeconds: '1d', maxDevices: '2' }],
    ['/settings/charter', { title: 'T', summary: 'S', body: '## A\nB' }],
  ];

  it.each(['animator', 'auditor', 'requisition'] as const)(
    'refuses the %s role and changes nothing',
    async (role) => {
      const who = await f.signIn(`u-${role}`, role);
      for (const path of ['/settings', '/settings/charter', '/settings/profiles/1h']) {
        await who.agent.get(path).expect(403);
      }
      for (const [path, fields] of posts) await post(path, fields, who).expect(403);
      await upload(PNG, 'logo.png', who).expect(403);
      expect(await f.store.getSettings()).toBeNull();
      expect(await auditOf()).toEqual([]);
    },
  );

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    for (const path of ['/settings', '/settings/charter', '/settings/profiles/1h']) {
      const res = await request(f.console).get(path).expect(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    await request(f.console).post('/settings/space').type('form').send(SPACE).expect(403);
    expect(await f.store.getSettings()).toBeNull();
  });

  it('shows a manager every section, with the menu entry current', async () => {
    const page = await m.agent.get('/settings').expect(200);
    for (const h of [
      'Nom et couleurs',
      'Wi-Fi imprimé sur les tickets',
      'Logo',
      'Profils de tickets',
      'Charte des habitants',
    ]) {
      expect(page.text).toContain(`>${h}</h2>`);
    }
    expect(page.text).toContain('href="/settings" aria-current="page"');
    expect(page.text).toContain(consoleMsgHtml('fr', 'settings.charter.fromFile', { version: '2026-11' }));
  });

  it('refuses a form with a wrong token and changes nothing', async () => {
    await m.agent
      .post('/settings/space')
      .type('form')
      .send({ ...SPACE, _csrf: 'x'.repeat(43) })
      .expect(403);
    expect(await f.store.getSettings()).toBeNull();
  });

  it('refuses a form sent as another body type (which skips the app-wide check) or with none', async () => {
    for (const path of [
      '/settings/logo/remove',
      '/settings/profiles/1d/delete',
      '/settings/profiles/1d/default',
    ]) {
      await m.agent.post(path).set('Content-Type', 'text/plain').send(`_csrf=${m.csrf}`).expect(403);
      await m.agent.post(path).expect(403);
    }
    expect(await f.store.getSettings()).toBeNull();
  });
});

describe('name and colours', () => {
  it('applies at once to the portal and the console, and audits old → new', async () => {
    const themeBefore = await request(f.app).get('/static/theme.css').expect(200);
    const res = await post('/settings/space', SPACE).expect(303);
    expect(res.headers.location).toBe('/settings?msg=space');
    const page = await m.agent.get(res.headers.location!).expect(200);
    expect(page.text).toContain(consoleMsgHtml('fr', 'settings.saved.space'));
    expect(page.text).toContain('ECN de l’Épeule');

    const welcome = await request(f.app).get('/').expect(200);
    expect(welcome.text).toContain('ECN de l’Épeule');
    const theme = await request(f.app).get('/static/theme.css').expect(200);
    expect(theme.text).toContain('--primary: #0b3d2e');
    expect(theme.text).toContain('--accent: #ffcc00');
    expect(theme.headers.etag).not.toBe(themeBefore.headers.etag);
    await request(f.app).get('/static/theme.css').set('If-None-Match', theme.headers.etag!).expect(304);

    const [entry] = await auditOf();
    expect(entry).toMatchObject({
      actor: 'marie',
      target: 'space',
      details: {
        name: 'Espace de test → ECN de l’Épeule',
        primary: '#1d4e89 → #0b3d2e',
        accent: '#ffd166 → #ffcc00',
      },
    });
  });

  it.each([
    [{ primary: 'blue' }, 'space-primary', 'Une couleur s’écrit #rrggbb'.replace('’', "'")],
    [{ primary: '#ffd166' }, 'space-primary', 'Cette couleur principale est trop claire'],
    [{ accent: '#12345' }, 'space-accent', 'Une couleur s'],
    [{ name: '  ' }, 'space-name', "Indiquez le nom de l'espace."],
  ])('refuses %j with a clear message and changes nothing', async (bad, field, message) => {
    const res = await post('/settings/space', { ...SPACE, ...bad }).expect(400);
    expect(res.text).toContain(message.replace(/'/g, '&#39;'));
    expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    expect(res.text).toContain(`value="${(bad as Record<string, string>).primary ?? SPACE.primary}"`);
    expect(await f.store.getSettings()).toBeNull();
    expect(f.settings.space.name).toBe('Espace de test');
    expect(await auditOf()).toEqual([]);
  });
});

describe('Wi-Fi', () => {
  it('saves the network, keeps the password out of the page and the audit', async () => {
    await post('/settings/wifi', { ssid: 'ECN-Epeule', security: 'WPA', password: 'motdepasse-wifi' }).expect(
      303,
    );
    expect(f.consoleDeps.space().wifi).toEqual({
      ssid: 'ECN-Epeule',
      security: 'WPA',
      password: 'motdepasse-wifi',
    });
    const page = await m.agent.get('/settings').expect(200);
    expect(page.text).not.toContain('motdepasse-wifi');
    expect(page.text).toContain('Défini.');
    // An empty password keeps the one set.
    await post('/settings/wifi', { ssid: 'ECN-Epeule-2', security: 'WPA', password: '' }).expect(303);
    expect(f.consoleDeps.space().wifi?.password).toBe('motdepasse-wifi');
    const audit = await auditOf();
    expect(JSON.stringify(audit)).not.toContain('motdepasse');
    expect(audit[0]!.details).toMatchObject({ ssid: 'ECN-Epeule → ECN-Epeule-2', passwordChanged: false });
    expect(audit[1]!.details).toMatchObject({ ssid: '— → ECN-Epeule', passwordChanged: true });
  });

  it.each([
    [{ ssid: 'é'.repeat(17) }, 'wifi-ssid', '32 octets au plus'],
    [{ ssid: '' }, 'wifi-ssid', 'Indiquez le nom du réseau Wi-Fi.'],
    [{ password: 'court' }, 'wifi-password', 'Le mot de passe WPA doit faire de 8 à 63 caractères'],
    [{ password: '' }, 'wifi-password', 'Un réseau WPA a besoin de son mot de passe.'],
  ])('refuses %j and changes nothing', async (bad, field, message) => {
    const res = await post('/settings/wifi', {
      ssid: 'ECN',
      security: 'WPA',
      password: 'assez-long',
      ...bad,
    }).expect(400);
    expect(res.text).toContain(message);
    expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    expect(await f.store.getSettings()).toBeNull();
  });
});

describe('logo', () => {
  it('serves an uploaded PNG on the portal at once, and removes it', async () => {
    await noLogo();
    const res = await upload(PNG, 'mon-logo.png').expect(303);
    expect(res.headers.location).toBe('/settings?msg=logo');
    const logo = await request(f.app).get('/static/logo').expect(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(Buffer.from(logo.body as Buffer)).toEqual(PNG);
    expect((await request(f.app).get('/').expect(200)).text).toContain('/static/logo');
    expect((await auditOf())[0]!.details).toEqual({ logo: `image/png, ${PNG.length} B` });

    const page = await m.agent.get('/settings').expect(200);
    expect(page.text).toContain('Retirer le logo');
    await post('/settings/logo/remove', {}).expect(303);
    await noLogo();
    expect((await auditOf())[0]!.details).toEqual({ logo: 'removed' });
  });

  it('takes an inert SVG', async () => {
    const svg =
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#1d4e89"/></svg>';
    await upload(Buffer.from(svg), 'logo.svg').expect(303);
    const logo = await request(f.app).get('/static/logo').expect(200);
    expect(logo.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it.each([
    [
      'a text file named logo.png',
      Buffer.from('Bonjour, je ne suis pas une image.'),
      'logo.png',
      'n&#39;est pas une image PNG, JPEG ou SVG',
    ],
    [
      'an SVG with a script',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'logo.svg',
      'contient un script',
    ],
    [
      'an SVG with an event handler',
      Buffer.from('<svg onload="alert(1)"></svg>'),
      'logo.svg',
      'contient un script',
    ],
    [
      'an SVG that loads an outside image',
      Buffer.from('<svg><image href="https://evil.example/x.png"/></svg>'),
      'logo.svg',
      'contient un script',
    ],
    [
      'a javascript: link',
      Buffer.from('<svg><a href="javascript:alert(1)"><rect/></a></svg>'),
      'logo.svg',
      'contient un script',
    ],
    ['a file of more than 100 kB', Buffer.concat([PNG, Buffer.alloc(120_000)]), 'logo.png', 'trop lourd'],
  ])('refuses %s with a clear message and changes nothing', async (_what, body, name, message) => {
    const res = await upload(body, name).expect(400);
    expect(res.text).toContain(message);
    expect(res.text).toMatch(/id="logo-file"[^>]*aria-invalid="true"/);
    expect(await f.store.getSettings()).toBeNull();
    await noLogo();
    expect(await auditOf()).toEqual([]);
  });

  it('refuses an upload with a forged token before storing anything', async () => {
    await upload(PNG, 'logo.png', m, 'A'.repeat(43)).expect(403);
    await upload(PNG, 'logo.png', m, '').expect(403);
    expect(await f.store.getSettings()).toBeNull();
    await noLogo();
  });
});

describe('ticket profiles', () => {
  it('adds a profile the use cases can issue at once, edits it, makes it the default, deletes one', async () => {
    const res = await post('/settings/profiles', PROFILE).expect(303);
    expect(res.headers.location).toBe('/settings?msg=profileAdded');
    const { tickets } = await issueTickets(f.access, { count: 1, profile: '2h', createdBy: 'test' });
    expect(tickets[0]!.limits).toMatchObject({ durationSeconds: 7200, maxDevices: 2, quotaBytes: 1e9 });
    const page = await m.agent.get('/settings').expect(200);
    expect(page.text).toContain('2 heures');

    const edit = await m.agent.get('/settings/profiles/2h').expect(200);
    expect(edit.text).toContain('value="2h"');
    await post('/settings/profiles/2h', { label: '3 heures', durationSeconds: '3h', maxDevices: '1' }).expect(
      303,
    );
    expect(f.access.profiles().find((p) => p.name === '2h')).toMatchObject({
      label: '3 heures',
      durationSeconds: 10800,
      quotaBytes: null,
    });
    // The ticket already issued keeps its limits.
    expect((await f.store.getTicket(tickets[0]!.id))!.limits.durationSeconds).toBe(7200);

    await post('/settings/profiles/2h/default', {}).expect(303);
    expect((await issueTickets(f.access, { count: 1, createdBy: 'test' })).batch.profileName).toBe('2h');
    await post('/settings/profiles/1h/delete', {}).expect(303);
    expect(f.access.profiles().map((p) => p.name)).not.toContain('1h');

    const details = (await auditOf()).map((e) => e.details).reverse();
    expect(details).toEqual([
      { added: '2h' },
      { changed: '2h', fields: 'label, durationSeconds, maxDevices, quotaBytes' },
      { default: '1h → 2h' },
      { deleted: '1h' },
    ]);
  });

  it('shows one input per profile limit, named by its one name, on the add and edit forms', async () => {
    const t = consoleTranslator('fr');
    for (const path of ['/settings', '/settings/profiles/1d']) {
      const html = (await m.agent.get(path).expect(200)).text;
      for (const f of PROFILE_FIELDS) {
        expect([path, html]).toEqual([
          path,
          expect.stringMatching(new RegExp(`<input id="profile-${f.key}" name="${f.key}" `)),
        ]);
        expect(html).toContain(
          `<label for="profile-${f.key}">${escapeHtml(t(f.messages.label as ConsoleKey))}</label>`,
        );
      }
    }
    // The edit form shows the stored limits as they are written ("1d", "2").
    const edit = (await m.agent.get('/settings/profiles/1d').expect(200)).text;
    expect(edit).toMatch(/name="durationSeconds" type="text" value="1d"/);
    expect(edit).toMatch(/name="maxDevices" type="text" value="2"/);
  });

  it.each([
    [{ name: '1h' }, 'profile-name', 'Un profil s&#39;appelle déjà « 1h »'],
    [{ name: 'Deux Heures' }, 'profile-name', 'L&#39;identifiant s&#39;écrit en lettres minuscules'],
    [{ durationSeconds: '0' }, 'profile-durationSeconds', 'Indiquez une durée de plus de zéro'],
    [{ durationSeconds: 'longtemps' }, 'profile-durationSeconds', 'Indiquez une durée de plus de zéro'],
    [{ maxDevices: '50' }, 'profile-maxDevices', 'Le nombre d&#39;appareils va de 1 à 20.'],
    [{ quotaBytes: 'beaucoup' }, 'profile-quotaBytes', 'Indiquez un quota'],
    [{ label: '' }, 'profile-label', 'Indiquez un libellé'],
    [{ validFrom: '2026-12-31', validUntil: '2026-12-01' }, 'profile-validUntil', 'La fin de validité'],
  ])('refuses %j and changes nothing', async (bad, field, message) => {
    const res = await post('/settings/profiles', { ...PROFILE, ...bad }).expect(400);
    expect(res.text).toContain(message);
    expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    expect(await f.store.getSettings()).toBeNull();
    expect(f.access.profiles().map((p) => p.name)).toEqual(['1h', '1d', 'quota', 'week', 'december']);
  });

  it('refuses to delete the default profile: there must always be one', async () => {
    const res = await post('/settings/profiles/1h/delete', {}).expect(400);
    for (const part of fixedParts(consoleMsgHtml('fr', 'settings.err.profileDeleteDefault')))
      expect(res.text).toContain(part);
    expect(await f.store.getSettings()).toBeNull();
  });

  it('answers 404 for a profile that does not exist', async () => {
    await m.agent.get('/settings/profiles/nope').expect(404);
    await post('/settings/profiles/nope/delete', {}).expect(404);
  });
});

describe('charter', () => {
  const CHARTER = {
    version: '2026-12',
    title: 'Charte renouvelée',
    summary: 'Votre ticket est personnel.\nRespectez les autres.',
    body: "## Ce que l'espace offre\nUn accès gratuit.\n- Le Wi-Fi\n- Les ordinateurs\n\n## Vos données\nGardées un an.",
  };

  it('publishes a new version the portal shows, and every device must accept it again', async () => {
    const [code] = await f.tickets();
    const resident = request.agent(f.app);
    const welcome = await resident.get('/').expect(200);
    await resident
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(welcome.text), charter: 'yes', code: code! })
      .expect(303);
    const device = makeDevice({ mac: null, ip: '127.0.0.1' });
    expect(await mustAcceptCharter(f.access, device, f.access.policy.charterVersion)).toBe(false);

    const form = await m.agent.get('/settings/charter').expect(200);
    expect(form.text).toContain(consoleMsgHtml('fr', 'settings.charter.languages'));
    // The form starts from the charter the gateway ships (config/charter).
    const shipped = readCharter(path.resolve(__dirname, '../../../config/charter'), '2026-11', 'fr');
    expect(form.text).toContain(`## ${escapeHtml(shipped.sections[0]!.title)}`);
    const res = await post('/settings/charter', CHARTER).expect(303);
    expect(res.headers.location).toBe('/settings?msg=charter');

    expect(f.access.policy.charterVersion).toBe('2026-12');
    expect(await mustAcceptCharter(f.access, device, f.access.policy.charterVersion)).toBe(true);
    const charter = await request(f.app).get('/charter?lang=fr').expect(200);
    expect(charter.text).toContain('Charte renouvelée');
    expect(charter.text).toContain('Les ordinateurs');
    // Other languages keep the file's text, under the new version.
    const en = await request(f.app).get('/charter?lang=en').expect(200);
    expect(en.text).toContain('2026-12');
    const page = await m.agent.get('/settings').expect(200);
    expect(page.text).toMatch(/Version en vigueur : 2026-12, publiée le/);
    expect((await auditOf())[0]).toMatchObject({
      target: 'charter',
      details: { version: '2026-11 → 2026-12' },
    });
  });

  it('numbers a version by the day when none is typed', async () => {
    await post('/settings/charter', { ...CHARTER, version: '' }).expect(303);
    const first = f.access.policy.charterVersion;
    expect(first).toMatch(/^\d{4}-\d{2}-\d{2}-1$/);
    await post('/settings/charter', { ...CHARTER, version: '' }).expect(303);
    expect(f.access.policy.charterVersion).toBe(first.replace(/-1$/, '-2'));
  });

  it.each([
    [{ title: '', summary: '', body: '' }, 'charter-title', 'Indiquez le titre de la charte.'],
    [{ summary: '' }, 'charter-summary', 'Le résumé a de 1 à 12 points'],
    [{ body: 'Un paragraphe sans partie' }, 'charter-body', 'au moins une partie'],
    [{ version: '2026-11' }, 'charter-version', 'La version 2026-11 est déjà en vigueur'],
    [{ version: 'déc 2026' }, 'charter-version', 'La version s&#39;écrit avec'],
  ])('refuses %j and changes nothing', async (bad, field, message) => {
    const res = await post('/settings/charter', { ...CHARTER, ...bad }).expect(400);
    expect(res.text).toContain(message);
    expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    expect(await f.store.getSettings()).toBeNull();
    expect(f.access.policy.charterVersion).toBe('2026-11');
  });
});

describe('persistence', () => {
  it('a service started again on the same store applies the saved settings', async () => {
    await post('/settings/space', SPACE).expect(303);
    await post('/settings/profiles', PROFILE).expect(303);
    await upload(PNG, 'logo.png').expect(303);
    // A second start: settings and texts from the file, then the stored changes over them.
    const settings = portalSettings(f.config, 'http://portal.ecn.test');
    const texts = loadPortalTexts(f.config);
    const live = liveSpaceSettings(f.config, f.access, settings, texts, [f.access.profiles()[0]!]);
    followSettings(live, f.config.space.timezone, {
      policy: accessPolicy(f.config),
      portal: settings,
      texts,
    });
    await live.load();
    expect(settings.space.name).toBe(SPACE.name);
    expect(settings.space.colors).toEqual({ primary: SPACE.primary, accent: SPACE.accent });
    expect(settings.space.logo?.body).toEqual(PNG);
    expect(live.current().profiles.map((p) => p.name)).toContain('2h');
  });
});
