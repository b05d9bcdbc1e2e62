// The `console` section: the animators' console, its sessions, password guessing limits, added
// time and attendance themes.

import { z } from 'zod';
import { duration, listen, tlsFiles } from './fields';

export const consoleSchema = z
  .object({
    enabled: z.boolean().default(true).describe("Serve the animators' console."),
    listen: listen(
      '127.0.0.1:8081',
      "Address of the animators' console; keep it off the captive side (loopback, or the staff network only).",
    ),
    secureCookies: z
      .boolean()
      .default(false)
      .describe(
        'Mark the console cookies Secure (set it when the console is reached over https behind a proxy; implied by `console.tls`).',
      ),
    tls: tlsFiles("for the console's listener (staff network)"),
    idleTimeout: duration.default(1800).describe('A console session ends after this long without a request.'),
    extensions: z
      .object({
        maxPerDay: duration
          .default(3600)
          .describe(
            'Most time animators may add to one ticket per day of the space (+30 min, +1 h on the sessions page), never past its validity window; 0 turns it off.',
          ),
      })
      .prefault({})
      .describe('More time for a ticket in use (issue #15).'),
    attendanceThemes: z
      .array(z.string().trim().min(1).max(80))
      .max(50)
      .default([
        'Découverte du numérique',
        'Démarches administratives en ligne',
        "Recherche d'emploi",
        'Expression numérique',
        'Logiciels libres',
      ])
      .describe(
        'Themes offered when animators record a workshop or an individual help session (they may also type another, up to 80 characters).',
      ),
    maxSessionAge: duration
      .default(43200)
      .describe('A console session ends this long after the login, whatever the activity.'),
    maxTries: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe('Wrong passwords allowed for one account (or from one address) before a wait.'),
    retryWait: duration
      .default(30)
      .describe('First wait after too many wrong passwords; it doubles with each further one.'),
    maxRetryWait: duration.default(3600).describe('Longest wait after wrong passwords.'),
    auditRetentionDays: z
      .number()
      .int()
      .min(90)
      .max(3650)
      .default(365)
      .describe(
        "The console's audit trail (who did what, sign-in addresses included) is purged after this many days; at least 90.",
      ),
    trustProxy: z
      .string()
      .default('')
      .describe(
        'Express `trust proxy` for the console (e.g. `loopback` behind a reverse proxy); empty trusts none.',
      ),
  })
  .prefault({})
  .describe("The animators' console (issue 7): tickets, sessions, settings, statistics.");
