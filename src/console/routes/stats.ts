// The console's stats pages (to be filled in).

import type { Express } from 'express';
import type { ConsoleDeps } from '../deps';

export function registerStats(_app: Express, _deps: ConsoleDeps): void {}
