// The authentication server's pipeline: one Access-Request in, an Access-Accept or
// Access-Reject out, or silence. Each step is a small function; `handle` shows their order.

import { makeDevice, normalizeMac, type Device } from '../domain/device';
import { EcnError, isEcnError, type ErrorCode } from '../domain/errors';
import type { EventBus, RadiusAuthMethod, RadiusDropReason } from '../domain/events';
import type { Redemption } from '../domain/ticket';
import type { ThrottlePolicy } from '../domain/throttle';
import { formatCode, isWellFormedCode, normalizeCode } from '../domain/ticket-code';
import type { Logger } from '../log';
import { sameCode } from '../services/find-ticket';
import { findTicketForMac } from '../services/find-device-ticket';
import type { ServiceDeps } from '../services/deps';
import type { AccessPolicy } from '../services/client-access';
import { redeemTicket } from '../services/redeem-ticket';
import { acceptCharterByTicket } from '../services/accept-charter';
import { decodeAttributeValue } from './attribute-values';
import { AttributeType } from './attribute-types';
import { buildResponse } from './build-packet';
import { readChapCredentials, verifyChapPassword, type ChapCredentials } from './chap';
import type { Dictionary } from './dictionary';
import { DuplicateCache } from './duplicate-cache';
import { verifyMessageAuthenticator } from './message-authenticator';
import type { NasClient, NasTable } from './nas-table';
import { decodePacket, type DecodedRadiusPacket } from './packet';
import { RadiusCode } from './packet-codes';
import { proxyStateAttributes } from './proxy-state';
import { RadiusDecodeError } from './radius-decode-error';
import { acceptAttributes } from './reply-attributes';
import { closedReplyMessage, replyMessage, type ReplyLanguage } from './reply-messages';
import { capGrantAtClosing, nextOpeningOf, refuseWhileClosed, type HoursDeps } from './opening-hours-step';
import type { Source } from './udp-server';
import { unhideUserPassword } from './user-password';
import { makeAttribute } from './attributes';
import { limitGuesses, type GuessSource } from './guess-limits';

export interface RadiusHandlerOptions {
  interimIntervalSeconds: number;
  duplicateWindowMs: number;
  replyLanguage: ReplyLanguage;
  /** Wrong PAP/CHAP codes allowed per device (Calling-Station-Id) and per access point. */
  guessing: { station: ThrottlePolicy; nas: ThrottlePolicy };
}

/** What the RADIUS servers use: the store and clock, and the space's opening hours when it has any. */
export type RadiusServices = Pick<ServiceDeps, 'store' | 'clock' | 'events' | 'newId'> & {
  policy?: Pick<AccessPolicy, 'openingHours'>;
};

export interface RadiusHandlerDeps {
  services: RadiusServices;
  dictionary: Dictionary;
  nasTable: NasTable;
  logger: Logger;
  options: RadiusHandlerOptions;
}

/** What the Access-Request says, read in one pass over its attributes. */
interface AccessAttributes {
  userName: string | null;
  password: string | null;
  chap: ChapCredentials | undefined;
  callingStationId: string | null;
  /** The Calling-Station-Id as a canonical MAC, or null: normalised once per request. */
  callingMac: string | null;
  framedIp: string | null;
}

type Credentials =
  | { method: 'pap'; code: string; password: string }
  | { method: 'chap'; code: string; chap: ChapCredentials }
  | { method: 'mac'; mac: string }
  | { method: 'none' };

type Decision = { method: RadiusAuthMethod } & (
  { granted: Redemption } | { refused: ErrorCode; nextOpening?: number | null }
);

/** Refusals that are the resident's ticket or device, answered with an Access-Reject. */
function isRefusal(err: unknown): err is EcnError {
  return (
    isEcnError(err) &&
    (err.code.startsWith('ECN_ERR_TICKET_') ||
      err.code.startsWith('ECN_ERR_RADIUS_') ||
      err.code === 'ECN_ERR_DEVICE_INVALID' ||
      err.code === 'ECN_ERR_SPACE_CLOSED')
  );
}

export class AccessRequestHandler {
  private readonly duplicates: DuplicateCache;
  private readonly events: EventBus;
  private readonly hours: HoursDeps;

  constructor(private readonly deps: RadiusHandlerDeps) {
    this.events = deps.services.events;
    this.hours = { policy: deps.services.policy ?? {}, clock: deps.services.clock, events: this.events };
    this.duplicates = new DuplicateCache(deps.options.duplicateWindowMs, () => deps.services.clock.now());
  }

