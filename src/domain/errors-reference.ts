// Generates docs/errors.md from the error registry; a test fails when the two drift.

import { ERROR_CODES } from './errors';

export function errorsReference(): string {
  const lines = [
    '# Error codes',
    '',
    '<!-- Generated from src/domain/errors.ts by `npx ecn errors`; a test fails when it drifts. -->',
    '',
    'Every failure the gateway reports carries one of these stable codes. "Shown" tells',
    'whether the message may be shown to the person who caused it (otherwise they see a',
    'generic message and the log holds the cause).',
    '',
    '| code | HTTP | shown | meaning |',
    '|---|---|---|---|',
  ];
  for (const [code, spec] of Object.entries(ERROR_CODES)) {
    lines.push(`| \`${code}\` | ${spec.status} | ${spec.expose ? 'yes' : 'no'} | ${spec.description} |`);
  }
  lines.push('');
  return lines.join('\n');
}
