// The console's audit pages (to be filled in).

import type { Express } from 'express';
import type { ConsoleDeps } from '../deps';

export function registerAudit(_app: Express, _deps: ConsoleDeps): void {}
