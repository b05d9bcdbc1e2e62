// The console's tickets pages over HTTP: issuing a batch, its page with the codes, printing it
// as an HTML page or a PDF whose QR codes a phone can read, revoking a ticket (and cutting the
// resident's connection) or a whole batch, the list by state, every refusal, every role.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Role } from '../../../src/domain/console';
import { formatCode } from '../../../src/domain/ticket-code';
import { issueTickets } from '../../../src/services/issue-tickets';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { decodeFirstTicketQr, pdfInfo } from '../../helpers/qr';
import { tickets as catalog } from '../../../src/console/i18n/tickets';
import { escapeHtml as esc, binaryBody } from '../../helpers/http';
import { consoleMsg, consoleMsgHtml } from '../../helpers/messages';

/** HTML-escaped as EJS writes it, so catalog strings can be looked for in pages. */

/** Keeps a binary body (the PDF) as a Buffer in supertest. */

let f: ConsoleFixture;
beforeEach(async () => {
  f = await consoleFixture();
});
afterEach(async () => {
  await f.close();
});

/** The text of a PDF as a reader extracts it, on one line (a card may wrap a long line). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-tickets-pdf-'));
  try {
    const file = path.join(dir, 't.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function batchCount(): Promise<number> {
  return (await f.store.listBatches(10_000)).length;
}

/** A batch made by the service (not through the console), with its tickets in order. */
async function makeBatch(count = 3, profile?: string, note?: string) {
  const { batch } = await issueTickets(f.access, { count, profile, note, createdBy: 'test' });
  const tickets = await f.store.listTickets({ batchId: batch.id });
  return { batch, tickets };
}

function issue(a: SignedInAgent, fields: Record<string, string>) {
  return a.agent
    .post('/tickets/batches')
    .type('form')
    .send({ _csrf: a.csrf, profile: '1h', count: '12', note: '', layout: 'a4-12', ...fields });
}

