// Error codes: the `ecn` command and the running service (control socket), and the space's settings.
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const CONTROL_ERRORS = {
  ECN_ERR_CONTROL_INVALID: {
    status: 400,
    expose: true,
    description:
      "A request on the service's local control socket is not valid (malformed JSON, unknown operation, bad field, too long); nothing was changed.",
  },
  ECN_ERR_CONTROL_UNANSWERED: {
    status: 503,
    expose: true,
    description:
      'The `ecn` command reached the running service but got no valid answer in time; the action may or may not have been done (check with `ecn tickets list`).',
  },
  ECN_ERR_SETTINGS_INVALID: {
    status: 400,
    expose: true,
    description:
      "A change to the space's settings (profiles, charter, name, colours, logo, Wi-Fi) was refused; nothing was changed.",
  },
} as const satisfies Record<string, ErrorSpec>;
