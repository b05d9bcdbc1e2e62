// The FreeRADIUS dictionary parser, and the dictionary files we ship.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DictionaryError, parseDictionary } from '../../../src/radius/index';
import { SHIPPED_DICTIONARY_DIR, shippedDictionary } from './radius-test-helpers';

function parse(text: string) {
  return parseDictionary({ name: 'test', text });
}

describe('parseDictionary', () => {
  it('reads attributes, values and vendor blocks, ignoring comments and blank lines', () => {
    const dictionary = parse(`
# comment
ATTRIBUTE	User-Name	1	string   # trailing comment
ATTRIBUTE	User-Password	2	string	encrypt=1
ATTRIBUTE	Service-Type	0x06	integer
VALUE	Service-Type	Framed-User	2

VENDOR		Example		4242
BEGIN-VENDOR	Example
ATTRIBUTE	Example-Limit	1	integer64
ATTRIBUTE	Example-Prefix	2	ipv6prefix
END-VENDOR	Example
`);
    expect(dictionary.attribute('User-Name')).toMatchObject({
      vendorId: 0,
      type: 1,
      dataType: 'string',
      encrypt: 0,
    });
    expect(dictionary.attribute('user-password')).toMatchObject({ type: 2, encrypt: 1 });
    expect(dictionary.attribute('Service-Type')?.values.get('Framed-User')).toBe(2);
    expect(dictionary.attribute('Service-Type')?.valueNames.get(2)).toBe('Framed-User');
    expect(dictionary.attribute('Example-Limit')).toMatchObject({
      vendorId: 4242,
      type: 1,
      dataType: 'integer64',
    });
    expect(dictionary.attributeByCode(4242, 2)?.name).toBe('Example-Prefix');
    expect(dictionary.attributeByCode(0, 2)?.name).toBe('User-Password');
    expect(dictionary.attributeByCode(0, 99)).toBeUndefined();
    expect(dictionary.vendor('example')).toEqual({ name: 'Example', id: 4242 });
    expect(dictionary.vendor(4242)?.name).toBe('Example');
    expect(dictionary.attributes).toHaveLength(5);
  });

  it('follows $INCLUDE through the resolver, reads each source once and survives a cycle', () => {
    const files: Record<string, string> = {
      root: '$INCLUDE a\n$INCLUDE b\n',
      a: 'ATTRIBUTE A 1 string\n$INCLUDE b\n',
      b: 'ATTRIBUTE B 2 integer\n$INCLUDE root\n',
    };
    const resolver = jest.fn((_from: string, path: string) => ({ name: path, text: files[path] ?? '' }));
    const dictionary = parseDictionary({ name: 'root', text: files.root ?? '' }, resolver);
    expect(dictionary.attribute('A')?.type).toBe(1);
    expect(dictionary.attribute('B')?.type).toBe(2);
    expect(resolver.mock.calls.map((call) => call[1])).toEqual(['a', 'b', 'root', 'b']);
  });

  it('allows an identical redefinition and aliases that share a number', () => {
    const dictionary = parse('ATTRIBUTE X 1 string\nATTRIBUTE X 1 string\nATTRIBUTE X-Alias 1 string\n');
    expect(dictionary.attributeByCode(0, 1)?.name).toBe('X');
    expect(dictionary.attribute('X-Alias')?.type).toBe(1);
  });

  it.each([
    ['an unknown keyword', 'PROTOCOL RADIUS 1', /unsupported keyword PROTOCOL/],
    ['an unknown type', 'ATTRIBUTE X 1 abinary', /type abinary is not supported/],
    ['an unsupported flag', 'ATTRIBUTE X 1 string has_tag', /flag has_tag/],
    ['attribute number 0', 'ATTRIBUTE X 0 string', /out of range/],
    ['attribute number 256', 'ATTRIBUTE X 256 string', /out of range/],
    ['a non-numeric number', 'ATTRIBUTE X 1a string', /not a number/],
    ['an OID number', 'ATTRIBUTE X 26.1 string', /not a number/],
    ['a missing type', 'ATTRIBUTE X 1', /ATTRIBUTE takes/],
    ['a conflicting redefinition', 'ATTRIBUTE X 1 string\nATTRIBUTE X 2 string', /redefined differently/],
    ['VALUE for an unknown attribute', 'VALUE Nope A 1', /unknown attribute Nope/],
    ['VALUE for a string attribute', 'ATTRIBUTE X 1 string\nVALUE X A 1', /not supported for string/],
    ['VALUE out of range for byte', 'ATTRIBUTE X 1 byte\nVALUE X A 256', /out of range/],
    ['a conflicting VALUE', 'ATTRIBUTE X 1 integer\nVALUE X A 1\nVALUE X A 2', /redefined/],
    ['BEGIN-VENDOR of an unknown vendor', 'BEGIN-VENDOR Nope', /unknown vendor Nope/],
    ['nested vendor blocks', 'VENDOR V 1\nBEGIN-VENDOR V\nBEGIN-VENDOR V', /inside another/],
    ['END-VENDOR without a block', 'END-VENDOR V', /without BEGIN-VENDOR/],
    [
      'END-VENDOR naming another vendor',
      'VENDOR V 1\nVENDOR W 2\nBEGIN-VENDOR V\nEND-VENDOR W',
      /must name V/,
    ],
    ['an unclosed vendor block', 'VENDOR V 1\nBEGIN-VENDOR V', /not closed/],
    ['a vendor format other than 1,1', 'VENDOR V 1 format=2,1', /format=2,1 is not supported/],
    ['a vendor id above 24 bits', 'VENDOR V 16777216', /out of range/],
    ['a vendor redefined with another id', 'VENDOR V 1\nVENDOR V 2', /another number/],
    ['vsa type outside attribute 26', 'ATTRIBUTE X 27 vsa', /only for attribute 26/],
    ['$INCLUDE without a resolver', '$INCLUDE other', /not available/],
    ['an invalid name', 'ATTRIBUTE -X 1 string', /invalid name/],
  ])('rejects %s, with file and line', (_name, text, message) => {
    let caught: unknown;
    try {
      parse(`# first line\n${text}`);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DictionaryError);
    expect((caught as DictionaryError).message).toMatch(message);
    expect((caught as DictionaryError).message).toMatch(/^test:\d+: /);
    expect((caught as DictionaryError).line).toBeGreaterThan(1);
  });
});

