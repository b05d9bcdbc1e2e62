// The references in docs/ are generated; these tests fail when someone changes the schema or
// the error registry without regenerating them (`npm run docs`).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configReference } from '../../../src/config/reference';
import { errorsReference } from '../../../src/domain/errors-reference';
import { ERROR_CODES } from '../../../src/domain/errors';
import { listKeys } from '../../../src/config/schema-walk';
import { configSchema } from '../../../src/config/schema';

const root = path.resolve(__dirname, '../../..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

describe('generated documentation', () => {
  it('docs/configuration.md matches the schema', () => {
    expect(read('docs/configuration.md')).toBe(configReference());
  });

  it('documents every key with a description', () => {
    for (const k of listKeys(configSchema)) {
      expect(k.description.length).toBeGreaterThan(5);
      expect(read('docs/configuration.md')).toContain(`\`${k.env}\``);
    }
  });

  it('docs/errors.md matches the registry and lists every code', () => {
    const doc = read('docs/errors.md');
    expect(doc).toBe(errorsReference());
    for (const code of Object.keys(ERROR_CODES)) expect(doc).toContain(`\`${code}\``);
  });

  it('every error code used in the source is registered', () => {
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    const used = execFileSync('grep', ['-rhoE', "'ECN_ERR_[A-Z_]*[A-Z]'", path.join(root, 'src')], {
      encoding: 'utf8',
    });
    const codes = new Set(
      used
        .split('\n')
        .filter(Boolean)
        .map((c) => c.slice(1, -1)),
    );
    expect(codes.size).toBeGreaterThan(10);
    for (const code of codes) {
      expect(Object.keys(ERROR_CODES)).toContain(code);
    }
  });
});
