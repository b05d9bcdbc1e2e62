// Issue #14, item 4: every console form is read by a zod schema at the edge. A hostile form (a
// field sent twice, a huge value, unknown fields) gets the answer a bad value of that field
// gets, on that field, and changes nothing: one case per route family. And the tickets page
// reads its recent batches with their tickets in one store call, not one per batch.

import type { Store } from '../../../src/domain/ports';
import { issueTickets } from '../../../src/services/issue-tickets';
import {
  consoleFixture,
  PASSWORD,
  signInAt,
  type ConsoleFixture,
  type SignedInAgent,
} from '../../helpers/console';

jest.setTimeout(120_000);

let f: ConsoleFixture;
let m: SignedInAgent;
/** Store calls the console's services made, by method name. */
let calls: Map<string, unknown[][]>;

function counting(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const list = calls.get(String(prop)) ?? [];
        list.push(args);
        calls.set(String(prop), list);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

beforeEach(async () => {
  calls = new Map();
  f = await consoleFixture({}, { wrapStore: counting });
  m = await f.signIn('marie', 'manager');
});
afterEach(async () => {
  await f.close();
});

/** A url-encoded body in which some fields appear several times (as a browser never sends). */
function formOf(a: SignedInAgent, fields: [string, string][]): string {
  const p = new URLSearchParams([['_csrf', a.csrf], ...fields]);
  return p.toString();
}

const auditOf = async (action: Parameters<Store['listAudit']>[0]['action']) =>
  f.store.listAudit({ limit: 50, action });

describe('hostile forms', () => {
  it('tickets: a count sent twice is refused on the count field; no batch, no audit', async () => {
    const res = await m.agent
      .post('/tickets/batches')
      .type('form')
      .send(
        formOf(m, [
          ['profile', '1h'],
          ['count', '3'],
          ['count', '4'],
          ['layout', 'a4-12'],
        ]),
      )
      .expect(400);
    expect(res.text).toMatch(/id="count"[^>]*aria-invalid="true"/);
    expect(await f.store.listBatches(10)).toEqual([]);
    expect(await auditOf('tickets.issued')).toEqual([]);
  });

  it('tickets: a huge note and unknown fields get the note refusal; no batch', async () => {
    const res = await m.agent
      .post('/tickets/batches')
      .type('form')
      .send(
        formOf(m, [
          ['profile', '1h'],
          ['count', '2'],
          ['layout', 'a4-12'],
          ['note', 'x'.repeat(5000)],
          ['role', 'manager'],
        ]),
      )
      .expect(400);
    expect(res.text).toMatch(/id="note"[^>]*aria-invalid="true"/);
    expect(await f.store.listBatches(10)).toEqual([]);
  });

  it('tickets: a batch revocation whose confirmation is sent twice asks again; nothing revoked', async () => {
    const { batch } = await issueTickets(f.access, { count: 2, createdBy: 'test' });
    const res = await m.agent
      .post(`/tickets/batches/${batch.id}/revoke`)
      .type('form')
      .send(
        formOf(m, [
          ['confirm', 'yes'],
          ['confirm', 'yes'],
        ]),
      )
      .expect(400);
    expect(res.text).toMatch(/id="confirm"[^>]*aria-invalid="true"/);
    const tickets = await f.store.listTickets({ batchId: batch.id });
    expect(tickets.every((t) => t.revokedAt === null)).toBe(true);
    expect(await auditOf('tickets.revoked')).toEqual([]);
  });

  it('users: a username sent twice is refused on the name field; no account', async () => {
    const before = (await f.store.listUsers()).length;
    const res = await m.agent
      .post('/users')
      .type('form')
      .send(
        formOf(m, [
          ['username', 'paul'],
          ['username', 'jean'],
          ['role', 'animator'],
          ['password', 'un mot de passe long'],
          ['password2', 'un mot de passe long'],
        ]),
      )
      .expect(400);
    expect(res.text).toMatch(/id="user-name"[^>]*aria-invalid="true"/);
    expect((await f.store.listUsers()).length).toBe(before);
    // Only marie's own creation, by the fixture.
    expect((await auditOf('user.created')).map((e) => e.target)).toEqual(['marie']);
  });

  it('devices: a MAC sent twice is refused on the MAC field; nothing trusted', async () => {
    const res = await m.agent
      .post('/devices')
      .type('form')
      .send(
        formOf(m, [
          ['mac', 'aa:bb:cc:00:00:01'],
          ['mac', 'aa:bb:cc:00:00:02'],
          ['label', 'PC 1'],
        ]),
      )
      .expect(400);
    expect(res.text).toMatch(/id="device-mac"[^>]*aria-invalid="true"/);
    expect(await f.store.listTrustedDevices(f.config.space.id)).toEqual([]);
    expect(await auditOf('device.trusted')).toEqual([]);
  });

  it('account: a new password sent twice is refused on the new-password field; the old one still works', async () => {
    const res = await m.agent
      .post('/account/password')
      .type('form')
      .send(
        formOf(m, [
          ['current', PASSWORD],
          ['password', 'un autre mot de passe'],
          ['password', 'un troisieme mot de passe'],
          ['password2', 'un autre mot de passe'],
        ]),
      )
      .expect(400);
    expect(res.text).toMatch(/id="account-new"[^>]*aria-invalid="true"/);
    await signInAt(f.console, 'marie', PASSWORD);
    expect(await auditOf('user.changed')).toEqual([]);
  });

  it('sessions: an amount of time sent twice is refused as an invalid amount; the ticket keeps its time', async () => {
    const { tickets } = await issueTickets(f.access, { count: 1, createdBy: 'test' });
    await f.residentLogin(tickets[0]!.code);
    const [session] = await f.store.listOpenSessions();
    const before = await f.store.getTicket(tickets[0]!.id);
    await m.agent
      .post(`/sessions/${session!.id}/extend`)
      .type('form')
      .send(
        formOf(m, [
          ['add', '900'],
          ['add', '900'],
        ]),
      )
      .expect(400);
    expect(await f.store.getTicket(tickets[0]!.id)).toEqual(before);
    expect(await auditOf('session.extended')).toEqual([]);
  });
});

describe('the tickets page reads in one go', () => {
  it('reads its recent batches with their tickets in one store call, whatever their number', async () => {
    for (let i = 0; i < 6; i++) {
      await issueTickets(f.access, { count: 2, createdBy: 'test' });
      f.access.clock.advance(1000);
    }
    calls.clear();
    const page = await m.agent.get('/tickets').expect(200);
    expect(page.text.match(/href="\/tickets\/batches\/[^"/]+"/g)?.length).toBeGreaterThanOrEqual(6);
    expect(calls.get('listBatchesWithTickets')).toHaveLength(1);
    // The ticket list itself is one read; no read per batch.
    expect((calls.get('listTickets') ?? []).filter(([q]) => (q as { batchId?: string }).batchId)).toEqual([]);
    expect(calls.get('getBatch') ?? []).toEqual([]);
  });
});
