// The `clock` section: how the service checks that the system clock is synchronised.

import { z } from 'zod';
import { duration } from './fields';

// Time issue (#16, item 5): the legal log is worth what the clock is worth.
export const clockSchema = z
  .object({
    checkInterval: duration
      .default(3600)
      .describe('How often the service checks that the system clock is synchronised (also at start).'),
    source: z
      .enum(['auto', 'timedatectl', 'chrony', 'adjtimex', 'command'])
      .default('auto')
      .describe(
        'Who tells whether the clock is synchronised: `auto` tries `timedatectl` (systemd, the kernel\'s flag), then `chronyc tracking`, then `adjtimex --print`; `command` runs `clock.command`. When none can tell, the state is "unknown".',
      ),
    command: z
      .string()
      .max(4096)
      .default('')
      .describe(
        'With `source: command`: an executable (run without a shell or arguments) that prints `yes` when the clock is synchronised and `no` when not.',
      ),
  })
  .prefault({})
  .superRefine((c, ctx) => {
    if (c.checkInterval < 1) {
      ctx.addIssue({ code: 'custom', path: ['checkInterval'], message: 'at least 1 second' });
    }
    if (c.source === 'command' && c.command === '') {
      ctx.addIssue({ code: 'custom', path: ['command'], message: 'required when `source` is `command`' });
    }
  })
  .describe('Checks of the system clock, on which the legal journal depends.');
