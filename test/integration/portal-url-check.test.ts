// `ecn config check` and the portal's URL (issue 12, item 7): an operator who lets the portal
// listen on every address learns where residents will be sent, or why the file is refused.

import { rmSync } from 'node:fs';
import { ecn, tempSetup } from '../helpers/processes';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setup(yaml: string): string {
  const { dir, config } = tempSetup(yaml);
  dirs.push(dir);
  return config;
}

test('with nftables, a wildcard listen sends residents to gateway.portalAddress', async () => {
  const config = setup('gateway: { kind: nftables, clientInterface: wlan0, portalAddress: 10.42.0.1 }\n');
  // The environment overrides the listen address of the file (127.0.0.1:0).
  const r = await ecn(config, ['config', 'check'], { ECN_PORTAL_LISTEN: '0.0.0.0:8080' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('portal 0.0.0.0:8080 (residents are sent to http://10.42.0.1:8080)');
});

test('without nftables, a wildcard listen and no publicUrl is refused, naming the keys', async () => {
  const config = setup('');
  const r = await ecn(config, ['config', 'check'], { ECN_PORTAL_LISTEN: '[::]:8080' });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(
    /portal\.publicUrl: required when portal\.listen is a wildcard address \(\[::\]:8080\)/,
  );
  expect(r.stderr).toContain('gateway.kind is not nftables');
});
