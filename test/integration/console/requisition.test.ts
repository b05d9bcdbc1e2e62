// Judicial requisitions in the console: only the requisition role exports, by ticket or by
// public IP, port and window; the CSV and its manifest (SHA-256) match, every export is in the
// journal's export audit and in the console audit; refusals export and audit nothing.

import request from 'supertest';
import { createHash } from 'node:crypto';
import { consoleFixture, type ConsoleFixture } from '../../helpers/console';
import { CONSOLE_CATALOGS, consoleTranslator } from '../../../src/console/i18n';
import { normalizeCode } from '../../../src/domain/ticket-code';
import type { Role } from '../../../src/domain/console';
import { CSV_HEADER } from '../../../src/journal/requisition';
import { zonedToUtc } from '../../../src/domain/zoned-time';
import { escapeHtml as esc } from '../../helpers/http';

let f: ConsoleFixture;
beforeEach(async () => {
  f = await consoleFixture();
});
afterEach(async () => {
  await f.close();
});

const fr = CONSOLE_CATALOGS.fr;
const REFERENCE = 'PV 2026/1234 – OPJ Roubaix';

/** A resident logs in on the portal with a new ticket; returns the code and the session. */
async function residentSession(): Promise<{
  code: string;
  ticketId: string;
  sessionId: string;
  logout: () => Promise<void>;
}> {
  const [code] = await f.tickets(1, '1h');
  const agent = await f.residentLogin(code!);
  const ticket = (await f.store.findTicketByCode(normalizeCode(code!)))!;
  const [session] = await f.store.listSessionsByTicket(ticket.id);
  return {
    code: code!,
    ticketId: ticket.id,
    sessionId: session!.id,
    async logout() {
      const status = await agent.get('/status?lang=fr');
      const token = /name="_csrf" value="([^"]+)"/.exec(status.text)![1]!;
      await agent.post('/logout').type('form').send({ _csrf: token }).expect(303);
    },
  };
}

const exported = async () => (await f.store.listAudit({ limit: 50, action: 'journal.exported' })).length;

async function expectNothingExported() {
  expect(f.journal.exportAudit().records).toEqual([]);
  expect(await exported()).toBe(0);
}