describe('issuing and printing a batch', () => {
  it('creates 12 tickets, lists their codes and prints them on one A4 page with readable QR codes', async () => {
    const a = await f.signIn('amina', 'animator');
    const form = await a.agent.get('/tickets').expect(200);
    expect(form.text).toContain('<option value="1h" selected>1 heure</option>');
    expect(form.text).toContain('1 journée (1 jour)');
    expect(form.text).toMatch(/id="count"[^>]*value="12"/);
    expect(form.text).toContain('Rouleau 58 mm');
    expect(form.text).toMatch(/id="layout-a4-12"[^>]*checked/);

    const res = await issue(a, { note: 'atelier CV mardi', layout: 'a4-12' }).expect(303);
    const [batch] = await f.store.listBatches(10);
    expect(batch).toMatchObject({
      count: 12,
      profileName: '1h',
      note: 'atelier CV mardi',
      createdBy: 'amina',
    });
    expect(res.headers.location).toBe(`/tickets/batches/${batch!.id}?msg=issued&layout=a4-12`);

    const tickets = await f.store.listTickets({ batchId: batch!.id });
    const codes = tickets.map((t) => formatCode(t.code));
    expect(codes).toHaveLength(12);
    const page = await a.agent.get(res.headers.location!).expect(200);
    expect(page.text).toContain('12 tickets créés. Imprimez-les maintenant');
    for (const code of codes) expect(page.text).toContain(code);
    expect(page.text).toContain('Imprimer (page)');
    expect(page.text).toContain('Télécharger le PDF');
    expect(page.text).toContain(`formaction="/tickets/batches/${batch!.id}/print.pdf"`);
    expect(page.text).toMatch(/id="layout-a4-12"[^>]*checked/);
    expect(page.text).toContain('atelier CV mardi');

    const pdf = await a.agent
      .get(`/tickets/batches/${batch!.id}/print.pdf?layout=a4-12`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="tickets-2026-11-28-${batch!.id.slice(-8)}.pdf"`,
    );
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdfInfo(body)).pages).toBe(1);
    const link = await decodeFirstTicketQr(body, 'a4-12');
    const links = tickets.map((t) => `${f.settings.publicUrl}/t/${t.code}`);
    expect(links).toContain(link);

    const html = await a.agent.get(`/tickets/batches/${batch!.id}/print?layout=a4-12`).expect(200);
    for (const code of codes) expect(html.text).toContain(code);
    expect(html.text.match(/<svg class="qr-code"/g)).toHaveLength(12);
    expect(html.text).toContain('<link rel="stylesheet" href="/static/console-print.css">');
    expect(html.text).toContain(`<a href="/tickets/batches/${batch!.id}">Retour aux tickets</a>`);
    expect(html.text).toContain(`href="/tickets/batches/${batch!.id}/print.pdf?layout=a4-12"`);
    expect(html.text).toContain('Durée :');
    expect(html.text).toContain('1 heure');
    // Issue #15, item 7: the batch keeps the charter version in force, printed on every ticket
    // (page and PDF): using one of them accepts it where the access point shows its own page.
    const version = f.access.policy.charterVersion;
    expect(batch!.charterVersion).toBe(version);
    const charterLine = `Utiliser ce ticket vaut acceptation de la charte (version ${version}).`;
    expect(html.text.split(`<p class="charter">${charterLine}</p>`)).toHaveLength(13);
    expect(pdfText(body).split(charterLine)).toHaveLength(13);
    expect(html.text).not.toMatch(/<script|<style|\sstyle=/i);
    expect(html.headers['content-security-policy']).toContain("script-src 'none'");

    const audit = await f.store.listAudit({ limit: 50 });
    const mine = audit.filter((e) => e.action.startsWith('tickets.'));
    expect(mine.map((e) => e.action).sort()).toEqual([
      'tickets.issued',
      'tickets.printed',
      'tickets.printed',
    ]);
    expect(mine.find((e) => e.action === 'tickets.issued')).toMatchObject({
      actor: 'amina',
      target: batch!.id,
      details: { count: 12, profile: '1h', note: 'atelier CV mardi' },
    });
    for (const e of mine.filter((x) => x.action === 'tickets.printed')) {
      expect(e).toMatchObject({ target: batch!.id, details: { layout: 'a4-12', count: 12 } });
    }
    const json = JSON.stringify(audit);
    for (const t of tickets) {
      expect(json).not.toContain(t.code);
      expect(json).not.toContain(formatCode(t.code));
    }
  });

  it('prints the profile, the validity date, the note and the space on each ticket', async () => {
    const a = await f.signIn('amina', 'animator');
    const { batch, tickets } = await makeBatch(2, 'december', 'atelier CV mardi');
    const html = await a.agent.get(`/tickets/batches/${batch.id}/print?layout=receipt-80`).expect(200);
    expect(html.text).toContain('Décembre');
    expect(html.text).toContain(consoleMsgHtml('fr', 'tickets.validUntil', { date: '31/12/2026' }));
    expect(html.text).toContain('atelier CV mardi');
    expect(html.text).toContain('Espace de test');
    expect(html.text).toContain(`${f.settings.publicUrl}/t/${tickets[0]!.code}`);
    const en = await a.agent.get(`/tickets/batches/${batch.id}/print?layout=a4-8&lang=en`).expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Use before 31/12/2026');
    expect(en.text).toContain('1 hour');
  });

  it('prints a single ticket on a receipt and as a PDF, each audited', async () => {
    const a = await f.signIn('amina', 'animator');
    const { batch, tickets } = await makeBatch(3, '1d');
    const one = tickets[1]!;
    const html = await a.agent.get(`/tickets/${one.id}/print?layout=receipt-58`).expect(200);
    expect(html.text).toContain(formatCode(one.code));
    expect(html.text).not.toContain(formatCode(tickets[0]!.code));
    expect(html.text).toContain('1 jour');
    expect(html.text).toContain(`<a href="/tickets/batches/${batch.id}">`);
    expect(html.text).toContain(`href="/tickets/${one.id}/print.pdf?layout=receipt-58"`);
    const pdf = await a.agent
      .get(`/tickets/${one.id}/print.pdf?layout=receipt-80`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="tickets-2026-11-28-${one.id.slice(-8)}.pdf"`,
    );
    expect(await decodeFirstTicketQr(pdf.body as Buffer, 'receipt-80')).toBe(
      `${f.settings.publicUrl}/t/${one.code}`,
    );
    const printed = await f.store.listAudit({ limit: 10, action: 'tickets.printed' });
    expect(printed).toHaveLength(2);
    expect(printed.map((e) => e.target)).toEqual([one.id, one.id]);
    expect(printed.map((e) => e.details.layout).sort()).toEqual(['receipt-58', 'receipt-80']);
  });

  it('refuses an unknown print format with a French message and prints nothing', async () => {
    const a = await f.signIn('amina', 'animator');
    const { batch, tickets } = await makeBatch(2);
    for (const url of [
      `/tickets/batches/${batch.id}/print?layout=a5`,
      `/tickets/batches/${batch.id}/print.pdf?layout=A4-12`,
      `/tickets/${tickets[0]!.id}/print?layout=receipt-99`,
      `/tickets/${tickets[0]!.id}/print.pdf?layout=a4-8&layout=a4-12`,
    ]) {
      const res = await a.agent.get(url).expect(400);
      expect(res.text).toContain(consoleMsgHtml('fr', 'tickets.err.layout'));
    }
    expect(await f.store.listAudit({ limit: 10, action: 'tickets.printed' })).toEqual([]);
  });

  it('answers 404 for an unknown batch or ticket', async () => {
    const a = await f.signIn('amina', 'animator');
    for (const url of [
      '/tickets/batches/nope',
      '/tickets/batches/nope/print',
      '/tickets/batches/nope/print.pdf',
      '/tickets/nope/print',
      '/tickets/nope/print.pdf',
    ]) {
      const res = await a.agent.get(url).expect(404);
      expect(res.text).toContain(
        consoleMsgHtml(
          'fr',
          url.startsWith('/tickets/batches/') ? 'err.ECN_ERR_BATCH_UNKNOWN' : 'tickets.err.ticketUnknown',
        ),
      );
    }
    const before = await f.snapshot();
    await a.agent.post('/tickets/nope/revoke').type('form').send({ _csrf: a.csrf }).expect(404);
    await a.agent
      .post('/tickets/batches/nope/revoke')
      .type('form')
      .send({ _csrf: a.csrf, confirm: 'yes' })
      .expect(404);
    expect(await f.snapshot()).toBe(before);
  });
});

