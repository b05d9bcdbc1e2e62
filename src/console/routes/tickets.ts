// The console's tickets pages (to be filled in).

import type { Express } from 'express';
import type { ConsoleDeps } from '../deps';

export function registerTickets(_app: Express, _deps: ConsoleDeps): void {}
