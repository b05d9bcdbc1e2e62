// `ecn` loads only the module of the command it runs (issue #17, item 5: the box's memory).
// `ecn dns` and `ecn filter update` run for hours or build a 5 M-name table on a 1 GB box; they
// must not carry pdfkit, the console or Redis's client. The table of command modules in
// src/cli/main.ts is checked against what each module really adds.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMMAND_MODULES, buildProgram, commandName } from '../../src/cli/main';
import { ecn, tempSetup } from '../helpers/processes';

jest.setTimeout(120_000);

const io = { out: () => undefined, err: () => undefined, env: {} };
const topLevel = (argv?: string[]) =>
  buildProgram(io, argv)
    .commands.map((c) => c.name())
    .sort();

describe('the table of command modules', () => {
  it('names exactly the commands each module adds', () => {
    for (const m of COMMAND_MODULES) {
      for (const name of m.names) expect(topLevel([name])).toEqual([...m.names, 'errors'].sort());
    }
  });

  it('covers every command of the full program, each once', () => {
    const all = COMMAND_MODULES.flatMap((m) => m.names);
    expect(new Set(all).size).toBe(all.length);
    expect(topLevel()).toEqual([...all, 'errors'].sort());
    // An unknown name gets every command, so commander can suggest the right one.
    expect(topLevel(['tickest'])).toEqual(topLevel());
  });

  it('finds the command after the global option', () => {
    expect(commandName(['-c', 'dns', 'tickets', 'list'])).toBe('tickets');
    expect(commandName(['--config', '/etc/ecn.yaml', 'dns'])).toBe('dns');
    expect(commandName(['--config=/etc/ecn.yaml', 'filter', 'update'])).toBe('filter');
    expect(commandName(['--help'])).toBeNull();
  });
});

describe('a real `ecn` process', () => {
  const { config } = tempSetup();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-lazy-'));
  const hook = path.join(dir, 'loaded.js');
  const list = path.join(dir, 'loaded.txt');
  writeFileSync(
    hook,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, Object.keys(require.cache).join('\\n')));\n`,
  );
  const loaded = async (args: string[]) => {
    const r = await ecn(config, args, { NODE_OPTIONS: `--require ${hook}` });
    expect(r.stderr).not.toMatch(/unexpected failure/);
    return readFileSync(list, 'utf8').split('\n');
  };
  const has = (mods: string[], part: string) => mods.some((m) => m.includes(part));

  it('`ecn filter status` loads neither pdfkit, Redis, Express nor the console', async () => {
    const mods = await loaded(['filter', 'status']);
    expect(has(mods, `${path.sep}filter${path.sep}`)).toBe(true);
    expect(has(mods, `node_modules${path.sep}pdfkit`)).toBe(false);
    expect(has(mods, `node_modules${path.sep}ioredis`)).toBe(false);
    expect(has(mods, `node_modules${path.sep}express`)).toBe(false);
    expect(has(mods, `${path.sep}console${path.sep}`)).toBe(false);
  });

  it('`ecn tickets create` loads neither the filter nor pdfkit', async () => {
    const mods = await loaded(['tickets', 'create', '--count', '1']);
    expect(has(mods, `${path.sep}filter${path.sep}`)).toBe(false);
    expect(has(mods, `node_modules${path.sep}pdfkit`)).toBe(false);
  });

  it('`ecn stats --pdf` loads pdfkit when it prints, and the PDF is whole', async () => {
    const pdf = path.join(dir, 'report.pdf');
    const mods = await loaded(['stats', '--month', '2026-11', '--pdf', pdf]);
    expect(has(mods, `node_modules${path.sep}pdfkit`)).toBe(true);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toMatch(/%%EOF/);
  });
});