describe('a workshop batch with its own validity window', () => {
  // The fixture's clock is Saturday 28 November 2026; the workshop is Tuesday 8 December, Paris time.
  const window = { validFrom: '2026-12-08T14:00', validUntil: '2026-12-08T17:00' };

  it('reads the form in the space time zone, keeps the window, shows it and prints it', async () => {
    const a = await f.signIn('amina', 'animator');
    const form = await a.agent.get('/tickets').expect(200);
    expect(form.text).toMatch(/id="validFrom" name="validFrom" type="datetime-local"/);
    expect(form.text).toMatch(/id="validUntil" name="validUntil" type="datetime-local"/);

    const res = await issue(a, { count: '4', note: 'atelier mardi', profile: '1d', ...window }).expect(303);
    const [batch] = await f.store.listBatches(10);
    // 14:00 and 17:00 in Paris (UTC+1 in December).
    expect(batch).toMatchObject({
      validFrom: Date.UTC(2026, 11, 8, 13),
      validUntil: Date.UTC(2026, 11, 8, 16),
    });
    const tickets = await f.store.listTickets({ batchId: batch!.id });
    for (const t of tickets) {
      expect(t.limits).toMatchObject({
        validFrom: Date.UTC(2026, 11, 8, 13),
        validUntil: Date.UTC(2026, 11, 8, 16),
      });
    }
    const text = 'Valable le mardi 8 décembre de 14 h à 17 h';
    expect((await a.agent.get(res.headers.location!).expect(200)).text).toContain(text);
    const list = await a.agent.get('/tickets').expect(200);
    expect(list.text.split(text).length - 1).toBeGreaterThanOrEqual(1 + tickets.length);
    const html = await a.agent.get(`/tickets/batches/${batch!.id}/print?layout=receipt-58`).expect(200);
    expect(html.text).toContain(text);
    const en = await a.agent.get(`/tickets/batches/${batch!.id}/print?layout=a4-8&lang=en`).expect(200);
    expect(en.text).toContain('Valid on Tuesday 8 December from 14:00 to 17:00');
    const pdf = await a.agent
      .get(`/tickets/batches/${batch!.id}/print.pdf?layout=a4-12&lang=fr`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(pdfText(pdf.body as Buffer)).toContain(text);
  });

  it.each([
    [
      'ends before it starts',
      { validFrom: '2026-12-08T17:00', validUntil: '2026-12-08T14:00' },
      'validUntil',
      consoleMsg('fr', 'err.ECN_ERR_BATCH_WINDOW_INVERTED'),
    ],
    [
      'lies in the past',
      { validFrom: '2026-11-20T14:00', validUntil: '2026-11-20T17:00' },
      'validUntil',
      consoleMsg('fr', 'err.ECN_ERR_BATCH_WINDOW_PAST'),
    ],
    [
      'is unreadable',
      { validFrom: 'mardi 14h', validUntil: '' },
      'validFrom',
      consoleMsg('fr', 'err.ECN_ERR_BATCH_WINDOW_UNREADABLE'),
    ],
  ])(
    'refuses a window that %s with its message, keeps the values, creates nothing',
    async (_n, fields, id, msg) => {
      const a = await f.signIn('amina', 'animator');
      const before = await f.snapshot();
      const res = await issue(a, { count: '4', ...fields }).expect(400);
      // The whole message, which ends "Aucun ticket n’a été créé." in French.
      expect(res.text).toContain(esc(msg));
      expect(res.text).toMatch(new RegExp(`id="${id}"[^>]*aria-invalid="true"`));
      expect(res.text).toContain(`value="${esc(fields.validFrom)}"`);
      expect(await batchCount()).toBe(0);
      expect(await f.snapshot()).toBe(before);
      expect(await f.store.listAudit({ limit: 10, action: 'tickets.issued' })).toEqual([]);
    },
  );
});

describe('refused batches', () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ['zero tickets', { count: '0' }, 'count', consoleMsg('fr', 'err.ECN_ERR_BATCH_SIZE', { max: 500 })],
    [
      'too many tickets',
      { count: '100000' },
      'count',
      consoleMsg('fr', 'err.ECN_ERR_BATCH_SIZE', { max: 500 }),
    ],
    [
      'a count that is not a number',
      { count: 'douze' },
      'count',
      consoleMsg('fr', 'err.ECN_ERR_BATCH_SIZE', { max: 500 }),
    ],
    ['a decimal count', { count: '2.5' }, 'count', consoleMsg('fr', 'err.ECN_ERR_BATCH_SIZE', { max: 500 })],
    ['an empty count', { count: '' }, 'count', consoleMsg('fr', 'err.ECN_ERR_BATCH_SIZE', { max: 500 })],
    [
      'an unknown profile',
      { profile: 'illimite' },
      'profile',
      consoleMsg('fr', 'err.ECN_ERR_PROFILE_UNKNOWN'),
    ],
    [
      'a note too long',
      { note: 'n'.repeat(201) },
      'note',
      consoleMsg('fr', 'err.ECN_ERR_NOTE_TOO_LONG', { max: 200 }),
    ],
    ['an unknown print format', { layout: 'a3' }, 'layout', consoleMsg('fr', 'tickets.err.layout')],
  ];

  it.each(cases)(
    'refuses %s with a French message, keeps the values, writes nothing',
    async (_n, fields, name, msg) => {
      const a = await f.signIn('amina', 'animator');
      const before = await f.snapshot();
      const res = await issue(a, { note: 'atelier CV mardi', count: '7', ...fields }).expect(400);
      expect(res.text).toContain(esc(msg));
      expect(res.text).toContain('role="alert"');
      const id = name === 'layout' ? 'layout-a4-8' : name;
      expect(res.text).toMatch(new RegExp(`id="${id}"[^>]*aria-invalid="true"`));
      const note = fields.note ?? 'atelier CV mardi';
      expect(res.text).toContain(`value="${note}"`);
      if (fields.count !== undefined)
        expect(res.text).toMatch(new RegExp(`id="count"[^>]*value="${esc(fields.count)}"`));
      expect(await batchCount()).toBe(0);
      expect(await f.snapshot()).toBe(before);
      expect(await f.store.listAudit({ limit: 10, action: 'tickets.issued' })).toEqual([]);
    },
  );

  it('refuses a form sent without its page token (CSRF)', async () => {
    const a = await f.signIn('amina', 'animator');
    const res = await issue(a, { _csrf: 'B'.repeat(43) }).expect(403);
    expect(res.text).toContain(consoleMsgHtml('fr', 'error.csrf'));
    const none = await a.agent
      .post('/tickets/batches')
      .type('form')
      .send({ count: '3', layout: 'a4-8' })
      .expect(403);
    expect(none.text).toContain(consoleMsgHtml('fr', 'error.csrf'));
    expect(await batchCount()).toBe(0);
  });
});

