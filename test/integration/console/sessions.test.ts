// The console's "connected now" page: a resident logged in on the portal shows up (only the end
// of the code), an animator disconnects the device or revokes its ticket, every refusal says
// why in French and changes nothing, and each role sees only what it may.

import request from 'supertest';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { HOUR } from '../../helpers/fakes';
import { startSession } from '../../../src/services/sessions';
import { makeDevice } from '../../../src/domain/device';
import type { Role } from '../../../src/domain/console';
import { consoleMsgHtml } from '../../helpers/messages';

let f: ConsoleFixture;
beforeEach(async () => {
  f = await consoleFixture();
});
afterEach(async () => {
  await f.close();
});

async function openOne(profile = 'week'): Promise<{ code: string; sessionId: string; ticketId: string }> {
  const [code] = await f.tickets(1, profile);
  await f.residentLogin(code!);
  const s = (await f.store.listOpenSessions()).find((o) => o.ticketId !== null);
  return { code: code!, sessionId: s!.id, ticketId: s!.ticketId! };
}

const post = (a: SignedInAgent, path: string, csrf = a.csrf) =>
  a.agent.post(path).type('form').send({ _csrf: csrf });

describe('who is connected now', () => {
  it('lists a resident’s device with the end of the code only, time and data left', async () => {
    const { code, ticketId } = await openOne();
    f.access.clock.advance(HOUR + 5 * 60_000);
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent.get('/sessions').expect(200);
    expect(res.text).toContain('<h1>Connexions en cours</h1>');
    expect(res.text).toContain('Appareils connectés : 1');
    expect(res.text).toContain('…' + code.slice(-4));
    expect(res.text).not.toContain(code);
    expect(res.text).not.toContain(code.replace(/-/g, ''));
    expect(res.text).not.toContain(code.slice(0, 9));
    expect(res.text).toContain('1 semaine');
    expect(res.text).toContain(`n° ${ticketId.slice(0, 8)}`);
    expect(res.text).toContain('IP 127.0.0.1');
    // Logged in at 10:00 Paris time (09:00 UTC), an hour and five minutes ago.
    expect(res.text).toContain('10:00, depuis 1 h 5 min');
    expect(res.text).toContain('6 j 22 h');
    expect(res.text).toContain('2 Go');
    expect(res.text).toContain('cette passerelle');
    expect(res.text).toContain(consoleMsgHtml('fr', 'sessions.updatedAt', { time: '11:05' }));
    expect(res.text).toContain('href="/sessions">Actualiser la liste</a>');
    expect(res.text).toContain('<caption>');
    expect(res.text).toContain(
      'Déconnecter cet appareil<span class="visually-hidden"> (IP 127.0.0.1)</span>',
    );
    expect(res.text).toContain('Révoquer son ticket');
    expect(res.text).not.toMatch(/<script|http-equiv="refresh"/i);
    expect(res.headers['content-security-policy']).toContain("script-src 'none'");
  });

  it('says when nobody is connected', async () => {
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent.get('/sessions').expect(200);
    expect(res.text).toContain(consoleMsgHtml('fr', 'sessions.empty'));
    expect(res.text).not.toContain('<table');
  });

  it('shows free access, the access point and the MAC address when known', async () => {
    await startSession(f.access, {
      ticketId: null,
      device: makeDevice({ mac: 'AA-BB-CC-00-11-22', ip: '10.0.0.7' }),
      origin: { kind: 'nas', nas: 'borne-accueil' },
    });
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent.get('/sessions').expect(200);
    expect(res.text).toContain('accès libre');
    expect(res.text).toContain('MAC aa:bb:cc:00:11:22');
    expect(res.text).not.toContain('10.0.0.7');
    expect(res.text).toContain('borne Wi-Fi borne-accueil');
    expect(res.text).toContain('sans limite');
    // No ticket, nothing to revoke: only "disconnect" is offered.
    expect(res.text).toContain('Déconnecter cet appareil');
    expect(res.text).not.toContain('Révoquer son ticket<');
  });

  it('shows the day too when the session started before today', async () => {
    f.access.clock.t = Date.UTC(2026, 10, 27, 22, 30); // 23:30 in Paris, the evening before
    await openOne('week');
    f.access.clock.advance(HOUR);
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent.get('/sessions').expect(200);
    expect(res.text).toContain('27 nov. à 23:30, depuis 1 h 0 min');
  });

  it('speaks English when asked', async () => {
    await openOne();
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent.get('/sessions?lang=en').expect(200);
    expect(res.text).toContain('<h1>Connected now</h1>');
    expect(res.text).toContain('Disconnect this device');
  });
});

