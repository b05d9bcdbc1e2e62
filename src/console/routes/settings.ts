// The console's settings pages (to be filled in).

import type { Express } from 'express';
import type { ConsoleDeps } from '../deps';

export function registerSettings(_app: Express, _deps: ConsoleDeps): void {}
