// The console's requisition pages (to be filled in).

import type { Express } from 'express';
import type { ConsoleDeps } from '../deps';

export function registerRequisition(_app: Express, _deps: ConsoleDeps): void {}
