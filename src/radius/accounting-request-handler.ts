// The accounting server's pipeline: one Accounting-Request in, an Accounting-Response out once
// the record is stored, or silence (RFC 2866 §2: no answer when it could not be recorded, so
// the NAS sends it again). `handle` shows the order of the steps.

import { makeDevice, type Device } from '../domain/device';
import type { EventBus, RadiusAccountingStatus, RadiusDropReason } from '../domain/events';
import type { EndCause } from '../domain/session';
import { recordAccounting, type AccountingRecord } from '../services/radius-accounting';
import type { RadiusHandlerDeps } from './access-request-handler';
import { getNumber, getOctets, getString } from './attributes';
import { verifyRequestAuthenticator } from './authenticators';
import { buildResponse } from './build-packet';
import { DuplicateCache } from './duplicate-cache';
import { verifyMessageAuthenticator } from './message-authenticator';
import type { NasClient } from './nas-table';
import { decodePacket, type DecodedRadiusPacket } from './packet';
import { RadiusCode } from './packet-codes';
import { proxyStateAttributes } from './proxy-state';
import { RadiusDecodeError } from './radius-decode-error';
import { ticketIdFromClass } from './reply-attributes';
import type { Source } from './udp-server';

const STATUS: Record<number, RadiusAccountingStatus> = {
  1: 'start',
  2: 'stop',
  3: 'interim',
  7: 'on',
  8: 'off',
};

// Acct-Terminate-Cause (RFC 2866 §5.10) to our end causes; anything else is a plain NAS stop.
const TERMINATE_CAUSE: Record<number, EndCause> = {
  1: 'logout', // User-Request
  4: 'idle', // Idle-Timeout
  5: 'expired', // Session-Timeout
  6: 'disconnected', // Admin-Reset
  7: 'nas-reboot', // Admin-Reboot
  11: 'nas-reboot', // NAS-Reboot
};

const TWO_32 = 2 ** 32;

export class AccountingRequestHandler {
  private readonly duplicates: DuplicateCache;
  private readonly events: EventBus;

  constructor(private readonly deps: RadiusHandlerDeps) {
    this.events = deps.services.events;
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
      this.events.emit('radius.duplicate_answered', { server: 'acct', nas: nas.name });
      return earlier;
    }
    const reply = this.answer(request, nas, source);
    this.duplicates.set(key, reply);
    reply.catch(() => this.duplicates.delete(key));
    return reply;
  };

  private async answer(request: DecodedRadiusPacket, nas: NasClient, source: Source): Promise<Buffer | null> {
    const record = this.readAttributes(request, nas, source);
    if (record === null) return null;
    const result = await recordAccounting(this.deps.services, record);
    this.events.emit('radius.accounting_recorded', {
      nas: nas.name,
      status: record.status,
      outcome: result.outcome,
    });
    return this.reply(request, nas);
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
    if (request.code !== RadiusCode.AccountingRequest) return this.drop('unexpected_code', nas);
    return request;
  }

  /** The Request Authenticator always; a Message-Authenticator when present. */
  private verifyAuthenticators(datagram: Buffer, nas: NasClient): boolean {
    if (!verifyRequestAuthenticator(datagram, nas.secret)) {
      this.drop('bad_authenticator', nas);
      return false;
    }
    if (verifyMessageAuthenticator(datagram, nas.secret) === 'invalid') {
      this.drop('bad_message_authenticator', nas);
      return false;
    }
    return true;
  }

  private readAttributes(
    request: DecodedRadiusPacket,
    nas: NasClient,
    source: Source,
  ): AccountingRecord | null {
    const { dictionary } = this.deps;
    try {
      const statusType = getNumber(dictionary, request, 'Acct-Status-Type');
      const octets = (name: string) => getNumber(dictionary, request, name);
      const input = octets('Acct-Input-Octets');
      const output = octets('Acct-Output-Octets');
      const totals =
        input === undefined && output === undefined
          ? null
          : {
              // Acct-Input is what the NAS received from the client: its upload.
              bytesOut: counter(input, octets('Acct-Input-Gigawords')),
              bytesIn: counter(output, octets('Acct-Output-Gigawords')),
            };
      const terminate = getNumber(dictionary, request, 'Acct-Terminate-Cause');
      return {
        status: statusType === undefined ? 'other' : (STATUS[statusType] ?? 'other'),
        nasAddress: normalizeSource(source.address),
        nasSessionId: getString(dictionary, request, 'Acct-Session-Id') ?? null,
        ticketId: ticketIdFromClass(getOctets(dictionary, request, 'Class')),
        userName: getString(dictionary, request, 'User-Name') ?? null,
        device: deviceOf(
          getString(dictionary, request, 'Calling-Station-Id'),
          getString(dictionary, request, 'Framed-IP-Address'),
        ),
        totals,
        endCause: (terminate !== undefined ? TERMINATE_CAUSE[terminate] : undefined) ?? 'nas-stop',
      };
    } catch (err) {
      if (err instanceof RadiusDecodeError) return this.drop(err.reason, nas);
      throw err;
    }
  }

  private reply(request: DecodedRadiusPacket, nas: NasClient): Buffer {
    return buildResponse({
      code: RadiusCode.AccountingResponse,
      identifier: request.identifier,
      requestAuthenticator: request.authenticator,
      attributes: proxyStateAttributes(request),
      secret: nas.secret,
    });
  }

  private drop(reason: RadiusDropReason, nas: NasClient | null): null {
    this.events.emit('radius.request_dropped', { server: 'acct', reason, nas: nas?.name ?? null });
    // Debug only: an unknown or misconfigured sender must not be able to flood the log.
    this.deps.logger.debug({ server: 'acct', reason, nas: nas?.name ?? null }, 'RADIUS packet dropped');
    return null;
  }
}

/**
 * Octets plus Gigawords (RFC 2869 §5.1). A session past a pebibyte is not a real counter; it is
 * refused as a bad value rather than let near-2^64 numbers into the ticket's usage.
 */
function counter(octets: number | undefined, gigawords: number | undefined): number {
  const total = (octets ?? 0) + (gigawords ?? 0) * TWO_32;
  if (total > MAX_SESSION_OCTETS) throw new RadiusDecodeError('bad_value', `octet counter ${total}`);
  return total;
}

const MAX_SESSION_OCTETS = 2 ** 50;

function deviceOf(callingStationId: string | undefined, framedIp: string | undefined): Device | null {
  try {
    return makeDevice({ mac: callingStationId ?? null, ip: framedIp ?? null });
  } catch {
    return null;
  }
}

export function normalizeSource(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
