// The root logger (pino). Made once by the composition root; modules get children.
// Redaction is a safety net: code never puts secrets or ticket codes in log fields.

import pino, { type Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  'code',
  '*.code',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.body',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ecn-gateway' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
