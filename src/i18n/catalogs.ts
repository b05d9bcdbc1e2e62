// The catalogs as the gateway ships them, read once when the service starts: a missing or
// broken locales/ folder stops the start with ECN_ERR_LOCALES_MISSING, not the first request.

import { readLocales, type LocaleFiles } from './messages';

export const LOCALES: LocaleFiles = readLocales();
