// Issue #15, item 4 on the console: adding time to a session an access point holds sends it a
// CoA-Request with the new Session-Timeout; what it answers (ACK, NAK, nothing) is what the
// animator reads on the sessions page. The real Disconnect/CoA client sends to a small UDP
// listener in this test, the only stand-in: no access point runs on this machine.

import pino from 'pino';
import { consoleFixture, type ConsoleFixture } from '../../helpers/console';
import { FakeNas } from '../../helpers/fake-nas';
import { escapeHtml as esc } from '../../helpers/http';
import { CONSOLE_CATALOGS } from '../../../src/console/i18n';
import { RadiusCode, loadDictionaryFile } from '../../../src/radius/index';
import { SHIPPED_DICTIONARY } from '../../../src/radius/radius-components';
import { RadiusDisconnectClient } from '../../../src/radius/disconnect-client';
import { NasTable } from '../../../src/radius/nas-table';
import { makeDevice } from '../../../src/domain/device';
import { normalizeCode } from '../../../src/domain/ticket-code';
import { redeemTicket } from '../../../src/services/redeem-ticket';
import { startSession } from '../../../src/services/sessions';

jest.setTimeout(30_000);

const SECRET = 'ecn-coa-test-secret';
const fr = CONSOLE_CATALOGS.fr;

let f: ConsoleFixture;
let nas: FakeNas;
let client: RadiusDisconnectClient;

beforeEach(async () => {
  nas = await FakeNas.start(SECRET);
  f = await consoleFixture();
  client = new RadiusDisconnectClient({
    store: f.store,
    events: f.access.events,
    dictionary: loadDictionaryFile(SHIPPED_DICTIONARY),
    nasTable: new NasTable([
      {
        name: 'ap-hall',
        address: '127.0.0.1',
        secret: SECRET,
        kind: 'chilli',
        requireMessageAuthenticator: true,
        coaPort: nas.port,
      },
    ]),
    logger: pino({ level: 'silent' }),
    options: { bindHost: '127.0.0.1', timeoutMs: 300, retries: 1 },
  });
  await client.start();
  f.access.nasSessions = client;
});

afterEach(async () => {
  await client.stop();
  await f.close();
  await nas.stop();
});

/** A resident logged in through the access point: its session as RADIUS accounting records it. */
async function accessPointSession(): Promise<string> {
  const [code] = await f.tickets(1);
  const device = makeDevice({ mac: 'aa:bb:cc:00:00:09', ip: '10.42.0.9' });
  const { ticket } = await redeemTicket(f.access, { code: normalizeCode(code!), device, via: 'radius' });
  const s = await startSession(f.access, {
    ticketId: ticket.id,
    device,
    origin: { kind: 'nas', nas: '127.0.0.1' },
    nasSessionId: 'sess-9',
  });
  return s.id;
}

it.each([
  ['ack', 'extended', 'sessions.msg.extended', 1],
  ['nak', 'extendedApRefused', 'sessions.msg.extendedApRefused', 1],
  ['silent', 'extendedApSilent', 'sessions.msg.extendedApSilent', 2],
] as const)('an access point that answers %s: the animator reads it', async (a, msg, key, sent) => {
  nas.answer = () => (a === 'silent' ? 'ignore' : a);
  const sessionId = await accessPointSession();
  const animator = await f.signIn('amina', 'animator');
  const done = await animator.agent
    .post(`/sessions/${sessionId}/extend`)
    .type('form')
    .send({ _csrf: animator.csrf, add: '3600' });
  expect(done.status).toBe(303);
  expect(done.headers.location).toBe(`/sessions?msg=${msg}`);
  expect(nas.received.map((r) => r.code)).toEqual(Array(sent).fill(RadiusCode.CoaRequest));
  expect(nas.unsigned).toBe(0);
  const page = await animator.agent.get(done.headers.location as string).expect(200);
  expect(page.text).toContain(esc(fr[key]));
  const [entry] = await f.store.listAudit({ limit: 1, action: 'session.extended' });
  expect(entry).toMatchObject({
    actor: 'amina',
    target: sessionId,
    details: { addedMinutes: 60, accessPoint: `127.0.0.1: ${a === 'silent' ? 'timeout' : a}` },
  });
});
