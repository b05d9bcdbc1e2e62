// Error codes: opening hours, closures and the space's own devices (issue #15, items 1 and 2).
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const OPENING_HOURS_ERRORS = {
  ECN_ERR_HOURS_MALFORMED: {
    status: 400,
    expose: true,
    description:
      'An opening-hours range is not `HH:MM-HH:MM` (24-hour clock, `24:00` allowed as an end), or names no weekday `mon`…`sun`; nothing was changed.',
  },
  ECN_ERR_HOURS_PAST_MIDNIGHT: {
    status: 400,
    expose: true,
    description:
      'An opening-hours range ends before it starts (e.g. `22:00-02:00`): a range may not run past midnight; write it as `22:00-24:00` on one day and `00:00-02:00` on the next. Nothing was changed.',
  },
  ECN_ERR_HOURS_OVERLAP: {
    status: 400,
    expose: true,
    description:
      'Two opening-hours ranges of one day overlap (ranges that only touch, such as `09:00-12:00` and `12:00-14:00`, are fine); nothing was changed.',
  },
  ECN_ERR_CLOSURE_MALFORMED: {
    status: 400,
    expose: true,
    description:
      'A closure is not a day `YYYY-MM-DD` or a range of days `YYYY-MM-DD..YYYY-MM-DD` that exist in the calendar; nothing was changed.',
  },
  ECN_ERR_CLOSURE_BACKWARDS: {
    status: 400,
    expose: true,
    description: 'A closure range ends before it starts; nothing was changed.',
  },
  ECN_ERR_CLOSURE_TODAY: {
    status: 400,
    expose: true,
    description:
      'A closure added from the console covers today: it would cut off the residents connected now. Close the space by its hours, or add the closure from tomorrow on; nothing was changed.',
  },
  ECN_ERR_SPACE_CLOSED: {
    status: 403,
    expose: true,
    description:
      'The space is closed now (outside its opening hours, or a closure day): logins and free access are refused until it opens again; the portal shows the next opening time.',
  },
  ECN_ERR_MAC_MALFORMED: {
    status: 400,
    expose: true,
    description:
      'A MAC address is not six bytes in a usual notation (`aa:bb:cc:dd:ee:ff`, `AA-BB-CC-DD-EE-FF`, `aabb.ccdd.eeff` or `aabbccddeeff`), or is a broadcast or multicast address; nothing was changed.',
  },
  ECN_ERR_DEVICE_LABEL_INVALID: {
    status: 400,
    expose: true,
    description:
      "A trusted device's label must be 1 to 40 printable characters (e.g. `PC 3`); nothing was changed.",
  },
  ECN_ERR_DEVICE_NOT_TRUSTED: {
    status: 404,
    expose: true,
    description: 'No trusted device of the space has that MAC address; nothing was changed.',
  },
} as const satisfies Record<string, ErrorSpec>;
