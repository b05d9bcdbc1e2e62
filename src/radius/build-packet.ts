// Finished packets, authenticators and all: replies from our servers and requests from our
// Disconnect/CoA client (and from tests acting as a NAS).

import { AttributeType } from './attribute-types';
import { computeRequestAuthenticator, computeResponseAuthenticator } from './authenticators';
import { computeMessageAuthenticator, MESSAGE_AUTHENTICATOR_LENGTH } from './message-authenticator';
import { RADIUS_HEADER_LENGTH, type RadiusAttribute, encodePacket } from './packet';
import {
  RadiusCode,
  hasComputedRequestAuthenticator,
  hasRandomRequestAuthenticator,
  isResponseCode,
} from './packet-codes';
import type { RadiusSecret } from './secret';

export interface BuildResponseInput {
  readonly code: number;
  /** The identifier of the request being answered. */
  readonly identifier: number;
  readonly requestAuthenticator: Buffer;
  /** Without Message-Authenticator (see `messageAuthenticator`) and with any Proxy-State appended. */
  readonly attributes: readonly RadiusAttribute[];
  readonly secret: RadiusSecret;
  /**
   * Add a Message-Authenticator as the first attribute. Defaults to true for Access-Accept,
   * Access-Reject and Access-Challenge: putting it first is the BlastRADIUS mitigation (the
   * attacker's chosen-prefix collision needs attacker-controlled bytes before it).
   */
  readonly messageAuthenticator?: boolean;
}

export function buildResponse(input: BuildResponseInput): Buffer {
  if (!isResponseCode(input.code)) throw new RangeError(`code ${input.code} is not a response`);
  const withMessageAuthenticator =
    input.messageAuthenticator ??
    (input.code === RadiusCode.AccessAccept ||
      input.code === RadiusCode.AccessReject ||
      input.code === RadiusCode.AccessChallenge);
  const packet = encodeWithPlaceholder(input, input.requestAuthenticator, withMessageAuthenticator);
  if (withMessageAuthenticator) {
    computeMessageAuthenticator(packet, input.secret, input.requestAuthenticator).copy(
      packet,
      RADIUS_HEADER_LENGTH + 2,
    );
  }
  // The Response Authenticator covers the finished Message-Authenticator.
  computeResponseAuthenticator(packet, input.requestAuthenticator, input.secret).copy(packet, 4);
  return packet;
}

export interface BuildRequestInput {
  readonly code: number;
  readonly identifier: number;
  readonly attributes: readonly RadiusAttribute[];
  readonly secret: RadiusSecret;
  /**
   * Required for Access-Request and Status-Server (16 random octets, chosen before hiding the
   * User-Password); not allowed for the other requests, whose authenticator is computed.
   */
  readonly authenticator?: Buffer;
  /** Add a Message-Authenticator as the first attribute. Defaults to true for Access-Request and Status-Server. */
  readonly messageAuthenticator?: boolean;
}

export function buildRequest(input: BuildRequestInput): Buffer {
  if (hasRandomRequestAuthenticator(input.code)) {
    if (input.authenticator?.length !== 16)
      throw new RangeError(`code ${input.code} needs a 16-octet authenticator`);
    const withMessageAuthenticator = input.messageAuthenticator ?? true;
    const packet = encodeWithPlaceholder(input, input.authenticator, withMessageAuthenticator);
    if (withMessageAuthenticator) {
      computeMessageAuthenticator(packet, input.secret).copy(packet, RADIUS_HEADER_LENGTH + 2);
    }
    return packet;
  }
  if (hasComputedRequestAuthenticator(input.code)) {
    if (input.authenticator !== undefined)
      throw new RangeError(`code ${input.code} has a computed authenticator`);
    const withMessageAuthenticator = input.messageAuthenticator ?? false;
    const packet = encodeWithPlaceholder(input, Buffer.alloc(16), withMessageAuthenticator);
    // RFC 5176 §3.3: the HMAC is taken with a zero authenticator, then the authenticator covers it.
    if (withMessageAuthenticator) {
      computeMessageAuthenticator(packet, input.secret).copy(packet, RADIUS_HEADER_LENGTH + 2);
    }
    computeRequestAuthenticator(packet, input.secret).copy(packet, 4);
    return packet;
  }
  throw new RangeError(`code ${input.code} is not a request`);
}

function encodeWithPlaceholder(
  input: { code: number; identifier: number; attributes: readonly RadiusAttribute[] },
  authenticator: Buffer,
  withMessageAuthenticator: boolean,
): Buffer {
  if (input.attributes.some((attribute) => attribute.type === AttributeType.MessageAuthenticator)) {
    throw new TypeError('pass messageAuthenticator instead of a Message-Authenticator attribute');
  }
  const placeholder = {
    type: AttributeType.MessageAuthenticator,
    value: Buffer.alloc(MESSAGE_AUTHENTICATOR_LENGTH),
  };
  return encodePacket({
    code: input.code,
    identifier: input.identifier,
    authenticator,
    attributes: withMessageAuthenticator ? [placeholder, ...input.attributes] : input.attributes,
  });
}
