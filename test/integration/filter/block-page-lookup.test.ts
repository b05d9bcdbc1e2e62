// The block page's category, end to end on loopback: the DNS process's lookup endpoint (a
// FilterEngine on a real table file, watched) answered over HTTP, the portal's client of it,
// and the portal (supertest) sending an authorized client's foreign Host to the block page
// that names the category, in every language, with the charter's sentence and the UT1 credit.

import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { LANGUAGES } from '../../../src/domain/charter';
import { EventBus } from '../../../src/domain/events';
import { FilterEngine } from '../../../src/filter/filter-engine';
import { createLookupHandler, LOOKUP_PATH } from '../../../src/filter/lookup-server';
import { NameTableBuilder } from '../../../src/filter/name-table';
import { writeTableFile } from '../../../src/filter/table-file';
import { HttpListener } from '../../../src/http-listener';
import { createLogger } from '../../../src/log';
import { httpCategoryLookup, type CategoryLookup } from '../../../src/portal/category-lookup';
import { CATALOGS } from '../../../src/portal/i18n';
import { portalFixture, type PortalFixture } from '../../helpers/portal';
import { msgHtml as msg } from '../../helpers/messages';
import { waitFor } from '../../helpers/wait-for';

/** Writes a table: bit 0 adult, bit 1 gambling (as `ecn filter update` numbers them). */
function writeTable(file: string, entries: Record<string, 'adult' | 'gambling'>): void {
  const b = new NameTableBuilder();
  for (const [name, cat] of Object.entries(entries)) b.add(name, cat === 'adult' ? 1 : 2);
  writeTableFile(file, b.compile(), {
    builtAt: new Date().toISOString(),
    categories: [
      { name: 'adult', role: 'block' },
      { name: 'gambling', role: 'block' },
    ],
    sources: [],
  });
}

async function eventually<T>(fn: () => Promise<T | null>, ms = 5000): Promise<T> {
  return (await waitFor(fn, { what: 'the lookup', timeout: ms })) as T;
}

let dir: string;
let table: string;
let engine: FilterEngine;
let listener: HttpListener;
let lookup: CategoryLookup;
let base: string;
let logs: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-lookup-'));
  table = path.join(dir, 'filter', 'table.bin');
  writeTable(table, { 'porn.test': 'adult', 'casino.test': 'gambling' });
  logs = '';
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs += String(chunk);
      cb();
    },
  });
  engine = new FilterEngine({
    tableFile: table,
    build: { sources: [], categories: [], allowCategories: [], tableFile: table, workDir: dir },
    allow: ['safe.porn.test'],
    block: ['space-block.test'],
    buildIfMissing: false,
    watch: true,
    events: new EventBus(),
    logger: createLogger('trace', sink),
  });
  await engine.start();
  listener = new HttpListener(
    'dns-lookup',
    createLookupHandler(() => engine.policy()),
    { host: '127.0.0.1', port: 0 },
  );
  await listener.start();
  const port = listener.boundAddress()!.port;
  base = `http://127.0.0.1:${port}`;
  lookup = httpCategoryLookup({ host: '127.0.0.1', port });
});

