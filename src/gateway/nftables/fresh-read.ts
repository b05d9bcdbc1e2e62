// One read shared by the callers that ask while it waits to start: a burst of portal requests
// costs one read of the neighbour table, yet every caller gets a read that began after it asked.

/**
 * Coalesces calls to `read`. A read already under way is never joined, because it may have
 * begun before the caller's packet reached the kernel (its answer could predate a change the
 * caller depends on); the caller waits for the next read, which every later caller shares
 * until it starts. So N concurrent callers cost at most two reads, and no answer is older than
 * the call it answers.
 */
export class FreshRead<T> {
  private running: Promise<T> | null = null;
  private next: Promise<T> | null = null;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (this.next) return this.next;
    if (!this.running) return this.begin();
    const after = this.running.then(
      () => undefined,
      () => undefined,
    );
    const next = after.then(() => {
      // From here on, a new caller must not join this read: it is starting now.
      this.next = null;
      return this.begin();
    });
    this.next = next;
    return next;
  }

  private begin(): Promise<T> {
    let p: Promise<T>;
    try {
      p = this.read();
    } catch (err) {
      p = Promise.reject(err);
    }
    this.running = p;
    const done = () => {
      if (this.running === p) this.running = null;
    };
    p.then(done, done);
    return p;
  }
}
