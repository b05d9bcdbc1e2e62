// `ecn filter update|export|status` and `ecn dns`: build the filter table from the configured
// lists, export the rules for other resolvers, and run the DNS front-end as its own process.

import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { FrozenConfig } from '../config/load';
import { EcnError } from '../domain/errors';
import { startDnsService } from '../filter/dns-service';
import { exportRules, type ExportFormat } from '../filter/export-rules';
import { createLookupHandler } from '../filter/lookup-server';
import { filterSettings } from '../filter/settings';
import { readTableFile } from '../filter/table-file';
import { createLogger } from '../log';
import { EventBus } from '../domain/events';
import { DnsMetrics } from '../metrics/dns-metrics';
import { createMetricsApp } from '../metrics/metrics-app';
import { HttpListener } from '../http-listener';
import { Lifecycle } from '../lifecycle';
import { packageVersion } from '../package-info';
import { formatListen, parseListen } from '../config/units';
import { createStats, createStore, systemClock } from '../compose';
import { replaceTable } from '../filter/rebuild';
import { readCustomLists } from '../filter/custom-lists';
import { storedFilterCategories } from '../services/space-settings';
import { BlockedQueriesBatcher } from '../stats/blocked-batcher';
import type { CliIo } from './main';

export function registerFilterCommands(program: Command, io: CliIo, config: () => FrozenConfig): void {
  const filter = program.command('filter').description('content filter: lists, table, exports');
  for (const add of [addUpdate, addExport, addStatus]) add(filter, io, config);
  program
    .command('dns')
    .description('run the filtering DNS front-end (its own process; SIGHUP reloads the table)')
    .action(() => runDns(config()));
}

function addUpdate(filter: Command, io: CliIo, config: () => FrozenConfig): void {
  filter
    .command('update')
    .description(
      'rebuild the filter table from the configured sources, with the categories chosen in the console (the DNS process reloads it)',
    )
    .option('--force', 'accept a table less than half the size of the previous one')
    .action(async (opts: { force?: boolean }) => {
      const cfg = config();
      const s = filterSettings(cfg);
      const categories = await storedCategories(cfg, io);
      // Builds beside the table, then replaces it only when the new one is whole and plausible.
      const report = await replaceTable(
        { ...s.build, categories: categories ?? s.build.categories },
        { force: !!opts.force },
      );
      for (const src of report.sources) {
        io.out(
          `${src.category.padEnd(20)} ${String(src.names).padStart(9)} names  ${src.bad} bad line(s)  (${src.source})\n`,
        );
      }
      for (const w of report.warnings) io.err(`warning: ${w}\n`);
      if (report.badSamples.length)
        io.err(`bad lines (first of each source):\n  ${report.badSamples.join('\n  ')}\n`);
      io.out(
        `Filter table: ${report.names} names, ${(report.bytes / 1e6).toFixed(1)} MB, built in ${report.seconds.toFixed(1)} s → ${s.tableFile}\n`,
      );
    });
}

function addExport(filter: Command, io: CliIo, config: () => FrozenConfig): void {
  filter
    .command('export')
    .description('print the rules as an RPZ zone or dnsmasq lines, for another resolver')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['rpz', 'dnsmasq']).makeOptionMandatory(),
    )
    .action(async (opts: { format: ExportFormat }) => {
      const cfg = config();
      const s = filterSettings(cfg);
      if (!existsSync(s.tableFile)) {
        throw new EcnError('ECN_ERR_FILTER_TABLE', 'No filter table yet: run `ecn filter update` first.');
      }
      // The same rules as the DNS process: the console's categories and own lists when set.
      const categories = await storedCategories(cfg, io);
      const own = readCustomLists(s.customFile) ?? { allow: s.allow, block: s.block };
      const r = await exportRules(
        {
          build: { ...s.build, categories: categories ?? s.build.categories },
          allow: own.allow,
          block: own.block,
          blockAddress: s.blockAnswer.ipv4,
          ttl: s.blockAnswer.ttl,
          format: opts.format,
        },
        io.out,
      );
      io.err(`Exported ${r.blocked} blocked and ${r.allowed} allowed name(s).\n`);
    });
}

