// Polls until a check gives a value (not null or false), for what a test waits on across
// processes and namespaces: a bounded wait that says what it waited for, never a fixed sleep.

export async function eventually<T>(
  what: string,
  fn: () => Promise<T | null | false>,
  timeoutMs = 15_000,
  stepMs = 200,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await fn();
      if (v !== null && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms (${String(last)})`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