describe('the dictionaries we ship', () => {
  const dictionary = shippedDictionary();

  it('load from the root file, which includes every file of the folder', () => {
    const files = readdirSync(SHIPPED_DICTIONARY_DIR).filter((f) => f.startsWith('dictionary.'));
    const root = readFileSync(join(SHIPPED_DICTIONARY_DIR, 'dictionary'), 'utf8');
    const included = [...root.matchAll(/^\$INCLUDE\s+(\S+)/gm)].map((m) => m[1]);
    expect(included.sort()).toEqual(files.sort());
    expect(files).toHaveLength(8);
    expect(dictionary.vendor('WISPr')?.id).toBe(14122);
    expect(dictionary.vendor('ChilliSpot')?.id).toBe(14559);
    expect(dictionary.vendor('Mikrotik')?.id).toBe(14988);
  });

  it.each([
    ['User-Password', 0, 2, 'string'],
    ['CHAP-Challenge', 0, 60, 'octets'],
    ['Class', 0, 25, 'octets'],
    ['Proxy-State', 0, 33, 'octets'],
    ['Session-Timeout', 0, 27, 'integer'],
    ['Idle-Timeout', 0, 28, 'integer'],
    ['Acct-Status-Type', 0, 40, 'integer'],
    ['Acct-Input-Gigawords', 0, 52, 'integer'],
    ['Event-Timestamp', 0, 55, 'date'],
    ['Message-Authenticator', 0, 80, 'octets'],
    ['Acct-Interim-Interval', 0, 85, 'integer'],
    ['NAS-IPv6-Address', 0, 95, 'ipv6addr'],
    ['Framed-Interface-Id', 0, 96, 'ifid'],
    ['Framed-IPv6-Prefix', 0, 97, 'ipv6prefix'],
    ['Error-Cause', 0, 101, 'integer'],
    ['WISPr-Bandwidth-Max-Up', 14122, 7, 'integer'],
    ['WISPr-Bandwidth-Max-Down', 14122, 8, 'integer'],
    ['ChilliSpot-Max-Total-Octets', 14559, 3, 'integer'],
    ['ChilliSpot-Max-Total-Gigawords', 14559, 23, 'integer'],
    ['Mikrotik-Rate-Limit', 14988, 8, 'string'],
    ['Mikrotik-Total-Limit', 14988, 17, 'integer'],
    ['Mikrotik-Total-Limit-Gigawords', 14988, 18, 'integer'],
  ])('define %s as vendor %i type %i (%s)', (name, vendorId, type, dataType) => {
    expect(dictionary.attribute(name)).toMatchObject({ vendorId, type, dataType });
  });

  it('name the values the servers compare against', () => {
    const status = dictionary.attribute('Acct-Status-Type')?.values;
    expect([status?.get('Start'), status?.get('Stop'), status?.get('Interim-Update')]).toEqual([1, 2, 3]);
    expect([status?.get('Accounting-On'), status?.get('Accounting-Off')]).toEqual([7, 8]);
    expect(dictionary.attribute('Service-Type')?.values.get('Authorize-Only')).toBe(17);
    expect(dictionary.attribute('Error-Cause')?.values.get('Session-Context-Not-Found')).toBe(503);
    expect(dictionary.attribute('User-Password')?.encrypt).toBe(1);
  });
});
