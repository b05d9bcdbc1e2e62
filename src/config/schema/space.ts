// The `space` section: who this box serves, its look, its opening hours and closures (checked
// by the domain's own parser).

import { z } from 'zod';
import { isTimeZone } from '../../stats/local-time';
import { isEcnError } from '../../domain/errors';
import {
  WEEKDAYS,
  parseClosure,
  parseWeek,
  type OpeningHoursText,
  type Weekday,
} from '../../domain/opening-hours';
import { colour } from './fields';

/** Issue #15, item 1: one weekday's ranges, e.g. `['09:00-12:00', '14:00-18:00']`. */
const dayRanges = z.array(z.string().max(20)).max(12);

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const openingHoursSchema = z
  .object(
    Object.fromEntries(
      WEEKDAYS.map((d) => [
        d,
        dayRanges
          .default([])
          .describe(
            `${DAY_NAMES[d]}'s opening hours: \`HH:MM-HH:MM\` ranges in the space's time zone, e.g. \`['09:00-12:00', '14:00-18:00']\`; empty: closed that day (when another day has hours).`,
          ),
      ]),
    ) as Record<Weekday, z.ZodDefault<typeof dayRanges>>,
  )
  .strict()
  .prefault({})
  .describe(
    'Opening hours per weekday (`mon` … `sun`). A range may not run past midnight (write `22:00-24:00`, then `00:00-02:00` the next day) and the ranges of one day may not overlap. Every day empty (the default): always open. Outside the hours, logins and free access are refused and open sessions end at closing time.',
  );

/** The hours and closures read by the domain's own parser, so the file and the console agree. */
function checkOpeningHours(
  s: { openingHours: OpeningHoursText; closures: string[]; timezone: string },
  ctx: z.RefinementCtx,
): void {
  try {
    parseWeek(s.openingHours);
  } catch (err) {
    if (!isEcnError(err)) throw err;
    ctx.addIssue({
      code: 'custom',
      message: `${err.code}: ${err.message}`,
      path: ['openingHours', String(err.details.day ?? '')],
    });
  }
  s.closures.forEach((c, i) => {
    try {
      parseClosure(c);
    } catch (err) {
      if (!isEcnError(err)) throw err;
      ctx.addIssue({ code: 'custom', message: `${err.code}: ${err.message}`, path: ['closures', i] });
    }
  });
}

export const spaceSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug: lower-case letters, digits and single dashes')
      .max(64)
      .default('roubaix-demo')
      .describe(
        'Stable identifier of the space (slug), used as the `space_id` label of metrics, e.g. `roubaix-epeule`.',
      ),
    name: z.string().min(1).max(80).default('Espace Citoyen Numérique').describe('Name shown to residents.'),
    structure: z
      .string()
      .max(120)
      .default('Association gestionnaire')
      .describe('The association or structure that runs the space (publisher, data controller).'),
    address: z.string().max(200).default('').describe('Postal address, shown on legal pages and tickets.'),
    contactEmail: z
      .string()
      .max(120)
      .default('')
      .describe('Contact for residents (privacy requests, accessibility).'),
    wifiName: z.string().max(32).default('').describe('Wi-Fi network name (SSID) printed on tickets.'),
    timezone: z
      .string()
      .refine(isTimeZone, { message: 'expected an IANA time zone such as "Europe/Paris"' })
      .default('Europe/Paris')
      .describe(
        'Time zone of the space: clock times shown to residents, the free-access day, statistics by local day and hour.',
      ),
    dpoContact: z
      .string()
      .max(200)
      .default('')
      .describe('Data-protection contact shown in the privacy notice (a DPO, or the person in charge).'),
    logo: z
      .string()
      .max(400)
      .default('')
      .describe('Logo file (PNG, JPEG or SVG) shown on the portal; empty for none.'),
    colors: z
      .object({
        primary: colour
          .default('#1d4e89')
          .describe('Main colour (buttons, header); must contrast with white text.'),
        accent: colour.default('#ffd166').describe('Accent colour.'),
      })
      .prefault({})
      .describe('Colours of the portal and console.'),
    openingHours: openingHoursSchema,
    closures: z
      .array(z.string().max(40))
      .max(200)
      .default([])
      .describe(
        "Days the space is closed whatever its hours: a day `2026-12-24` or a range of days `2026-12-25..2027-01-01` (both included), in the space's time zone.",
      ),
  })
  .superRefine((s, ctx) => checkOpeningHours(s, ctx))
  .prefault({})
  .describe('Who this box serves.');
