// The Docker image's environment is a valid configuration that keeps the staff console off
// every network but the container's loopback until the operator publishes it on purpose.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../../src/config/load';
import { parseListen } from '../../../src/config/units';

const DOCKERFILE = path.resolve(__dirname, '../../../Dockerfile');

/** The ENV of the image's last stage (continued lines joined), as `docker run` sees them. */
function imageEnv(): Record<string, string> {
  const text = readFileSync(DOCKERFILE, 'utf8').replace(/\\\n/g, ' ');
  const stages = text.split(/^FROM /m);
  const env: Record<string, string> = {};
  for (const line of stages[stages.length - 1]!.split('\n')) {
    const m = /^ENV\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    for (const pair of m[1]!.trim().split(/\s+/)) {
      const [name, value] = pair.split('=');
      env[name!] = value!;
    }
  }
  return env;
}

describe('the Docker image', () => {
  it('loads with the shipped file and keeps the console on loopback, the portal published', () => {
    const env = imageEnv();
    expect(env.ECN_CONSOLE_LISTEN).toBeDefined();
    const config = loadConfig({ file: DEFAULT_CONFIG_FILE, env });
    expect(parseListen(config.console.listen)!.host).toBe('127.0.0.1');
    expect(parseListen(config.metrics.listen)!.host).toBe('127.0.0.1');
    expect(parseListen(config.portal.listen)!.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe('/var/lib/ecn');
  });

  it('does not expose the console port', () => {
    const expose = /^EXPOSE\s+(.*)$/m.exec(readFileSync(DOCKERFILE, 'utf8'))![1]!.split(/\s+/);
    expect(expose).toEqual(['8080']);
  });
});
