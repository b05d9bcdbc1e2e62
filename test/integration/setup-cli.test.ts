// `ecn setup` as the person installing a box runs it (issue #16, item 2): with flags into a
// folder standing for the box's root, again with one answer changed, with bad answers, at a
// terminal (a real pseudo-terminal), with systemd, and its final check against running parts.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { loadConfig } from '../../src/config/load';
import { requireBinary, startDnsmasq, startEcnDns, type RunningProcess } from '../helpers/dns';
import { cleanEnv, ECN_BIN, ROOT, run, startService, type RunningService } from '../helpers/processes';
import { freePort } from '../helpers/redis-server';
import { fixedParts, setupMsg } from '../helpers/messages';

jest.setTimeout(180_000);

const FRENCH = { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const PASSWORD = 'un-mot-de-passe-solide';

function newRoot(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'ecn-setup-'));
}

function passwordFile(content = `${PASSWORD}\n`): string {
  const f = path.join(mkdtempSync(path.join(os.tmpdir(), 'ecn-setup-pw-')), 'password');
  writeFileSync(f, content, { mode: 0o600 });
  return f;
}

const ROUTER_FLAGS = [
  '--mode',
  'router',
  '--space-id',
  'roubaix-epeule',
  '--space-name',
  "Espace Citoyen Numérique de l'Épeule",
  '--wifi-ssid',
  'ECN-Epeule',
  '--lan-if',
  'wlan0',
  '--wan-if',
  'eth0',
  '--lan-address',
  '10.42.0.1/24',
  '--admin-net',
  '192.168.1.0/24',
  '--remote-write-url',
  'https://metrics.ville-roubaix.example/api/v1/write',
];

function setup(root: string, args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [ECN_BIN, 'setup', '--root', root, ...args], {
    env: cleanEnv({ ...FRENCH, ...env }),
  });
}

const at = (root: string, file: string) => path.join(root, file);
const read = (root: string, file: string) => readFileSync(at(root, file), 'utf8');

/** Every file under `dir`, relative. */
function filesUnder(dir: string): string[] {
  const r = spawnSync('find', [dir, '-type', 'f'], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => path.relative(dir, f))
    .sort();
}

const BOX_FILES = [
  'etc/dnsmasq.d/ecn-resolver.conf',
  'etc/dnsmasq.d/ecn.conf',
  'etc/ecn/config.yaml',
  'etc/ecn/prometheus-agent.yml',
  'etc/nftables.conf',
];

