// The console's accounts, sessions, audit trail and the settings managers change at run
// time. Pure types and rules: the store adapters keep them, the console app applies them.

import { LANGUAGES, type CharterText, type Language } from './charter';
import type { Profile } from './profile';

/**
 * `animator` issues, prints and revokes tickets and sees sessions; `manager` also changes the
 * space's settings and accounts and reads statistics and the audit trail; `auditor` only
 * reads statistics; `requisition` only answers judicial requisitions from the legal journal.
 */
export const ROLES = ['animator', 'manager', 'auditor', 'requisition'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(s: unknown): s is Role {
  return typeof s === 'string' && (ROLES as readonly string[]).includes(s);
}

/** What each role may do in the console. One list, checked by every route. */
export const PERMISSIONS = {
  'tickets.issue': ['animator', 'manager'],
  'tickets.read': ['animator', 'manager'],
  'tickets.revoke': ['animator', 'manager'],
  'sessions.read': ['animator', 'manager'],
  'sessions.disconnect': ['animator', 'manager'],
  'today.read': ['animator', 'manager'],
  'help.handle': ['animator', 'manager'],
  'attendance.write': ['animator', 'manager'],
  'stats.read': ['manager', 'auditor'],
  'settings.write': ['manager'],
  'users.write': ['manager'],
  'audit.read': ['manager'],
  'journal.export': ['requisition'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,31}$/;
/** A space id as `space.id` spells it (a slug). */
export const SPACE_ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The spaces an account acts on: a list of `space.id`s, or `all` for city staff. Several spaces
 * or all are given only on the command line. `null` marks an account made before accounts
 * belonged to spaces (issue #13, item 2): it acts nowhere until given its spaces.
 */
export type AccountSpaces = string[] | 'all';

/** Whether an account may act on the box whose `space.id` is `spaceId`. */
export function coversSpace(user: Pick<ConsoleUser, 'spaces'>, spaceId: string): boolean {
  return user.spaces === 'all' || (user.spaces !== null && user.spaces.includes(spaceId));
}

/** Whether every space `inner` acts on is one `outer` acts on too. */
export function spacesWithin(inner: AccountSpaces | null, outer: AccountSpaces | null): boolean {
  if (outer === 'all') return true;
  if (inner === 'all' || inner === null || outer === null) return false;
  return inner.every((s) => outer.includes(s));
}
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export interface ConsoleUser {
  /** Lower-case login name, unique; also the key of the record. */
  username: string;
  role: Role;
  /** The spaces it acts on; null for an account made before accounts belonged to spaces. */
  spaces: AccountSpaces | null;
  /** `scrypt$N$r$p$salt$hash` (base64url parts); never shown, never logged. */
  passwordHash: string;
  createdAt: number;
  createdBy: string;
  /** Set when a manager disables the account: its sessions stop working at once. */
  disabledAt: number | null;
  /** Bumped on password change or disable; a session made under an older epoch is refused. */
  sessionEpoch: number;
  version: number;
}

export interface ConsoleSession {
  /** SHA-256 of the cookie's token (base64url): a copy of the store gives no usable cookie. */
  id: string;
  username: string;
  /** The user's sessionEpoch when the session was made. */
  epoch: number;
  /** Synchronizer token for the forms of this session. */
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
  /** Absolute end, whatever the activity (epoch ms). */
  expiresAt: number;
  version: number;
}

/** Whether a console session still lets its user in at `now`. */
export function sessionLive(
  s: ConsoleSession,
  user: ConsoleUser | null,
  now: number,
  idleTimeoutMs: number,
): boolean {
  if (!user || user.disabledAt !== null || user.sessionEpoch !== s.epoch) return false;
  return now < s.expiresAt && now - s.lastSeenAt < idleTimeoutMs;
}

export const AUDIT_ACTIONS = [
  'login',
  'login.failed',
  'logout',
  'tickets.issued',
  'tickets.printed',
  'tickets.revoked',
  'session.disconnected',
  'settings.changed',
  'user.created',
  'user.changed',
  /** A manager tried to create, re-role, reset or re-enable a requisition account: refused. */
  'user.refused',
  'journal.exported',
  /** Time added to a ticket from the sessions page (issue #15, item 3). */
  'session.extended',
  /** A resident's call for help marked as handled (issue #15, item 5). */
  'help.handled',
  /** Attendance recorded, corrected or removed (issue #15, item 6). */
  'attendance.recorded',
  'attendance.removed',
  /** Issue #15, item 2: one of the space's own devices trusted (or relabelled), or no longer. */
  'device.trusted',
  'device.untrusted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One line of the console's audit trail: who did what, when. Never a ticket code or secret. */
export interface AuditEntry {
  id: string;
  at: number;
  /** Username, or `system:<unix user>` for the `ecn` command on the box. */
  actor: string;
  action: AuditAction;
  /** What it was done to: a batch id, ticket id, session id, setting name, username. */
  target: string | null;
  /** Small facts about the change (count, profile, old → new values of a setting). */
  details: Record<string, string | number | boolean | null>;
  /**
   * The space whose box wrote it (issue #13): stamped by the store, so a manager's audit page
   * on a shared pool shows that space's entries only. Absent on entries written before.
   */
  spaceId?: string;
}

export interface AuditQuery {
  limit: number;
  /** Only entries strictly older than this (epoch ms), for paging. */
  before?: number;
  action?: AuditAction;
}

export interface WifiSettings {
  ssid: string;
  security: 'WPA' | 'none';
  /** Printed in the join QR code only; null with `none`. */
  password: string | null;
}

/** Blocked categories (UT1 folder names) and own lists (canonical names), as managers chose. */
export interface FilterChoices {
  categories: string[];
  allow: string[];
  block: string[];
}

/**
 * What managers changed in the console, over the configuration file's values. A field left
 * out means "as in the configuration".
 */
/** Opening hours in their text form: ranges per weekday, closure days or ranges of days. */
export interface HoursText {
  openingHours: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[]>>;
  closures: string[];
}

/**
 * A link the space offers on the portal's status page (issue #15, item 8): a public service, job
 * search, the city's participation platform. The label is shown as the manager wrote it.
 */
export interface SpaceLink {
  /** The French label, shown in every language that has none of its own. */
  label: string;
  /** Labels in the other portal languages, when the manager wrote them. */
  labels?: Partial<Record<Exclude<Language, 'fr'>, string>>;
  /** An https URL to a public host, checked before it is saved. */
  url: string;
  /**
   * Reachable before login (walled garden, issue #15, item 8): the site's addresses are opened
   * to captive clients on port 443 where the box is the router. Per link, not for the whole
   * list: a manager opens only the sites that work on their own (a site that loads its pages
   * from other hosts would half-work) and keeps the others for connected residents.
   */
  beforeLogin?: true;
}

/** The links reachable before login, in their order. */
export function linksBeforeLogin(links: readonly SpaceLink[]): SpaceLink[] {
  return links.filter((l) => l.beforeLogin === true);
}

/** The languages a link may have its own label in, besides French. */
export const LINK_LABEL_LANGUAGES = LANGUAGES.filter((l) => l !== 'fr') as unknown as readonly [
  Exclude<Language, 'fr'>,
  ...Exclude<Language, 'fr'>[],
];

/** The link's label in a portal language: its own, else the French one. */
export function linkLabel(link: SpaceLink, lang: Language): string {
  return (lang === 'fr' ? undefined : link.labels?.[lang]) ?? link.label;
}

/** At most this many links: the status page stays short. */
export const LINKS_MAX = 8;
export const LINK_LABEL_MAX = 60;

export interface SpaceSettings {
  space?: { name: string; colors: { primary: string; accent: string } };
  logo?: { type: 'image/png' | 'image/jpeg' | 'image/svg+xml'; base64: string } | null;
  wifi?: WifiSettings | null;
  profiles?: Profile[];
  charter?: { version: string; publishedAt: number; texts: Partial<Record<Language, CharterText>> };
  /** Filtering choices: blocked categories and the space's own allowed and blocked names. */
  filter?: FilterChoices;
  /** Opening hours and closure days as managers wrote them (issue #15, item 1). */
  hours?: HoursText;
  /** Useful links on the status page (issue #15, item 8). */
  links?: SpaceLink[];
  updatedAt: number;
  updatedBy: string;
  version: number;
}
