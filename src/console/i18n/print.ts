// Texts of the printed connection tickets and of their print page (locales/<lang>/print.json).
// The console merges them with its own; every key starts with `print.`.

import type { PrintKey } from '../../i18n/keys.generated';
import type { ConsoleLanguage } from '../../domain/languages';
import { consoleArea } from './area';

export type { PrintKey };
export type PrintLanguage = ConsoleLanguage;

export const print = consoleArea<PrintKey>('print');
