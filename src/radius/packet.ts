// RADIUS packet framing (RFC 2865 §3, §5): bytes to a raw attribute list and back. Pure and
// bounds-checked; every malformed shape becomes a RadiusDecodeError with a stable reason.

import { AttributeType } from './attribute-types';
import { RadiusDecodeError } from './radius-decode-error';
import { decodeVendorSpecific } from './vendor-specific';

export const RADIUS_HEADER_LENGTH = 20;
export const RADIUS_MAX_PACKET_LENGTH = 4096;
export const RADIUS_AUTHENTICATOR_LENGTH = 16;
/** 255 minus the type and length octets. */
export const RADIUS_MAX_ATTRIBUTE_VALUE_LENGTH = 253;

export interface RadiusAttribute {
  readonly type: number;
  readonly value: Buffer;
}

/** One sub-attribute of a Vendor-Specific attribute in the RFC 2865 §5.26 layout. */
export interface VendorAttribute {
  readonly vendorId: number;
  readonly vendorType: number;
  readonly value: Buffer;
}

export interface RadiusPacket {
  readonly code: number;
  readonly identifier: number;
  readonly authenticator: Buffer;
  /** Every top-level attribute in wire order; Vendor-Specific ones stay here in raw form. */
  readonly attributes: readonly RadiusAttribute[];
}

export interface DecodedRadiusPacket extends RadiusPacket {
  /** The sub-attributes of every Vendor-Specific attribute, in wire order. */
  readonly vendorAttributes: readonly VendorAttribute[];
}

/**
 * Decodes one datagram. Octets after the Length field are padding and ignored (RFC 2865 §3).
 * Returned buffers are copies, so the caller may reuse the datagram; a server that owns each
 * datagram (dgram hands out a new Buffer per message) may pass `{ copy: false }` to get views
 * and spare the allocations.
 */
export function decodePacket(datagram: Buffer, options: { copy?: boolean } = {}): DecodedRadiusPacket {
  const copy = options.copy ?? true;
  if (datagram.length < RADIUS_HEADER_LENGTH) {
    throw new RadiusDecodeError('too_short', `datagram of ${datagram.length} octets`);
  }
  const length = datagram.readUInt16BE(2);
  if (length > RADIUS_MAX_PACKET_LENGTH) {
    throw new RadiusDecodeError('too_long', `length field ${length}`);
  }
  if (length < RADIUS_HEADER_LENGTH || length > datagram.length) {
    throw new RadiusDecodeError(
      'bad_length',
      `length field ${length}, datagram of ${datagram.length} octets`,
    );
  }

  const attributes: RadiusAttribute[] = [];
  const vendorAttributes: VendorAttribute[] = [];
  let offset = RADIUS_HEADER_LENGTH;
  while (offset < length) {
    if (length - offset < 2) {
      throw new RadiusDecodeError('bad_attribute', `attribute header cut at offset ${offset}`);
    }
    const type = datagram.readUInt8(offset);
    const attributeLength = datagram.readUInt8(offset + 1);
    if (type === 0) {
      // Type 0 is not assignable; FreeRADIUS also rejects it, so no NAS sends it.
      throw new RadiusDecodeError('bad_attribute', `attribute type 0 at offset ${offset}`);
    }
    if (attributeLength < 2) {
      throw new RadiusDecodeError('bad_attribute', `attribute ${type} has length ${attributeLength}`);
    }
    if (offset + attributeLength > length) {
      throw new RadiusDecodeError(
        'bad_attribute',
        `attribute ${type} at offset ${offset} overflows the packet`,
      );
    }
    const view = datagram.subarray(offset + 2, offset + attributeLength);
    const value = copy ? Buffer.from(view) : view;
    attributes.push({ type, value });
    if (type === AttributeType.VendorSpecific) {
      vendorAttributes.push(...decodeVendorSpecific(value));
    }
    offset += attributeLength;
  }

  return {
    code: datagram.readUInt8(0),
    identifier: datagram.readUInt8(1),
    authenticator: copy
      ? Buffer.from(datagram.subarray(4, RADIUS_HEADER_LENGTH))
      : datagram.subarray(4, RADIUS_HEADER_LENGTH),
    attributes,
    vendorAttributes,
  };
}

/**
 * Encodes a packet with the authenticator it is given; computing authenticators is the job of
 * build-packet.ts. Invalid input is a programming error and throws RangeError.
 */
export function encodePacket(packet: RadiusPacket): Buffer {
  checkOctet('code', packet.code);
  checkOctet('identifier', packet.identifier);
  if (packet.authenticator.length !== RADIUS_AUTHENTICATOR_LENGTH) {
    throw new RangeError(`authenticator must be ${RADIUS_AUTHENTICATOR_LENGTH} octets`);
  }
  let length = RADIUS_HEADER_LENGTH;
  for (const attribute of packet.attributes) {
    checkOctet('attribute type', attribute.type);
    if (attribute.type === 0) throw new RangeError('attribute type 0 is not valid');
    if (attribute.value.length > RADIUS_MAX_ATTRIBUTE_VALUE_LENGTH) {
      throw new RangeError(
        `attribute ${attribute.type} value of ${attribute.value.length} octets exceeds 253`,
      );
    }
    length += 2 + attribute.value.length;
  }
  if (length > RADIUS_MAX_PACKET_LENGTH) {
    throw new RangeError(`packet of ${length} octets exceeds ${RADIUS_MAX_PACKET_LENGTH}`);
  }

  const out = Buffer.alloc(length);
  out.writeUInt8(packet.code, 0);
  out.writeUInt8(packet.identifier, 1);
  out.writeUInt16BE(length, 2);
  packet.authenticator.copy(out, 4);
  let offset = RADIUS_HEADER_LENGTH;
  for (const attribute of packet.attributes) {
    out.writeUInt8(attribute.type, offset);
    out.writeUInt8(2 + attribute.value.length, offset + 1);
    attribute.value.copy(out, offset + 2);
    offset += 2 + attribute.value.length;
  }
  return out;
}

/**
 * Offsets of the attributes of one type in an encoded packet, for the crypto helpers that must
 * rewrite a value in place. Returns null when the framing is broken.
 */
export function findAttributeOffsets(packet: Buffer, type: number): number[] | null {
  if (packet.length < RADIUS_HEADER_LENGTH) return null;
  const length = packet.readUInt16BE(2);
  if (length < RADIUS_HEADER_LENGTH || length > packet.length || length > RADIUS_MAX_PACKET_LENGTH)
    return null;
  const found: number[] = [];
  let offset = RADIUS_HEADER_LENGTH;
  while (offset < length) {
    if (length - offset < 2) return null;
    const attributeLength = packet.readUInt8(offset + 1);
    if (attributeLength < 2 || offset + attributeLength > length) return null;
    if (packet.readUInt8(offset) === type) found.push(offset);
    offset += attributeLength;
  }
  return found;
}

function checkOctet(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new RangeError(`${what} must be an integer from 0 to 255, got ${value}`);
  }
}