describe('who may answer a requisition', () => {
  it.each(['manager', 'animator', 'auditor'] as Role[])(
    'refuses the page and the export to a %s, and exports nothing',
    async (role) => {
      const r = await residentSession();
      const { agent, csrf } = await f.signIn(`x-${role}`, role);
      await agent.get('/requisition').expect(403);
      await agent
        .post('/requisition')
        .type('form')
        .send({ _csrf: csrf, reference: REFERENCE, ticket: r.code })
        .expect(403);
      await agent.get('/requisition/exports/1').expect(403);
      await agent.get('/requisition/exports/1.csv').expect(403);
      expect((await agent.get('/')).text).not.toContain('href="/requisition"');
      await expectNothingExported();
    },
  );

  it('shows the form to the requisition role, in its menu', async () => {
    const { agent } = await f.signIn('opj', 'requisition');
    const res = await agent.get('/requisition').expect(200);
    expect(res.text).toContain(`<h1>${esc(fr['requisition.title'])}</h1>`);
    expect(res.text).toContain('href="/requisition" aria-current="page"');
    for (const id of ['reference', 'public-ip', 'port', 'from', 'to', 'ticket']) {
      expect(res.text).toContain(`<label for="${id}">`);
      expect(res.text).toContain(`id="${id}"`);
    }
    expect(res.text).toContain('type="datetime-local"');
    expect(res.text).toContain(esc(fr['requisition.recentEmpty']));
    expect(res.text).not.toMatch(/<script|\sstyle=/i);
  });

  it('sends a signed-out visitor to the sign-in page and exports nothing without a session', async () => {
    for (const url of ['/requisition', '/requisition/audit', '/requisition/exports/1']) {
      const res = await request(f.console).get(url).expect(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    const agent = request.agent(f.console);
    const login = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)![1]!;
    const res = await agent
      .post('/requisition')
      .type('form')
      .send({ _csrf: csrf, reference: REFERENCE, ticket: 'x' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    await expectNothingExported();
  });

  it.each([
    ['manager', 200],
    ['animator', 403],
    ['auditor', 403],
    ['requisition', 403],
  ] as [Role, number][])('lets a %s read the export audit: %i', async (role, status) => {
    const { agent } = await f.signIn(`x-${role}`, role);
    await agent.get('/requisition/audit').expect(status);
  });
});

describe('answering a requisition', () => {
  it('exports a ticket’s session: the CSV matches its manifest, and both audits hold it', async () => {
    const r = await residentSession();
    await r.logout();
    const { agent, csrf } = await f.signIn('opj', 'requisition');
    const post = await agent
      .post('/requisition')
      .type('form')
      .send({ _csrf: csrf, reference: REFERENCE, ticket: r.code.toLowerCase() })
      .expect(303);
    expect(post.headers.location).toBe('/requisition/exports/1?msg=exported');

    const page = await agent.get(post.headers.location as string).expect(200);
    expect(page.text).toContain(esc(consoleTranslator('fr')('requisition.export.done', { rows: 1 })));
    expect(page.text).toContain(esc(REFERENCE));
    expect(page.text).toContain(esc(`ticket ${r.ticketId}`));
    expect(page.text).toContain('href="/requisition/exports/1.csv"');
    expect(page.text).toContain('href="/requisition/exports/1.json"');

    const csv = await agent.get('/requisition/exports/1.csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename=requisition-1-connections.csv');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${r.sessionId},${r.ticketId},,127\\.0\\.0\\.1,198\\.51\\.100\\.7,,,local,2026-11-28T09:00:00\\.000Z,2026-11-28T09:00:00\\.000Z,`,
      ),
    );

    const manifest = await agent.get('/requisition/exports/1.json').expect(200);
    expect(manifest.headers['content-type']).toBe('application/json; charset=utf-8');
    const m = JSON.parse(manifest.text) as Record<string, unknown>;
    const sha256 = createHash('sha256').update(Buffer.from(csv.text, 'utf8')).digest('hex');
    expect(m).toEqual({
      reference: REFERENCE,
      operator: 'console:opj',
      scope: { kind: 'ticket', ticketId: r.ticketId },
      generatedAt: '2026-11-28T09:00:00.000Z',
      rows: 1,
      file: 'connections.csv',
      sha256,
      auditSeq: 1,
    });
    expect(page.text).toContain(sha256);

    const { records, intact } = f.journal.exportAudit();
    expect(intact).toBe(true);
    expect(records).toEqual([
      expect.objectContaining({ seq: 1, reference: REFERENCE, operator: 'console:opj', rows: 1, sha256 }),
    ]);
    const audit = await f.store.listAudit({ limit: 10, action: 'journal.exported' });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'opj',
        target: 'export:1',
        details: { reference: REFERENCE, rows: 1 },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('127.0.0.1');

    // The form lists it, and a manager reads it in the export audit.
    expect((await agent.get('/requisition')).text).toContain('href="/requisition/exports/1"');
    const { agent: manager } = await f.signIn('manon', 'manager');
    const log = await manager.get('/requisition/audit').expect(200);
    expect(log.text).toContain(esc(fr['requisition.audit.intact']));
    expect(log.text).toContain(esc(REFERENCE));
    expect(log.text).toContain('console:opj');
    expect(log.text).toContain(sha256);
  });

  it('exports by public IP, port and a window in local time', async () => {
    const r = await residentSession();
    f.access.clock.advance(20 * 60_000);
    await r.logout();
    const other = await residentSession(); // 09:20 UTC, outside the window below
    const { agent, csrf } = await f.signIn('opj', 'requisition');
    // The session started at 9:00 UTC, 10:00 in Paris.
    await agent
      .post('/requisition')
      .type('form')
      .send({
        _csrf: csrf,
        reference: 'REQ-77',
        publicIp: '198.51.100.7',
        port: '40000',
        from: '2026-11-28T09:30',
        to: '2026-11-28T10:10:00',
      })
      .expect(303);
    const page = await agent.get('/requisition/exports/1').expect(200);
    expect(page.text).toContain(
      'IP publique 198.51.100.7, port 40000, du 28/11/2026 09:30:00 au 28/11/2026 10:10:00',
    );
    const csv = await agent.get('/requisition/exports/1.csv').expect(200);
    expect(csv.text).toContain(`${r.sessionId},${r.ticketId},,127.0.0.1,198.51.100.7,`);
    expect(csv.text).not.toContain(other.sessionId);
    const record = f.journal.exportAudit().records[0]!;
    expect(record.scope).toEqual({
      kind: 'address',
      publicIp: '198.51.100.7',
      port: 40000,
      from: Date.UTC(2026, 10, 28, 8, 30),
      to: Date.UTC(2026, 10, 28, 9, 10),
    });
    expect(record.sha256).toBe(createHash('sha256').update(csv.text).digest('hex'));
    expect(await exported()).toBe(1);
  });

  it('gives the CSV again only while it is the same file, and only to its officer', async () => {
    const r = await residentSession();
    const { agent, csrf } = await f.signIn('opj', 'requisition');
    await agent
      .post('/requisition')
      .type('form')
      .send({ _csrf: csrf, reference: REFERENCE, ticket: r.code })
      .expect(303);
    const first = await agent.get('/requisition/exports/1.csv').expect(200);
    expect(first.text.split('\r\n')[1]).toMatch(/,2026-11-28T09:00:00\.000Z,,0,0,$/);

    const { agent: colleague } = await f.signIn('opj2', 'requisition');
    const seen = await colleague.get('/requisition/exports/1').expect(200);
    expect(seen.text).not.toContain('href="/requisition/exports/1.csv"');
    const refused = await colleague.get('/requisition/exports/1.csv').expect(403);
    expect(refused.text).toContain(esc(fr['requisition.export.notYours']));
    await colleague.get('/requisition/exports/1.json').expect(200);

    // The session ends: the journal no longer gives the exported file.
    await r.logout();
    const changed = await agent.get('/requisition/exports/1.csv').expect(409);
    expect(changed.text).toContain(esc(fr['requisition.export.changed']));
    await agent.get('/requisition/exports/1.json').expect(200);
    await agent.get('/requisition/exports/9').expect(404);
    await agent.get('/requisition/exports/abc').expect(404);
    expect(f.journal.exportAudit().records).toHaveLength(1);
  });
});

describe('local times of the form', () => {
  it('reads the space’s wall clock in winter and in summer, and refuses what is not a time', () => {
    expect(zonedToUtc('2026-11-28T10:00', 'Europe/Paris')).toBe(Date.UTC(2026, 10, 28, 9, 0));
    expect(zonedToUtc('2026-07-14T10:00:30', 'Europe/Paris')).toBe(Date.UTC(2026, 6, 14, 8, 0, 30));
    expect(zonedToUtc('2026-11-28T10:00', 'UTC')).toBe(Date.UTC(2026, 10, 28, 10, 0));
    for (const bad of ['', '2026-02-30T10:00', '2026-11-28 10:00', '2026-11-28T24:00', 'demain'])
      expect(zonedToUtc(bad, 'Europe/Paris')).toBeNaN();
  });

  it('takes a ticket by its identifier as well as by its code', async () => {
    const r = await residentSession();
    const { agent, csrf } = await f.signIn('opj', 'requisition');
    await agent
      .post('/requisition')
      .type('form')
      .send({ _csrf: csrf, reference: 'REQ 12', ticket: r.ticketId })
      .expect(303);
    expect(f.journal.exportAudit().records[0]).toMatchObject({
      scope: { kind: 'ticket', ticketId: r.ticketId },
      rows: 1,
    });
  });
});

describe('refused requisitions', () => {
  const window = { publicIp: '198.51.100.7', from: '2026-11-28T09:00', to: '2026-11-28T11:00' };
  it.each([
    ['no reference', { reference: '', ...window }, 'reference', 'requisition.err.reference'],
    ['a bad reference', { reference: '<script>', ...window }, 'reference', 'requisition.err.reference'],
    ['no scope', { reference: REFERENCE }, 'public-ip', 'requisition.err.scope'],
    [
      'a bad IP',
      { reference: REFERENCE, ...window, publicIp: '198.51.100.300' },
      'public-ip',
      'requisition.err.ip',
    ],
    ['a bad port', { reference: REFERENCE, ...window, port: '70000' }, 'port', 'requisition.err.port'],
    ['no window', { reference: REFERENCE, publicIp: '198.51.100.7' }, 'from', 'requisition.err.window'],
    [
      'an unreadable date',
      { reference: REFERENCE, ...window, to: 'demain' },
      'from',
      'requisition.err.window',
    ],
    [
      'a reversed window',
      { reference: REFERENCE, ...window, to: '2026-11-28T08:00' },
      'to',
      'requisition.err.window-order',
    ],
    [
      'a window over 31 days',
      { reference: REFERENCE, ...window, from: '2026-10-01T00:00' },
      'to',
      'requisition.err.window-size',
    ],
    [
      'an unknown ticket',
      { reference: REFERENCE, ticket: 'AAAA-AAAA-AAAA' },
      'ticket',
      'requisition.err.ticket',
    ],
    ['an unknown ticket id', { reference: REFERENCE, ticket: 'nope' }, 'ticket', 'requisition.err.ticket'],
    [
      'both scopes',
      { reference: REFERENCE, ...window, ticket: 'AAAA-AAAA-AAAA' },
      'ticket',
      'requisition.err.both',
    ],
  ] as [string, Record<string, string>, string, keyof typeof fr][])(
    'refuses %s with its French message, keeps the input, exports and audits nothing',
    async (_name, fields, field, key) => {
      await residentSession();
      const { agent, csrf } = await f.signIn('opj', 'requisition');
      const res = await agent
        .post('/requisition')
        .type('form')
        .send({ _csrf: csrf, ...fields })
        .expect(400);
      const message = esc(fr[key].replace('{days}', '31'));
      expect(res.text).toContain(`<div class="error-summary" role="alert"`);
      expect(res.text).toContain(`<p class="field-error" id="${field}-error">${message}</p>`);
      expect(res.text).toMatch(
        new RegExp(`id="${field}"[^>]*aria-describedby="${field}-error[^"]*" aria-invalid="true"`),
      );
      if (fields.reference) expect(res.text).toContain(`value="${esc(fields.reference)}"`);
      if (fields.publicIp) expect(res.text).toContain(`value="${esc(fields.publicIp)}"`);
      await expectNothingExported();
    },
  );

  it('refuses a form with a wrong token and exports nothing', async () => {
    const r = await residentSession();
    const { agent } = await f.signIn('opj', 'requisition');
    const res = await agent
      .post('/requisition')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), reference: REFERENCE, ticket: r.code })
      .expect(403);
    expect(res.text).toContain(esc(fr['error.csrf']));
    await expectNothingExported();
  });

  it('says so clearly when the journal is off', async () => {
    await f.close();
    f = await consoleFixture({}, { deps: (d) => ({ ...d, journal: null }) });
    const { agent, csrf } = await f.signIn('opj', 'requisition');
    const page = await agent.get('/requisition').expect(503);
    expect(page.text).toContain(esc(fr['requisition.unavailable']));
    expect(page.text).not.toContain('action="/requisition"');
    const post = await agent
      .post('/requisition')
      .type('form')
      .send({ _csrf: csrf, reference: REFERENCE, ticket: 'AAAA-AAAA-AAAA' })
      .expect(503);
    expect(post.text).toContain(esc(fr['requisition.unavailable']));
    expect(await exported()).toBe(0);
    const { agent: manager } = await f.signIn('manon', 'manager');
    const audit = await manager.get('/requisition/audit').expect(503);
    expect(audit.text).toContain(esc(fr['err.ECN_ERR_JOURNAL_UNAVAILABLE']));
  });
});