describe('revoking', () => {
  it('revokes one ticket, cuts its open session, and prints only the tickets still usable', async () => {
    const a = await f.signIn('amina', 'animator');
    const { batch, tickets } = await makeBatch(3);
    const target = tickets[0]!;
    await f.residentLogin(formatCode(target.code));
    const [session] = await f.store.listOpenSessions();
    expect(session).toMatchObject({ ticketId: target.id });

    const page = await a.agent.get(`/tickets/batches/${batch.id}`).expect(200);
    expect(page.text).toContain('en cours d’utilisation');
    expect(page.text).toContain(`action="/tickets/${target.id}/revoke"`);

    const res = await a.agent
      .post(`/tickets/${target.id}/revoke`)
      .type('form')
      .send({ _csrf: a.csrf })
      .expect(303);
    expect(res.headers.location).toBe(`/tickets/batches/${batch.id}?msg=revoked`);
    expect((await f.store.getTicket(target.id))!.revokedBy).toBe('amina');
    expect(await f.store.listOpenSessions()).toEqual([]);
    expect((await f.store.getSession(session!.id))!.endedAt).not.toBeNull();

    const after = await a.agent.get(res.headers.location!).expect(200);
    expect(after.text).toContain(consoleMsgHtml('fr', 'tickets.msg.revoked'));
    expect(after.text).toContain('révoqué');
    expect(after.text).not.toContain(`action="/tickets/${target.id}/revoke"`);

    const again = await a.agent
      .post(`/tickets/${target.id}/revoke`)
      .type('form')
      .send({ _csrf: a.csrf })
      .expect(409);
    expect(again.text).toContain(consoleMsgHtml('fr', 'err.ECN_ERR_TICKET_ALREADY_REVOKED'));

    const html = await a.agent.get(`/tickets/batches/${batch.id}/print?layout=a4-8`).expect(200);
    expect(html.text).not.toContain(formatCode(target.code));
    expect(html.text).toContain(formatCode(tickets[1]!.code));
    expect(html.text).toContain(consoleMsgHtml('fr', 'tickets.print.skipped', { n: 1 }));
    // Asked for alone, a revoked ticket is still printed (to show the resident, say).
    const alone = await a.agent.get(`/tickets/${target.id}/print?layout=a4-8`).expect(200);
    expect(alone.text).toContain(formatCode(target.code));

    const revoked = await f.store.listAudit({ limit: 10, action: 'tickets.revoked' });
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ actor: 'amina', target: target.id, details: { count: 1 } });
    const json = JSON.stringify(await f.store.listAudit({ limit: 50 }));
    for (const t of tickets) expect(json).not.toContain(t.code);
  });

  it('revokes a whole batch only once confirmed, ending its sessions', async () => {
    const a = await f.signIn('boss', 'manager');
    const { batch, tickets } = await makeBatch(4);
    await f.residentLogin(formatCode(tickets[2]!.code));
    const before = await f.snapshot();
    const refused = await a.agent
      .post(`/tickets/batches/${batch.id}/revoke`)
      .type('form')
      .send({ _csrf: a.csrf })
      .expect(400);
    expect(refused.text).toContain(consoleMsgHtml('fr', 'tickets.err.confirm'));
    expect(refused.text).toMatch(/id="confirm"[^>]*aria-invalid="true"/);
    expect(await f.snapshot()).toBe(before);

    const res = await a.agent
      .post(`/tickets/batches/${batch.id}/revoke`)
      .type('form')
      .send({ _csrf: a.csrf, confirm: 'yes' })
      .expect(303);
    expect(res.headers.location).toBe(`/tickets/batches/${batch.id}?msg=batch-revoked`);
    for (const t of await f.store.listTickets({ batchId: batch.id })) expect(t.revokedAt).not.toBeNull();
    expect(await f.store.listOpenSessions()).toEqual([]);
    const page = await a.agent.get(res.headers.location!).expect(200);
    expect(page.text).toContain('Lot révoqué');
    expect(page.text).toContain(consoleMsgHtml('fr', 'tickets.batch.revokeAllNone'));
    const audit = await f.store.listAudit({ limit: 10, action: 'tickets.revoked' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'boss', target: batch.id, details: { count: 4 } });

    // Nothing left to print from it.
    const none = await a.agent.get(`/tickets/batches/${batch.id}/print?layout=a4-8`).expect(409);
    expect(none.text).toContain(consoleMsgHtml('fr', 'tickets.err.nothingToPrint'));
  });

  it('refuses a revocation without the page token', async () => {
    const a = await f.signIn('amina', 'animator');
    const { batch, tickets } = await makeBatch(2);
    const before = await f.snapshot();
    await a.agent
      .post(`/tickets/${tickets[0]!.id}/revoke`)
      .type('form')
      .send({ _csrf: 'x'.repeat(43) })
      .expect(403);
    await a.agent
      .post(`/tickets/batches/${batch.id}/revoke`)
      .type('form')
      .send({ confirm: 'yes' })
      .expect(403);
    expect(await f.snapshot()).toBe(before);
    expect(await f.store.listAudit({ limit: 10, action: 'tickets.revoked' })).toEqual([]);
  });
});

