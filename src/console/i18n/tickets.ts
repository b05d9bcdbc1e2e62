// Console strings of the tickets pages (locales/<lang>/console-tickets.json).

import type { ConsoleKey } from '../../i18n/keys.generated';
import { consoleArea } from './area';

export const tickets = consoleArea<ConsoleKey>('console-tickets');
