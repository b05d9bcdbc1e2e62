// The Redis store's one connection, shared by its areas (tickets, sessions, staff...): how it
// connects, fails fast while Redis is away, and refuses to work on a Redis that lost its data.

import Redis from 'ioredis';
import { EcnError, isEcnError } from '../../domain/errors';
import { RedisKeys } from './keys';

export interface RedisStoreOptions {
  url: string;
  keyPrefix: string;
  /**
   * The box's space (`space.id`): the scope of the space-scoped reads (see `Store`). Sessions,
   * acceptances and settings are kept per space on the shared pool; tickets are the city's.
   */
  spaceId: string;
  connectTimeoutMs?: number;
  /**
   * How long one command may wait for its answer before it fails with
   * ECN_ERR_STORE_UNAVAILABLE (a hung or very slow Redis). 1000 ms by default: see
   * docs/redis-city.md.
   */
  commandTimeoutMs?: number;
  /** Compare-and-set attempts before ECN_ERR_STORE_CONFLICT. */
  maxAttempts?: number;
}

/**
 * Redis answers in well under a millisecond and a login makes about ten round trips, so 1 s
 * per command is far above a healthy link (even an association's ADSL) yet short enough that
 * a resident gets the outage page in about a second and a NAS, which resends an Access-Request
 * after 3 to 5 s, never waits on a hung store. A Redis slower than this is treated as absent.
 */
const DEFAULT_COMMAND_TIMEOUT_MS = 1000;

/**
 * Longest wait between reconnection attempts: a Redis that comes back is used again within
 * this, so logins work again within the promised 5 s.
 */
const MAX_RECONNECT_WAIT_MS = 1000;

export class RedisConnection {
  readonly spaceId: string;
  readonly keys: RedisKeys;
  /** Compare-and-set attempts before ECN_ERR_STORE_CONFLICT. */
  readonly maxAttempts: number;
  private client: Redis | null = null;
  /**
   * Set when the marker written at the first start is missing after a reconnect (or at a
   * ping): Redis came back empty (flushed, or restarted without its AOF). Every operation then
   * fails with ECN_ERR_STORE_EMPTIED instead of reading "no such ticket, no open session" and
   * acting on it; only a restart of the service, an operator's decision, clears it.
   */
  private emptied = false;

  constructor(private readonly options: RedisStoreOptions) {
    this.spaceId = options.spaceId;
    this.keys = new RedisKeys(options.keyPrefix);
    this.maxAttempts = options.maxAttempts ?? 200;
  }

  key(...parts: string[]): string {
    return this.keys.key(...parts);
  }

  /**
   * Connects, writes the pool's marker at its first start, then runs `prepare` (the index
   * back-fills) before the store is used; any failure on the way is ECN_ERR_STORE_UNAVAILABLE.
   */
  async start(prepare: (c: Redis) => Promise<void>): Promise<void> {
    if (this.client) return;
    const client = new Redis(this.options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: this.options.connectTimeoutMs ?? 3000,
      commandTimeout: this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
      retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_WAIT_MS),
    });
    // Errors surface through the commands that fail; an unhandled 'error' event would crash.
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      // The first start of a pool writes the marker; a later start keeps the one it finds.
      await client.set(this.key('marker'), new Date().toISOString(), 'NX');
      await prepare(client);
    } catch (err) {
      client.disconnect();
      throw new EcnError(
        'ECN_ERR_STORE_UNAVAILABLE',
        `Cannot reach Redis at ${redactUrl(this.options.url)}: ${(err as Error).message}`,
        {},
        { cause: err },
      );
    }
    this.client = client;
    this.emptied = false;
    // Every reconnection checks the marker before the store is used again.
    client.on('ready', () => {
      void this.checkMarker(client).catch(() => {});
    });
  }

  /** Notes a missing marker; returns whether the store still holds it. */
  async checkMarker(c: Redis): Promise<boolean> {
    const present = (await c.exists(this.key('marker'))) === 1;
    if (!present) this.emptied = true;
    return present;
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (!c) return;
    try {
      await c.quit();
    } catch {
      c.disconnect();
    }
  }

  /** Runs one store operation; a Redis failure becomes ECN_ERR_STORE_UNAVAILABLE. */
  async run<T>(operation: string, fn: (c: Redis) => Promise<T>): Promise<T> {
    if (!this.client) throw new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'The Redis store is not connected.');
    if (this.emptied) throw emptiedError();
    try {
      return await fn(this.client);
    } catch (err) {
      if (isEcnError(err) || !isRedisFailure(err)) throw err;
      throw new EcnError(
        'ECN_ERR_STORE_UNAVAILABLE',
        `Redis failed during ${operation}: ${(err as Error).message}`,
        { operation },
        { cause: err },
      );
    }
  }

  async ping(): Promise<void> {
    // A FLUSHALL without a reconnection is seen here, at the health check's next round.
    const present = await this.run('ping', (c) => this.checkMarker(c));
    if (!present) throw emptiedError();
  }
}

export function emptiedError(): EcnError {
  return new EcnError(
    'ECN_ERR_STORE_EMPTIED',
    'Redis answers but has lost its data (its marker key is gone): it was flushed or restarted without its AOF. Nothing is read or written until it is restored and the service restarted.',
  );
}

function isRedisFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === 'ReplyError' ||
    err.name === 'MaxRetriesPerRequestError' ||
    /Command timed out|Connection is closed|Stream isn't writeable|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EPIPE/.test(
      err.message,
    )
  );
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
