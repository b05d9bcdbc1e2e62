// Vendor-Specific attribute (type 26) framing: a 4-octet vendor id then sub-attributes in the
// RFC 2865 §5.26 layout (1-octet vendor type, 1-octet length), the layout every NAS we support uses.

import { RadiusDecodeError } from './radius-decode-error';
import type { RadiusAttribute, VendorAttribute } from './packet';
import { AttributeType } from './attribute-types';

/** 253 minus the vendor id and the sub-attribute header. */
export const VENDOR_MAX_VALUE_LENGTH = 247;

/**
 * Splits a Vendor-Specific value into its sub-attributes. A value that does not follow the
 * RFC 2865 §5.26 layout is rejected rather than kept opaque: the gateway drops malformed packets
 * and counts them, and none of the NAS kinds it serves uses another layout.
 */
export function decodeVendorSpecific(value: Buffer): VendorAttribute[] {
  if (value.length < 6) {
    throw new RadiusDecodeError('bad_vsa', `Vendor-Specific value of ${value.length} octets`);
  }
  if (value.readUInt8(0) !== 0) {
    // The vendor id is an SMI enterprise code of 24 bits; the high octet must be zero.
    throw new RadiusDecodeError('bad_vsa', 'vendor id high octet is not zero');
  }
  const vendorId = value.readUInt32BE(0);
  const found: VendorAttribute[] = [];
  let offset = 4;
  while (offset < value.length) {
    if (value.length - offset < 2) {
      throw new RadiusDecodeError('bad_vsa', `vendor ${vendorId} sub-attribute header cut`);
    }
    const vendorType = value.readUInt8(offset);
    const subLength = value.readUInt8(offset + 1);
    if (subLength < 2 || offset + subLength > value.length) {
      throw new RadiusDecodeError(
        'bad_vsa',
        `vendor ${vendorId} sub-attribute ${vendorType} has length ${subLength}`,
      );
    }
    found.push({ vendorId, vendorType, value: Buffer.from(value.subarray(offset + 2, offset + subLength)) });
    offset += subLength;
  }
  return found;
}

/** Builds one Vendor-Specific attribute holding the given sub-attributes of one vendor. */
export function encodeVendorSpecific(
  vendorId: number,
  subAttributes: ReadonlyArray<{ readonly vendorType: number; readonly value: Buffer }>,
): RadiusAttribute {
  if (!Number.isInteger(vendorId) || vendorId < 0 || vendorId > 0xffffff) {
    throw new RangeError(`vendor id must fit in 24 bits, got ${vendorId}`);
  }
  if (subAttributes.length === 0) throw new RangeError('a Vendor-Specific attribute needs a sub-attribute');
  let length = 4;
  for (const sub of subAttributes) {
    if (!Number.isInteger(sub.vendorType) || sub.vendorType < 0 || sub.vendorType > 255) {
      throw new RangeError(`vendor type must be an integer from 0 to 255, got ${sub.vendorType}`);
    }
    length += 2 + sub.value.length;
  }
  if (length > 253) throw new RangeError(`Vendor-Specific value of ${length} octets exceeds 253`);

  const value = Buffer.alloc(length);
  value.writeUInt32BE(vendorId, 0);
  let offset = 4;
  for (const sub of subAttributes) {
    value.writeUInt8(sub.vendorType, offset);
    value.writeUInt8(2 + sub.value.length, offset + 1);
    sub.value.copy(value, offset + 2);
    offset += 2 + sub.value.length;
  }
  return { type: AttributeType.VendorSpecific, value };
}