  readonly handle = (datagram: Buffer, source: Source): Promise<Buffer | null> | null => {
    const nas = this.checkNas(source);
    if (nas === null) return null;
    const request = this.decode(datagram, nas);
    if (request === null) return null;
    if (!this.verifyAuthenticators(datagram, nas)) return null;
    const key = DuplicateCache.key(source.address, source.port, datagram);
    const earlier = this.duplicates.get(key);
    if (earlier !== undefined) {
      this.events.emit('radius.duplicate_answered', { server: 'auth', nas: nas.name });
      return earlier;
    }
    const reply = this.answer(request, nas);
    this.duplicates.set(key, reply);
    // A failure is dropped (the NAS retries); the retry must be handled afresh, not replayed.
    reply.catch(() => this.duplicates.delete(key));
    return reply;
  };

  private async answer(request: DecodedRadiusPacket, nas: NasClient): Promise<Buffer | null> {
    const attributes = this.readAttributes(request, nas);
    if (attributes === null) return null;
    const decision = await this.decide(attributes, nas);
    return this.reply(request, nas, decision);
  }

  private checkNas(source: Source): NasClient | null {
    const nas = this.deps.nasTable.match(source.address);
    if (nas === null) this.drop('unknown_client', null);
    return nas;
  }

  private decode(datagram: Buffer, nas: NasClient): DecodedRadiusPacket | null {
    let request: DecodedRadiusPacket;
    try {
      request = decodePacket(datagram, { copy: false });
    } catch (err) {
      if (err instanceof RadiusDecodeError) return this.drop(err.reason, nas);
      throw err;
    }
    if (request.code !== RadiusCode.AccessRequest) return this.drop('unexpected_code', nas);
    return request;
  }

  /** Message-Authenticator: required by default (BlastRADIUS), always checked when present. */
  private verifyAuthenticators(datagram: Buffer, nas: NasClient): boolean {
    const check = verifyMessageAuthenticator(datagram, nas.secret);
    if (check === 'invalid') {
      this.drop('bad_message_authenticator', nas);
      return false;
    }
    if (check === 'missing' && nas.requireMessageAuthenticator) {
      this.drop('missing_message_authenticator', nas);
      return false;
    }
    return true;
  }

  private readAttributes(request: DecodedRadiusPacket, nas: NasClient): AccessAttributes | null {
    const out: AccessAttributes = {
      userName: null,
      password: null,
      chap: undefined,
      callingStationId: null,
      callingMac: null,
      framedIp: null,
    };
    try {
      for (const a of request.attributes) {
        switch (a.type) {
          case AttributeType.UserName:
            out.userName ??= decodeAttributeValue('string', a.value) as string;
            break;
          case AttributeType.UserPassword:
            out.password ??= unhideUserPassword(a.value, nas.secret, request.authenticator).toString('utf8');
            break;
          case CALLING_STATION_ID:
            out.callingStationId ??= decodeAttributeValue('string', a.value) as string;
            break;
          case FRAMED_IP_ADDRESS:
            out.framedIp ??= decodeAttributeValue('ipaddr', a.value) as string;
            break;
        }
      }
      out.chap = readChapCredentials(request);
      if (out.callingStationId !== null) out.callingMac = normalizeMac(out.callingStationId);
    } catch (err) {
      if (err instanceof RadiusDecodeError) return this.drop(err.reason, nas);
      throw err;
    }
    return out;
  }

  /** Find the ticket, check the credentials against it, and check its limits (redeem). */
  private async decide(attributes: AccessAttributes, nas: NasClient): Promise<Decision> {
    let credentials: Credentials = { method: 'none' };
    try {
      credentials = this.credentials(attributes);
      const device = this.device(attributes);
      // Before any ticket is read: a login while closed consumes nothing (issue #15, item 1).
      refuseWhileClosed(this.hours, credentials.method !== 'none');
      const granted = await this.redeem(credentials, device, {
        station: attributes.callingStationId,
        stationMac: attributes.callingMac,
        nas,
      });
      return { method: credentials.method, granted: capGrantAtClosing(this.hours, granted) };
    } catch (err) {
      if (!isRefusal(err)) throw err;
      return { method: credentials.method, refused: err.code, nextOpening: nextOpeningOf(err) };
    }
  }

  private credentials(attributes: AccessAttributes): Credentials {
    const { userName, password, chap } = attributes;
    if (userName === null) return { method: 'none' };
    const mac = normalizeMac(userName);
    const callingMac = attributes.callingMac;
    // A ticket code can be spelled with hex digits only; it is MAC authentication when the
    // User-Name is the calling device's own MAC (or no device is named and it is no code).
    if (mac !== null && (mac === callingMac || (callingMac === null && !isWellFormedCode(userName)))) {
      return { method: 'mac', mac };
    }
    if (chap !== undefined) return { method: 'chap', code: userName, chap };
    if (password !== null) return { method: 'pap', code: userName, password };
    return { method: 'none' };
  }

