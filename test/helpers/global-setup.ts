// Jest global setup for suites that need real servers: one redis-server for the run
// (projects that share this setup reuse it). Suites isolate themselves by key prefix.

import { startRedis } from './redis-server';

export default async function globalSetup(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  if (g.__ECN_REDIS__) return;
  const redis = await startRedis();
  process.env.ECN_TEST_REDIS_URL = redis.url;
  g.__ECN_REDIS__ = redis;
}
