// Guessing ticket codes over RADIUS PAP and CHAP: radclient and raw datagrams sent at once from
// one Calling-Station-Id, then from many. After the allowance the requests are rejected
// unchecked with a Reply-Message saying to wait, the right code too; another device on the same
// access point is not affected, until so many devices guess that the access point waits.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { CODE_ALPHABET, formatCode } from '../../../src/domain/ticket-code';
import type { GuessLimit } from '../../../src/domain/throttle';
import {
  AttributeType,
  RadiusCode,
  buildRequest,
  computeChapResponse,
  decodePacket,
  hideUserPassword,
  loadDictionaryFile,
  makeAttribute,
} from '../../../src/radius/index';
import { SHIPPED_DICTIONARY } from '../../../src/radius/radius-components';
import { SECRET, papLines, radclient, startHarness, type Harness } from './radius-harness';

jest.setTimeout(60_000);

const dictionary = loadDictionaryFile(SHIPPED_DICTIONARY);
const MAX_TRIES = 5;
const NAS_MAX_TRIES = 30;
const REPLY_MESSAGE = 18;
const WAIT_TEXT = 'Trop de codes faux. Attendez quelques minutes avant de réessayer.';

function wrongCode(): string {
  return [...randomBytes(12)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

function papRequest(code: string, station: string, identifier: number): Buffer {
  const authenticator = randomBytes(16);
  return buildRequest({
    code: RadiusCode.AccessRequest,
    identifier,
    authenticator,
    secret: SECRET,
    attributes: [
      makeAttribute(dictionary, 'User-Name', formatCode(code)),
      { type: AttributeType.UserPassword, value: hideUserPassword(formatCode(code), SECRET, authenticator) },
      makeAttribute(dictionary, 'Calling-Station-Id', station),
    ],
  });
}

/** CHAP with the request authenticator as the challenge, as most access points do. */
function chapRequest(code: string, station: string, identifier: number): Buffer {
  const authenticator = randomBytes(16);
  const ident = identifier & 0xff;
  const response = computeChapResponse(ident, code, authenticator);
  return buildRequest({
    code: RadiusCode.AccessRequest,
    identifier,
    authenticator,
    secret: SECRET,
    attributes: [
      makeAttribute(dictionary, 'User-Name', code),
      { type: AttributeType.ChapPassword, value: Buffer.concat([Buffer.of(ident), response]) },
      makeAttribute(dictionary, 'Calling-Station-Id', station),
    ],
  });
}

interface Answer {
  code: number;
  replyMessage: string | null;
}

/** Sends every datagram at once from one socket and waits for as many answers. */
async function sendAll(port: number, datagrams: Buffer[]): Promise<Answer[]> {
  const socket = dgram.createSocket('udp4');
  const answers: Answer[] = [];
  let done: () => void = () => {};
  const all = new Promise<void>((r) => (done = r));
  socket.on('message', (m) => {
    const p = decodePacket(m);
    const reply = p.attributes.find((a) => a.type === REPLY_MESSAGE);
    answers.push({ code: p.code, replyMessage: reply ? reply.value.toString('utf8') : null });
    if (answers.length === datagrams.length) done();
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  for (const d of datagrams) socket.send(d, port, '127.0.0.1');
  const timer = setTimeout(done, 20_000);
  await all;
  clearTimeout(timer);
  await new Promise<void>((r) => socket.close(() => r()));
  return answers;
}

/** Every reply of one radclient run over several requests (radclient -p sends them together). */
async function radclientMany(port: number, requests: string[][]) {
  return new Promise<{ code: string; replyMessage: string | null }[]>((resolve, reject) => {
    const child = spawn(
      'radclient',
      ['-x', '-r', '1', '-t', '5', '-p', String(requests.length), `127.0.0.1:${port}`, 'auth', SECRET],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    // Its complaints about rejects go to stderr, which would interleave with the replies.
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => {
      const replies: { code: string; replyMessage: string | null }[] = [];
      for (const block of out.split(/\n(?=\S)/)) {
        const m = /^Received (\S+)/.exec(block);
        if (!m) continue;
        const msg = /Reply-Message = "(.*)"/.exec(block);
        replies.push({ code: m[1]!, replyMessage: msg ? msg[1]! : null });
      }
      resolve(replies);
    });
    child.stdin.end(requests.map((lines) => lines.join('\n')).join('\n\n') + '\n');
  });
}

describe('RADIUS guessing limits (PAP and CHAP)', () => {
  let h: Harness;
  let refused: GuessLimit[];
  beforeEach(async () => {
    h = await startHarness();
    refused = [];
    h.deps.events.on('guess.refused', (e) => refused.push(e.limit));
  });
  afterEach(async () => {
    await h.stop();
  });

  const reasons = () => h.events['radius.access_rejected'].map((e) => e.reason);
  const checked = () =>
    reasons().filter((r) => r === 'ECN_ERR_TICKET_UNKNOWN' || r === 'ECN_ERR_RADIUS_BAD_PASSWORD').length;

  it('200 wrong CHAP codes at once from one Calling-Station-Id: no more than the allowance is answered as wrong, the rest and the right code wait; another device is let in', async () => {
    const t = await h.ticket();
    const answers = await sendAll(
      h.authPort,
      Array.from({ length: 200 }, (_, i) => chapRequest(wrongCode(), 'AA-BB-CC-00-00-10', i)),
    );
    expect(answers).toHaveLength(200);
    expect(answers.every((a) => a.code === RadiusCode.AccessReject)).toBe(true);
    expect(checked()).toBeLessThanOrEqual(MAX_TRIES);
    expect(answers.filter((a) => a.replyMessage === WAIT_TEXT).length).toBeGreaterThanOrEqual(
      200 - MAX_TRIES,
    );

    const [right] = await sendAll(h.authPort, [chapRequest(t.code, 'aa:bb:cc:00:00:10', 7)]);
    expect(right).toEqual({ code: RadiusCode.AccessReject, replyMessage: WAIT_TEXT });
    expect(reasons().at(-1)).toBe('ECN_ERR_RADIUS_TOO_MANY_TRIES');
    expect(new Set(refused)).toEqual(new Set(['radius_station']));

    // The same access point still serves another device.
    const other = await h.ticket();
    const [ok] = await sendAll(h.authPort, [chapRequest(other.code, 'AA-BB-CC-00-00-11', 8)]);
    expect(ok!.code).toBe(RadiusCode.AccessAccept);

    // After the wait, the right code is accepted.
    h.deps.clock.advance(61_000);
    const [later] = await sendAll(h.authPort, [chapRequest(t.code, 'AA-BB-CC-00-00-10', 9)]);
    expect(later!.code).toBe(RadiusCode.AccessAccept);
  });

  it('radclient: wrong PAP codes from one device are rejected with a wait after the allowance, the right code too', async () => {
    const t = await h.ticket();
    const wrong = Array.from({ length: 20 }, () => papLines(wrongCode(), { mac: 'AA-BB-CC-00-00-20' }));
    const replies = await radclientMany(h.authPort, wrong);
    expect(replies).toHaveLength(20);
    expect(replies.every((r) => r.code === 'Access-Reject')).toBe(true);
    expect(checked()).toBeLessThanOrEqual(MAX_TRIES);
    expect(replies.filter((r) => r.replyMessage === WAIT_TEXT).length).toBeGreaterThanOrEqual(20 - MAX_TRIES);

    const right = await radclient(h.authPort, 'auth', papLines(t.code, { mac: 'AA-BB-CC-00-00-20' }));
    expect(right.code).toBe('Access-Reject');
    expect(right.attributes['Reply-Message']).toEqual([WAIT_TEXT]);

    const other = await h.ticket();
    const ok = await radclient(h.authPort, 'auth', papLines(other.code, { mac: 'AA-BB-CC-00-00-21' }));
    expect(ok.code).toBe('Access-Accept');
  });

  it('a refused real ticket does not count: the device keeps its allowance of wrong codes', async () => {
    const t = await h.ticket();
    for (let i = 0; i < MAX_TRIES - 1; i++) {
      const [a] = await sendAll(h.authPort, [papRequest(wrongCode(), 'AA-BB-CC-00-00-30', i)]);
      expect(a!.replyMessage).not.toBe(WAIT_TEXT);
    }
    // A real ticket on a second device past its one-device limit: refused, but not a guess.
    expect((await sendAll(h.authPort, [papRequest(t.code, 'AA-BB-CC-00-00-31', 50)]))[0]!.code).toBe(
      RadiusCode.AccessAccept,
    );
    for (let i = 0; i < 3; i++) {
      const [a] = await sendAll(h.authPort, [papRequest(t.code, 'AA-BB-CC-00-00-30', 60 + i)]);
      expect(reasons().at(-1)).toBe('ECN_ERR_TICKET_DEVICE_LIMIT');
      expect(a!.replyMessage).not.toBe(WAIT_TEXT);
    }
    // The fifth wrong code reaches the allowance: it already answers "wait", and so does the
    // right code after it.
    const [fifth] = await sendAll(h.authPort, [papRequest(wrongCode(), 'AA-BB-CC-00-00-30', 70)]);
    expect(fifth!.replyMessage).toBe(WAIT_TEXT);
    const other = await h.ticket();
    const [right] = await sendAll(h.authPort, [papRequest(other.code, 'AA-BB-CC-00-00-30', 71)]);
    expect(right).toEqual({ code: RadiusCode.AccessReject, replyMessage: WAIT_TEXT });
  });

  it('wrong codes from many devices at once: the access point waits after its own, higher allowance', async () => {
    const t = await h.ticket();
    const answers = await sendAll(
      h.authPort,
      Array.from({ length: 60 }, (_, i) =>
        papRequest(wrongCode(), `AA-BB-CC-00-01-${String(i).padStart(2, '0')}`, i),
      ),
    );
    expect(answers).toHaveLength(60);
    expect(checked()).toBeLessThanOrEqual(NAS_MAX_TRIES);
    expect(checked()).toBeGreaterThan(MAX_TRIES);
    expect(refused).toContain('radius_nas');
    // A fresh device with a right code waits too while the access point's wait runs …
    const [waiting] = await sendAll(h.authPort, [papRequest(t.code, 'AA-BB-CC-00-02-01', 100)]);
    expect(waiting).toEqual({ code: RadiusCode.AccessReject, replyMessage: WAIT_TEXT });
    // … and is let in once it is over.
    h.deps.clock.advance(61_000);
    const [ok] = await sendAll(h.authPort, [papRequest(t.code, 'AA-BB-CC-00-02-01', 101)]);
    expect(ok!.code).toBe(RadiusCode.AccessAccept);
  });
});
