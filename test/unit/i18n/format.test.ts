// One formatting module writes numbers, dates, durations and sizes in each language's Intl
// locale from the registry; no other file picks a locale of its own.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { consoleTranslator } from '../../../src/console/i18n';
import { durationText } from '../../../src/console/tickets/format';
import {
  formatDate,
  formatDuration,
  formatNumber,
  formatSize,
  splitDuration,
} from '../../../src/i18n/format';
import { translator } from '../../../src/portal/i18n';

const root = path.resolve(__dirname, '../../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe('the formatting module', () => {
  it('writes numbers as each language does, Arabic with Latin digits', () => {
    expect(formatNumber('fr', 1234.56)).toBe('1\u202f234,6');
    expect(formatNumber('en', 1234.56)).toBe('1,234.6');
    expect(formatNumber('ar', 12.5)).toBe('12.5');
  });

  it('writes dates in the registry locale of the language', () => {
    const at = Date.UTC(2026, 11, 8, 13, 0);
    expect(formatDate('fr', at, { day: 'numeric', month: 'short', timeZone: 'UTC' })).toBe('8 déc.');
    expect(formatDate('en', at, { day: 'numeric', month: 'short', timeZone: 'UTC' })).toBe('8 Dec');
  });

  it('splits and writes durations through each catalog’s own messages', () => {
    expect(splitDuration(90061, 'floor')).toEqual({ d: 1, h: 1, m: 1 });
    expect(splitDuration(59, 'ceil')).toEqual({ d: 0, h: 0, m: 1 });
    const keys = { days: 'duration.days', hours: 'duration.hours', minutes: 'duration.minutes' } as const;
    expect(formatDuration(translator('fr'), keys, 3700)).toBe('1 h 2 min');
    expect(formatDuration(translator('fr'), keys, 3700, 'floor')).toBe('1 h 1 min');
    expect(durationText(consoleTranslator('fr'), 86400 + 12 * 3600)).toBe('1 jour 12 heures');
  });

  it('writes sizes with the language’s decimal sign', () => {
    const keys = { mb: 'size.mb', gb: 'size.gb' } as const;
    expect(formatSize('fr', translator('fr'), keys, 1.5e9)).toBe('1,5 Go');
    expect(formatSize('en', translator('en'), keys, 3e8)).toBe('300 MB');
  });

  it('is the only place that names a display locale', () => {
    const offenders: string[] = [];
    for (const f of filesUnder(path.join(root, 'src'))) {
      if (f.startsWith(path.join(root, 'src', 'i18n') + path.sep)) continue;
      // The languages registry names each language's Intl locale once.
      if (f === path.join(root, 'src', 'domain', 'languages.ts')) continue;
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/'(fr-FR|ar-u-nu-latn)'|=== 'fr' \? '/.test(line))
            offenders.push(`${path.relative(root, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
