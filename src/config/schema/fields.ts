// The schema's building blocks: the value types written in human units (durations, sizes,
// rates, dates, host:port, colours, certificate pairs), each tagged with the type the reference shows.

import { z } from 'zod';
import { parseDuration, parseListen, parseRate, parseSize } from '../units';
import { parseInstant } from '../profile-values';

/** Documentation metadata the reference generator reads (the type shown to operators). */
export const docMeta = z.registry<{ type: string }>();

export function withType<T extends z.ZodType>(schema: T, type: string): T {
  docMeta.add(schema, { type });
  return schema;
}

export const listen = (def: string, what: string) =>
  withType(
    z
      .string()
      .refine((s) => parseListen(s) !== null, {
        message: 'expected "host:port", e.g. "127.0.0.1:8080" or "[::1]:8080"',
      })
      .default(def)
      .describe(what),
    'host:port',
  );

/** A certificate and its key (PEM files), both or neither (issue #16, item 6). */
export const tlsFiles = (what: string) =>
  z
    .object({
      cert: z
        .string()
        .max(4096)
        .default('')
        .describe(
          `PEM certificate file ${what} (\`ecn tls create\` makes a self-signed one); empty: plain http.`,
        ),
      key: z
        .string()
        .max(4096)
        .default('')
        .describe(
          'PEM private key file of that certificate, unencrypted, readable by the service only (0600).',
        ),
    })
    .prefault({})
    .describe(
      `https ${what}: a certificate and its key, checked at start (readable, matching, not expired).`,
    );

export const duration = withType(
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const s = parseDuration(v);
    if (s === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a duration such as "45m", "1h", "1d" or a number of seconds',
      });
      return z.NEVER;
    }
    return s;
  }),
  'duration',
);

export const size = withType(
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const b = parseSize(v);
    if (b === null) {
      ctx.addIssue({ code: 'custom', message: 'expected a size such as "500MB" or "2GiB"' });
      return z.NEVER;
    }
    return b;
  }),
  'size',
);

export const rate = withType(
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const r = parseRate(v);
    if (r === null) {
      ctx.addIssue({ code: 'custom', message: 'expected a rate such as "512kbit" or "2Mbit"' });
      return z.NEVER;
    }
    return r;
  }),
  'rate',
);

export const instant = withType(
  z.string().transform((v, ctx) => {
    const t = parseInstant(v);
    if (t === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected an ISO-8601 date, e.g. "2026-12-01" or "2026-12-01T18:00:00+01:00"',
      });
      return z.NEVER;
    }
    return t;
  }),
  'date',
);

export const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour such as "#1d4e89"');
