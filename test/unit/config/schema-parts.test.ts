// The configuration schema is written one section per file (issue #14) and stays one schema:
// each key of the file is its section file's own schema, in the order the reference lists them,
// and a file with problems in several sections is refused with all of them at once.

import { configSchema } from '../../../src/config/schema';
import { spaceSchema } from '../../../src/config/schema/space';
import { retentionSchema, storeSchema } from '../../../src/config/schema/store';
import { portalSchema } from '../../../src/config/schema/portal';
import { gatewaySchema } from '../../../src/config/schema/gateway';
import { profilesSchema, ticketsSchema } from '../../../src/config/schema/tickets';
import { charterSchema } from '../../../src/config/schema/charter';
import { consoleSchema } from '../../../src/config/schema/console';
import { metricsSchema } from '../../../src/config/schema/metrics';
import { journalSchema } from '../../../src/config/schema/journal';
import { clockSchema } from '../../../src/config/schema/clock';
import { backupSchema } from '../../../src/config/schema/backup';
import { radiusSchema } from '../../../src/config/schema/radius';
import { filterSchema } from '../../../src/config/schema/filter';

describe('the configuration schema, one section per file', () => {
  it('puts each section file under its key, in the order of the reference', () => {
    const sections = {
      space: spaceSchema,
      store: storeSchema,
      retention: retentionSchema,
      portal: portalSchema,
      gateway: gatewaySchema,
      tickets: ticketsSchema,
      profiles: profilesSchema,
      charter: charterSchema,
      console: consoleSchema,
      metrics: metricsSchema,
      journal: journalSchema,
      clock: clockSchema,
      backup: backupSchema,
      radius: radiusSchema,
      filter: filterSchema,
    };
    const shape = configSchema.shape as Record<string, unknown>;
    expect(Object.keys(shape)).toEqual([
      'space',
      'dataDir',
      'log',
      ...Object.keys(sections).filter((k) => k !== 'space'),
    ]);
    const notTheirs = Object.entries(sections).filter(([key, schema]) => shape[key] !== schema);
    expect(notTheirs.map(([key]) => key)).toEqual([]);
  });

  it('refuses a file with problems in several sections with every one of them, in file order', () => {
    const r = configSchema.safeParse({
      space: { id: 'Not A Slug' },
      portal: { maxTries: 0 },
      gateway: { portBlocks: { blockSize: 1 } },
      console: { retryWait: 'soon' },
      radius: { clients: [{ name: 'ap', address: 'nowhere', secret: 'short' }] },
      filter: { lookupListen: '10.0.0.1:9466' },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['space.id', 'a slug: lower-case letters, digits and single dashes'],
      ['portal.maxTries', 'Too small: expected number to be >=1'],
      ['gateway.portBlocks.blockSize', expect.stringMatching(/>=/)],
      ['console.retryWait', 'expected a duration such as "45m", "1h", "1d" or a number of seconds'],
      ['radius.clients.0.address', 'expected an IP address or a CIDR block, e.g. "10.42.0.0/24"'],
      ['radius.clients.0.secret', 'a shared secret needs at least 8 characters (16 or more recommended)'],
      ['filter.lookupListen', 'must be a loopback address'],
    ]);
  });

  it('checks what spans sections once every section reads well', () => {
    const r = configSchema.safeParse({
      portal: { listen: '0.0.0.0:8080', tls: { cert: '/etc/ecn/portal.pem' } },
      gateway: { kind: 'opennds' },
      retention: { ticketsDays: 400, acceptancesDays: 500 },
      journal: { retentionDays: 500 },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'gateway.opennds.faskey',
      'portal.publicUrl',
      'portal.tls.key',
      'portal.apiListen',
      'retention.ticketsDays',
    ]);
  });
});