describe('ecn setup with flags (router mode)', () => {
  let root: string;

  beforeAll(async () => {
    root = newRoot();
    // The box has the service's group: the configuration is root's, readable by the group only.
    mkdirSync(at(root, 'etc'), { recursive: true });
    writeFileSync(at(root, 'etc/group'), 'root:x:0:\necn:x:4242:\n');
    writeFileSync(
      at(root, 'etc/passwd'),
      'root:x:0:0:root:/root:/bin/sh\necn:x:4243:4242::/var/lib/ecn:/usr/sbin/nologin\n',
    );
    const r = await setup(root, [
      '--yes',
      '--no-check',
      ...ROUTER_FLAGS,
      '--manager',
      'claire',
      '--manager-password-file',
      passwordFile(),
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const f of BOX_FILES) expect(r.stdout).toContain(`créé       ${at(root, f)}`);
    expect(r.stdout).toMatch(/Compte gestionnaire « claire » créé/);
    expect(r.stdout).toMatch(/Vérification sautée \(--no-check\)/);
  });

  it('writes a configuration the real loader accepts, with the answers in it', () => {
    const cfg = loadConfig({ file: at(root, 'etc/ecn/config.yaml'), env: {} });
    expect(cfg.space).toMatchObject({
      id: 'roubaix-epeule',
      name: "Espace Citoyen Numérique de l'Épeule",
      wifiName: 'ECN-Epeule',
    });
    expect(cfg.gateway).toMatchObject({
      kind: 'nftables',
      clientInterface: 'wlan0',
      upstreamInterface: 'eth0',
      portalAddress: '10.42.0.1',
      clientPrefix: 24,
      dnsAddress: '10.42.0.1',
    });
    expect(cfg.portal.listen).toBe('10.42.0.1:8080');
    expect(cfg.filter.listen).toBe('10.42.0.1:53');
    expect(cfg.filter.upstream).toBe('127.0.0.1:5353');
    expect(cfg.metrics.remoteWriteUrl).toBe('https://metrics.ville-roubaix.example/api/v1/write');
    expect(cfg.dataDir).toBe('/var/lib/ecn');
  });

  it('gives the configuration to root and the ecn group (0640), the rest 0644', () => {
    const st = statSync(at(root, 'etc/ecn/config.yaml'));
    expect(st.mode & 0o777).toBe(0o640);
    expect(st.gid).toBe(4242);
    expect(statSync(at(root, 'etc/nftables.conf')).mode & 0o777).toBe(0o644);
    expect(statSync(at(root, 'etc/dnsmasq.d/ecn.conf')).mode & 0o777).toBe(0o644);
  });

  it('writes a base firewall that nft accepts, with the interfaces and the SSH network', () => {
    const file = at(root, 'etc/nftables.conf');
    const r = spawnSync(requireBinary('nft'), ['-c', '-f', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('define WIFI = "wlan0"');
    expect(text).toContain('define WAN = "eth0"');
    expect(text).toContain('iifname $WAN ip saddr 192.168.1.0/24 tcp dport 22 accept');
    expect(text).not.toMatch(/^\s*flush ruleset/m);
  });

  it('writes DHCP and resolver snippets that dnsmasq accepts, with option 114 at the http portal', () => {
    for (const f of ['etc/dnsmasq.d/ecn.conf', 'etc/dnsmasq.d/ecn-resolver.conf']) {
      const r = spawnSync(requireBinary('dnsmasq'), ['--test', '-C', at(root, f)], { encoding: 'utf8' });
      expect(`${r.stdout}${r.stderr}`).toMatch(/syntax check OK/);
      expect(r.status).toBe(0);
    }
    const dhcp = read(root, 'etc/dnsmasq.d/ecn.conf');
    expect(dhcp).toContain('dhcp-range=wlan0,10.42.0.20,10.42.0.250,255.255.255.0,2h');
    expect(dhcp).toContain('dhcp-option=wlan0,114,"http://10.42.0.1/api/captive"');
    expect(dhcp).toContain('except-interface=eth0');
    const resolver = read(root, 'etc/dnsmasq.d/ecn-resolver.conf');
    expect(resolver).toMatch(/^port=5353$/m);
    expect(resolver).toMatch(/^listen-address=127\.0\.0\.1$/m);
  });

  it("writes the Prometheus agent's configuration with the space and the city's URL", () => {
    const agent = YAML.parse(read(root, 'etc/ecn/prometheus-agent.yml')) as {
      global: { external_labels: Record<string, string> };
      remote_write: { url: string }[];
    };
    expect(agent.global.external_labels.space_id).toBe('roubaix-epeule');
    expect(agent.remote_write[0]!.url).toBe('https://metrics.ville-roubaix.example/api/v1/write');
  });

  it("hands the data folder it opened as root to the service's user", () => {
    const data = at(root, 'var/lib/ecn');
    const made = filesUnder(data);
    expect(made).toEqual(expect.arrayContaining(['ecn.db', 'journal.db']));
    for (const f of ['', ...made]) {
      const st = statSync(path.join(data, f));
      expect([f, st.uid, st.gid]).toEqual([f, 4243, 4242]);
    }
  });

  it('made the manager account in the store the configuration names', async () => {
    const r = await run(
      process.execPath,
      [ECN_BIN, '--config', at(root, 'etc/ecn/config.yaml'), 'users', 'list'],
      { env: cleanEnv({ ECN_DATA_DIR: at(root, 'var/lib/ecn') }) },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^claire\tmanager\troubaix-epeule\tactive\t/m);
  });

  it('run again with one answer changed, rewrites only the file that holds it, keeping a .bak', async () => {
    const before = Object.fromEntries(BOX_FILES.map((f) => [f, read(root, f)]));
    const r = await setup(root, [
      '--yes',
      '--no-check',
      '--wifi-ssid',
      'ECN-Epeule-2',
      '--manager',
      'claire',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`modifié    ${at(root, 'etc/ecn/config.yaml')}`);
    for (const f of BOX_FILES.filter((f) => f !== 'etc/ecn/config.yaml')) {
      expect(r.stdout).toContain(`inchangé   ${at(root, f)}`);
      expect(read(root, f)).toBe(before[f]);
    }
    // The manager is never made twice, and no password was needed for it.
    expect(r.stdout).toMatch(/Compte gestionnaire « claire » : il existe déjà, inchangé/);
    expect(read(root, 'etc/ecn/config.yaml.bak')).toBe(before['etc/ecn/config.yaml']);
    const after = read(root, 'etc/ecn/config.yaml');
    expect(after.replace('ECN-Epeule-2', 'ECN-Epeule')).toBe(before['etc/ecn/config.yaml']);
  });

  it('keeps hand-made keys and announces the https API in option 114 once portal.tls is set', async () => {
    const file = at(root, 'etc/ecn/config.yaml');
    const doc = YAML.parseDocument(readFileSync(file, 'utf8'));
    doc.setIn(['portal', 'apiListen'], '10.42.0.1:8443');
    doc.setIn(['portal', 'tls'], { cert: '/etc/ecn/tls/cert.pem', key: '/etc/ecn/tls/key.pem' });
    doc.setIn(['tickets', 'maxBatch'], 200);
    writeFileSync(file, doc.toString());
    const r = await setup(root, ['--yes', '--no-check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`modifié    ${at(root, 'etc/dnsmasq.d/ecn.conf')}`);
    expect(r.stdout).toContain(`inchangé   ${at(root, 'etc/ecn/config.yaml')}`);
    expect(read(root, 'etc/dnsmasq.d/ecn.conf')).toContain(
      'dhcp-option=wlan0,114,"https://10.42.0.1:8443/api/captive"',
    );
    const cfg = loadConfig({ file, env: {} });
    expect(cfg.tickets.maxBatch).toBe(200);
    expect(cfg.portal.apiListen).toBe('10.42.0.1:8443');
  });

  it('a new residents interface changes the firewall and DHCP, not the resolver', async () => {
    const r = await setup(root, ['--yes', '--no-check', '--lan-if', 'br-lan']);
    expect(r.status).toBe(0);
    for (const f of ['etc/nftables.conf', 'etc/dnsmasq.d/ecn.conf', 'etc/ecn/config.yaml'])
      expect(r.stdout).toContain(`modifié    ${at(root, f)}`);
    for (const f of ['etc/dnsmasq.d/ecn-resolver.conf', 'etc/ecn/prometheus-agent.yml'])
      expect(r.stdout).toContain(`inchangé   ${at(root, f)}`);
    expect(read(root, 'etc/nftables.conf')).toContain('define WIFI = "br-lan"');
    expect(loadConfig({ file: at(root, 'etc/ecn/config.yaml'), env: {} }).gateway.clientInterface).toBe(
      'br-lan',
    );
  });
});

describe("ecn setup on the package's shipped configuration", () => {
  it('offers the fresh defaults, not the demo ones, and keeps the shipped comments and keys', async () => {
    const root = newRoot();
    mkdirSync(at(root, 'etc/ecn'), { recursive: true });
    const shipped = readFileSync(path.join(ROOT, 'config', 'default.yaml'), 'utf8').replace(
      /^dataDir: .*$/m,
      'dataDir: /var/lib/ecn # store, legal journal and its key, statistics',
    );
    writeFileSync(at(root, 'etc/ecn/config.yaml'), shipped);
    const r = await setup(root, [
      '--yes',
      '--no-check',
      '--space-id',
      'roubaix-pile',
      '--space-name',
      'Espace du Pile',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = read(root, 'etc/ecn/config.yaml');
    const cfg = loadConfig({ file: at(root, 'etc/ecn/config.yaml'), env: {} });
    // The demo's RADIUS-on-loopback did not make it a box behind access points: a router.
    expect(cfg.gateway).toMatchObject({
      kind: 'nftables',
      clientInterface: 'wlan0',
      portalAddress: '10.42.0.1',
    });
    expect(cfg.space.id).toBe('roubaix-pile');
    expect(cfg.filter.listen).toBe('10.42.0.1:53');
    expect(cfg.profiles.map((p) => p.name)).toEqual(['1h', '1d', '1w']);
    expect(text).toContain('# slug, the space_id label of the city');
    expect(read(root, 'etc/ecn/config.yaml.bak')).toBe(shipped);
  });
});

describe('ecn setup behind openNDS', () => {
  it("makes openNDS's faskey once, says where it is, and keeps it on a re-run", async () => {
    const root = newRoot();
    const flags = ['--yes', '--no-check', '--mode', 'opennds', '--space-id', 'roubaix-alma'];
    let r = await setup(root, [...flags, '--space-name', 'Alma', '--lan-address', '192.168.1.10/24']);
    expect(r.status).toBe(0);
    const file = at(root, 'etc/ecn/config.yaml');
    expect(r.stdout).toContain(
      setupMsg('fr', 'secret.generated', {
        key: 'gateway.opennds.faskey',
        config: file,
        gear: 'openNDS (option faskey)',
      }),
    );
    const cfg = loadConfig({ file, env: {} });
    expect(cfg.gateway.kind).toBe('opennds');
    expect(cfg.gateway.opennds.faskey).toMatch(/^[0-9a-f]{48}$/);
    expect(cfg.portal.publicUrl).toBe('http://192.168.1.10:8080');
    // Not the router: no firewall, no DHCP of its own.
    expect(filesUnder(root).filter((f) => f.startsWith('etc/'))).toEqual([
      'etc/dnsmasq.d/ecn-resolver.conf',
      'etc/ecn/config.yaml',
    ]);
    r = await setup(root, flags);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`inchangé   ${file}`);
    expect(r.stdout).not.toMatch(/créé au hasard/);
    expect(loadConfig({ file, env: {} }).gateway.opennds.faskey).toBe(cfg.gateway.opennds.faskey);
  });
});

describe('ecn setup refuses bad answers given as flags, and writes nothing', () => {
  const complete = (replace: Record<string, string>) => {
    const flags = [...ROUTER_FLAGS];
    for (const [flag, value] of Object.entries(replace)) {
      const i = flags.indexOf(flag);
      if (i >= 0) flags[i + 1] = value;
      else flags.push(flag, value);
    }
    return flags;
  };

  it.each([
    [
      { '--space-id': 'Roubaix Epeule' },
      /Identifiant refusé « Roubaix Epeule » : uniquement des lettres minuscules/,
    ],
    [{ '--lan-if': 'wlan 0' }, /Nom d'interface refusé « wlan 0 » : .*sans espace/],
    [{ '--wan-if': 'wlan0' }, /Les deux interfaces doivent être différentes/],
    [{ '--lan-address': '10.42.0.1/33' }, /Adresse refusée « 10\.42\.0\.1\/33 »/],
    [{ '--lan-address': '10.42.0.0/24' }, /pas l'adresse du réseau/],
    [{ '--lan-address': '10.42.0.1' }, /écrivez une adresse IPv4 et son préfixe/],
    [{ '--remote-write-url': 'ftp://metrics.example/write' }, /doit commencer par https:\/\//],
    [{ '--mode': 'bridge' }, /Rôle inconnu « bridge »/],
    [{ '--admin-net': 'partout' }, /Réseau refusé « partout »/],
    [{ '--wifi-ssid': 'x'.repeat(40) }, /Nom de Wi-Fi refusé : 32 caractères au plus/],
    [{ '--manager': 'Claire Dupont' }, /Nom de compte refusé « Claire Dupont »/],
  ])('%j', async (replace, message) => {
    const root = newRoot();
    const r = await setup(root, [
      '--yes',
      '--no-check',
      ...complete(replace),
      '--manager-password-file',
      passwordFile(),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`${setupMsg('fr', 'bad.stopped')} [ECN_ERR_SETUP_INVALID]`);
    expect(filesUnder(root)).toEqual([]);
  });

  it('a password file with a short password, or none to read', async () => {
    for (const [file, message] of [
      [passwordFile('court\n'), /Mot de passe refusé : entre 10 et 200 caractères/],
      [
        '/nonexistent/password',
        /Impossible de lire le fichier de mot de passe \/nonexistent\/password : ENOENT/,
      ],
    ] as const) {
      const root = newRoot();
      const r = await setup(root, [
        '--yes',
        '--no-check',
        ...ROUTER_FLAGS,
        '--manager',
        'claire',
        '--manager-password-file',
        file,
      ]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(filesUnder(root)).toEqual([]);
    }
  });

  it('a manager without a password and without a terminal; no terminal and no --yes; a first run without the space', async () => {
    let root = newRoot();
    let r = await setup(root, ['--yes', '--no-check', ...ROUTER_FLAGS, '--manager', 'claire']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(setupMsg('fr', 'bad.passwordNoTerminal', { user: 'claire' }));
    expect(filesUnder(root)).toEqual([]);
    root = newRoot();
    r = await setup(root, ['--no-check', ...ROUTER_FLAGS]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(setupMsg('fr', 'bad.noTerminal'));
    expect(filesUnder(root)).toEqual([]);
    r = await setup(root, ['--yes', '--no-check', '--mode', 'router']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(setupMsg('fr', 'bad.missing', { flag: '--space-id' }));
    expect(filesUnder(root)).toEqual([]);
  });

  it('speaks English with --lang en or an English LANG', async () => {
    const root = newRoot();
    let r = await setup(root, ['--yes', '--lang', 'en', ...complete({ '--space-id': 'Bad Id' })]);
    expect(r.stderr).toMatch(/Identifier refused "Bad Id": lower-case letters/);
    r = await setup(root, ['--yes', ...complete({ '--lan-if': 'a b' })], { LANG: 'en_GB.UTF-8' });
    expect(r.stderr).toMatch(/Interface name refused "a b"/);
    expect(filesUnder(root)).toEqual([]);
  });
});

describe('ecn setup with systemd', () => {
  it('enables the units with systemctl, and restarts only those whose files changed', async () => {
    const root = newRoot();
    mkdirSync(at(root, 'run/systemd/system'), { recursive: true });
    const calls = at(root, 'systemctl-calls');
    const fake = at(root, 'systemctl');
    writeFileSync(fake, `#!/bin/sh\necho "$*" >> ${JSON.stringify(calls)}\n`);
    chmodSync(fake, 0o755);
    const flags = ['--yes', '--no-check', '--systemctl-command', fake];
    let r = await setup(root, [...flags, ...ROUTER_FLAGS]);
    expect(r.status).toBe(0);
    // The router box runs the gateway unit with CAP_NET_ADMIN; the plain one must not boot too.
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      'daemon-reload',
      'disable --now ecn-gateway.service',
      'enable --now nftables.service',
      'try-restart nftables.service',
      'enable --now dnsmasq.service',
      'try-restart dnsmasq.service',
      'enable --now ecn-dns.service',
      'try-restart ecn-dns.service',
      'enable --now ecn-gateway-router.service',
      'try-restart ecn-gateway-router.service',
    ]);
    expect(r.stdout).toContain(setupMsg('fr', 'units.enabled', { unit: 'ecn-gateway-router.service' }));

    writeFileSync(calls, '');
    r = await setup(root, [...flags, '--admin-net', 'tous']);
    expect(r.status).toBe(0);
    expect(read(root, 'etc/nftables.conf')).toContain('\t\tiifname $WAN tcp dport 22 accept');
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      'daemon-reload',
      'disable --now ecn-gateway.service',
      'enable --now nftables.service',
      'try-restart nftables.service',
      'enable --now dnsmasq.service',
      'enable --now ecn-dns.service',
      'enable --now ecn-gateway-router.service',
    ]);
    expect(r.stdout).toContain(setupMsg('fr', 'units.restarted', { unit: 'nftables.service' }));

    // Behind access points, the plain gateway unit; the router's one is kept from booting.
    writeFileSync(calls, '');
    r = await setup(root, [...flags, '--mode', 'access-points']);
    expect(r.status).toBe(0);
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      'daemon-reload',
      'disable --now ecn-gateway-router.service',
      'enable --now dnsmasq.service',
      'enable --now ecn-dns.service',
      'try-restart ecn-dns.service',
      'enable --now ecn-gateway.service',
      'try-restart ecn-gateway.service',
    ]);
  });

  it('without systemd, says which units would be enabled and runs nothing', async () => {
    const root = newRoot();
    const r = await setup(root, [
      '--yes',
      '--no-check',
      ...ROUTER_FLAGS,
      '--systemctl-command',
      '/nonexistent/systemctl',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      setupMsg('fr', 'units.noSystemd', {
        units: 'nftables.service, dnsmasq.service, ecn-dns.service, ecn-gateway-router.service',
      }),
    );
  });
});

describe('ecn setup at a terminal', () => {
  const PTY = path.join(ROOT, 'test', 'fixtures', 'pty-drive.py');

  function drive(root: string, steps: [RegExp | string, string][]) {
    const r = spawnSync(
      'python3',
      [
        PTY,
        JSON.stringify(steps.map(([re, line]) => [typeof re === 'string' ? re : re.source, line])),
        process.execPath,
        ECN_BIN,
        'setup',
        '--root',
        root,
        '--no-check',
      ],
      { encoding: 'utf8', env: cleanEnv(FRENCH), timeout: 170_000 },
    );
    if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as { status: number; failedAt: string | null; transcript: string };
  }

  it('asks every question, asks a bad answer again, hides the password; a re-run offers the answers', () => {
    const root = newRoot();
    const first = drive(root, [
      [/Rôle de la box.*\[router\] : /, ''],
      [/Identifiant de l'espace.* : /, 'Roubaix Epeule'],
      [/Identifiant refusé « Roubaix Epeule »[^\n]*\n[^\n]*Identifiant de l'espace.* : /, 'roubaix-epeule'],
      [/Nom de l'espace, affiché aux habitants : /, 'Espace de l’Épeule'],
      [/Nom du réseau Wi-Fi.* : /, 'ECN-Epeule'],
      [/Interface côté habitants.*\[wlan0\] : /, ''],
      [/Interface côté Internet.*\[eth0\] : /, 'wlan0'],
      [/Les deux interfaces doivent être différentes[^\n]*\n[^\n]*Interface côté Internet.* : /, 'eth0'],
      [/Adresse de la box côté habitants.*\[10\.42\.0\.1\/24\] : /, '10.42.0.1/33'],
      [/Adresse refusée « 10\.42\.0\.1\/33 »[^\n]*\n[^\n]*Adresse de la box.* : /, ''],
      [/Réseau autorisé à se connecter en SSH.*\[tous\] : /, ''],
      [/Adresse remote_write.*\[aucune\] : /, 'ftp://metrics.example/write'],
      [
        /doit commencer par https:\/\/[^\n]*\n[^\n]*Adresse remote_write.* : /,
        'https://metrics.example/api/v1/write',
      ],
      [/Nom du premier compte gestionnaire.*\[gestionnaire\] : /, ''],
      [/Mot de passe de gestionnaire .* : /, 'court'],
      [/Mot de passe refusé : entre 10 et 200 caractères\.\s*Mot de passe de gestionnaire .* : /, PASSWORD],
      [/Le même mot de passe, encore une fois : /, PASSWORD],
    ]);
    expect(first.failedAt).toBeNull();
    expect(first.status).toBe(0);
    // Echo was off: what was typed at the password prompts never reached the screen.
    expect(first.transcript).not.toContain(PASSWORD);
    expect(first.transcript).not.toContain('court');
    expect(first.transcript).toMatch(/Compte gestionnaire « gestionnaire » créé/);
    const cfg = loadConfig({ file: at(root, 'etc/ecn/config.yaml'), env: {} });
    expect(cfg.space.id).toBe('roubaix-epeule');
    expect(cfg.space.name).toBe('Espace de l’Épeule');
    expect(cfg.gateway.upstreamInterface).toBe('eth0');
    expect(cfg.metrics.remoteWriteUrl).toBe('https://metrics.example/api/v1/write');

    // Again: the current answers are the defaults; Enter everywhere changes nothing, and the
    // existing manager is not asked for.
    const again = drive(root, [
      [/déjà configurée/, ''],
      [/Rôle de la box.*\[router\] : /, ''],
      [/Identifiant de l'espace.*\[roubaix-epeule\] : /, ''],
      [/Nom de l'espace.*\[Espace de l’Épeule\] : /, ''],
      [/Nom du réseau Wi-Fi.*\[ECN-Epeule\] : /, ''],
      [/Interface côté habitants.*\[wlan0\] : /, ''],
      [/Interface côté Internet.*\[eth0\] : /, ''],
      [/Adresse de la box côté habitants.*\[10\.42\.0\.1\/24\] : /, ''],
      [/Réseau autorisé.*\[tous\] : /, ''],
      [/Adresse remote_write.*\[https:\/\/metrics\.example\/api\/v1\/write\] : /, ''],
    ]);
    expect(again.failedAt).toBeNull();
    expect(again.status).toBe(0);
    expect(again.transcript).not.toContain(setupMsg('fr', 'q.manager'));
    expect(again.transcript).not.toContain(fixedParts(setupMsg('fr', 'q.password'))[0]);
    for (const f of BOX_FILES) expect(again.transcript).toContain(`inchangé   ${at(root, f)}`);
    expect(again.transcript).toMatch(/Compte gestionnaire « gestionnaire » : il existe déjà, inchangé/);
  });
});

describe('ecn setup: the final check', () => {
  let root: string;
  let env: Record<string, string>;
  let upstream: RunningProcess | undefined;
  let dns: RunningProcess | undefined;
  let svc: RunningService | undefined;

  beforeAll(async () => {
    root = newRoot();
    const clock = at(root, 'clock-synced.sh');
    writeFileSync(clock, '#!/bin/sh\necho yes\n', { mode: 0o755 });
    upstream = await startDnsmasq({ 'ecn-setup-check.invalid': '192.0.2.1' });
    // The box's parts on free loopback ports, as the service and `ecn dns` will see them.
    env = {
      ECN_PORTAL_LISTEN: `127.0.0.1:${await freePort()}`,
      ECN_FILTER_LISTEN: `127.0.0.1:${await freePort()}`,
      ECN_FILTER_UPSTREAM: `127.0.0.1:${upstream.port}`,
      ECN_FILTER_CATEGORIES: '[]',
      ECN_RADIUS_AUTH_LISTEN: `127.0.0.1:${await freePort()}`,
      ECN_RADIUS_ACCT_LISTEN: '127.0.0.1:0',
      ECN_CONSOLE_LISTEN: '127.0.0.1:0',
      ECN_METRICS_LISTEN: '127.0.0.1:0',
      ECN_CLOCK_SOURCE: 'command',
      ECN_CLOCK_COMMAND: clock,
      ECN_DATA_DIR: at(root, 'var/lib/ecn'),
    };
  });

  afterAll(async () => {
    svc?.child.kill('SIGTERM');
    await svc?.exited;
    await dns?.stop();
    await upstream?.stop();
  });

  const flags = [
    '--yes',
    '--mode',
    'access-points',
    '--space-id',
    'roubaix-check',
    '--space-name',
    'Espace vérifié',
    '--lan-address',
    '127.0.0.1/8',
    '--remote-write-url',
    'aucune',
  ];

  it('says what does not answer and what to do, and fails, while nothing runs', async () => {
    const r = await setup(root, flags, env);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `✗ ${setupMsg('fr', 'check.portal', { url: `http://${env.ECN_PORTAL_LISTEN}` })}`,
    );
    expect(r.stdout).toContain(`→ ${setupMsg('fr', 'check.portal.fix', { unit: 'ecn-gateway.service' })}`);
    expect(r.stdout).toContain(`✗ ${setupMsg('fr', 'check.dns', { address: env.ECN_FILTER_LISTEN! })}`);
    expect(r.stdout).toContain(`→ ${setupMsg('fr', 'check.dns.fix')}`);
    expect(r.stdout).toContain(`✗ Serveur RADIUS (port UDP ${env.ECN_RADIUS_AUTH_LISTEN!.split(':')[1]})`);
    expect(r.stderr).toMatch(/3 partie\(s\) ne répondent pas.*\[ECN_ERR_SETUP_CHECK_FAILED\]/);
    // The files are written all the same: the check comes last.
    expect(filesUnder(at(root, 'etc')).sort()).toEqual(['dnsmasq.d/ecn-resolver.conf', 'ecn/config.yaml']);
  });

  it('passes once the service and the DNS filter run on what the configuration says', async () => {
    const config = at(root, 'etc/ecn/config.yaml');
    svc = await startService(config, env);
    dns = await startEcnDns(config, env);
    const r = await setup(root, ['--yes'], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`✓ Portail des habitants (http://${env.ECN_PORTAL_LISTEN}/healthz)`);
    expect(r.stdout).toContain(`✓ Filtre DNS (${env.ECN_FILTER_LISTEN})`);
    expect(r.stdout).toContain(`✓ Serveur RADIUS (port UDP ${env.ECN_RADIUS_AUTH_LISTEN!.split(':')[1]})`);
    expect(r.stdout).toContain(setupMsg('fr', 'check.allGood'));
    expect(r.stdout).toContain(`inchangé   ${config}`);
  });
});
