// The `tickets` and `profiles` sections: how many tickets a batch may hold, and the ticket
// profiles animators choose from.

import { z } from 'zod';
import { buildProfileSchema } from '../profile-schema';
import { duration, instant, rate, size } from './fields';

/** A ticket profile: its name and label, and one key per limit of domain/profile-fields.ts. */
export const profileSchema = buildProfileSchema({
  duration,
  bytes: size,
  rate,
  instant: instant as z.ZodType<number, string | number>,
});

export const ticketsSchema = z
  .object({
    maxBatch: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .default(500)
      .describe('Largest batch one command or form may create.'),
  })
  .prefault({})
  .describe('Ticket issuing.');

export const profilesSchema = z
  .array(profileSchema)
  .min(1)
  .prefault([
    { name: '1h', label: '1 heure', duration: 3600, devices: 1, default: true },
    { name: '1d', label: '1 journée', duration: 86400, devices: 2 },
    { name: '1w', label: '1 semaine', duration: 604800, devices: 2 },
  ] as never)
  .describe('Ticket profiles animators choose from; exactly one has `default: true`.');
