// The `portal` section: the resident portal's listeners, guessing limits, free access, calls for
// help and the space's trusted devices.

import { z } from 'zod';
import { parseListen } from '../units';
import { duration, listen, tlsFiles, withType } from './fields';

export const portalSchema = z
  .object({
    listen: listen('127.0.0.1:8080', 'Address of the resident portal (and `/healthz`).'),
    // Portal issue (#3): how residents reach the portal, rate limits, free access.
    publicUrl: z
      .string()
      .regex(/^$|^https?:\/\/[^/?#\s]+$/, 'expected "http://host[:port]" without a path, or empty')
      .default('')
      .describe(
        'URL residents reach the portal at (captive redirects, RFC 8908 API), e.g. `http://10.42.0.1`; empty means `http://<gateway.portalAddress>:<listen port>` with `gateway.kind: nftables`, otherwise the listen address, which must then not be a wildcard (`0.0.0.0`, `[::]`).',
      ),
    hostnames: z
      .array(z.string().regex(/^[A-Za-z0-9.:[\]-]{1,253}$/))
      .default(['localhost', '127.0.0.1', '[::1]'])
      .describe(
        'Host names the portal answers as itself; any other Host from a captive client is redirected to the portal.',
      ),
    trustProxy: z
      .string()
      .max(200)
      .default('')
      .describe(
        'Express `trust proxy` value (e.g. `loopback`) when a reverse proxy is in front; empty trusts no X-Forwarded-For.',
      ),
    secureCookies: z
      .boolean()
      .default(false)
      .describe('Mark cookies `Secure` (set when residents reach the portal over https).'),
    // Issue #16 (6): RFC 8908 wants its API over https; the rest of the portal stays http.
    apiListen: withType(
      z
        .string()
        .refine((s) => s === '' || parseListen(s) !== null, {
          message: 'expected "host:port", e.g. "10.42.0.1:443", or empty',
        })
        .default('')
        .describe(
          'Address of the https listener serving the RFC 8908 API (`/api/captive`) and the portal pages with `portal.tls`; empty: none. Captive detection stays on `portal.listen` (http).',
        ),
      'host:port',
    ),
    tls: tlsFiles('for `portal.apiListen`; it must name the host of the portal URL'),
    maxTries: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe('Wrong ticket codes a device may type before it must wait.'),
    retryWait: duration
      .default(60)
      .describe('First wait after too many wrong codes; it doubles with each further wrong code.'),
    maxRetryWait: duration.default(3600).describe('Longest wait after wrong codes.'),
    sweepInterval: duration
      .default(30)
      .describe('How often sessions whose ticket expired, ran out or was revoked are ended.'),
    freeAccess: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe('Free access: residents only accept the charter, no ticket is asked.'),
        dailyAllowance: duration
          .default(7200)
          .describe('Access time per device and per day in free-access mode, counted from the first login.'),
      })
      .prefault({})
      .describe('Free-access mode (no ticket).'),
    // Issue #15, item 5: a resident stuck on a page asks the team for help.
    help: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe(
            'Show the "J\'ai besoin d\'aide" button on the welcome, status and blocked-site pages; the console home lists the calls.',
          ),
        maxAsks: z
          .number()
          .int()
          .min(1)
          .max(100)
          .default(3)
          .describe('Calls for help one device may send within `portal.help.window`; more are refused.'),
        window: duration
          .default(600)
          .describe('The time over which `portal.help.maxAsks` is counted, from the first call.'),
        forgetAfter: duration
          .default(43200)
          .describe(
            'A call nobody marked as handled is dropped this long after the device last asked (the resident has left).',
          ),
      })
      .prefault({})
      .describe('Calls for help from the portal (issue #15).'),
    trustedDevices: z
      .object({
        outsideHours: z
          .boolean()
          .default(false)
          .describe(
            "Whether the space's own devices (`ecn devices trust`) are let through outside the opening hours too; by default only while the space is open.",
          ),
        grant: duration
          .default(43200)
          .describe(
            'How long one admission of a trusted device lasts at most (it ends at closing time anyway); the device is admitted again on its next portal visit.',
          ),
      })
      .prefault({})
      .describe(
        "The space's own devices (public PCs, staff): let through without a ticket, still filtered and journaled.",
      ),
  })
  .prefault({})
  .describe('Resident portal.');