describe('disconnecting a device', () => {
  it('ends the session with the cause "disconnected", audits it and says so', async () => {
    const { sessionId, ticketId } = await openOne();
    const ended: string[] = [];
    f.access.events.on('session.ended', (e) => ended.push(`${e.sessionId}:${e.cause}`));
    const a = await f.signIn('amina', 'animator');
    const res = await post(a, `/sessions/${sessionId}/disconnect`).expect(303);
    expect(res.headers.location).toBe('/sessions?msg=disconnected');
    const s = await f.store.getSession(sessionId);
    expect(s).toMatchObject({ endCause: 'disconnected' });
    expect(s!.endedAt).not.toBeNull();
    expect(ended).toEqual([`${sessionId}:disconnected`]);
    // The ticket stays valid.
    expect((await f.store.getTicket(ticketId))!.revokedAt).toBeNull();
    const audit = await f.store.listAudit({ limit: 10, action: 'session.disconnected' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'amina', target: sessionId });
    const page = await a.agent.get(res.headers.location!).expect(200);
    expect(page.text).toContain('L’appareil est déconnecté.');
    expect(page.text).toContain('role="status"');
    expect(page.text).not.toContain(`/sessions/${sessionId}/`);
    expect(page.text).toContain(consoleMsgHtml('fr', 'sessions.empty'));
  });

  it('refuses an unknown or ended session with a French message, changing nothing', async () => {
    const { sessionId } = await openOne();
    const a = await f.signIn('amina', 'animator');
    const before = await f.snapshot();
    for (const id of ['pas-une-session', 'x'.repeat(200), '%3Cscript%3E']) {
      const res = await post(a, `/sessions/${id}/disconnect`).expect(404);
      expect(res.text).toContain(consoleMsgHtml('fr', 'sessions.err.unknown'));
      expect(res.text).toContain('class="error-summary"');
      expect(res.text).not.toContain('<script>');
    }
    expect(await f.snapshot()).toBe(before);
    await post(a, `/sessions/${sessionId}/disconnect`).expect(303);
    const after = await f.snapshot();
    const again = await post(a, `/sessions/${sessionId}/disconnect`).expect(409);
    expect(again.text).toContain(consoleMsgHtml('fr', 'sessions.err.ended'));
    const revoke = await post(a, `/sessions/${sessionId}/revoke`).expect(409);
    expect(revoke.text).toContain(consoleMsgHtml('fr', 'sessions.err.ended'));
    expect(await f.snapshot()).toBe(after);
    expect(await f.store.listAudit({ limit: 10, action: 'session.disconnected' })).toHaveLength(1);
    expect(await f.store.listAudit({ limit: 10, action: 'tickets.revoked' })).toHaveLength(0);
  });

  it('refuses a form with a wrong token (403), changing nothing', async () => {
    const { sessionId } = await openOne();
    const a = await f.signIn('amina', 'animator');
    const before = await f.snapshot();
    for (const action of ['disconnect', 'revoke']) {
      const res = await post(a, `/sessions/${sessionId}/${action}`, 'A'.repeat(43)).expect(403);
      expect(res.text).toContain(consoleMsgHtml('fr', 'error.csrf'));
      await a.agent.post(`/sessions/${sessionId}/${action}`).type('form').send({}).expect(403);
    }
    expect(await f.snapshot()).toBe(before);
    expect(await f.store.listAudit({ limit: 10 })).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ action: 'session.disconnected' })]),
    );
  });
});

