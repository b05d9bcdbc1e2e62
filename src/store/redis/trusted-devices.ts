// The space's own devices on Redis (issue #15, item 2): one hash per space, field the MAC.

import { byLabel, type TrustedDevice } from '../../domain/trusted-device';
import { readRecord, trustedDeviceRecord } from '../records';
import type { RedisConnection } from './connection';

export function putTrustedDevice(ctx: RedisConnection, device: TrustedDevice): Promise<boolean> {
  return ctx.run('putTrustedDevice', async (c) => {
    const json = JSON.stringify(trustedDeviceRecord.parse(device));
    return (await c.hset(ctx.key('trusted-devices', device.spaceId), device.mac, json)) === 1;
  });
}

export function getTrustedDevice(
  ctx: RedisConnection,
  spaceId: string,
  mac: string,
): Promise<TrustedDevice | null> {
  return ctx.run('getTrustedDevice', async (c) => {
    const json = await c.hget(ctx.key('trusted-devices', spaceId), mac);
    return json === null ? null : readRecord(trustedDeviceRecord, json, 'trusted device');
  });
}

export function listTrustedDevices(ctx: RedisConnection, spaceId: string): Promise<TrustedDevice[]> {
  return ctx.run('listTrustedDevices', async (c) =>
    Object.values(await c.hgetall(ctx.key('trusted-devices', spaceId)))
      .map((json) => readRecord(trustedDeviceRecord, json, 'trusted device'))
      .sort(byLabel),
  );
}

export function deleteTrustedDevice(ctx: RedisConnection, spaceId: string, mac: string): Promise<boolean> {
  return ctx.run(
    'deleteTrustedDevice',
    async (c) => (await c.hdel(ctx.key('trusted-devices', spaceId), mac)) === 1,
  );
}
