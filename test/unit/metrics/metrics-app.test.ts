// The /metrics endpoint as Prometheus and a stray visitor see it: the exposition on GET (and
// HEAD), a bearer token checked when one is set, 404 for anything else.

import request from 'supertest';
import { Counter, Registry } from 'prom-client';
import { createMetricsApp } from '../../../src/metrics/metrics-app';

function registry(): Registry {
  const r = new Registry();
  new Counter({ name: 'ecn_test_total', help: 'a test counter', registers: [r] }).inc(3);
  return r;
}

describe('metrics endpoint', () => {
  it('serves the exposition format, also with a query string, and HEAD without a body', async () => {
    const app = createMetricsApp({ registry: registry(), token: '' });
    const res = await request(app).get('/metrics?x=1');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(res.text).toContain('ecn_test_total 3');
    const head = await request(app).head('/metrics');
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
  });

  it('answers 404 to another path or method', async () => {
    const app = createMetricsApp({ registry: registry(), token: '' });
    for (const res of [await request(app).get('/'), await request(app).post('/metrics').send('x')]) {
      expect(res.status).toBe(404);
      expect(res.text).toBe('not found\n');
    }
  });

  it('asks for the bearer token when one is set, and refuses a wrong one', async () => {
    const app = createMetricsApp({ registry: registry(), token: 's3cret' });
    const none = await request(app).get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect((await request(app).get('/metrics').set('authorization', 'Bearer s3cre')).status).toBe(401);
    const ok = await request(app).get('/metrics').set('authorization', 'Bearer s3cret');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('ecn_test_total 3');
  });
});
