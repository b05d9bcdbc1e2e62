// Ticket profiles from the configuration, and finding one by name.

import type { ProfileConfig } from '../config/schema';
import type { DeepReadonly } from '../config/load';
import { EcnError } from '../domain/errors';
import type { Profile } from '../domain/profile';
import { limitsFromConfig } from '../domain/profile-fields';

export function profileFromConfig(p: DeepReadonly<ProfileConfig>): Profile {
  return { name: p.name, label: p.label, isDefault: p.default, ...limitsFromConfig(p) };
}

/** The named profile, or the default one when no name is given. */
export function findProfile(profiles: readonly Profile[], name: string | undefined): Profile {
  const found =
    name === undefined ? profiles.find((p) => p.isDefault) : profiles.find((p) => p.name === name);
  if (!found) {
    throw new EcnError(
      'ECN_ERR_PROFILE_UNKNOWN',
      name === undefined
        ? 'No default ticket profile is configured.'
        : `No ticket profile is named "${name}". Known profiles: ${profiles.map((p) => p.name).join(', ')}.`,
      { profile: name ?? null },
    );
  }
  return found;
}

/** The name a new batch starts with: the default profile's, else the first's ('' when none). */
export function defaultProfileName(profiles: readonly Profile[]): string {
  return profiles.find((p) => p.isDefault)?.name ?? profiles[0]?.name ?? '';
}
