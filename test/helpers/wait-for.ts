// Waits on what a test can observe (a value, a reply, a metric) instead of sleeping a fixed
// time: a bounded poll that returns as soon as the condition holds and says what it waited for.

export interface WaitOptions {
  /** Give up after this many milliseconds (the machine may be slow: give room). */
  timeout?: number;
  /** How often to look again, in milliseconds. */
  interval?: number;
  /** What is awaited, for the error message. */
  what?: string;
  /** Gives up at once when this returns a reason (the process being waited on has exited). */
  failIf?: () => string | null;
}

/**
 * Calls `check` until it gives a value other than null, undefined or false, and resolves to that
 * value. An exception from `check` counts as "not yet" (a server still starting); the last one is
 * in the timeout error.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeout = 10_000, interval = 50, what = 'condition', failIf }: WaitOptions = {},
): Promise<Exclude<T, null | undefined | false>> {
  const deadline = Date.now() + timeout;
  let last: unknown = null;
  for (;;) {
    const failed = failIf?.();
    if (failed) throw new Error(`${what}: ${failed}`);
    try {
      const v = await check();
      if (v !== null && v !== undefined && v !== false) return v as Exclude<T, null | undefined | false>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeout} ms${last ? ` (${String(last)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
