// Stops what global-setup started (once, whichever project ends last).

import type { RunningRedis } from './redis-server';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const redis = g.__ECN_REDIS__ as RunningRedis | undefined;
  g.__ECN_REDIS__ = undefined;
  await redis?.stop();
}
