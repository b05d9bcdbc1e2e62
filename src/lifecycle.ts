// Components start in the order given and stop in reverse, each logged by name; a component
// that fails to start stops those already started; a failing stop is logged, never thrown.

/** What the lifecycle logs with (the service's pino logger; a recording fake in tests). */
export interface LifecycleLog {
  info(fields: { component: string }, msg: string): void;
  error(fields: { err: unknown; component: string }, msg: string): void;
}

export interface Component {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class Lifecycle {
  private readonly started: Component[] = [];

  constructor(private readonly logger: LifecycleLog) {}

  /**
   * Starts each component after the previous one has started. When one fails, those already
   * started are stopped (in reverse) and the start error is thrown: nothing is left half-running.
   */
  async start(components: Component[]): Promise<void> {
    for (const c of components) {
      try {
        await c.start();
      } catch (err) {
        this.logger.error({ err, component: c.name }, 'component failed to start');
        await this.stop();
        throw err;
      }
      this.started.push(c);
      this.logger.info({ component: c.name }, 'component started');
    }
  }

  /** Stops every started component, last started first. */
  async stop(): Promise<void> {
    while (this.started.length > 0) {
      const c = this.started.pop()!;
      try {
        await c.stop();
        this.logger.info({ component: c.name }, 'component stopped');
      } catch (err) {
        this.logger.error({ err, component: c.name }, 'stop failed');
      }
    }
  }
}
