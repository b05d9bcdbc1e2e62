// Configuration files written for a test: load one from YAML text, or get the problems it is
// refused with (all at once, each with its path), as an operator would see them.

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load';
import { EcnError } from '../../src/domain/errors';

export interface ConfigFiles {
  load(yaml: string): ReturnType<typeof loadConfig>;
  problems(yaml: string): { path: string; message: string }[];
}

export function configFiles(prefix: string): ConfigFiles {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ecn-config-${prefix}-`));
  let n = 0;
  const load = (yaml: string) => {
    const f = path.join(dir, `c${n++}.yaml`);
    writeFileSync(f, yaml);
    return loadConfig({ file: f, env: {} });
  };
  const problems = (yaml: string) => {
    try {
      load(yaml);
    } catch (err) {
      if (!(err instanceof EcnError)) throw err;
      return err.details.problems as { path: string; message: string }[];
    }
    throw new Error('expected the configuration to be refused');
  };
  return { load, problems };
}