describe('the tickets page', () => {
  it('lists recent batches with their states and tickets by state, never with a code', async () => {
    const a = await f.signIn('amina', 'animator');
    const one = await makeBatch(3, '1h', 'atelier CV mardi');
    f.access.clock.advance(60_000);
    const two = await makeBatch(2, 'week');
    await a.agent
      .post(`/tickets/${one.tickets[0]!.id}/revoke`)
      .type('form')
      .send({ _csrf: a.csrf })
      .expect(303);

    const page = await a.agent.get('/tickets').expect(200);
    expect(page.text).toContain(`href="/tickets/batches/${one.batch.id}">Lot du 28/11/2026 10:00</a>`);
    expect(page.text).toContain(`href="/tickets/batches/${two.batch.id}">Lot du 28/11/2026 10:01</a>`);
    expect(page.text).toContain('atelier CV mardi');
    expect(page.text).toContain('1 semaine');
    expect(page.text).toContain('pas encore utilisé : 2');
    expect(page.text).toContain('révoqué : 1');
    expect(page.text).toContain('<td>test</td>');
    for (const t of [...one.tickets, ...two.tickets]) {
      expect(page.text).not.toContain(formatCode(t.code));
      expect(page.text).not.toContain(t.code);
      expect(page.text).toContain(t.id.slice(-8));
    }

    const revoked = await a.agent.get('/tickets?state=revoked').expect(200);
    expect(revoked.text).toContain(one.tickets[0]!.id.slice(-8));
    expect(revoked.text).not.toContain(one.tickets[1]!.id.slice(-8));
    expect(revoked.text).toMatch(/<option value="revoked" selected>/);
    expect(revoked.text).toContain('Tickets : révoqué (1 sur 1');

    const none = await a.agent.get('/tickets?state=expired').expect(200);
    expect(none.text).toContain(consoleMsgHtml('fr', 'tickets.list.none'));

    const bad = await a.agent.get('/tickets?state=lost').expect(400);
    expect(bad.text).toContain(consoleMsgHtml('fr', 'tickets.err.state'));
    expect(bad.text).toMatch(/id="state"[^>]*aria-invalid="true"/);
  });

  it('shows an empty space without batches', async () => {
    const a = await f.signIn('amina', 'animator');
    const page = await a.agent.get('/tickets').expect(200);
    expect(page.text).toContain(consoleMsgHtml('fr', 'tickets.batches.none'));
    expect(page.text).toContain('aria-current="page">Tickets<');
  });
});

