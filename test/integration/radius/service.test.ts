// The RADIUS servers inside the real service process (`node dist/main.js`): started from the
// configuration, answering radclient for tickets made by the `ecn` command, stopped on SIGTERM.

import { ecn, radiusOnLoopbackYaml, startService, tempSetup } from '../../helpers/processes';
import { papLines, radclient } from './radius-harness';

jest.setTimeout(60_000);

const SECRET = 'service-test-secret';

describe('gateway service with radius.enabled', () => {
  it('answers Access-Requests for tickets the ecn command created, and stops cleanly', async () => {
    const { config } = tempSetup(radiusOnLoopbackYaml(SECRET));
    // Debug level: the per-packet logs are on, and must still hold no secret and no code.
    const svc = await startService(config, { ECN_LOG_LEVEL: 'debug' });
    try {
      const started = svc
        .logs()
        .split('\n')
        .find((l) => l.includes('ECN gateway started'))!;
      const { radiusAuthPort, radiusAcctPort } = JSON.parse(started) as {
        radiusAuthPort: number;
        radiusAcctPort: number;
      };
      expect(radiusAuthPort).toBeGreaterThan(0);
      expect(radiusAcctPort).toBeGreaterThan(0);
      const created = await ecn(config, ['tickets', 'create', '--count', '1']);
      const code = created.stdout.trim();
      const accept = await radclient(radiusAuthPort, 'auth', papLines(code), SECRET);
      expect(accept.code).toBe('Access-Accept');
      expect(accept.attributes['Session-Timeout']).toEqual(['3600']);
      const wrong = await radclient(radiusAuthPort, 'auth', papLines('ABCDEFGHJKMN'), SECRET);
      expect(wrong.code).toBe('Access-Reject');
      const start = await radclient(
        radiusAcctPort,
        'acct',
        [
          'Acct-Status-Type = Start',
          'Acct-Session-Id = "s1"',
          `User-Name = "${code}"`,
          'Calling-Station-Id = "AA-BB-CC-00-00-01"',
        ],
        SECRET,
      );
      expect(start.code).toBe('Accounting-Response');
      // Neither the secret nor the ticket code ever reaches the log.
      expect(svc.logs()).not.toContain(SECRET);
      expect(svc.logs()).not.toContain(code.replace(/-/g, ''));
      expect(svc.logs()).not.toContain(code);
    } finally {
      svc.child.kill('SIGTERM');
      expect(await svc.exited).toBe(0);
    }
  });
});
