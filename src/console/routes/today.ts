// The console's today pages (to be filled in).

import type { Express } from 'express';
import type { ConsoleDeps } from '../deps';

export function registerToday(_app: Express, _deps: ConsoleDeps): void {}
