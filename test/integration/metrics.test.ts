// /metrics as the city's Prometheus scrapes it: on its own address, token-protected when
// configured, and accepted by `promtool check metrics`.

import { spawnSync } from 'node:child_process';
import { startService, tempSetup } from '../helpers/processes';

jest.setTimeout(60_000);

describe('/metrics', () => {
  it('serves metrics that promtool accepts, with the space_id label', async () => {
    const { config } = tempSetup();
    const svc = await startService(config);
    try {
      const res = await fetch(`${svc.metricsUrl}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/^ecn_build_info\{version="[^"]+",space_id="roubaix-test"\} 1$/m);
      expect(text).toMatch(/^ecn_process_resident_memory_bytes\{space_id="roubaix-test"\} \d+/m);
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect(check.error).toBeUndefined();
      expect(check.stdout + check.stderr).toBe('');
      expect(check.status).toBe(0);
      // The portal (the captive side) never serves them: a captive client is sent to the welcome page.
      const fromPortal = await fetch(`${svc.url}/metrics`, { redirect: 'manual' });
      expect(fromPortal.status).not.toBe(200);
      expect(await fromPortal.text()).not.toContain('ecn_build_info');
    } finally {
      svc.child.kill('SIGTERM');
      await svc.exited;
    }
  });

  it('requires the bearer token when one is configured', async () => {
    const { config } = tempSetup();
    const svc = await startService(config, { ECN_METRICS_TOKEN: 's3cret-token' });
    try {
      expect((await fetch(`${svc.metricsUrl}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${svc.metricsUrl}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
      ).toBe(401);
      const ok = await fetch(`${svc.metricsUrl}/metrics`, {
        headers: { authorization: 'Bearer s3cret-token' },
      });
      expect(ok.status).toBe(200);
      expect(svc.logs()).not.toContain('s3cret-token');
    } finally {
      svc.child.kill('SIGTERM');
      await svc.exited;
    }
  });
});
