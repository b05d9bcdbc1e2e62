// Issue #16, item 6: the console over https with a certificate `ecn tls create` made (its
// printed fingerprint is the one the TLS peer presents, its cookies are Secure), the RFC 8908
// API over https announcing an https portal URL while captive probes stay on plain http, and
// certificates that cannot be served refused at start with every problem listed.

import https from 'node:https';
import { statSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { ecn, run, startService, tempSetup, MAIN, type RunningService } from '../helpers/processes';
import { PASSWORD } from '../helpers/console';
import { readTlsFiles } from '../../src/tls/certificate';
import { freePort } from '../helpers/redis-server';

jest.setTimeout(60_000);

interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The SHA-256 fingerprint of the certificate the server presented. */
  peerFingerprint: string;
}

/** One https request that trusts only `ca` (the made certificate), like a browser once it is accepted. */
function httpsRequest(
  url: string,
  ca: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { ca, method: opts.method ?? 'GET', headers: opts.headers, agent: false },
      (res) => {
        const peerFingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, peerFingerprint }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** `ecn tls create` as an operator runs it; returns the files and the fingerprint it printed. */
async function makeCertificate(config: string, out: string, host = 'ecn-box.lan', ip = '127.0.0.1') {
  const r = await ecn(config, ['tls', 'create', '--host', host, '--ip', ip, '--days', '30', '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const m = /SHA-256 fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})\n/.exec(r.stdout);
  expect(m).not.toBeNull();
  return {
    cert: path.join(out, 'cert.pem'),
    key: path.join(out, 'key.pem'),
    fingerprint: m![1]!,
  };
}

/** A certificate whose validity ended in 2020, signed by its own key, with openssl's `ca`. */
async function expiredCertificate(dir: string): Promise<{ cert: string; key: string }> {
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, 'key.pem');
  const csr = path.join(dir, 'req.csr');
  const cert = path.join(dir, 'cert.pem');
  const cnf = path.join(dir, 'ca.cnf');
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'serial'), '01\n');
  writeFileSync(
    cnf,
    [
      '[ca]',
      'default_ca = ca_here',
      '[ca_here]',
      `database = ${path.join(dir, 'index.txt')}`,
      `new_certs_dir = ${dir}`,
      `serial = ${path.join(dir, 'serial')}`,
      'default_md = sha256',
      'policy = any',
      '[any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  const steps: string[][] = [
    ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key],
    ['req', '-new', '-key', key, '-subj', '/CN=127.0.0.1', '-out', csr],
    // openssl ca refuses an end date in the past unless told the dates explicitly, which it allows.
    [
      'ca',
      '-batch',
      '-config',
      cnf,
      '-selfsign',
      '-keyfile',
      key,
      '-in',
      csr,
      '-out',
      cert,
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200201000000Z',
      '-notext',
    ],
  ];
  for (const args of steps) {
    const r = await run('openssl', args);
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  }
  return { cert, key };
}

