// The store's retention durations (issue 13, item 5): defaults that cover the law's year, and
// floors below which the configuration is refused with a clear message naming the key.

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load';
import { EcnError } from '../../../src/domain/errors';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-retention-config-'));
const file = (text: string) => {
  const f = path.join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, text);
  return f;
};

function problems(text: string, env: Record<string, string> = {}): { path: string; message: string }[] {
  try {
    loadConfig({ file: file(text), env });
  } catch (err) {
    expect(err).toBeInstanceOf(EcnError);
    expect((err as EcnError).code).toBe('ECN_ERR_CONFIG_INVALID');
    return (err as EcnError).details.problems as { path: string; message: string }[];
  }
  throw new Error('expected the configuration to be refused');
}

describe('retention configuration', () => {
  it('keeps sessions, acceptances and tickets a year by default, as long as the journal', () => {
    const c = loadConfig({ file: null, env: {} });
    expect(c.retention).toEqual({ sessionsDays: 365, acceptancesDays: 365, ticketsDays: 365 });
    expect(c.retention.ticketsDays).toBeGreaterThanOrEqual(c.journal.retentionDays);
  });

  it('takes longer or shorter durations down to the floors, from the file or the environment', () => {
    const c = loadConfig({
      file: file('retention: { sessionsDays: 31, acceptancesDays: 365 }\n'),
      env: { ECN_RETENTION_TICKETS_DAYS: '730' },
    });
    expect(c.retention).toEqual({ sessionsDays: 31, acceptancesDays: 365, ticketsDays: 730 });
  });

  it('refuses durations under their floors, every one named at once', () => {
    const found = problems('retention: { sessionsDays: 30, acceptancesDays: 364, ticketsDays: 90 }\n');
    expect(found.map((p) => p.path).sort()).toEqual([
      'retention.acceptancesDays',
      'retention.sessionsDays',
      'retention.ticketsDays',
    ]);
    expect(found.find((p) => p.path === 'retention.sessionsDays')!.message).toMatch(/at least 31 days/);
    expect(found.find((p) => p.path === 'retention.ticketsDays')!.message).toMatch(/at least 365 days/);
  });

  it('refuses tickets and acceptances kept shorter than a longer legal journal', () => {
    const found = problems('journal: { retentionDays: 400 }\nretention: { ticketsDays: 399 }\n');
    expect(found).toEqual([
      expect.objectContaining({
        path: 'retention.acceptancesDays',
        message: expect.stringMatching(/journal\.retentionDays \(400\)/),
      }),
      expect.objectContaining({ path: 'retention.ticketsDays' }),
    ]);
  });

  it('refuses what is not a whole number of days', () => {
    expect(problems('retention: { sessionsDays: 40.5 }\n').map((p) => p.path)).toEqual([
      'retention.sessionsDays',
    ]);
    expect(problems('retention: { ticketsDays: "a year" }\n').map((p) => p.path)).toEqual([
      'retention.ticketsDays',
    ]);
  });
});