afterEach(async () => {
  await listener.stop();
  await engine.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the lookup of the DNS process', () => {
  it('names the category of a blocked name and of its subdomains, and none for an allowed one', async () => {
    expect(await lookup('porn.test')).toBe('adult');
    expect(await lookup('www.porn.test')).toBe('adult');
    expect(await lookup('WWW.Casino.Test')).toBe('gambling');
    expect(await lookup('space-block.test')).toBe('custom');
    // Not listed, or allowed by the space's own list: not blocked, so no category.
    expect(await lookup('www.service-public.fr')).toBeNull();
    expect(await lookup('safe.porn.test')).toBeNull();
    expect(await lookup('192.0.2.1')).toBeNull();
  });

  it('answers JSON, refuses what is not a name, and has no other page', async () => {
    const yes = await fetch(`${base}${LOOKUP_PATH}?name=porn.test`);
    expect(yes.status).toBe(200);
    expect(await yes.json()).toEqual({ blocked: true, category: 'adult' });
    const no = await fetch(`${base}${LOOKUP_PATH}?name=example.org`);
    expect(await no.json()).toEqual({ blocked: false });
    expect((await fetch(`${base}${LOOKUP_PATH}?name=not%20a%20name`)).status).toBe(400);
    expect((await fetch(`${base}${LOOKUP_PATH}`)).status).toBe(400);
    expect((await fetch(`${base}${LOOKUP_PATH}?name=${'a'.repeat(400)}`)).status).toBe(400);
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}${LOOKUP_PATH}?name=porn.test`, { method: 'POST' })).status).toBe(405);
  });

  it('answers from the new table once `ecn filter update` replaces the file', async () => {
    expect(await lookup('casino.test')).toBe('gambling');
    writeTable(table, { 'casino.test': 'adult', 'newly-listed.test': 'gambling' });
    await eventually(async () => ((await lookup('newly-listed.test')) === 'gambling' ? true : null));
    expect(await lookup('casino.test')).toBe('adult');
    expect(await lookup('porn.test')).toBeNull();
  });

  it('gives no category, quickly, when the DNS process does not answer', async () => {
    const port = listener.boundAddress()!.port;
    await listener.stop();
    const started = Date.now();
    expect(await httpCategoryLookup({ host: '127.0.0.1', port })('porn.test')).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('logs neither the names asked about nor who asked', async () => {
    await lookup('porn.test');
    await lookup('private-name.test');
    expect(logs).not.toMatch(/porn\.test|private-name/);
  });
});

describe('the block page', () => {
  let f: PortalFixture;
  let portalLogs: string;

  beforeEach(async () => {
    portalLogs = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        portalLogs += String(chunk);
        cb();
      },
    });
    f = await portalFixture({}, { categoryLookup: lookup, logger: createLogger('trace', sink) });
  });
  afterEach(async () => {
    await f.close();
  });

  async function loginAuthorized(): Promise<void> {
    const [code] = await f.tickets();
    const agent = request.agent(f.app);
    const page = await agent.get('/');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const res = await agent.post('/login').type('form').send({ _csrf: token, charter: 'yes', code: code! });
    expect(res.status).toBe(303);
  }

  it.each(LANGUAGES)(
    'names the category of a blocked name, why, whom to ask and the UT1 credit, in %s',
    async (lang) => {
      await loginAuthorized();
      const redirected = await request(f.app).get('/').set('Host', 'www.porn.test');
      expect(redirected.status).toBe(302);
      expect(redirected.headers.location).toBe('http://portal.ecn.test/blocked?category=adult');
      const page = await request(f.app).get(`/blocked?category=adult&lang=${lang}`);
      expect(page.status).toBe(403);
      expect(page.text).toContain(
        msg(lang, 'blocked.category', { category: CATALOGS[lang]['category.adult'] }),
      );
      expect(page.text).toContain(msg(lang, 'blocked.charterQuote'));
      expect(page.text).toContain(msg(lang, 'blocked.ask'));
      expect(page.text).toContain(msg(lang, 'blocked.contact', { email: 'contact@ecn.test' }));
      expect(page.text).toContain(msg(lang, 'blocked.credit'));
      expect(page.text).toMatch(/UT1/);
      expect(page.text).toMatch(/CC BY-SA/);
    },
  );

  it('keeps the generic page, with no category, for a foreign name the filter does not block', async () => {
    await loginAuthorized();
    const res = await request(f.app).get('/some/page').set('Host', 'www.service-public.fr');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('http://portal.ecn.test/blocked');
    const page = await request(f.app).get('/blocked?lang=fr');
    expect(page.text).not.toContain('Catégorie');
    expect(page.text).toContain(msg('fr', 'blocked.credit'));
  });

  it('still sends a captive client to the welcome page, blocked name or not', async () => {
    const res = await request(f.app).get('/').set('Host', 'www.porn.test');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(
      `http://portal.ecn.test/?dest=${encodeURIComponent('http://www.porn.test/')}`,
    );
  });

  it('does not log the blocked name', async () => {
    await loginAuthorized();
    await request(f.app).get('/').set('Host', 'www.porn.test');
    expect(portalLogs.length).toBeGreaterThan(0);
    expect(portalLogs).not.toContain('porn.test');
  });
});