describe('https where it matters', () => {
  let svc: RunningService | null = null;
  afterEach(async () => {
    if (svc) {
      svc.child.kill('SIGTERM');
      await svc.exited;
      svc = null;
    }
  });

  it('`ecn tls create` writes the key 0600 and prints the fingerprint `ecn tls fingerprint` finds', async () => {
    const { dir, config } = tempSetup();
    const made = await makeCertificate(config, path.join(dir, 'tls'));
    expect(statSync(made.key).mode & 0o777).toBe(0o600);
    const keyBefore = readFileSync(made.key, 'utf8');
    const again = await ecn(config, ['tls', 'fingerprint', made.cert]);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(`SHA-256 fingerprint: ${made.fingerprint}\n`);
    // An existing key, perhaps the one staff already trust, is never replaced.
    const second = await ecn(config, [
      'tls',
      'create',
      '--host',
      'ecn-box.lan',
      '--out',
      path.join(dir, 'tls'),
    ]);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/key\.pem already exists: .*\[ECN_ERR_TLS_FAILED\]/);
    expect(readFileSync(made.key, 'utf8')).toBe(keyBefore);
    const bad = await ecn(config, [
      'tls',
      'create',
      '--host',
      'ecn box',
      '--ip',
      '300.1.1.1',
      '--out',
      path.join(dir, 'x'),
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(
      /--host "ecn box" is not a host name .*; --ip "300.1.1.1" is not an IPv4 or IPv6 address \[ECN_ERR_TLS_FAILED\]/,
    );
  });

  it('serves the console over https with the printed certificate and Secure cookies', async () => {
    const { dir, config } = tempSetup();
    const made = await makeCertificate(config, path.join(dir, 'tls'));
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'console: { listen: "127.0.0.1:0" }',
        `console: { listen: "127.0.0.1:0", tls: { cert: ${JSON.stringify(made.cert)}, key: ${JSON.stringify(made.key)} } }`,
      ),
    );
    const added = await ecn(config, ['users', 'add', '-u', 'claire', '-r', 'manager'], {}, `${PASSWORD}\n`);
    expect(added.status).toBe(0);
    svc = await startService(config);
    expect(svc.logs()).toContain(`"consoleFingerprint":"${made.fingerprint}"`);
    const base = svc.consoleUrl.replace(/^http:/, 'https:');
    const ca = readFileSync(made.cert, 'utf8');

    const login = await httpsRequest(`${base}/login`, ca);
    expect(login.status).toBe(200);
    expect(login.peerFingerprint).toBe(made.fingerprint);
    const csrfCookie = [login.headers['set-cookie'] ?? []].flat();
    expect(csrfCookie.length).toBeGreaterThan(0);
    for (const c of csrfCookie) expect(c).toMatch(/;\s*Secure/i);
    expect(login.headers['strict-transport-security']).toBeDefined();

    const csrf = /name="_csrf" value="([A-Za-z0-9_-]{43})"/.exec(login.body)![1]!;
    const form = new URLSearchParams({ username: 'claire', password: PASSWORD, _csrf: csrf, next: '/' });
    const signedIn = await httpsRequest(`${base}/login`, ca, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: csrfCookie.map((c) => c.split(';')[0]).join('; '),
      },
      body: form.toString(),
    });
    expect(signedIn.status).toBe(303);
    const session = [signedIn.headers['set-cookie'] ?? []]
      .flat()
      .filter((c) => !/=;|Expires=Thu, 01 Jan 1970/.test(c));
    expect(session.length).toBeGreaterThan(0);
    for (const c of session) expect(c).toMatch(/;\s*Secure/i);

    // Plain http to the console's port is not answered as a page.
    await expect(fetch(`${svc.consoleUrl}/login`)).rejects.toThrow();
  });

  it('announces an https user-portal-url over https while http probes still get the captive answer', async () => {
    const { dir, config } = tempSetup();
    const made = await makeCertificate(config, path.join(dir, 'tls'));
    const apiPort = await freePort();
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'portal: { listen: "127.0.0.1:0" }',
        `portal: { listen: "127.0.0.1:0", publicUrl: "http://127.0.0.1", apiListen: "127.0.0.1:${apiPort}", tls: { cert: ${JSON.stringify(made.cert)}, key: ${JSON.stringify(made.key)} } }`,
      ),
    );
    svc = await startService(config);
    const ca = readFileSync(made.cert, 'utf8');

    const api = await httpsRequest(`https://127.0.0.1:${apiPort}/api/captive`, ca);
    expect(api.status).toBe(200);
    expect(api.peerFingerprint).toBe(made.fingerprint);
    expect(api.headers['content-type']).toMatch(/^application\/captive\+json/);
    const doc = JSON.parse(api.body) as Record<string, unknown>;
    expect(doc).toMatchObject({ captive: true, 'user-portal-url': `https://127.0.0.1:${apiPort}/` });

    // The same portal still answers captive detection over plain http.
    const probe = await fetch(`${svc.url}/generate_204`, { redirect: 'manual' });
    expect(probe.status).toBe(302);
    expect(probe.headers.get('location')).toMatch(/^http:\/\//);
    const welcome = await fetch(`${svc.url}/`, { redirect: 'manual' });
    expect(welcome.status).toBe(200);
    expect(welcome.headers.get('strict-transport-security')).toBeNull();
  });

  it('refuses to start on a key that is not the certificate’s, an expired certificate or an unreadable file, listing all', async () => {
    const { dir, config } = tempSetup();
    const a = await makeCertificate(config, path.join(dir, 'a'));
    const b = await makeCertificate(config, path.join(dir, 'b'));
    const old = await expiredCertificate(path.join(dir, 'old'));
    const missingKey = path.join(dir, 'nowhere', 'key.pem');
    const apiPort = await freePort();
    writeFileSync(
      config,
      readFileSync(config, 'utf8')
        .replace(
          'console: { listen: "127.0.0.1:0" }',
          `console: { listen: "127.0.0.1:0", tls: { cert: ${JSON.stringify(a.cert)}, key: ${JSON.stringify(b.key)} } }`,
        )
        .replace(
          'portal: { listen: "127.0.0.1:0" }',
          `portal: { listen: "127.0.0.1:0", publicUrl: "http://127.0.0.1", apiListen: "127.0.0.1:${apiPort}", tls: { cert: ${JSON.stringify(old.cert)}, key: ${JSON.stringify(missingKey)} } }`,
        ),
    );
    const r = await run(process.execPath, [MAIN, '--config', config]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `console.tls.key: ${b.key} is not the private key of the certificate in ${a.cert}`,
    );
    expect(r.stderr).toContain(
      `portal.tls.cert: the certificate in ${old.cert} expired on 2020-02-01T00:00:00.000Z`,
    );
    expect(r.stderr).toContain(`portal.tls.key: cannot read ${missingKey} (ENOENT)`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // a configuration error, not a crash
    expect(r.stdout).not.toMatch(/ECN gateway started/);
  });

  it('`ecn config check` names the certificates in use, and a garbage or not-yet-valid one is refused', async () => {
    const { dir, config } = tempSetup();
    const made = await makeCertificate(config, path.join(dir, 'tls'));
    const withConsoleTls = (cert: string) =>
      writeFileSync(
        config,
        readFileSync(config, 'utf8').replace(
          /console: \{[^\n]*\}\n/,
          `console: { listen: "127.0.0.1:0", tls: { cert: ${JSON.stringify(cert)}, key: ${JSON.stringify(made.key)} } }\n`,
        ),
      );
    withConsoleTls(made.cert);
    const ok = await ecn(config, ['config', 'check']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`Console certificate SHA-256: ${made.fingerprint}\n`);

    const garbage = path.join(dir, 'garbage.pem');
    writeFileSync(garbage, 'not a certificate\n');
    withConsoleTls(garbage);
    const bad = await ecn(config, ['config', 'check']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`console.tls.cert: ${garbage} is not a PEM certificate`);
    expect(bad.stderr).toContain('[ECN_ERR_CONFIG_INVALID]');

    // A box whose clock is behind the certificate's start is told so, not left to fail handshakes.
    const early = readTlsFiles(
      { cert: made.cert, key: made.key },
      'console.tls',
      new Date('2020-01-01T00:00:00Z'),
    );
    expect(early.credentials).toBeNull();
    expect(early.problems).toEqual([
      expect.stringMatching(/^console\.tls\.cert: .* is not valid before .*is the clock right/),
    ]);
  });
});
