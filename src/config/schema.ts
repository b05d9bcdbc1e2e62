// The one configuration schema: every key, its default and its description. Environment
// overrides (ECN_*) and docs/configuration.md are derived from it. Each section is written in
// its own file under schema/; this file puts them together, in the order the reference lists
// them, and checks what spans sections.

import { z } from 'zod';
import { LEGAL_FLOOR_DAYS, retentionSchema, storeSchema } from './schema/store';
import { spaceSchema } from './schema/space';
import { portalSchema } from './schema/portal';
import { gatewaySchema } from './schema/gateway';
import { checkGateway, checkPortBlocks } from './schema/gateway-checks';
import { profileSchema, profilesSchema, ticketsSchema } from './schema/tickets';
import { charterSchema } from './schema/charter';
import { consoleSchema } from './schema/console';
import { metricsSchema } from './schema/metrics';
import { journalSchema } from './schema/journal';
import { clockSchema } from './schema/clock';
import { backupSchema } from './schema/backup';
import { radiusClientSchema, radiusSchema } from './schema/radius';
import { filterSchema } from './schema/filter';
import { checkPortalUrl, checkTlsPairs } from './schema/cross-checks';

export { LEGAL_FLOOR_DAYS, SESSIONS_FLOOR_DAYS } from './schema/store';
export { isGardenEntry } from './schema/gateway-checks';
export { profileSchema } from './schema/tickets';
export { radiusClientSchema } from './schema/radius';
export { filterSchema, safeSearchSchema } from './schema/filter';

export const configSchema = z
  .object({
    space: spaceSchema,
    dataDir: z
      .string()
      .min(1)
      .default('./data')
      .describe(
        'Folder for the embedded store and other state; relative paths are resolved from the working directory.',
      ),
    log: z
      .object({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info')
          .describe('Log level (pino).'),
      })
      .prefault({})
      .describe('Logging.'),
    store: storeSchema,
    retention: retentionSchema,
    portal: portalSchema,
    gateway: gatewaySchema,
    tickets: ticketsSchema,
    profiles: profilesSchema,
    charter: charterSchema,
    console: consoleSchema,
    metrics: metricsSchema,
    journal: journalSchema,
    clock: clockSchema,
    backup: backupSchema,
    radius: radiusSchema,
    filter: filterSchema,
  })
  .superRefine((c, ctx) => {
    const names = new Set<string>();
    c.profiles.forEach((p, i) => {
      if (names.has(p.name))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate profile name "${p.name}"`,
          path: ['profiles', i, 'name'],
        });
      names.add(p.name);
    });
    checkGateway(c.gateway, ctx);
    checkPortalUrl(c.portal, c.gateway.kind, ctx);
    checkTlsPairs(c.portal, c.console.tls, ctx);
    checkPortBlocks(c.gateway, c.journal.publicIp, ctx);
    for (const key of ['acceptancesDays', 'ticketsDays'] as const) {
      // Under the legal floor is already said by the field's own check.
      const days = c.retention[key];
      if (c.journal.enabled && days >= LEGAL_FLOOR_DAYS && days < c.journal.retentionDays) {
        ctx.addIssue({
          code: 'custom',
          message: `at least journal.retentionDays (${c.journal.retentionDays}): the journal's records name tickets the store must still know`,
          path: ['retention', key],
        });
      }
    }
    const defaults = c.profiles.filter((p) => p.default).length;
    if (defaults !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `exactly one profile must have default: true (found ${defaults})`,
        path: ['profiles'],
      });
    }
  });

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
export type ProfileConfig = z.output<typeof profileSchema>;
export type RadiusClientConfig = z.output<typeof radiusClientSchema>;
