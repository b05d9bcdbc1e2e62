// An access point's Disconnect/CoA port (RFC 5176) for tests. No access point runs on this
// machine, so this small UDP listener is the one stand-in: it reads only requests signed with
// the shared secret (Request Authenticator and Message-Authenticator), as a real access point
// does, keeps them in order, and answers each as the test says: ACK, NAK (with an Error-Cause
// on a Disconnect-NAK), or nothing at all.

import dgram from 'node:dgram';
import {
  RadiusCode,
  buildResponse,
  decodePacket,
  loadDictionaryFile,
  makeAttribute,
  verifyMessageAuthenticator,
  verifyRequestAuthenticator,
  type DecodedRadiusPacket,
} from '../../src/radius/index';
import { SHIPPED_DICTIONARY } from '../../src/radius/radius-components';

export type NasAnswer = 'ack' | 'nak' | 'ignore';

const dictionary = loadDictionaryFile(SHIPPED_DICTIONARY);

export class FakeNas {
  /** Every correctly signed request, in order. */
  readonly received: DecodedRadiusPacket[] = [];
  /** Requests dropped because their signature did not check (a test expecting none asserts 0). */
  unsigned = 0;
  /** What to answer to the n-th signed request (1-based). */
  answer: (n: number) => NasAnswer = () => 'ack';

  private constructor(
    private readonly socket: dgram.Socket,
    private readonly secret: string,
  ) {
    socket.on('message', (datagram, rinfo) => this.onRequest(datagram, rinfo));
  }

  static async start(secret: string): Promise<FakeNas> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
    return new FakeNas(socket, secret);
  }

  get port(): number {
    return this.socket.address().port;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.socket.close(() => r()));
  }

  private onRequest(datagram: Buffer, rinfo: dgram.RemoteInfo): void {
    if (
      !verifyRequestAuthenticator(datagram, this.secret) ||
      verifyMessageAuthenticator(datagram, this.secret) !== 'valid'
    ) {
      this.unsigned++;
      return;
    }
    const request = decodePacket(datagram);
    this.received.push(request);
    const answer = this.answer(this.received.length);
    if (answer === 'ignore') return;
    const coa = request.code === RadiusCode.CoaRequest;
    const code = coa
      ? answer === 'ack'
        ? RadiusCode.CoaAck
        : RadiusCode.CoaNak
      : answer === 'ack'
        ? RadiusCode.DisconnectAck
        : RadiusCode.DisconnectNak;
    const attributes =
      answer === 'nak' && !coa ? [makeAttribute(dictionary, 'Error-Cause', 'Session-Context-Not-Found')] : [];
    const reply = buildResponse({
      code,
      identifier: request.identifier,
      requestAuthenticator: request.authenticator,
      attributes,
      secret: this.secret,
    });
    this.socket.send(reply, rinfo.port, rinfo.address);
  }
}
