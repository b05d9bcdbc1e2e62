// Fuzz over loopback: 120 000 random and mutated datagrams to the running authentication and
// accounting servers, some re-signed with the secret so they get past the authenticator checks
// into attribute reading and the ticket rules. Every datagram must be classified (answered or
// dropped with a reason, never an unexpected exception), and the server must still accept a
// valid request afterwards. Seeded, so a failure can be replayed.

import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import {
  RadiusCode,
  buildRequest,
  computeMessageAuthenticator,
  computeRequestAuthenticator,
  hideUserPassword,
  loadDictionaryFile,
  makeAttribute,
} from '../../../src/radius/index';
import { SHIPPED_DICTIONARY } from '../../../src/radius/radius-components';
import { randomBytes, randomInt, seededRandom } from '../../unit/radius/radius-test-helpers';
import { NAS_MAC, SECRET, papLines, radclient, startHarness, type Harness } from './radius-harness';

jest.setTimeout(180_000);

const TOTAL = 120_000;
const CHUNK = 200;
const SEED = 0x0ec4_2026;
const dictionary = loadDictionaryFile(SHIPPED_DICTIONARY);

function seeds(code: string): Buffer[] {
  const authenticator = cryptoRandomBytes(16);
  const access = buildRequest({
    code: RadiusCode.AccessRequest,
    identifier: 1,
    authenticator,
    secret: SECRET,
    attributes: [
      makeAttribute(dictionary, 'User-Name', code),
      { type: 2, value: hideUserPassword(code, SECRET, authenticator) },
      makeAttribute(dictionary, 'Calling-Station-Id', NAS_MAC),
      makeAttribute(dictionary, 'Framed-IP-Address', '10.42.0.9'),
      makeAttribute(dictionary, 'WISPr-Location-Name', 'salle 1'),
    ],
  });
  const accounting = buildRequest({
    code: RadiusCode.AccountingRequest,
    identifier: 2,
    secret: SECRET,
    attributes: [
      makeAttribute(dictionary, 'Acct-Status-Type', 'Interim-Update'),
      makeAttribute(dictionary, 'Acct-Session-Id', 'fuzz'),
      makeAttribute(dictionary, 'User-Name', code),
      makeAttribute(dictionary, 'Calling-Station-Id', NAS_MAC),
      makeAttribute(dictionary, 'Acct-Input-Octets', 10),
      makeAttribute(dictionary, 'Acct-Output-Gigawords', 0),
    ],
    messageAuthenticator: true,
  });
  return [access, accounting];
}

function mutate(random: () => number, seed: Buffer): Buffer {
  const out = Buffer.from(seed);
  switch (randomInt(random, 6)) {
    case 0: // flip a few octets anywhere
      for (let i = randomInt(random, 4) + 1; i > 0; i--)
        out[randomInt(random, out.length)] = randomInt(random, 256);
      return out;
    case 1: // truncate, keeping or not the length field
      return out.subarray(0, randomInt(random, out.length));
    case 2: // lie in the length field
      out.writeUInt16BE(randomInt(random, 4200), 2);
      return out;
    case 3: // corrupt one attribute length
      out[20 + randomInt(random, Math.max(1, out.length - 20))] = randomInt(random, 4);
      return out;
    case 4: // append garbage attributes and fix the length field
      return fixLength(Buffer.concat([out, randomBytes(random, randomInt(random, 300))]));
    default: // change the code
      out[0] = randomInt(random, 50);
      return out;
  }
}

function fixLength(packet: Buffer): Buffer {
  if (packet.length >= 20 && packet.length <= 4096) packet.writeUInt16BE(packet.length, 2);
  return packet;
}

/** Signs a mutated packet again so that it passes the authenticator checks, where it can. */
function resign(packet: Buffer): Buffer {
  try {
    if (packet[0] === RadiusCode.AccessRequest) {
      const ma = computeMessageAuthenticator(packet, SECRET);
      const at = packet.indexOf(Buffer.from([80, 18]), 20);
      if (at >= 0) ma.copy(packet, at + 2);
    } else if (packet[0] === RadiusCode.AccountingRequest) {
      packet.fill(0, 4, 20);
      const at = packet.indexOf(Buffer.from([80, 18]), 20);
      if (at >= 0) computeMessageAuthenticator(packet, SECRET).copy(packet, at + 2);
      computeRequestAuthenticator(packet, SECRET).copy(packet, 4);
    }
  } catch {
    // Framing too broken to sign: it is sent as it is.
  }
  return packet;
}

describe('RADIUS servers under fuzzing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it(`classifies ${TOTAL} random and mutated datagrams and still answers a valid request`, async () => {
    const t = await h.ticket();
    const seedPackets = seeds(t.code);
    const random = seededRandom(SEED);
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
    let handled = 0;
    const count = () => handled++;
    const offs = [
      h.deps.events.on('radius.request_dropped', count),
      h.deps.events.on('radius.access_accepted', count),
      h.deps.events.on('radius.access_rejected', count),
      h.deps.events.on('radius.accounting_recorded', count),
      h.deps.events.on('radius.duplicate_answered', count),
    ];
    let sent = 0;
    try {
      while (sent < TOTAL) {
        for (let i = 0; i < CHUNK; i++) {
          const roll = random();
          let packet: Buffer;
          if (roll < 0.15) packet = randomBytes(random, randomInt(random, 120));
          else {
            const seed = seedPackets[randomInt(random, seedPackets.length)]!;
            packet = mutate(random, seed);
            if (roll > 0.85) packet = resign(packet);
          }
          const port = randomInt(random, 2) === 0 ? h.authPort : h.acctPort;
          socket.send(packet, port, '127.0.0.1');
          sent++;
        }
        // Let the servers catch up so the kernel queue never overflows: each datagram ends in
        // exactly one event (answered, rejected, recorded, duplicate or dropped with a reason).
        const deadline = Date.now() + 10_000;
        while (handled < sent && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      }
    } finally {
      offs.forEach((off) => off());
      await new Promise<void>((r) => socket.close(() => r()));
    }
    expect(sent).toBeGreaterThanOrEqual(100_000);
    expect(handled).toBe(sent);
    const reasons = new Map<string, number>();
    for (const e of h.events['radius.request_dropped'])
      reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
    // No datagram made a handler throw something it did not expect.
    expect(reasons.get('internal_error') ?? 0).toBe(0);
    // The mutations reached every check, not just the first one.
    for (const reason of [
      'too_short',
      'bad_length',
      'bad_attribute',
      'bad_message_authenticator',
      'bad_authenticator',
    ]) {
      expect(reasons.get(reason) ?? 0).toBeGreaterThan(0);
    }
    // Re-signed mutations got past the authenticators into the ticket rules and accounting.
    expect(h.events['radius.access_rejected'].length).toBeGreaterThan(0);
    expect(h.events['radius.accounting_recorded'].length).toBeGreaterThan(0);
    // And the server still answers.
    const fresh = await h.ticket();
    const r = await radclient(h.authPort, 'auth', papLines(fresh.code, { mac: 'AA-BB-CC-00-00-77' }));
    expect(r.code).toBe('Access-Accept');
  });
});