  private device(attributes: AccessAttributes): Device {
    return makeDevice({ mac: attributes.callingStationId, ip: attributes.framedIp });
  }

  private async redeem(credentials: Credentials, device: Device, from: GuessSource): Promise<Redemption> {
    const services = this.deps.services;
    switch (credentials.method) {
      case 'none':
        throw new EcnError('ECN_ERR_RADIUS_NO_CREDENTIALS', 'No ticket code or MAC address to check.');
      case 'pap': {
        const code = normalizeCode(credentials.code);
        if (!sameCode(normalizeCodeOrEmpty(credentials.password), code)) throw badPassword();
        // The ticket is read once: `admit` runs on it inside redeemTicket, before any decision.
        return limitGuesses(services, this.deps.options.guessing, from, async (admit) =>
          this.acceptPrintedCharter(
            device,
            await redeemTicket(services, { code, device, via: 'radius', admit }),
          ),
        );
      }
      case 'chap': {
        const code = normalizeCode(credentials.code); // a malformed code is refused before it counts
        return limitGuesses(services, this.deps.options.guessing, from, async (admit) =>
          this.acceptPrintedCharter(
            device,
            await redeemTicket(services, {
              code,
              device,
              via: 'radius',
              admit: async (ticket) => {
                // CHAP needs the cleartext code, which the store keeps (tickets are reprintable).
                const ok =
                  verifyChapPassword(credentials.chap, ticket.code) ||
                  verifyChapPassword(credentials.chap, formatCode(ticket.code));
                if (!ok) throw badPassword();
                await admit();
              },
            }),
          ),
        );
      }
      case 'mac': {
        const ticket = await findTicketForMac(services, credentials.mac);
        if (ticket === null) {
          throw new EcnError('ECN_ERR_RADIUS_MAC_UNKNOWN', 'This device holds no session and no ticket.');
        }
        return redeemTicket(services, { code: ticket.code, device, via: 'radius' });
      }
    }
  }

  /**
   * The access point showed its own page, not our charter: a device's first use of a printed
   * ticket accepts the charter version printed on it (issue #15, item 7). Only once the code
   * is granted, so a refused login records nothing; a device already bound accepted before.
   */
  private async acceptPrintedCharter(device: Device, granted: Redemption): Promise<Redemption> {
    if (granted.newDevice) {
      await acceptCharterByTicket(this.deps.services, {
        device,
        ticket: granted.ticket,
        lang: this.deps.options.replyLanguage,
      });
    }
    return granted;
  }

  private reply(request: DecodedRadiusPacket, nas: NasClient, decision: Decision): Buffer {
    const { dictionary, options } = this.deps;
    let code: number;
    let attributes;
    if ('granted' in decision) {
      code = RadiusCode.AccessAccept;
      attributes = acceptAttributes(dictionary, nas.kind, decision.granted, options);
      this.events.emit('radius.access_accepted', { nas: nas.name, method: decision.method });
    } else {
      code = RadiusCode.AccessReject;
      attributes = [makeAttribute(dictionary, 'Reply-Message', this.replyText(decision))];
      this.events.emit('radius.access_rejected', {
        nas: nas.name,
        method: decision.method,
        reason: decision.refused,
      });
      this.deps.logger.debug(
        { nas: nas.name, method: decision.method, reason: decision.refused },
        'Access-Reject',
      );
    }
    return buildResponse({
      code,
      identifier: request.identifier,
      requestAuthenticator: request.authenticator,
      attributes: [...attributes, ...proxyStateAttributes(request)],
      secret: nas.secret,
    });
  }

  private replyText(decision: { refused: ErrorCode; nextOpening?: number | null }): string {
    const lang = this.deps.options.replyLanguage;
    if (decision.refused !== 'ECN_ERR_SPACE_CLOSED') return replyMessage(decision.refused, lang);
    const timeZone = this.deps.services.policy?.openingHours?.()?.timeZone ?? 'UTC';
    return closedReplyMessage(lang, decision.nextOpening ?? null, timeZone);
  }

  private drop(reason: RadiusDropReason, nas: NasClient | null): null {
    this.events.emit('radius.request_dropped', { server: 'auth', reason, nas: nas?.name ?? null });
    // Debug only: an unknown or misconfigured sender must not be able to flood the log.
    this.deps.logger.debug({ server: 'auth', reason, nas: nas?.name ?? null }, 'RADIUS packet dropped');
    return null;
  }
}

const CALLING_STATION_ID = 31;
const FRAMED_IP_ADDRESS = 8;

function normalizeCodeOrEmpty(typed: string): string {
  try {
    return normalizeCode(typed);
  } catch {
    return '';
  }
}

function badPassword(): EcnError {
  return new EcnError('ECN_ERR_RADIUS_BAD_PASSWORD', 'The password does not match the ticket code.');
}
