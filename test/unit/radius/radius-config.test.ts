// The `radius:` block of the configuration: defaults, the NAS table, and the mistakes an
// operator can make, all reported with their path.

import { loadConfig } from '../../../src/config/load';
import { configSchema } from '../../../src/config/schema';

describe('radius configuration', () => {
  it('is off by default, on loopback, with no clients', () => {
    const c = configSchema.parse({});
    expect(c.radius).toMatchObject({
      enabled: false,
      authListen: '127.0.0.1:1812',
      acctListen: '127.0.0.1:1813',
      clients: [],
      interimInterval: 300,
      replyLanguage: 'fr',
    });
  });

  it('fills client defaults: Message-Authenticator required, generic kind, CoA port 3799', () => {
    const c = configSchema.parse({
      radius: { enabled: true, clients: [{ name: 'ap', address: '10.42.0.0/24', secret: 'a-long-secret' }] },
    });
    expect(c.radius.clients[0]).toEqual({
      name: 'ap',
      address: '10.42.0.0/24',
      secret: 'a-long-secret',
      kind: 'generic',
      requireMessageAuthenticator: true,
      coaPort: 3799,
    });
  });

  it('lists every mistake with its path', () => {
    const r = configSchema.safeParse({
      radius: {
        enabled: true,
        clients: [
          { name: 'ap', address: '10.42.0.0/33', secret: 'short', kind: 'cisco' },
          { name: 'ap', address: 'fd00::/64', secret: 'a-long-secret' },
        ],
      },
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^radius\.clients\.0\.address: expected an IP address or a CIDR/),
        expect.stringMatching(/^radius\.clients\.0\.secret: a shared secret needs at least 8/),
        expect.stringMatching(/^radius\.clients\.0\.kind/),
      ]),
    );
  });

  it('lets the servers run with no client yet (every packet dropped), and refuses duplicate names', () => {
    // The shipped configuration runs RADIUS on loopback before any access point is declared.
    expect(loadConfig({ file: null, env: { ECN_RADIUS_ENABLED: 'true' } }).radius.clients).toEqual([]);
    const dup = configSchema.safeParse({
      radius: {
        clients: [
          { name: 'ap', address: '10.0.0.1', secret: 'a-long-secret' },
          { name: 'ap', address: '10.0.0.2', secret: 'a-long-secret' },
        ],
      },
    });
    expect(dup.error?.issues.map((i) => i.message)).toContain('duplicate client name "ap"');
  });

  it('reads clients from ECN_RADIUS_CLIENTS as JSON', () => {
    const c = loadConfig({
      file: null,
      env: {
        ECN_RADIUS_ENABLED: 'true',
        ECN_RADIUS_CLIENTS: JSON.stringify([
          { name: 'omada', address: '192.0.2.5', secret: 'a-long-secret', kind: 'unifi' },
        ]),
      },
    });
    expect(c.radius.clients.map((x) => x.kind)).toEqual(['unifi']);
  });
});
