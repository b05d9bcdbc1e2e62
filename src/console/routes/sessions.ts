// The console's sessions pages (to be filled in).

import type { Express } from 'express';
import type { ConsoleDeps } from '../deps';

export function registerSessions(_app: Express, _deps: ConsoleDeps): void {}
