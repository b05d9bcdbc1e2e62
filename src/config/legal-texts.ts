// Reads the portal's legal pages (`config/legal/<lang>.yaml`: mentions, privacy,
// accessibility) and fills their {{space.*}} and {{retention.*}} placeholders from the
// configuration. Plain text, never HTML: the views escape it.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { EcnError } from '../domain/errors';
import type { Language } from '../domain/charter';

export const LEGAL_PAGES = ['mentions', 'privacy', 'accessibility'] as const;
export type LegalPage = (typeof LEGAL_PAGES)[number];

const line = z.string().min(1).max(4000);
const page = z.object({
  title: line,
  sections: z.array(z.object({ title: line, paragraphs: z.array(line).default([]) })).min(1),
});
const legalFile = z.object({ mentions: page, privacy: page, accessibility: page });

export type LegalText = z.infer<typeof page>;
export type LegalTexts = Record<LegalPage, LegalText>;

export interface SpaceFacts {
  name: string;
  structure: string;
  address: string;
  contactEmail: string;
  dpoContact: string;
}

/**
 * The durations the privacy page states, in days, from the configuration (issue 13): the legal
 * journal's, and the store's (`retention`), so the page says what the purges do.
 */
export interface RetentionFacts {
  journalDays: number;
  sessionsDays: number;
  acceptancesDays: number;
  ticketsDays: number;
}

/**
 * Replaces `{{space.x}}` and `{{retention.x}}`; an empty value reads as a dash so a sentence
 * never breaks silently.
 */
export function fillPlaceholders(text: string, space: SpaceFacts, retention?: RetentionFacts): string {
  return text.replace(/\{\{\s*(space|retention)\.(\w+)\s*\}\}/g, (m, group: string, key: string) => {
    const facts = (group === 'space' ? space : retention) as unknown as
      Record<string, string | number | undefined> | undefined;
    const value = facts?.[key];
    if (value === undefined) return m;
    const text = String(value);
    return text.trim() === '' ? '—' : text;
  });
}

export function readLegalTexts(
  dir: string,
  lang: Language,
  space: SpaceFacts,
  retention: RetentionFacts,
): LegalTexts {
  const file = path.join(dir, `${lang}.yaml`);
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new EcnError(
      'ECN_ERR_LEGAL_TEXT_MISSING',
      `Cannot read the legal texts ${file}: ${(err as Error).message}`,
      {
        file,
      },
    );
  }
  const parsed = legalFile.safeParse(raw);
  if (!parsed.success) {
    throw new EcnError(
      'ECN_ERR_LEGAL_TEXT_MISSING',
      `The legal texts ${file} are malformed: ` +
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      { file },
    );
  }
  const fill = (p: LegalText): LegalText => ({
    title: fillPlaceholders(p.title, space, retention),
    sections: p.sections.map((s) => ({
      title: fillPlaceholders(s.title, space, retention),
      paragraphs: s.paragraphs.map((x) => fillPlaceholders(x, space, retention)),
    })),
  });
  return {
    mentions: fill(parsed.data.mentions),
    privacy: fill(parsed.data.privacy),
    accessibility: fill(parsed.data.accessibility),
  };
}
