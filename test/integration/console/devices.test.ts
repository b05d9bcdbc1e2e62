// Issue #15, item 2: the managers' page of the space's own devices (supertest): listing, adding
// in any MAC notation, renaming, removing, each audited; bad input shown back changing nothing;
// other roles and forged forms refused. A trusted PC's session shows with its label.

import request from 'supertest';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { trustDevice } from '../../../src/services/trusted-devices';
import { admitTrustedDevice } from '../../../src/services/trusted-access';
import { makeDevice } from '../../../src/domain/device';
import { consoleMsgHtml } from '../../helpers/messages';

let f: ConsoleFixture;
let m: SignedInAgent;
beforeEach(async () => {
  f = await consoleFixture();
  m = await f.signIn('marie', 'manager');
});
afterEach(async () => {
  await f.close();
});

function post(path: string, fields: Record<string, string>, who: SignedInAgent = m) {
  return who.agent
    .post(path)
    .type('form')
    .send({ _csrf: who.csrf, ...fields });
}

const list = async () => JSON.stringify(await f.store.listTrustedDevices(f.config.space.id));

describe("the space's own devices in the console", () => {
  it('adds a device in any MAC notation, renames it, removes it, and audits each change', async () => {
    const added = await post('/devices', { label: 'PC 3', mac: 'AA-BB-CC-00-00-03' });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe('/devices?msg=added');
    const page = await m.agent.get('/devices?msg=added').expect(200);
    expect(page.text).toContain('PC 3');
    expect(page.text).toContain('aa:bb:cc:00:00:03');
    expect(page.text).toContain(consoleMsgHtml('fr', 'devices.saved.added'));
    expect((await post('/devices', { label: 'Accueil', mac: 'aabb.cc00.0003' })).headers.location).toBe(
      '/devices?msg=relabelled',
    );
    expect((await f.store.listTrustedDevices(f.config.space.id)).map((d) => d.label)).toEqual(['Accueil']);
    const removed = await post('/devices/aa%3Abb%3Acc%3A00%3A00%3A03/remove', {});
    expect(removed.headers.location).toBe('/devices?msg=removed');
    expect(await f.store.listTrustedDevices(f.config.space.id)).toEqual([]);
    const audit = (await f.store.listAudit({ limit: 10 })).map((e) => `${e.actor} ${e.action} ${e.target}`);
    expect(audit.slice(0, 3)).toEqual([
      'marie device.untrusted aa:bb:cc:00:00:03',
      'marie device.trusted aa:bb:cc:00:00:03',
      'marie device.trusted aa:bb:cc:00:00:03',
    ]);
  });

  it.each([
    [{ label: 'PC 4', mac: 'aa:bb:cc:00:00' }, 'device-mac', 'Cette adresse MAC n’est pas valable'],
    [{ label: 'PC 4', mac: 'ff:ff:ff:ff:ff:ff' }, 'device-mac', 'Cette adresse MAC n’est pas valable'],
    [{ label: '   ', mac: 'aa:bb:cc:00:00:04' }, 'device-label', 'Donnez au poste un nom'],
  ])('refuses %j with a message on its field and changes nothing', async (fields, field, text) => {
    const before = await list();
    const res = await post('/devices', fields);
    expect(res.status).toBe(400);
    expect(res.text).toContain(text);
    expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    expect(await list()).toBe(before);
    expect(await f.store.listAudit({ limit: 10, action: 'device.trusted' })).toEqual([]);
  });

  it('says when the device to remove is not in the list', async () => {
    const res = await post('/devices/aa:bb:cc:00:00:09/remove', {});
    expect(res.status).toBe(404);
    expect(res.text).toContain('n’est pas (ou plus) dans la liste');
  });

  it('is for managers only, and refuses a forged form', async () => {
    const who = await f.signIn('sami', 'animator');
    await who.agent.get('/devices').expect(403);
    await post('/devices', { label: 'PC 5', mac: 'aa:bb:cc:00:00:05' }, who).expect(403);
    await m.agent
      .post('/devices')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), label: 'PC 5', mac: 'aa:bb:cc:00:00:05' })
      .expect(403);
    await request(f.console).post('/devices').type('form').send({ label: 'PC 5', mac: 'aa:bb:cc:00:00:05' });
    expect(await f.store.listTrustedDevices(f.config.space.id)).toEqual([]);
  });

  it("shows a trusted PC's session with its label on the sessions page", async () => {
    await trustDevice(f.access, {
      spaceId: f.config.space.id,
      mac: 'aa:bb:cc:00:00:03',
      label: 'PC 3',
      actor: 'marie',
    });
    expect(
      await admitTrustedDevice(f.access, makeDevice({ mac: 'aa:bb:cc:00:00:03', ip: '10.42.0.33' })),
    ).not.toBeNull();
    const page = await m.agent.get('/sessions').expect(200);
    expect(page.text).toContain('<strong class="space-device">PC 3</strong>');
    expect(page.text).toContain('poste de l’espace');
  });
});
