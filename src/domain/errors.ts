// Typed errors with stable codes: every failure a user or operator can meet has a code,
// an HTTP status where it applies, and whether its message may be shown to the client.

export interface ErrorSpec {
  status: number;
  /** Whether the message may be shown to the person who caused it. */
  expose: boolean;
  description: string;
}

export const ERROR_CODES = {
  ECN_ERR_CONFIG_INVALID: {
    status: 500,
    expose: false,
    description:
      'The configuration file or an ECN_* variable does not match the schema; every problem is listed with its path.',
  },
  ECN_ERR_CONFIG_UNREADABLE: {
    status: 500,
    expose: false,
    description: 'The configuration file cannot be read or is not valid YAML.',
  },
  ECN_ERR_SETUP_INVALID: {
    status: 400,
    expose: true,
    description:
      '`ecn setup` was given an answer it cannot use (a flag or a file); the message says which one and why, and nothing was written.',
  },
  ECN_ERR_SETUP_CHECK_FAILED: {
    status: 500,
    expose: true,
    description:
      "`ecn setup` wrote the box's files, but its final check found a required part not answering (the portal, the DNS filter, RADIUS or the nftables table); the summary says what to do for each.",
  },
  ECN_ERR_SETUP_WRITE_FAILED: {
    status: 500,
    expose: true,
    description:
      '`ecn setup` could not write one of its files (a folder missing or not writable); files already written stay, each replaced whole or not at all.',
  },
  ECN_ERR_TLS_FAILED: {
    status: 500,
    expose: false,
    description:
      '`ecn tls` could not make or read a certificate (bad --host/--ip/--days, a key already there, openssl missing or failing, a file that is no certificate); nothing was left half-written.',
  },
  ECN_ERR_STORE_UNAVAILABLE: {
    status: 503,
    expose: true,
    description: 'The store (embedded database or Redis) does not answer; nothing was changed.',
  },
  ECN_ERR_STORE_EMPTIED: {
    status: 503,
    expose: true,
    description:
      'The shared Redis answers but its marker key is gone (flushed, or restarted without its AOF): nothing is read or written until it is restored and the service restarted (docs/redis-city.md).',
  },
  ECN_ERR_STORE_FULL: {
    status: 503,
    expose: true,
    description:
      "The box's data disk is full (SQLite could not grow its file): nothing was written. Residents already connected keep their access; new logins are refused with a page of their own until space is freed (`df -h /var/lib/ecn`; old backups, logs).",
  },
  ECN_ERR_SPACE_ID_TAKEN: {
    status: 500,
    expose: false,
    description:
      'Another box on the same Redis pool already runs with this `space.id` (it claimed `space:<id>` and keeps it fresh): the box refuses to start. Give each box its own `space.id`; a box that died lets its claim go after 30 s (docs/redis-city.md).',
  },
  ECN_ERR_STORE_CORRUPT: {
    status: 500,
    expose: false,
    description: 'A value read back from the store does not match its schema; it is not used.',
  },
  ECN_ERR_STORE_CONFLICT: {
    status: 409,
    expose: false,
    description: 'An atomic update kept losing to concurrent writers and gave up; nothing was changed.',
  },
  ECN_ERR_STORE_SCHEMA_TOO_NEW: {
    status: 500,
    expose: false,
    description:
      'The embedded database was written by a newer version of the gateway; this version will not touch it.',
  },
  ECN_ERR_PROFILE_UNKNOWN: {
    status: 400,
    expose: true,
    description: 'No ticket profile has that name.',
  },
  ECN_ERR_BATCH_SIZE: {
    status: 400,
    expose: true,
    description: 'A batch must hold between 1 and the configured maximum number of tickets.',
  },
  ECN_ERR_BATCH_UNKNOWN: {
    status: 404,
    expose: true,
    description: 'No batch has that identifier.',
  },
  ECN_ERR_NOTE_TOO_LONG: {
    status: 400,
    expose: true,
    description: 'A batch note is limited in length.',
  },
  ECN_ERR_BATCH_WINDOW_UNREADABLE: {
    status: 400,
    expose: true,
    description:
      'A batch validity window time is not a date and time (ISO-8601, or local time of the space).',
  },
  ECN_ERR_BATCH_WINDOW_INVERTED: {
    status: 400,
    expose: true,
    description: 'A batch validity window must end after it starts; nothing was issued.',
  },
  ECN_ERR_BATCH_WINDOW_PAST: {
    status: 400,
    expose: true,
    description: 'A batch validity window must end in the future; nothing was issued.',
  },
  ECN_ERR_BATCH_WINDOW_OUTSIDE_PROFILE: {
    status: 400,
    expose: true,
    description:
      "A batch validity window must overlap the profile's own validity window; nothing was issued.",
  },
  ECN_ERR_TICKET_CODE_MALFORMED: {
    status: 400,
    expose: true,
    description: 'The code has characters outside the ticket alphabet or the wrong length.',
  },
  ECN_ERR_TICKET_UNKNOWN: {
    status: 403,
    expose: true,
    description: 'No ticket has that code.',
  },
  ECN_ERR_TICKET_REVOKED: {
    status: 403,
    expose: true,
    description: 'The ticket was revoked by an animator.',
  },
  ECN_ERR_TICKET_EXPIRED: {
    status: 403,
    expose: true,
    description: 'The ticket has no time left, or its validity window has closed.',
  },
  ECN_ERR_TICKET_NOT_YET_VALID: {
    status: 403,
    expose: true,
    description: 'The ticket validity window has not opened yet.',
  },
  ECN_ERR_TICKET_EXHAUSTED: {
    status: 403,
    expose: true,
    description: 'The ticket has used all of its data quota.',
  },
  ECN_ERR_TICKET_DEVICE_LIMIT: {
    status: 403,
    expose: true,
    description: 'The ticket is already used on as many devices as its profile allows.',
  },
  ECN_ERR_TICKET_ALREADY_REVOKED: {
    status: 409,
    expose: true,
    description: 'The ticket was already revoked.',
  },
  ECN_ERR_DEVICE_INVALID: {
    status: 400,
    expose: false,
    description: 'A device needs a valid MAC or IP address.',
  },
  ECN_ERR_CHARTER_MISSING: {
    status: 500,
    expose: false,
    description: 'The charter text for the configured version or language cannot be found or read.',
  },
  ECN_ERR_CHARTER_NOT_ACCEPTED: {
    status: 400,
    expose: true,
    description: 'The resident must accept the current charter before logging in.',
  },
  ECN_ERR_LOCALES_MISSING: {
    status: 500,
    expose: false,
    description:
      'The message catalogs (`locales/<lang>/<area>.json`) are missing, unreadable or not valid ICU MessageFormat JSON; the service refuses to start and names the file.',
  },
  ECN_ERR_LANGUAGE_UNKNOWN: {
    status: 400,
    expose: true,
    description: 'The language is not one the space offers.',
  },
  ECN_ERR_SESSION_UNKNOWN: {
    status: 404,
    expose: true,
    description: 'No session has that identifier.',
  },
  // Legal connection journal (issue 8)
  ECN_ERR_JOURNAL_UNAVAILABLE: {
    status: 503,
    expose: false,
    description: 'The legal connection journal cannot be opened or written.',
  },
  ECN_ERR_JOURNAL_TAMPERED: {
    status: 500,
    expose: false,
    description:
      'A journal entry fails its integrity check: altered, removed, or encrypted with another key.',
  },
  ECN_ERR_JOURNAL_KEY: {
    status: 500,
    expose: false,
    description: 'The journal key is missing or is not 32 bytes in base64.',
  },
  ECN_ERR_REQUISITION_INVALID: {
    status: 400,
    expose: true,
    description:
      'A requisition export needs a reference and a scoped query (public IP in a window of at most 31 days, or a ticket).',
  },
  // Statistics for the label committee (issue 8)
  ECN_ERR_STATS_UNAVAILABLE: {
    status: 503,
    expose: false,
    description: 'The statistics counters cannot be opened or written.',
  },
  ECN_ERR_MONTH_INVALID: {
    status: 400,
    expose: true,
    description: 'A month is written YYYY-MM, e.g. 2026-11.',
  },
  // Resident portal (issue 3)
  ECN_ERR_TICKET_CODE_MISSING: {
    status: 400,
    expose: true,
    description: 'The login form was sent without a ticket code (and free access is off).',
  },
  ECN_ERR_TOO_MANY_TRIES: {
    status: 429,
    expose: true,
    description:
      'Too many wrong ticket codes from this device; it must wait (the wait doubles with each further wrong code).',
  },
  ECN_ERR_FREE_ACCESS_USED: {
    status: 403,
    expose: true,
    description: "In free-access mode, this device has used today's allowance.",
  },
  ECN_ERR_CSRF: {
    status: 403,
    expose: true,
    description:
      'A form was sent without the token of the page it came from (expired page or forged request).',
  },
  ECN_ERR_INPUT_INVALID: {
    status: 400,
    expose: true,
    description: 'A form field or query parameter does not have the expected shape.',
  },
  ECN_ERR_NOT_FOUND: {
    status: 404,
    expose: true,
    description: 'No portal page has this address.',
  },
  ECN_ERR_BODY_TOO_LARGE: {
    status: 413,
    expose: true,
    description:
      'A form sent to the portal or the console is larger than its page can send; it is not read, and counted.',
  },
  ECN_ERR_BODY_TOO_MANY_FIELDS: {
    status: 413,
    expose: true,
    description:
      'A form sent to the portal or the console has more fields than its page has; it is not read, and counted.',
  },
  ECN_ERR_BODY_MALFORMED: {
    status: 400,
    expose: true,
    description:
      'A form body could not be read (cut short, wrong length, bad character set or compression); it is not read, and counted.',
  },
  ECN_ERR_GATEWAY_FAILED: {
    status: 503,
    expose: false,
    description: 'The gateway layer could not let the device through (or cut it off); the log has the cause.',
  },
  ECN_ERR_NAT_PORTS_EXHAUSTED: {
    status: 503,
    expose: false,
    description:
      'Every NAT port block of the public address is held by a connected device, so one more would leave connections that the legal journal cannot attribute; the login is refused until a device leaves (or `gateway.portBlocks` gives more, smaller blocks).',
  },
  ECN_ERR_LEGAL_TEXT_MISSING: {
    status: 500,
    expose: false,
    description: 'The legal pages (mentions, privacy, accessibility) for a language cannot be found or read.',
  },
  // RADIUS server (issue 4): why an Access-Request is rejected when the ticket rules did not say.
  ECN_ERR_RADIUS_NO_CREDENTIALS: {
    status: 400,
    expose: true,
    description: 'An Access-Request carried neither a ticket code (PAP, CHAP) nor a MAC address to check.',
  },
  ECN_ERR_RADIUS_BAD_PASSWORD: {
    status: 403,
    expose: true,
    description: 'The PAP password or CHAP response does not match the ticket code given as User-Name.',
  },
  ECN_ERR_RADIUS_TOO_MANY_TRIES: {
    status: 429,
    expose: true,
    description:
      'Too many wrong ticket codes over RADIUS from this device (Calling-Station-Id) or this access point; PAP and CHAP requests are rejected unchecked until the wait ends.',
  },
  ECN_ERR_RADIUS_MAC_UNKNOWN: {
    status: 403,
    expose: true,
    description: 'MAC authentication: that device has no open session and is bound to no usable ticket.',
  },
  // --- animators' console (issue 7) ---
  ECN_ERR_AUTH_REQUIRED: {
    status: 401,
    expose: true,
    description:
      'A console page was asked for without a live console session (never logged in, logged out, idle or expired).',
  },
  ECN_ERR_LOGIN_FAILED: {
    status: 401,
    expose: true,
    description: 'Wrong username or password for the console (the answer does not say which).',
  },
  ECN_ERR_LOGIN_THROTTLED: {
    status: 429,
    expose: true,
    description: 'Too many wrong passwords for this account or from this address; the console asks to wait.',
  },
  ECN_ERR_FORBIDDEN: {
    status: 403,
    expose: true,
    description: "The console account's role does not allow this page or action.",
  },
  ECN_ERR_PASSWORD_WEAK: {
    status: 400,
    expose: true,
    description: 'A new console password is too short or too long.',
  },
  ECN_ERR_USERNAME_INVALID: {
    status: 400,
    expose: true,
    description:
      'A console username must be 2 to 32 characters: lower-case letters, digits, dot, dash, underscore.',
  },
  ECN_ERR_USER_EXISTS: {
    status: 409,
    expose: true,
    description: 'A console account with that username already exists; nothing was changed.',
  },
  ECN_ERR_USER_UNKNOWN: {
    status: 404,
    expose: true,
    description: 'No console account has that username.',
  },
  ECN_ERR_ROLE_UNKNOWN: {
    status: 400,
    expose: true,
    description: 'A console role must be one of animator, manager, auditor, requisition.',
  },
  ECN_ERR_REQUISITION_ON_BOX: {
    status: 403,
    expose: true,
    description:
      'Requisition accounts are created, re-roled, given a password and re-enabled only on the box (`ecn users`), never from the console; the refusal is audited and nothing was changed.',
  },
  // --- console accounts and spaces (issue #13, item 2) ---
  ECN_ERR_CONSOLE_SPACE_REFUSED: {
    status: 403,
    expose: true,
    description:
      "Right password, but the account does not act on this box's space (`space.id`); said only after the password check, counted and audited like a wrong password.",
  },
  ECN_ERR_CONSOLE_SPACES_UNSET: {
    status: 403,
    expose: true,
    description:
      'The account was made before accounts belonged to spaces and the store is shared (Redis): it acts nowhere until city staff run `ecn users spaces NAME --space ID` (or `--all-spaces`).',
  },
  ECN_ERR_SPACES_ON_BOX: {
    status: 403,
    expose: true,
    description:
      "An account's spaces are given only on the box (`ecn users add --space/--all-spaces`, `ecn users spaces`): the console makes accounts of its own space, and a manager cannot widen an account or change one that acts beyond the manager's spaces. Audited; nothing was changed.",
  },
  ECN_ERR_SPACES_OPTIONS: {
    status: 400,
    expose: true,
    description:
      '`ecn users`: give either `--space ID` (repeatable, each a space id slug) or `--all-spaces`, not both; `ecn users spaces` needs one of them.',
  },
  // --- the `ecn` command and the running service (control socket) ---
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
  // --- opening hours and the space's own devices (issue #15, items 1 and 2) ---
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
  // --- content filter (issue 6) ---
  ECN_ERR_FILTER_SOURCE: {
    status: 500,
    expose: false,
    description:
      'A filter list source cannot be read or downloaded whole (missing file, HTTP error, truncated archive); the previous table stays.',
  },
  ECN_ERR_FILTER_SHRUNK: {
    status: 500,
    expose: false,
    description:
      'A rebuilt filter table has less than half the names of the previous one, the sign of a truncated list; the previous table stays unless forced.',
  },
  ECN_ERR_FILTER_TABLE: {
    status: 500,
    expose: false,
    description:
      'The compiled filter table is missing or not valid (bad magic, version, length or checksum).',
  },
  ECN_ERR_DNS_START: {
    status: 500,
    expose: false,
    description: 'The DNS front-end cannot bind its address or reach its setup (port in use, bad address).',
  },
  // --- backup and restore (issue #16, item 4) ---
  ECN_ERR_BACKUP_PASSPHRASE: {
    status: 400,
    expose: false,
    description: 'The passphrase does not open this backup (the file itself is intact); nothing was written.',
  },
  ECN_ERR_BACKUP_NO_PASSPHRASE: {
    status: 400,
    expose: false,
    description:
      'No usable passphrase: no --passphrase-file (or `backup.passphraseFile`) and no terminal to ask on, an empty or unreadable file, two entries that differ, or fewer than 12 characters.',
  },
  ECN_ERR_BACKUP_CORRUPT: {
    status: 400,
    expose: false,
    description:
      'The file is not an ECN backup, or it was truncated or altered (its checksum or authentication fails); nothing was written.',
  },
  ECN_ERR_BACKUP_FAILED: {
    status: 500,
    expose: false,
    description:
      'A backup could not be made (a data file unreadable, the journal without its key, the destination not writable or already there); no partial file is left.',
  },
  ECN_ERR_RESTORE_TARGET: {
    status: 409,
    expose: false,
    description:
      'Restore refused: the data folder (or the journal file or key) is not empty and --force was not given, or the gateway service is running; nothing was written.',
  },
  ECN_ERR_EXTENSION_INVALID: {
    status: 400,
    expose: true,
    description: 'Time is added to a ticket by 30 minutes or 1 hour only; nothing was changed.',
  },
  ECN_ERR_EXTENSION_NOT_ACTIVE: {
    status: 409,
    expose: true,
    description:
      'Only a ticket in use (not free access, not expired, revoked or out of data) can be given more time; nothing was changed.',
  },
  ECN_ERR_EXTENSION_DAILY_MAX: {
    status: 409,
    expose: true,
    description:
      'The ticket already had the most time added for the day that `console.extensions.maxPerDay` allows (or extensions are off); nothing was changed.',
  },
  ECN_ERR_EXTENSION_PAST_VALIDITY: {
    status: 409,
    expose: true,
    description:
      "The added time would take the ticket past its validity window (the profile's or its batch's); nothing was changed.",
  },
  ECN_ERR_HELP_TOO_MANY: {
    status: 429,
    expose: true,
    description:
      'This device asked for help too many times in a short while (`portal.help.maxAsks` per `portal.help.window`); its call is already on the console and nothing was changed.',
  },
  ECN_ERR_HELP_UNKNOWN: {
    status: 404,
    expose: true,
    description:
      'No open call for help of this space has that identifier (another animator already marked it as handled, or it was forgotten).',
  },
  ECN_ERR_ATTENDANCE_INVALID: {
    status: 400,
    expose: true,
    description:
      'An attendance entry does not have the expected shape (a real day, a half-day, a theme of at most 80 characters, a duration and a count within their bounds); `field` names the first wrong one. Nothing was recorded.',
  },
  ECN_ERR_ATTENDANCE_UNKNOWN: {
    status: 404,
    expose: true,
    description: 'No attendance entry of this space has that identifier; nothing was removed.',
  },
  ECN_ERR_INTERNAL: {
    status: 500,
    expose: false,
    description: 'An unexpected failure inside the gateway; the log has the cause.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class EcnError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EcnError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.expose = ERROR_CODES[code].expose;
    this.details = Object.freeze({ ...details });
  }
}

export function isEcnError(err: unknown, code?: ErrorCode): err is EcnError {
  return err instanceof EcnError && (code === undefined || err.code === code);
}
