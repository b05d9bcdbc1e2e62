// Typed attribute values (RFC 8044 data types, FreeRADIUS names): bytes to JavaScript values and
// back. Decoding bad bytes throws RadiusDecodeError('bad_value'); encoding a bad value is a
// programming error and throws TypeError or RangeError.

import { TextDecoder } from 'node:util';
import { RadiusDecodeError } from './radius-decode-error';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './ip-address-text';

export const ATTRIBUTE_DATA_TYPES = [
  'string',
  'octets',
  'integer',
  'signed',
  'byte',
  'short',
  'integer64',
  'date',
  'ipaddr',
  'ipv6addr',
  'ipv6prefix',
  'ifid',
  'vsa',
] as const;

export type AttributeDataType = (typeof ATTRIBUTE_DATA_TYPES)[number];

/**
 * string, ipaddr, ipv6addr, ipv6prefix, ifid → string; integer, signed, byte, short → number;
 * integer64 → bigint; date → Date; octets, vsa → Buffer.
 */
export type AttributeValue = string | number | bigint | Date | Buffer;

// fatal: a User-Name that is not UTF-8 must not silently turn into replacement characters.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function isAttributeDataType(name: string): name is AttributeDataType {
  return (ATTRIBUTE_DATA_TYPES as readonly string[]).includes(name);
}

export function decodeAttributeValue(type: AttributeDataType, bytes: Buffer): AttributeValue {
  switch (type) {
    case 'string':
      try {
        return utf8.decode(bytes);
      } catch {
        throw new RadiusDecodeError('bad_value', 'string is not valid UTF-8');
      }
    case 'octets':
    case 'vsa':
      return Buffer.from(bytes);
    case 'integer':
      return fixed(type, bytes, 4).readUInt32BE(0);
    case 'signed':
      return fixed(type, bytes, 4).readInt32BE(0);
    case 'byte':
      return fixed(type, bytes, 1).readUInt8(0);
    case 'short':
      return fixed(type, bytes, 2).readUInt16BE(0);
    case 'integer64':
      return fixed(type, bytes, 8).readBigUInt64BE(0);
    case 'date':
      return new Date(fixed(type, bytes, 4).readUInt32BE(0) * 1000);
    case 'ipaddr':
      return formatIpv4(fixed(type, bytes, 4));
    case 'ipv6addr':
      return formatIpv6(fixed(type, bytes, 16));
    case 'ifid':
      return fixed(type, bytes, 8)
        .toString('hex')
        .replace(/(.{4})(?!$)/g, '$1:');
    case 'ipv6prefix':
      return decodeIpv6Prefix(bytes);
  }
}

export function encodeAttributeValue(type: AttributeDataType, value: AttributeValue): Buffer {
  switch (type) {
    case 'string':
      return Buffer.from(expectString(type, value), 'utf8');
    case 'octets':
    case 'vsa':
      if (!Buffer.isBuffer(value)) throw new TypeError(`${type} value must be a Buffer`);
      return Buffer.from(value);
    case 'integer':
      return unsigned(type, value, 4);
    case 'byte':
      return unsigned(type, value, 1);
    case 'short':
      return unsigned(type, value, 2);
    case 'signed': {
      if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < -0x80000000 ||
        value > 0x7fffffff
      ) {
        throw new RangeError(`signed value must be a 32-bit integer, got ${String(value)}`);
      }
      const out = Buffer.alloc(4);
      out.writeInt32BE(value, 0);
      return out;
    }
    case 'integer64': {
      const big = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
      if (typeof big !== 'bigint' || big < 0n || big > 0xffffffffffffffffn) {
        throw new RangeError(`integer64 value must be from 0 to 2^64-1, got ${String(value)}`);
      }
      const out = Buffer.alloc(8);
      out.writeBigUInt64BE(big, 0);
      return out;
    }
    case 'date': {
      if (!(value instanceof Date) || Number.isNaN(value.getTime()))
        throw new TypeError('date value must be a valid Date');
      const seconds = Math.floor(value.getTime() / 1000);
      if (seconds < 0 || seconds > 0xffffffff)
        throw new RangeError('date is outside the 32-bit RADIUS range');
      const out = Buffer.alloc(4);
      out.writeUInt32BE(seconds, 0);
      return out;
    }
    case 'ipaddr': {
      const bytes = parseIpv4(expectString(type, value));
      if (bytes === null) throw new RangeError(`not an IPv4 address: ${String(value)}`);
      return bytes;
    }
    case 'ipv6addr': {
      const bytes = parseIpv6(expectString(type, value));
      if (bytes === null) throw new RangeError(`not an IPv6 address: ${String(value)}`);
      return bytes;
    }
    case 'ifid': {
      const text = expectString(type, value);
      if (!/^([0-9a-fA-F]{4}:){3}[0-9a-fA-F]{4}$/.test(text))
        throw new RangeError(`not an interface id: ${text}`);
      return Buffer.from(text.replace(/:/g, ''), 'hex');
    }
    case 'ipv6prefix':
      return encodeIpv6Prefix(expectString(type, value));
  }
}

