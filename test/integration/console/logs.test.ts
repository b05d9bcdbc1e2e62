// The console's logs, at the most verbose level, never hold a password, a ticket code or the
// Wi-Fi password, whatever the staff do (sign in, fail to sign in, issue, print, revoke, set
// the Wi-Fi, create an account).

import { Writable } from 'node:stream';
import request from 'supertest';
import { createLogger } from '../../../src/log';
import { consoleFixture, csrfOf, PASSWORD } from '../../helpers/console';

it('never writes a password, a ticket code or the Wi-Fi password in the logs', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const f = await consoleFixture({}, { logger: createLogger('trace', sink) });
  try {
    const m = await f.signIn('marie', 'manager');
    const anon = request.agent(f.console);
    const login = await anon.get('/login');
    await anon
      .post('/login')
      .type('form')
      .send({ username: 'marie', password: 'wrong-password-typed', _csrf: csrfOf(login.text) })
      .expect(401);
    await m.agent
      .post('/settings/wifi')
      .type('form')
      .send({ _csrf: m.csrf, ssid: 'ECN-Pile', security: 'WPA', password: 'wifi-secret-2026' })
      .expect(303);
    await m.agent.post('/users').type('form').send({
      _csrf: m.csrf,
      username: 'sami',
      role: 'animator',
      password: 'sami-new-password',
      confirm: 'sami-new-password',
    });
    const created = await m.agent
      .post('/tickets/batches')
      .type('form')
      .send({ _csrf: m.csrf, profile: '1h', count: '2', note: '', layout: 'a4-8' })
      .expect(303);
    const batch = created.headers.location!.split('?')[0]!;
    await m.agent.get(`${batch}/print?layout=a4-8`).expect(200);
    await m.agent.get(`${batch}/print.pdf?layout=a4-8`).expect(200);
    await m.agent.post(`${batch}/revoke`).type('form').send({ _csrf: m.csrf, confirm: 'yes' }).expect(303);
    const codes = (await f.store.listTickets({})).map((t) => t.code);
    expect(codes.length).toBeGreaterThanOrEqual(2);

    const log = lines.join('');
    expect(log).toMatch(/console login/);
    expect(log).toMatch(/tickets issued/);
    for (const secret of [
      PASSWORD,
      'wrong-password-typed',
      'wifi-secret-2026',
      'sami-new-password',
      ...codes,
    ]) {
      expect([secret, log.includes(secret)]).toEqual([secret, false]);
    }
  } finally {
    await f.close();
  }
});
