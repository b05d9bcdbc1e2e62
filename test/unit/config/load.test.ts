import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, DEFAULT_CONFIG_FILE } from '../../../src/config/load';
import { envName } from '../../../src/config/schema-walk';
import { EcnError } from '../../../src/domain/errors';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-config-'));
function file(text: string): string {
  const f = path.join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, text);
  return f;
}

function problems(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EcnError);
    return ((err as EcnError).details.problems as { path: string; message: string }[]) ?? [];
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('loads the shipped default file', () => {
    const c = loadConfig({ file: DEFAULT_CONFIG_FILE, env: {} });
    expect(c.space.id).toMatch(/^[a-z0-9-]+$/);
    expect(c.store.kind).toBe('embedded');
    expect(c.portal.listen).toBe('127.0.0.1:8080');
    expect(c.profiles.filter((p) => p.default)).toHaveLength(1);
    expect(c.profiles.find((p) => p.name === '1h')?.duration).toBe(3600);
  });

  it('fills every key from defaults when there is no file', () => {
    const c = loadConfig({ file: null, env: {} });
    expect(c.profiles[0]!.validUntil).toBeNull();
    expect(c.profiles[0]!.quota).toBeNull();
    expect(path.isAbsolute(c.dataDir)).toBe(true);
    expect(path.isAbsolute(c.charter.dir)).toBe(true);
  });

  it('is deeply frozen', () => {
    const c = loadConfig({ file: null, env: {} });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.space)).toBe(true);
    expect(Object.isFrozen(c.profiles[0])).toBe(true);
    expect(() => {
      (c.space as { id: string }).id = 'x';
    }).toThrow(TypeError);
  });

  it('reads units: durations, sizes, rates and dates', () => {
    const c = loadConfig({
      file: file(`
profiles:
  - { name: atelier, label: Atelier, duration: 1h30m, quota: 500MB, bandwidthDown: 2Mbit, bandwidthUp: 512kbit,
      validFrom: "2026-12-01", validUntil: "2026-12-02T18:00:00+01:00", devices: 3, idleTimeout: 15m, default: true }
`),
      env: {},
    });
    const p = c.profiles[0]!;
    expect(p.duration).toBe(5400);
    expect(p.quota).toBe(500_000_000);
    expect(p.bandwidthDown).toBe(2_000_000);
    expect(p.bandwidthUp).toBe(512_000);
    expect(p.validFrom).toBe(Date.UTC(2026, 11, 1));
    expect(p.validUntil).toBe(Date.UTC(2026, 11, 2, 17));
    expect(p.idleTimeout).toBe(900);
  });

  it('lets ECN_* variables override single keys, lists as JSON', () => {
    const c = loadConfig({
      file: file('space: { id: roubaix-alma }\n'),
      env: {
        ECN_SPACE_ID: 'roubaix-epeule',
        ECN_STORE_KIND: 'redis',
        ECN_TICKETS_MAX_BATCH: '50',
        ECN_PROFILES: '[{"name":"x","label":"X","duration":"2h","default":true}]',
      },
    });
    expect(c.space.id).toBe('roubaix-epeule');
    expect(c.store.kind).toBe('redis');
    expect(c.tickets.maxBatch).toBe(50);
    expect(c.profiles.map((p) => [p.name, p.duration])).toEqual([['x', 7200]]);
  });

  it('derives environment names from key paths', () => {
    expect(envName(['store', 'redisUrl'])).toBe('ECN_STORE_REDIS_URL');
    expect(envName(['dataDir'])).toBe('ECN_DATA_DIR');
  });

  it('lists every problem at once, with its path', () => {
    const found = problems(() =>
      loadConfig({
        file: file(`
space: { id: "Not A Slug" }
store: { kind: mongodb }
portal: { listen: "localhost" }
profiles:
  - { name: a, label: A, duration: forever, default: true }
  - { name: a, label: B, duration: 1h, default: true, quota: lots }
`),
        env: { ECN_TICKETS_MAX_BATCH: 'many', ECN_TYPO: '1' },
      }),
    );
    const paths = found.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'space.id',
        'store.kind',
        'portal.listen',
        'profiles.0.duration',
        'profiles.1.quota',
        'ECN_TICKETS_MAX_BATCH (tickets.maxBatch)',
        'ECN_TYPO',
      ]),
    );
    expect(found.length).toBeGreaterThanOrEqual(7);
  });

  it('refuses duplicate profile names and a missing default', () => {
    const found = problems(() =>
      loadConfig({
        file: file(
          'profiles:\n  - { name: a, label: A, duration: 1h }\n  - { name: a, label: B, duration: 2h }\n',
        ),
        env: {},
      }),
    );
    expect(found.map((p) => p.message).join('\n')).toMatch(/duplicate profile name "a"/);
    expect(found.map((p) => p.message).join('\n')).toMatch(
      /exactly one profile must have default: true \(found 0\)/,
    );
  });

  it('refuses a validity window that ends before it starts', () => {
    const found = problems(() =>
      loadConfig({
        file: file(
          'profiles:\n  - { name: a, label: A, duration: 1h, default: true, validFrom: "2026-12-02", validUntil: "2026-12-01" }\n',
        ),
        env: {},
      }),
    );
    expect(found).toEqual([expect.objectContaining({ path: 'profiles.0.validUntil' })]);
  });

  it('says when the file is not YAML or not readable', () => {
    expect(() => loadConfig({ file: file('space: [unclosed\n'), env: {} })).toThrow(
      expect.objectContaining({ code: 'ECN_ERR_CONFIG_UNREADABLE' }),
    );
    expect(() => loadConfig({ file: file('- a list\n'), env: {} })).toThrow(/must hold a mapping/);
    expect(() => loadConfig({ file: path.join(dir, 'missing.yaml'), env: {} })).toThrow(
      expect.objectContaining({ code: 'ECN_ERR_CONFIG_UNREADABLE' }),
    );
    expect(() => loadConfig({ file: file('a: 1\na: 2\n'), env: {} })).toThrow(/not valid YAML/);
  });

  it('refuses keys the schema does not know, with their line and the nearest known key', () => {
    const f = file(
      [
        'space: {nmae: x}', // 1
        'portal:', // 2
        '  lisen: 127.0.0.1:9999', // 3
        'profiles:', // 4
        '  - name: a', // 5
        '    label: A', // 6
        '    duration: 1h', // 7
        '    default: true', // 8
        '    devcies: 2', // 9
        'filter:', // 10
        '  safeSearch: {gogle: true}', // 11
        'zzzzzzzzzzzz: 1', // 12
        '',
      ].join('\n'),
    );
    let message = '';
    const found = problems(() => {
      try {
        loadConfig({ file: f, env: {} });
      } catch (err) {
        message = (err as Error).message;
        throw err;
      }
    });
    expect(found).toEqual([
      { path: 'space.nmae', line: 1, message: 'unknown key; did you mean `name`?' },
      { path: 'portal.lisen', line: 3, message: 'unknown key; did you mean `listen`?' },
      { path: 'profiles.0.devcies', line: 9, message: 'unknown key; did you mean `devices`?' },
      { path: 'filter.safeSearch.gogle', line: 11, message: 'unknown key; did you mean `google`?' },
      { path: 'zzzzzzzzzzzz', line: 12, message: 'unknown key' },
    ]);
    expect(message).toContain('portal.lisen (line 3): unknown key; did you mean `listen`?');
  });

  it('accepts every key of the shipped file and of a per-engine SafeSearch', () => {
    expect(() => loadConfig({ file: DEFAULT_CONFIG_FILE, env: {} })).not.toThrow();
    const c = loadConfig({
      file: file('filter:\n  safeSearch: { google: true, youtube: strict, bing: false, duckduckgo: true }\n'),
      env: {},
    });
    expect(c.filter.safeSearch.youtube).toBe('strict');
  });
});
