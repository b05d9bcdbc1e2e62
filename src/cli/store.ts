// `ecn store migrate|purge`: the operational store's schema and retention.

import type { Command } from 'commander';
import { createStore, embeddedStoreFile } from '../compose';
import type { FrozenConfig } from '../config/load';
import { purgeStore } from '../services/purge-store';
import { SqliteStore, storedSchemaVersion } from '../store/sqlite-store';
import type { CliIo } from './main';
import type { WithConfiguredServices } from './with-services';

export function registerStoreCommands(
  program: Command,
  io: CliIo,
  config: () => FrozenConfig,
  withServices: WithConfiguredServices,
): void {
  const storeCmd = program
    .command('store')
    .description('the operational store (tickets, sessions, acceptances)');
  storeCmd
    .command('migrate')
    .description(
      "bring the store's schema up to this gateway's (the package runs it on upgrade; the service also does at start)",
    )
    .action(async () => {
      const cfg = config();
      const file = embeddedStoreFile(cfg);
      const before = cfg.store.kind === 'embedded' ? storedSchemaVersion(file) : null;
      const store = createStore(cfg);
      await store.start();
      try {
        if (store instanceof SqliteStore) {
          const after = store.schemaVersion();
          io.out(
            before === null
              ? `Store created at schema ${after}: ${file}\n`
              : before === after
                ? `Store up to date at schema ${after}: ${file}\n`
                : `Store migrated from schema ${before} to ${after}: ${file}\n`,
          );
        } else {
          io.out('Redis store reached; its indexes are up to date.\n');
        }
      } finally {
        await store.stop();
      }
    });
  storeCmd
    .command('purge')
    .description('delete what is past its retention now (the service also does it daily)')
    .action(() =>
      withServices(async (deps, cfg) => {
        const r = await purgeStore(deps, cfg.retention);
        io.out(
          `Purged ${r.sessions} session(s), the devices of ${r.deviceBindings} ticket(s), ` +
            `${r.acceptances} charter acceptance(s) and ${r.tickets} ticket(s).\n`,
        );
      }),
    );
}
