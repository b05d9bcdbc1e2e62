// Components start in order and stop in reverse; a failing stop is logged, never thrown.

import type { Logger } from './log';

export interface Component {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class Lifecycle {
  private readonly started: Component[] = [];

  constructor(private readonly logger: Logger) {}

  async start(components: Component[]): Promise<void> {
    for (const c of components) {
      await c.start();
      this.started.push(c);
      this.logger.debug({ component: c.name }, 'started');
    }
  }

  async stop(): Promise<void> {
    while (this.started.length > 0) {
      const c = this.started.pop()!;
      try {
        await c.stop();
        this.logger.debug({ component: c.name }, 'stopped');
      } catch (err) {
        this.logger.error({ err, component: c.name }, 'stop failed');
      }
    }
  }
}