function fixed(type: AttributeDataType, bytes: Buffer, size: number): Buffer {
  if (bytes.length !== size) {
    throw new RadiusDecodeError('bad_value', `${type} needs ${size} octets, got ${bytes.length}`);
  }
  return bytes;
}

function expectString(type: AttributeDataType, value: AttributeValue): string {
  if (typeof value !== 'string') throw new TypeError(`${type} value must be a string`);
  return value;
}

function unsigned(type: AttributeDataType, value: AttributeValue, size: 1 | 2 | 4): Buffer {
  const max = 2 ** (size * 8) - 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${type} value must be an integer from 0 to ${max}, got ${String(value)}`);
  }
  const out = Buffer.alloc(size);
  out.writeUIntBE(value, 0, size);
  return out;
}

// RFC 3162 §2.3: reserved octet, prefix length, then up to 16 prefix octets. Senders may omit
// trailing zero octets, so the prefix is zero-filled; bits past the prefix length are cleared.
function decodeIpv6Prefix(bytes: Buffer): string {
  if (bytes.length < 2 || bytes.length > 18) {
    throw new RadiusDecodeError('bad_value', `ipv6prefix of ${bytes.length} octets`);
  }
  if (bytes.readUInt8(0) !== 0)
    throw new RadiusDecodeError('bad_value', 'ipv6prefix reserved octet is not zero');
  const prefixLength = bytes.readUInt8(1);
  if (prefixLength > 128) throw new RadiusDecodeError('bad_value', `ipv6prefix length ${prefixLength}`);
  const address = Buffer.alloc(16);
  bytes.copy(address, 0, 2);
  maskAfter(address, prefixLength);
  return `${formatIpv6(address)}/${prefixLength}`;
}

function encodeIpv6Prefix(text: string): Buffer {
  const match = /^([^/]+)\/(0|[1-9][0-9]{0,2})$/.exec(text);
  const address = match?.[1] === undefined ? null : parseIpv6(match[1]);
  const prefixLength = Number(match?.[2]);
  if (address === null || !(prefixLength <= 128)) throw new RangeError(`not an IPv6 prefix: ${text}`);
  maskAfter(address, prefixLength);
  const octets = Math.ceil(prefixLength / 8);
  const out = Buffer.alloc(2 + octets);
  out.writeUInt8(prefixLength, 1);
  address.copy(out, 2, 0, octets);
  return out;
}

function maskAfter(address: Buffer, prefixLength: number): void {
  for (let bit = prefixLength; bit < 128; bit++) {
    const index = bit >> 3;
    address.writeUInt8(address.readUInt8(index) & ~(0x80 >> (bit & 7)) & 0xff, index);
  }
}
