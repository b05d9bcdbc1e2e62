// The access-point vendors registry (issue #14): one file per vendor under src/access-points/,
// and the configuration's kinds, the NAS table and the reference follow from the list.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { radiusClientSchema } from '../../../src/config/schema';
import { redeem } from '../../../src/domain/ticket';
import { getAttribute } from '../../../src/radius/attributes';
import { acceptAttributes } from '../../../src/radius/reply-attributes';
import { ACCESS_POINT_VENDORS, NAS_KINDS } from '../../../src/access-points';
import {
  SHIPPED_DICTIONARY_DIR,
  shippedDictionary,
  ticketWithEveryLimit,
} from '../radius/radius-test-helpers';

const dictionary = shippedDictionary();
const T0 = Date.UTC(2026, 10, 28, 9);
const granted = redeem(ticketWithEveryLimit(T0), 'mac:aa:bb:cc:dd:ee:ff', T0);
const STANDARD = ['Session-Timeout', 'Acct-Interim-Interval', 'Class', 'Idle-Timeout'];

describe('every access-point vendor', () => {
  it.each(ACCESS_POINT_VENDORS.map((v) => [v.kind, v] as const))(
    '%s is a configuration kind and answers with its own attributes, all in the shipped dictionary',
    (kind, v) => {
      expect(
        radiusClientSchema.parse({ name: 'ap', address: '10.0.0.2', secret: 'secret-123', kind }).kind,
      ).toBe(kind);
      const root = readFileSync(join(SHIPPED_DICTIONARY_DIR, 'dictionary'), 'utf8');
      for (const file of v.dictionaries) expect(root).toMatch(new RegExp(`^\\$INCLUDE\\s+${file}$`, 'm'));
      // Each attribute it names is defined by one of its own dictionary files.
      const own = v.dictionaries.map((f) => readFileSync(join(SHIPPED_DICTIONARY_DIR, f), 'utf8')).join('\n');
      for (const name of v.attributes) {
        expect([name, dictionary.attribute(name) !== undefined]).toEqual([name, true]);
        expect(own).toMatch(new RegExp(`^ATTRIBUTE\\s+${name}\\s`, 'm'));
      }
      // A ticket with bandwidth and quota gets the standard attributes, then only the vendor's own.
      const packet = {
        attributes: acceptAttributes(dictionary, kind, granted, { interimIntervalSeconds: 60 }),
      };
      for (const name of STANDARD)
        expect([name, getAttribute(dictionary, packet, name)]).not.toEqual([name, undefined]);
      const everyVendorAttribute = [...new Set(ACCESS_POINT_VENDORS.flatMap((x) => [...x.attributes]))];
      const present = everyVendorAttribute.filter(
        (name) => getAttribute(dictionary, packet, name) !== undefined,
      );
      expect(present.length).toBeGreaterThan(0);
      expect(present.filter((name) => !(v.attributes as readonly string[]).includes(name))).toEqual([]);
      expect(packet.attributes).toHaveLength(STANDARD.length + present.length);
    },
  );

  it('are the kinds the configuration accepts, and no other', () => {
    expect(NAS_KINDS).toEqual(ACCESS_POINT_VENDORS.map((v) => v.kind));
    expect(new Set(NAS_KINDS).size).toBe(NAS_KINDS.length);
    const unknown = radiusClientSchema.safeParse({
      name: 'ap',
      address: '10.0.0.2',
      secret: 'secret-123',
      kind: 'cisco',
    });
    expect(unknown.success).toBe(false);
    expect(radiusClientSchema.parse({ name: 'ap', address: '10.0.0.2', secret: 'secret-123' }).kind).toBe(
      'generic',
    );
  });

  it('are each named in the configuration reference with what they are sent', () => {
    const reference = readFileSync(join(__dirname, '../../../docs/configuration.md'), 'utf8');
    for (const v of ACCESS_POINT_VENDORS) expect(reference).toContain(`\`${v.kind}\` (${v.title}:`);
  });
});
