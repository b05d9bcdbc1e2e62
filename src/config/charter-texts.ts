// Reads the charter texts (`<dir>/<version>/<lang>.yaml`), validated, so the portal and
// `ecn charter show` show exactly what a resident accepts.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { EcnError } from '../domain/errors';
import { isLanguage, type CharterText, type Language } from '../domain/charter';

const line = z.string().min(1).max(2000);
const charterFile = z.object({
  title: line,
  summary: z.array(line).min(1).max(12),
  sections: z
    .array(
      z.object({
        title: line,
        paragraphs: z.array(line).default([]),
        items: z.array(line).default([]),
      }),
    )
    .min(1),
});

export function readCharter(dir: string, version: string, lang: Language): CharterText {
  const file = path.join(dir, version, `${lang}.yaml`);
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new EcnError(
      'ECN_ERR_CHARTER_MISSING',
      `Cannot read the charter ${file}: ${(err as Error).message}`,
      { file },
    );
  }
  const parsed = charterFile.safeParse(raw);
  if (!parsed.success) {
    throw new EcnError(
      'ECN_ERR_CHARTER_MISSING',
      `The charter ${file} is malformed: ` +
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      { file },
    );
  }
  return { version, lang, ...parsed.data };
}

/** Languages that have a text for this version. */
export function charterLanguages(dir: string, version: string): Language[] {
  try {
    return readdirSync(path.join(dir, version))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .filter(isLanguage);
  } catch {
    return [];
  }
}
