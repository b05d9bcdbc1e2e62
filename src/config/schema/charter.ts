// The `charter` section: which version of the resident charter is in force, and where its texts are.

import { z } from 'zod';
import { LANGUAGES } from '../../domain/languages';

export const charterSchema = z
  .object({
    version: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,32}$/)
      .default('2026-11')
      .describe('Current charter version; residents accept it again when it changes.'),
    dir: z
      .string()
      .default('')
      .describe(
        'Folder holding `<version>/<lang>.yaml` charter texts; empty means the texts shipped in `config/charter`.',
      ),
    defaultLanguage: z.enum(LANGUAGES).default('fr').describe('Language when none is asked for.'),
  })
  .prefault({})
  .describe('Resident charter.');