describe('revoking the ticket of a device', () => {
  it('revokes the ticket, ends every session under it, audits it', async () => {
    const { sessionId, ticketId } = await openOne();
    // The same ticket on a second device, through an access point.
    await startSession(f.access, {
      ticketId,
      device: makeDevice({ ip: '10.0.0.8' }),
      origin: { kind: 'nas', nas: 'borne' },
    });
    const a = await f.signIn('malik', 'manager');
    const res = await post(a, `/sessions/${sessionId}/revoke`).expect(303);
    expect(res.headers.location).toBe('/sessions?msg=revoked');
    const t = await f.store.getTicket(ticketId);
    expect(t).toMatchObject({ revokedBy: 'malik' });
    expect(t!.revokedAt).not.toBeNull();
    expect(await f.store.listOpenSessions()).toEqual([]);
    expect((await f.store.getSession(sessionId))!.endCause).toBe('revoked');
    const audit = await f.store.listAudit({ limit: 10, action: 'tickets.revoked' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'malik',
      target: ticketId,
      details: { count: 1, profile: 'week' },
    });
    expect(JSON.stringify(audit)).not.toContain(t!.code);
    const page = await a.agent.get(res.headers.location!).expect(200);
    expect(page.text).toContain(consoleMsgHtml('fr', 'sessions.msg.revoked'));
  });

  it('refuses to revoke free access (no ticket) or a ticket already revoked', async () => {
    const free = await startSession(f.access, {
      ticketId: null,
      device: makeDevice({ ip: '10.0.0.7' }),
      origin: { kind: 'local' },
    });
    const a = await f.signIn('amina', 'animator');
    const before = await f.snapshot();
    const res = await post(a, `/sessions/${free.id}/revoke`).expect(400);
    expect(res.text).toContain(consoleMsgHtml('fr', 'sessions.err.free'));
    expect(await f.snapshot()).toBe(before);

    // A ticket revoked elsewhere while its session is still listed (before the sweep ends it).
    const { sessionId, ticketId } = await openOne();
    await f.store.updateTicket(ticketId, (t) => ({ ...t, revokedAt: f.access.clock.now(), revokedBy: 'x' }));
    const snap = await f.snapshot();
    const again = await post(a, `/sessions/${sessionId}/revoke`).expect(409);
    expect(again.text).toContain(consoleMsgHtml('fr', 'sessions.err.alreadyRevoked'));
    expect(await f.snapshot()).toBe(snap);
    expect(await f.store.listAudit({ limit: 10, action: 'tickets.revoked' })).toHaveLength(0);
  });
});

describe('who may use the page', () => {
  const roles: [Role, number][] = [
    ['animator', 200],
    ['manager', 200],
    ['auditor', 403],
    ['requisition', 403],
  ];

  it.each(roles)('%s: list → %i, actions allowed only to animators and managers', async (role, status) => {
    const { sessionId } = await openOne();
    const a = await f.signIn(`u-${role}`, role);
    const list = await a.agent.get('/sessions').expect(status);
    if (status === 403) {
      expect(list.text).toContain(consoleMsgHtml('fr', 'error.forbidden'));
      const before = await f.snapshot();
      await post(a, `/sessions/${sessionId}/disconnect`).expect(403);
      await post(a, `/sessions/${sessionId}/revoke`).expect(403);
      expect(await f.snapshot()).toBe(before);
      expect(await f.store.listAudit({ limit: 10, action: 'session.disconnected' })).toHaveLength(0);
    } else {
      await post(a, `/sessions/${sessionId}/disconnect`).expect(303);
    }
  });

  it('sends a visitor who is not signed in to the sign-in page, changing nothing', async () => {
    const { sessionId } = await openOne();
    const res = await request(f.console).get('/sessions').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fsessions');
    const before = await f.snapshot();
    await request(f.console).post(`/sessions/${sessionId}/disconnect`).type('form').send({}).expect(403);
    expect(await f.snapshot()).toBe(before);
  });
});
