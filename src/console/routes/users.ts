// The console's users pages (to be filled in).

import type { Express } from 'express';
import type { ConsoleDeps } from '../deps';

export function registerUsers(_app: Express, _deps: ConsoleDeps): void {}
