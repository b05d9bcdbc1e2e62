// The console's catalogs, one area per file, merged here. French is the default; English is
// offered for staff who read it better. Keys are checked at compile time.

import { base } from './base';
import { tickets } from './tickets';
import { sessions } from './sessions';
import { today } from './today';
import { settings } from './settings';
import { users } from './users';
import { audit } from './audit';
import { stats } from './stats';
import { requisition } from './requisition';
import { print } from './print';
import { charts } from './charts';
import { account } from './account';
import { filter } from './filter';
import { clock } from './clock';
import { store } from './store';
import { help } from './help';
import { attendance } from './attendance';
import { devices } from './devices';
import { links } from './links';

export { CONSOLE_LANGUAGES, type ConsoleLanguage } from '../../i18n/languages';
import { CONSOLE_LANGUAGES, type ConsoleLanguage } from '../../i18n/languages';

const fr = {
  ...base.fr,
  ...tickets.fr,
  ...sessions.fr,
  ...today.fr,
  ...settings.fr,
  ...users.fr,
  ...audit.fr,
  ...stats.fr,
  ...requisition.fr,
  ...print.fr,
  ...charts.fr,
  ...account.fr,
  ...filter.fr,
  ...clock.fr,
  ...store.fr,
  ...help.fr,
  ...attendance.fr,
  ...devices.fr,
  ...links.fr,
};
export type ConsoleKey = keyof typeof fr;
const en: Record<ConsoleKey, string> = {
  ...base.en,
  ...tickets.en,
  ...sessions.en,
  ...today.en,
  ...settings.en,
  ...users.en,
  ...audit.en,
  ...stats.en,
  ...requisition.en,
  ...print.en,
  ...charts.en,
  ...account.en,
  ...filter.en,
  ...clock.en,
  ...store.en,
  ...help.en,
  ...attendance.en,
  ...devices.en,
  ...links.en,
};

export const CONSOLE_CATALOGS: Readonly<Record<ConsoleLanguage, Readonly<Record<ConsoleKey, string>>>> = {
  fr,
  en,
};

export type ConsoleTranslate = (key: ConsoleKey, vars?: Record<string, string | number>) => string;

export function consoleTranslator(lang: ConsoleLanguage): ConsoleTranslate {
  const catalog = CONSOLE_CATALOGS[lang];
  return (key, vars) =>
    catalog[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

export function isConsoleLanguage(s: unknown): s is ConsoleLanguage {
  return typeof s === 'string' && (CONSOLE_LANGUAGES as readonly string[]).includes(s);
}

/** Whether the catalogs have this key (error codes looked up by name). */
export function isConsoleKey(key: string): key is ConsoleKey {
  return Object.prototype.hasOwnProperty.call(fr, key);
}