describe('Wi-Fi and languages', () => {
  it('prints the space Wi-Fi and its join QR code, never putting the password in the audit', async () => {
    await f.close();
    f = await consoleFixture(
      {},
      {
        deps: (d) => ({
          ...d,
          space: () => ({
            name: 'ECN Alma',
            wifi: { ssid: 'ECN-Alma', security: 'WPA', password: 'velo-tram-2026' },
          }),
        }),
      },
    );
    const a = await f.signIn('amina', 'animator');
    const { batch } = await makeBatch(2);
    const html = await a.agent.get(`/tickets/batches/${batch.id}/print?layout=a4-8`).expect(200);
    expect(html.text).toContain('ECN-Alma');
    expect(html.text).toContain('velo-tram-2026');
    expect(html.text.match(/<svg class="qr-code"/g)).toHaveLength(4);
    expect(html.text).toContain('Tickets de connexion – ECN Alma');
    expect(JSON.stringify(await f.store.listAudit({ limit: 50 }))).not.toContain('velo-tram-2026');
  });

  it('shows the tickets pages in English when asked', async () => {
    const a = await f.signIn('amina', 'animator');
    const { batch } = await makeBatch(2, 'week');
    const list = await a.agent.get('/tickets?lang=en').expect(200);
    expect(list.text).toContain('<html lang="en">');
    expect(list.text).toContain('Create tickets');
    expect(list.text).toContain('1 semaine (7 days)');
    expect(list.text).toContain('not used yet: 2');
    const page = await a.agent.get(`/tickets/batches/${batch.id}`).expect(200);
    expect(page.text).toContain('Batch of tickets of 28/11/2026, 10:00');
    expect(page.text).toContain('Download the PDF');
    const refused = await issue(a, { count: '0' }).expect(400);
    expect(refused.text).toContain('The number of tickets must be a whole number from 1 to 500.');
  });

  it('has the same keys and placeholders in French and English', () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(catalog.en).sort()).toEqual(Object.keys(catalog.fr).sort());
    for (const [key, fr] of Object.entries(catalog.fr)) {
      expect([key, holes(catalog.en[key as keyof typeof catalog.en])]).toEqual([key, holes(fr)]);
    }
  });
});

