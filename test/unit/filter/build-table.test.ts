import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { domainToASCII } from 'node:url';
import { buildTable, SourceError, type BuildSpec, type SourceSpec } from '../../../src/filter/build-table';
import { exportRules } from '../../../src/filter/export-rules';
import { customTable, FilterPolicy } from '../../../src/filter/policy';
import { readTableFile } from '../../../src/filter/table-file';
import { writeUt1Fixture, writeUt1Tarball } from '../../helpers/ut1-fixture';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-build-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ut1 = (p: string): SourceSpec => ({ kind: 'ut1', path: p, url: '', category: '', format: 'auto' });

function spec(
  sources: SourceSpec[],
  categories = ['adult', 'malware'],
  allowCategories: string[] = [],
): BuildSpec {
  return {
    sources,
    categories,
    allowCategories,
    tableFile: path.join(dir, 'table.bin'),
    workDir: path.join(dir, 'work'),
  };
}

function policyOf(file: string, allow: string[] = [], block: string[] = []): FilterPolicy {
  const { table, meta } = readTableFile(file);
  return new FilterPolicy(table, meta, customTable(allow, block).table);
}

describe('building the table from UT1 lists', () => {
  it('loads the chosen categories of an extracted folder, counts bad lines and keeps going', async () => {
    const fx = writeUt1Fixture(path.join(dir, 'lists'));
    const report = await buildTable(spec([ut1(path.join(dir, 'lists'))]));
    expect(report.names).toBe(3002 + 1500);
    expect(report.sources.map((s) => [s.category, s.names, s.bad]).sort()).toEqual([
      ['adult', 3002, fx.bad],
      ['malware', 1500, fx.bad],
    ]);
    expect(report.badSamples.some((l) => l.includes('not a domain'))).toBe(true);
    const p = policyOf(report.sources.length ? path.join(dir, 'table.bin') : '');
    expect(p.decide('adult-site-7.example7.test')).toEqual({ action: 'block', category: 'adult' });
    expect(p.decide('www.malware-site-1.example1.test')).toEqual({ action: 'block', category: 'malware' });
    expect(p.decide(domainToASCII('élève-coquin.fr')).action).toBe('block'); // "Élève-Coquin.FR" in the list
    expect(p.decide('gambling-site-1.example1.test')).toEqual({ action: 'none' }); // not chosen
  });

  it('reads the tarball the same way', async () => {
    const { tarball } = writeUt1Tarball(dir);
    const report = await buildTable(spec([ut1(tarball)], ['gambling']));
    expect(report.names).toBe(1000);
    expect(policyOf(path.join(dir, 'table.bin')).decide('gambling-site-999.example11.test').action).toBe(
      'block',
    );
  });

  it('honours usage: a white list allows, a white-only list is never used to block', async () => {
    writeUt1Fixture(path.join(dir, 'lists'));
    writeFileSync(path.join(dir, 'lists/blacklists/jobsearch/domains'), 'jobs.adult-site-3.example3.test\n');
    const report = await buildTable(spec([ut1(path.join(dir, 'lists'))], ['adult', 'bank'], ['jobsearch']));
    expect(report.warnings.join('\n')).toMatch(/bank is meant for white lists/);
    const p = policyOf(path.join(dir, 'table.bin'));
    expect(p.decide('x.adult-site-3.example3.test').action).toBe('block');
    expect(p.decide('jobs.adult-site-3.example3.test')).toEqual({ action: 'allow', category: null });
    expect(p.decide('bank-site-1.example1.test').action).toBe('none');
  });

  it('reads hosts, plain and adblock list files as categories of their own', async () => {
    writeFileSync(
      path.join(dir, 'hosts'),
      '127.0.0.1 localhost\n0.0.0.0 tracker.example\n0.0.0.0 ads.example # ads\n',
    );
    writeFileSync(
      path.join(dir, 'adblock.txt'),
      '! list\n||spy.example^\n@@||ok.spy.example^\n||x.example^$third-party\n',
    );
    const list = (p: string, category: string): SourceSpec => ({
      kind: 'list',
      path: p,
      url: '',
      category,
      format: 'auto',
    });
    const report = await buildTable(
      spec([list(path.join(dir, 'hosts'), 'ads'), list(path.join(dir, 'adblock.txt'), 'ads')], ['ads']),
    );
    expect(report.names).toBe(4);
    expect(report.sources.map((s) => s.bad)).toEqual([0, 1]);
    const p = policyOf(path.join(dir, 'table.bin'));
    expect(p.decide('www.ads.example')).toEqual({ action: 'block', category: 'ads' });
    expect(p.decide('a.spy.example').action).toBe('block');
    expect(p.decide('ok.spy.example').action).toBe('allow');
  });

  it('fails on a missing source or a truncated tarball, leaving the previous table in place', async () => {
    writeUt1Fixture(path.join(dir, 'lists'));
    await buildTable(spec([ut1(path.join(dir, 'lists'))]));
    const before = readFileSync(path.join(dir, 'table.bin'));
    await expect(buildTable(spec([ut1(path.join(dir, 'nowhere'))]))).rejects.toThrow(SourceError);
    const { tarball } = writeUt1Tarball(path.join(dir, 't'));
    const whole = readFileSync(tarball);
    writeFileSync(tarball, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(buildTable(spec([ut1(tarball)]))).rejects.toThrow(/truncated|unexpected end|archive/);
    expect(readFileSync(path.join(dir, 'table.bin')).equals(before)).toBe(true);
  });

  it('downloads a source, and refuses a download cut short', async () => {
    const { tarball } = writeUt1Tarball(dir);
    const body = readFileSync(tarball);
    const server = http.createServer((req, res) => {
      if (req.url !== '/missing') res.writeHead(200, { 'content-length': String(body.length) });
      if (req.url === '/missing') {
        res.writeHead(404).end();
        return;
      }
      if (req.url === '/cut.tar.gz') {
        res.write(body.subarray(0, 100));
        setTimeout(() => res.destroy(), 20);
      } else res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const fromUrl = (u: string): SourceSpec => ({ ...ut1(''), url: `${base}${u}` });
      const report = await buildTable(spec([fromUrl('/blacklists.tar.gz')], ['malware']));
      expect(report.names).toBe(1500);
      await expect(buildTable(spec([fromUrl('/cut.tar.gz')], ['malware']))).rejects.toThrow(SourceError);
      await expect(buildTable(spec([fromUrl('/missing')], ['malware']))).rejects.toThrow(/HTTP 404/);
    } finally {
      server.close();
    }
  });

  it('exports the same rules as RPZ and dnsmasq lines', async () => {
    writeUt1Fixture(path.join(dir, 'lists'));
    await buildTable(spec([ut1(path.join(dir, 'lists'))], ['malware'], ['jobsearch']));
    const opts = {
      build: spec([ut1(path.join(dir, 'lists'))], ['malware'], ['jobsearch']),
      allow: ['malware-site-5.example5.test'],
      block: ['custom.example'],
      blockAddress: '10.42.0.1',
      ttl: 60,
    };
    let rpz = '';
    const r = await exportRules({ ...opts, format: 'rpz' }, (t) => (rpz += t));
    expect(r.blocked).toBe(1500 - 1 + 1);
    expect(rpz).toContain(
      'malware-site-1.example1.test A 10.42.0.1\n*.malware-site-1.example1.test A 10.42.0.1\n',
    );
    expect(rpz).toContain('malware-site-5.example5.test CNAME rpz-passthru.');
    expect(rpz).toContain('custom.example A 10.42.0.1');
    expect(rpz).toContain('jobsearch-site-2.example2.test CNAME rpz-passthru.');
    let dnsmasq = '';
    await exportRules({ ...opts, format: 'dnsmasq' }, (t) => (dnsmasq += t));
    expect(dnsmasq).toContain('local=/malware-site-1.example1.test/\n');
    expect(dnsmasq).toContain('server=/malware-site-5.example5.test/#\n');
    expect(dnsmasq.match(/^local=/gm)).toHaveLength(1500);
  });
});
