// What the console app is given by the composition root (or a test).

import type { Logger } from '../log';
import type { AccessDeps } from '../services/client-access';
import type { WifiSettings } from '../domain/console';
import type { AuthPolicy } from './auth';

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
}
