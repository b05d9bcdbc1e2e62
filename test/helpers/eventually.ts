// Polls until a check gives a value (not null or false), for what a test waits on across
// processes and namespaces: a bounded wait that says what it waited for, never a fixed sleep.

import { waitFor } from './wait-for';

export async function eventually<T>(
  what: string,
  fn: () => Promise<T | null | false>,
  timeoutMs = 15_000,
  stepMs = 200,
): Promise<T> {
  return (await waitFor(fn, { what, timeout: timeoutMs, interval: stepMs })) as T;
}
