// The managers' filtering page: roles, CSRF, refused input (nothing changed), a saved change
// (stored, audited without the lists, written to custom.json for the DNS process, a rebuild
// started when the categories change) and what the page says about the table in force.

import request from 'supertest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import type { AuditEntry } from '../../../src/domain/console';
import { NameTableBuilder } from '../../../src/filter/name-table';
import { writeTableFile } from '../../../src/filter/table-file';
import { consoleMsgHtml, fixedParts } from '../../helpers/messages';

let f: ConsoleFixture;
let m: SignedInAgent;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-console-filter-'));
  f = await consoleFixture({ ECN_DATA_DIR: dir });
  m = await f.signIn('marie', 'manager');
});
afterEach(async () => {
  await f.consoleDeps.filter.rebuilder.idle();
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

const customFile = () => path.join(dir, 'filter', 'custom.json');

function post(fields: Record<string, string | string[]>, who: SignedInAgent = m, csrf = who.csrf) {
  return who.agent
    .post('/filter')
    .type('form')
    .send({ _csrf: csrf, ...fields });
}

async function audits(): Promise<AuditEntry[]> {
  return (await f.store.listAudit({ limit: 100 })).filter((e) => e.action === 'settings.changed');
}

const esc = (s: string) => s.replace(/'/g, '&#39;').replace(/"/g, '&#34;');

describe('who may choose the filtering', () => {
  it.each(['animator', 'auditor', 'requisition'] as const)(
    'refuses the %s role and changes nothing',
    async (role) => {
      const who = await f.signIn(`u-${role}`, role);
      await who.agent.get('/filter').expect(403);
      await post({ categories: ['adult'], allow: '', block: 'x.example' }, who).expect(403);
      expect(await f.store.getSettings()).toBeNull();
      expect(existsSync(customFile())).toBe(false);
      expect(await audits()).toEqual([]);
      const home = await who.agent.get('/').expect(200);
      expect(home.text).not.toContain('href="/filter"');
    },
  );

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const res = await request(f.console).get('/filter').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Ffilter');
    await request(f.console).post('/filter').type('form').send({ block: 'x.example' }).expect(403);
    expect(await f.store.getSettings()).toBeNull();
  });

  it('refuses a form with a wrong CSRF token, changing nothing', async () => {
    await post({ categories: ['adult'], block: 'x.example' }, m, 'x'.repeat(43)).expect(403);
    await m.agent.post('/filter').send({ _csrf: m.csrf, block: 'x.example' }).expect(403); // JSON body
    expect(await f.store.getSettings()).toBeNull();
    expect(existsSync(customFile())).toBe(false);
  });

  it('shows the manager the configured choices, with a menu entry after the settings', async () => {
    const res = await m.agent.get('/filter').expect(200);
    expect(res.text).toContain('<h1>Filtrage des sites</h1>');
    const nav = res.text.slice(res.text.indexOf('<nav'), res.text.indexOf('</nav>'));
    expect(nav.indexOf('href="/settings"')).toBeLessThan(nav.indexOf('href="/filter"'));
    expect(nav).toContain('aria-current="page">Filtrage</a>');
    // The configured categories are ticked; the common UT1 ones are offered with a description.
    for (const c of ['adult', 'malware', 'phishing', 'cryptojacking', 'stalkerware', 'doh'])
      expect(res.text).toMatch(new RegExp(`id="cat-${c}" name="categories" value="${c}" checked>`));
    expect(res.text).toMatch(/id="cat-gambling" name="categories" value="gambling">/);
    expect(res.text).toContain(esc("Jeux d'argent"));
    expect(res.text).toContain('Hameçonnage');
    expect(res.text).toContain(consoleMsgHtml('fr', 'filter.status.none'));
    expect(res.text).toContain(consoleMsgHtml('fr', 'filter.privacy'));
    // DNS over HTTPS is blocked by default, and the page says why it matters.
    expect(res.text).toContain('<p id="filter-doh">' + consoleMsgHtml('fr', 'filter.doh.blocked'));
  });
});

describe('saving the choices', () => {
  it('stores and audits them, writes the own lists for the DNS process and starts a rebuild', async () => {
    const res = await post({
      categories: ['adult', 'gambling', 'phishing'],
      allow: 'Mairie-Roubaix.fr\n\n  caf.fr  \n',
      block: 'blocked.example\nÉcole-Jeux.fr\nblocked.example',
    }).expect(303);
    expect(res.headers.location).toBe('/filter?msg=rebuild');
    const stored = (await f.store.getSettings())!.filter;
    expect(stored).toEqual({
      categories: ['adult', 'gambling', 'phishing'],
      allow: ['mairie-roubaix.fr', 'caf.fr'],
      block: ['blocked.example', 'xn--cole-jeux-93a.fr'],
    });
    expect(JSON.parse(readFileSync(customFile(), 'utf8'))).toEqual({
      allow: stored!.allow,
      block: stored!.block,
    });
    expect(statSync(customFile()).mode & 0o777).toBe(0o644);
    const [entry] = await audits();
    expect(entry).toMatchObject({
      actor: 'marie',
      target: 'filter',
      details: {
        categoriesAdded: 'gambling',
        categoriesRemoved: 'malware, cryptojacking, stalkerware, doh',
        allow: 2,
        block: 2,
      },
    });
    expect(JSON.stringify(entry!.details)).not.toContain('blocked.example');

    // The sources of this test space do not exist: the rebuild fails, the page says so.
    const page = await m.agent.get(res.headers.location!).expect(200);
    expect(page.text).toContain(consoleMsgHtml('fr', 'filter.savedRebuild'));
    // doh unticked: the page warns that DNS over HTTPS now skips the filter.
    expect(page.text).toContain(consoleMsgHtml('fr', 'filter.doh.open'));
    expect(page.text).not.toContain('<p id="filter-doh">');
    expect(page.text).toMatch(/id="cat-gambling" name="categories" value="gambling" checked>/);
    expect(page.text).toContain('mairie-roubaix.fr\ncaf.fr</textarea>');
    expect(page.text).toContain('blocked.example\nécole-jeux.fr</textarea>');
    await f.consoleDeps.filter.rebuilder.idle();
    const after = await m.agent.get('/filter').expect(200);
    // The date and the cause vary; every fixed piece of the sentence is there.
    for (const part of fixedParts(consoleMsgHtml('fr', 'filter.status.lastFailed')))
      expect(after.text).toContain(part);
  });

  it('saves the own lists alone without a rebuild', async () => {
    const res = await post({
      categories: ['adult', 'malware', 'phishing', 'cryptojacking', 'stalkerware', 'doh'],
      allow: '',
      block: 'blocked.example',
    }).expect(303);
    expect(res.headers.location).toBe('/filter?msg=saved');
    expect(f.consoleDeps.filter.rebuilder.busy).toBe(false);
    expect(f.consoleDeps.filter.rebuilder.last).toBeNull();
    const page = await m.agent.get(res.headers.location!).expect(200);
    expect(page.text).toContain(consoleMsgHtml('fr', 'filter.saved'));
  });

  it('rebuilds again on a save when the table in force blocks other categories (a failed rebuild)', async () => {
    const b = new NameTableBuilder();
    b.add('porn.test', 1);
    writeTableFile(path.join(dir, 'filter', 'table.bin'), b.compile(), {
      builtAt: '2026-11-20T09:30:00.000Z',
      categories: [{ name: 'adult', role: 'block' }],
      sources: [],
    });
    const res = await post({
      categories: ['adult', 'malware', 'phishing', 'cryptojacking', 'stalkerware', 'doh'],
      allow: '',
      block: '',
    }).expect(303);
    expect(res.headers.location).toBe('/filter?msg=rebuild');
    await f.consoleDeps.filter.rebuilder.idle();
    expect(f.consoleDeps.filter.rebuilder.last).toMatchObject({ ok: false }); // no sources here
  });

  it('shows the table in force: date, names, blocked categories and those found in no list', async () => {
    const b = new NameTableBuilder();
    b.add('porn.test', 1);
    b.add('casino.test', 2);
    writeTableFile(path.join(dir, 'filter', 'table.bin'), b.compile(), {
      builtAt: '2026-11-20T09:30:00.000Z',
      categories: [
        { name: 'adult', role: 'block' },
        { name: 'gambling', role: 'block' },
      ],
      sources: [{ source: 'lists', category: 'adult', names: 1, bad: 0 }],
    });
    const res = await m.agent.get('/filter').expect(200);
    expect(res.text).toContain('Construite le 20 novembre 2026');
    expect(res.text).toContain(': 2 noms.');
    expect(res.text).toContain('Catégories bloquées : adult, gambling.');
    expect(res.text).toContain('ne bloquent rien : gambling.');
  });
});

describe('refused choices', () => {
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    [
      'lines that are not names',
      { categories: 'adult', block: 'ok.example\nhttp://site.example/page\nnot a name', allow: '' },
      'filter-block',
      'Ces lignes ne sont pas des noms de domaine : « http://site.example/page », « not a name »',
    ],
    [
      'a bad allowed name',
      { categories: 'adult', allow: '-bad-.example', block: '' },
      'filter-allow',
      '« -bad-.example »',
    ],
    [
      'a name both allowed and blocked',
      { categories: 'adult', allow: 'both.example', block: 'Both.example.' },
      'filter-block',
      'à la fois dans les noms autorisés et dans les noms bloqués : both.example',
    ],
    [
      'an unknown category',
      { categories: ['adult', 'not-offered'], allow: '', block: '' },
      'filter-categories',
      'Choisissez les catégories dans la liste proposée',
    ],
    [
      'too many names',
      {
        categories: 'adult',
        allow: '',
        block: Array.from({ length: 2001 }, (_, i) => `n${i}.example`).join('\n'),
      },
      'filter-block',
      'Une liste peut avoir 2000 noms au plus (il y en a 2001)',
    ],
  ];

  it.each(cases)(
    'refuses %s with a clear message and changes nothing',
    async (_what, fields, field, message) => {
      const res = await post(fields).expect(400);
      expect(res.text).toContain(esc(message).replace(/&#39;/g, '&#39;'));
      expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-describedby="error-summary`));
      if (field !== 'filter-categories')
        expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
      // The input is kept.
      if (typeof fields.block === 'string' && fields.block.length < 200)
        expect(res.text).toContain(fields.block.replace(/</g, '&lt;'));
      expect(await f.store.getSettings()).toBeNull();
      expect(existsSync(customFile())).toBe(false);
      expect(await audits()).toEqual([]);
      expect(f.consoleDeps.filter.rebuilder.last).toBeNull();
    },
  );
});
