// The `radius` section: the RADIUS servers, the access points (NAS) that may ask them, and how
// they are answered.

import { z } from 'zod';
import { LANGUAGES } from '../../domain/languages';
import { DEFAULT_NAS_KIND, NAS_KINDS, nasKindsText } from '../../access-points';
import { parseCidr } from '../units';
import { duration, listen } from './fields';

// RADIUS server (issue 4): the access points (NAS) that may ask, and how we answer them.
export const radiusClientSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'letters, digits, dots, dashes, underscores; at most 32')
    .describe('Name of the access point, used in logs and metrics, e.g. `ap-salle-1`.'),
  address: z
    .string()
    .refine((s) => parseCidr(s) !== null, {
      message: 'expected an IP address or a CIDR block, e.g. "10.42.0.0/24"',
    })
    .describe('Source address of its RADIUS packets: one IP address or a CIDR block.'),
  secret: z
    .string()
    .min(8, 'a shared secret needs at least 8 characters (16 or more recommended)')
    .max(128)
    .describe('Shared secret, also set on the access point; never logged.'),
  kind: z
    .enum(NAS_KINDS)
    .default(DEFAULT_NAS_KIND)
    .describe(`Which vendor attributes to answer with (bandwidth, quota): ${nasKindsText()}.`),
  requireMessageAuthenticator: z
    .boolean()
    .default(true)
    .describe('Drop Access-Requests without a valid Message-Authenticator (BlastRADIUS mitigation).'),
  coaPort: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(3799)
    .describe('UDP port where the access point listens for Disconnect-Request (RFC 5176).'),
});

export const radiusSchema = z
  .object({
    enabled: z.boolean().default(false).describe('Run the RADIUS authentication and accounting servers.'),
    authListen: listen('127.0.0.1:1812', 'Address of the RADIUS authentication server.'),
    acctListen: listen('127.0.0.1:1813', 'Address of the RADIUS accounting server.'),
    clients: z
      .array(radiusClientSchema)
      .default([])
      .describe(
        'Access points allowed to use the RADIUS servers; packets from any other source are dropped.',
      ),
    interimInterval: duration
      .default(300)
      .describe('Acct-Interim-Interval sent to access points: how often they report traffic.'),
    duplicateWindow: duration
      .default(5)
      .describe('How long a reply is kept to answer a retransmitted request with the same bytes.'),
    replyLanguage: z
      .enum(LANGUAGES)
      .default('fr')
      .describe('Language of the Reply-Message in an Access-Reject.'),
    disconnectTimeout: duration
      .default(2)
      .describe('How long to wait for a Disconnect-ACK/NAK before retrying.'),
    disconnectRetries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(3)
      .describe('How many times a Disconnect-Request is sent again when the access point does not answer.'),
    maxTries: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe(
        'Wrong ticket codes (PAP or CHAP) one device (Calling-Station-Id) may send before its requests are rejected for a wait.',
      ),
    retryWait: duration
      .default(60)
      .describe(
        'First wait after too many wrong codes over RADIUS; it doubles with each further wrong code.',
      ),
    maxRetryWait: duration.default(3600).describe('Longest wait for a device after wrong codes over RADIUS.'),
    nasMaxTries: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .default(30)
      .describe(
        'Wrong ticket codes one access point may relay, whatever the device, before all its PAP/CHAP requests wait; higher than `maxTries`, so one noisy device is stopped long before its access point.',
      ),
    nasTriesMemory: duration
      .default(60)
      .describe(
        "An access point's wrong-code count is forgotten after this long without a wrong code, so residents' everyday typos never add up to a wait.",
      ),
    nasMaxRetryWait: duration
      .default(300)
      .describe('Longest wait for an access point after wrong codes; it starts at `retryWait` and doubles.'),
  })
  .prefault({})
  .superRefine((r, ctx) => {
    const names = new Set<string>();
    r.clients.forEach((c, i) => {
      if (names.has(c.name))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate client name "${c.name}"`,
          path: ['clients', i, 'name'],
        });
      names.add(c.name);
    });
  })
  .describe('RADIUS server for access points (UniFi, Omada, MikroTik, CoovaChilli, hostapd).');