function addStatus(filter: Command, io: CliIo, config: () => FrozenConfig): void {
  filter
    .command('status')
    .description('show the table in force: names, categories, sources, date')
    .action(() => {
      const s = filterSettings(config());
      let loaded;
      try {
        loaded = readTableFile(s.tableFile);
      } catch (err) {
        throw new EcnError('ECN_ERR_FILTER_TABLE', `No usable filter table: ${(err as Error).message}`);
      }
      io.out(
        `Table ${s.tableFile}: ${loaded.table.count} names, ${(loaded.table.byteSize / 1e6).toFixed(1)} MB, built ${loaded.meta.builtAt}\n`,
      );
      for (const c of loaded.meta.categories) io.out(`  ${c.role.padEnd(5)} ${c.name}\n`);
    });
}

const startFailed = (err: unknown) =>
  new EcnError(
    'ECN_ERR_DNS_START',
    `The DNS front-end cannot start: ${(err as Error).message}`,
    {},
    { cause: err },
  );

/**
 * `ecn dns`: the metrics endpoint and blocked-query statistics, the DNS service, then the
 * portal's lookup endpoint; runs until SIGTERM or SIGINT, SIGHUP reloads the lists.
 */
async function runDns(cfg: FrozenConfig): Promise<void> {
  const logger = createLogger(cfg.log.level).child({ module: 'ecn-dns' });
  // Its own bus, metrics endpoint and blocked-query statistics: this is another process.
  const events = new EventBus((event, err) => logger.error({ err, event }, 'event subscriber failed'));
  const metrics = new DnsMetrics({ spaceId: cfg.space.id, version: packageVersion(), processMetrics: true });
  metrics.subscribe(events);
  const extras = new Lifecycle(logger);
  const metricsListener = new HttpListener(
    'dns-metrics',
    createMetricsApp({ registry: metrics.registry, token: cfg.metrics.token }),
    parseListen(cfg.filter.metricsListen)!,
  );
  let dns: RunningDns;
  try {
    await extras.start([
      metricsListener,
      new BlockedQueriesBatcher(createStats(cfg), events, systemClock, cfg.space.timezone, logger),
    ]);
    dns = await startDnsService(cfg, logger, events);
  } catch (err) {
    await extras.stop();
    throw startFailed(err);
  }
  const lookupListener = await startLookup(cfg, dns, extras);
  const m = metricsListener.boundAddress();
  const l = lookupListener.boundAddress();
  logger.info(
    {
      listen: dns.address,
      listen6: dns.address6,
      upstream: cfg.filter.upstream,
      metrics: m ? formatListen({ host: m.address, port: m.port }) : null,
      lookup: l ? formatListen({ host: l.address, port: l.port }) : null,
    },
    'ECN DNS started',
  );
  process.on('SIGHUP', () => {
    dns.engine.reloadCustom();
    void dns.engine.reload();
  });
  await untilStopped(logger, () =>
    lookupListener
      .stop()
      .then(() => dns.stop())
      .then(() => extras.stop()),
  );
}

type RunningDns = Awaited<ReturnType<typeof startDnsService>>;

/**
 * The portal asks here which category blocks a name (the block page); started after the DNS
 * service so that it answers from the policy in force. A failure stops what was started.
 */
async function startLookup(cfg: FrozenConfig, dns: RunningDns, extras: Lifecycle): Promise<HttpListener> {
  const engine = dns.engine;
  const lookupListener = new HttpListener(
    'dns-lookup',
    createLookupHandler(() => engine.policy()),
    parseListen(cfg.filter.lookupListen)!,
  );
  try {
    await lookupListener.start();
  } catch (err) {
    await dns.stop();
    await extras.stop();
    throw startFailed(err);
  }
  return lookupListener;
}

/** Waits for SIGTERM or SIGINT, then stops everything in order and flushes the log. */
function untilStopped(
  logger: ReturnType<typeof createLogger>,
  stopAll: () => Promise<unknown>,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      void stopAll().then(() => {
        logger.info('stopped');
        logger.flush();
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/** The blocked categories managers chose in the console, or null (as configured). */
async function storedCategories(cfg: FrozenConfig, io: CliIo): Promise<string[] | null> {
  const store = createStore(cfg);
  try {
    await store.start();
    return await storedFilterCategories(store);
  } catch (err) {
    // The table still updates (with the configured categories) when the store is away.
    io.err(
      `warning: the categories chosen in the console cannot be read (${(err as Error).message}); using the configured ones\n`,
    );
    return null;
  } finally {
    await store.stop().catch(() => undefined);
  }
}
