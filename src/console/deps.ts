// What the console app is given by the composition root (or a test).

import type { Logger } from '../log';
import type { AccessDeps } from '../services/client-access';
import type { WifiSettings } from '../domain/console';
import type { AuthPolicy } from './auth';
import type { SqliteStats } from '../stats/sqlite-stats';
import type { SqliteJournal } from '../journal/sqlite-journal';
import type { LiveSpaceSettings } from '../services/space-settings';
import type { FilterSettings } from '../filter/settings';
import type { TableRebuilder } from '../filter/rebuild';
import type { ClockSyncStatus } from '../domain/clock-sync';
import type { StoreHealth } from '../domain/store-health';
import type { HelpPolicy } from '../services/help-requests';
import type { ExtensionPolicy } from '../domain/extension';

export interface ConsoleSettings {
  secureCookies: boolean;
  trustProxy: string;
  /** The space's time zone, for every time shown. */
  timeZone: string;
  /** Where residents reach the portal, without a trailing slash: ticket links and QR codes. */
  portalUrl: string;
}

/** The space as the console shows it now (managers can change it at run time). */
export interface ConsoleSpace {
  name: string;
  wifi: WifiSettings | null;
}

export interface ConsoleDeps {
  services: AccessDeps;
  logger: Logger;
  version: string;
  auth: AuthPolicy;
  settings: ConsoleSettings;
  space: () => ConsoleSpace;
  /** The settings in force and their saving (managers' settings pages). */
  spaceSettings: LiveSpaceSettings;
  /** The space's identifier (`space.id`), as in the metrics and the monthly report. */
  spaceId: string;
  /** This box's statistics (today's figures, the monthly report); opened by the service. */
  stats: SqliteStats | null;
  /** The legal journal, for the requisition role only; null when the journal is off. */
  journal: SqliteJournal | null;
  /** The content filter's files and its background table rebuild (managers' filtering page). */
  filter: { settings: FilterSettings; rebuilder: TableRebuilder };
  /** The last clock check (issue #16, item 5): every page warns while it is not synchronised. */
  clockSync?: () => ClockSyncStatus | null;
  /** The store monitor's last answer (issue #13, item 4): every page warns while it is not up. */
  storeHealth?: () => StoreHealth;
  /** Residents' calls for help (issue #15, item 5); null when the portal offers none. */
  help?: HelpPolicy | null;
  /** More time for a ticket in use (issue #15, item 3); absent, the sessions page offers none. */
  extensions?: ExtensionPolicy;
  /** Themes offered when recording a workshop or an individual session (issue #15, item 6). */
  attendanceThemes?: readonly string[];
}