describe('roles', () => {
  const ALLOWED: Role[] = ['animator', 'manager'];
  const REFUSED: Role[] = ['auditor', 'requisition'];

  async function routes() {
    const { batch, tickets } = await makeBatch(2);
    const t = tickets[0]!.id;
    const b = batch.id;
    const gets = [
      '/tickets',
      `/tickets/batches/${b}`,
      `/tickets/batches/${b}/print?layout=a4-8`,
      `/tickets/batches/${b}/print.pdf?layout=a4-8`,
      `/tickets/${t}/print?layout=receipt-58`,
      `/tickets/${t}/print.pdf?layout=receipt-58`,
    ];
    const posts: [string, Record<string, string>][] = [
      ['/tickets/batches', { profile: '1h', count: '2', layout: 'a4-8' }],
      [`/tickets/${t}/revoke`, {}],
      [`/tickets/batches/${b}/revoke`, { confirm: 'yes' }],
    ];
    return { gets, posts };
  }

  it.each(ALLOWED)('lets a %s open every tickets page and do every action', async (role) => {
    const a = await f.signIn(`u-${role}`, role);
    const { gets, posts } = await routes();
    for (const url of gets) {
      const res = await a.agent.get(url).buffer(true).parse(binaryBody);
      expect([url, res.status]).toEqual([url, 200]);
    }
    for (const [url, fields] of posts) {
      const res = await a.agent
        .post(url)
        .type('form')
        .send({ _csrf: a.csrf, ...fields });
      expect([url, res.status]).toEqual([url, 303]);
    }
    expect(await batchCount()).toBe(2);
  });

  it.each(REFUSED)('refuses every tickets page and action to a %s, changing nothing', async (role) => {
    const a = await f.signIn(`u-${role}`, role);
    const { gets, posts } = await routes();
    const before = await f.snapshot();
    for (const url of gets) {
      const res = await a.agent.get(url);
      expect([url, res.status]).toEqual([url, 403]);
      expect(res.text).toContain(consoleMsgHtml('fr', 'error.forbidden'));
    }
    for (const [url, fields] of posts) {
      const res = await a.agent
        .post(url)
        .type('form')
        .send({ _csrf: a.csrf, ...fields });
      expect([url, res.status]).toEqual([url, 403]);
    }
    expect(await f.snapshot()).toBe(before);
    expect(await batchCount()).toBe(1);
    const audit = await f.store.listAudit({ limit: 50 });
    expect(audit.filter((e) => e.action.startsWith('tickets.'))).toEqual([]);
  });

  it('sends a visitor who is not signed in to the login page and lets them change nothing', async () => {
    const { gets, posts } = await routes();
    for (const url of gets) {
      const res = await request(f.console).get(url).expect(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    const before = await f.snapshot();
    const agent = request.agent(f.console);
    const login = await agent.get('/login').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(login.text)![1]!;
    for (const [url, fields] of posts) {
      const res = await agent
        .post(url)
        .type('form')
        .send({ _csrf: token, ...fields });
      expect([url, res.status]).toEqual([url, 401]);
    }
    expect(await f.snapshot()).toBe(before);
    expect(await batchCount()).toBe(1);
  });
});
