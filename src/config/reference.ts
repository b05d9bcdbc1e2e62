// Generates docs/configuration.md from the schema, so the reference never drifts from the code.

import { configSchema } from './schema';
import { listItemKeys, listKeys, type KeyInfo } from './schema-walk';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function shownDefault(k: KeyInfo): string {
  if (!k.hasDefault) return '(required)';
  if (k.kind === 'json') return 'see below';
  return k.default === '' ? '""' : `\`${JSON.stringify(k.default)}\``;
}

export function configReference(): string {
  const lines: string[] = [
    '# Configuration reference',
    '',
    '<!-- Generated from src/config/schema.ts by `npx ecn config docs`; a test fails when it drifts. -->',
    '',
    'The gateway reads one YAML file (`--config FILE`, else `ECN_CONFIG`, else the shipped',
    '`config/default.yaml`), then applies `ECN_*` environment variables, then validates the',
    'result once. Every problem is listed with its path and the process exits with status 1.',
    'A key the schema does not know is an error too, named with its line in the file and the',
    'nearest known key (a misspelt `portal.lisen` gets "did you mean `listen`?"), and so is an',
    'unknown `ECN_*` variable: a typo never goes unnoticed.',
    'Lists (such as `profiles`) are given in the environment as JSON.',
    '',
    'Durations read `45s`, `30m`, `1h30m`, `2d`, `1w` or a number of seconds; sizes `500MB`,',
    '`2GiB` or bytes; rates `512kbit`, `2Mbit` or bits per second; dates ISO-8601.',
    '',
    '| key | type | default | environment | description |',
    '|---|---|---|---|---|',
  ];
  for (const k of listKeys(configSchema)) {
    lines.push(
      `| \`${k.path.join('.')}\` | ${k.type} | ${cell(shownDefault(k))} | \`${k.env}\` | ${cell(k.description)} |`,
    );
  }
  for (const list of [['profiles'], ['radius', 'clients']]) {
    const fields = listItemKeys(configSchema, list);
    if (fields.length === 0) continue;
    lines.push(
      '',
      `## Fields of each item of \`${list.join('.')}\``,
      '',
      '| field | type | default | description |',
      '|---|---|---|---|',
    );
    for (const f of fields) {
      lines.push(
        `| \`${f.path.join('.')}\` | ${f.type} | ${cell(shownDefault(f))} | ${cell(f.description)} |`,
      );
    }
    const top = listKeys(configSchema).find((k) => k.path.join('.') === list.join('.'));
    if (top?.hasDefault) {
      lines.push('', 'Default:', '', '```json', JSON.stringify(top.default, null, 2), '```');
    }
  }
  lines.push('');
  return lines.join('\n');
}
