// Reading and making attributes by dictionary name with typed values, for standard and vendor
// attributes alike. Attributes with an `encrypt=` flag are read and made as their hidden octets:
// see user-password.ts.

import { AttributeType } from './attribute-types';
import { type AttributeValue, decodeAttributeValue, encodeAttributeValue } from './attribute-values';
import type { AttributeDefinition, Dictionary } from './dictionary';
import { RADIUS_MAX_ATTRIBUTE_VALUE_LENGTH, type RadiusAttribute, type RadiusPacket } from './packet';
import { VENDOR_MAX_VALUE_LENGTH, decodeVendorSpecific, encodeVendorSpecific } from './vendor-specific';

type AttributeHolder = Pick<RadiusPacket, 'attributes'>;

/** Every value of the named attribute, in wire order. Throws RadiusDecodeError on a malformed value. */
export function getAttributeValues(
  dictionary: Dictionary,
  packet: AttributeHolder,
  name: string,
): AttributeValue[] {
  const definition = definitionOf(dictionary, name);
  return rawValues(definition, packet).map((bytes) => decodeAttributeValue(dataTypeOf(definition), bytes));
}

/** The first value of the named attribute, or undefined. */
export function getAttribute(
  dictionary: Dictionary,
  packet: AttributeHolder,
  name: string,
): AttributeValue | undefined {
  const definition = definitionOf(dictionary, name);
  const [first] = rawValues(definition, packet);
  return first === undefined ? undefined : decodeAttributeValue(dataTypeOf(definition), first);
}

/** For string-like types (string, ipaddr, ipv6addr, ipv6prefix, ifid). */
export function getString(dictionary: Dictionary, packet: AttributeHolder, name: string): string | undefined {
  return narrow(name, getAttribute(dictionary, packet, name), (v): v is string => typeof v === 'string');
}

/** For integer, signed, byte and short. */
export function getNumber(dictionary: Dictionary, packet: AttributeHolder, name: string): number | undefined {
  return narrow(name, getAttribute(dictionary, packet, name), (v): v is number => typeof v === 'number');
}

/** For octets and the hidden form of encrypted attributes. */
export function getOctets(dictionary: Dictionary, packet: AttributeHolder, name: string): Buffer | undefined {
  return narrow(name, getAttribute(dictionary, packet, name), (v): v is Buffer => Buffer.isBuffer(v));
}

/** The VALUE name of an enumerated attribute (`Start` for Acct-Status-Type 1), or undefined. */
export function getValueName(
  dictionary: Dictionary,
  packet: AttributeHolder,
  name: string,
): string | undefined {
  const value = getNumber(dictionary, packet, name);
  return value === undefined ? undefined : definitionOf(dictionary, name).valueNames.get(value);
}

/**
 * Makes one wire attribute; a vendor attribute becomes a Vendor-Specific attribute holding it.
 * Enumerated attributes also take their VALUE name (`makeAttribute(d, 'Service-Type', 'Framed-User')`).
 */
export function makeAttribute(dictionary: Dictionary, name: string, value: AttributeValue): RadiusAttribute {
  const definition = definitionOf(dictionary, name);
  if (definition.dataType === 'vsa')
    throw new TypeError('build Vendor-Specific attributes with encodeVendorSpecific');
  let typed = value;
  if (typeof value === 'string' && definition.values.size > 0) {
    typed = definition.values.get(value) ?? fail(`${value} is not a VALUE of ${definition.name}`);
  }
  const bytes = encodeAttributeValue(dataTypeOf(definition), typed);
  if (definition.vendorId === 0) {
    if (bytes.length > RADIUS_MAX_ATTRIBUTE_VALUE_LENGTH)
      throw new RangeError(`${definition.name} value is too long`);
    return { type: definition.type, value: bytes };
  }
  if (bytes.length > VENDOR_MAX_VALUE_LENGTH) throw new RangeError(`${definition.name} value is too long`);
  return encodeVendorSpecific(definition.vendorId, [{ vendorType: definition.type, value: bytes }]);
}

function definitionOf(dictionary: Dictionary, name: string): AttributeDefinition {
  return dictionary.attribute(name) ?? fail(`no attribute ${name} in the dictionary`);
}

function dataTypeOf(definition: AttributeDefinition): AttributeDefinition['dataType'] {
  return definition.encrypt === 0 ? definition.dataType : 'octets';
}

function rawValues(definition: AttributeDefinition, packet: AttributeHolder): Buffer[] {
  if (definition.vendorId === 0) {
    return packet.attributes.filter((a) => a.type === definition.type).map((a) => a.value);
  }
  const values: Buffer[] = [];
  for (const attribute of packet.attributes) {
    if (attribute.type !== AttributeType.VendorSpecific) continue;
    for (const sub of decodeVendorSpecific(attribute.value)) {
      if (sub.vendorId === definition.vendorId && sub.vendorType === definition.type) values.push(sub.value);
    }
  }
  return values;
}

function narrow<T extends AttributeValue>(
  name: string,
  value: AttributeValue | undefined,
  is: (v: AttributeValue) => v is T,
): T | undefined {
  if (value === undefined || is(value)) return value;
  throw new TypeError(`attribute ${name} does not hold that kind of value`);
}

function fail(message: string): never {
  throw new TypeError(message);
}
