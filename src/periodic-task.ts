// A job that a component runs now and then every `intervalMs`: one run at a time (a call while
// one is under way shares it), a failing run is handed to `onError` and the next one still runs,
// and stopping waits for a run under way, so that what it uses (the store) stops after it.

export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly job: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Starts the timer (idempotent); it does not keep the process alive. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  /** One run now; never rejects. */
  run(): Promise<void> {
    this.running ??= this.job()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
