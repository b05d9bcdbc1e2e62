// Console strings of the audit pages.

import { defineArea } from './define';

export const audit = defineArea({
  fr: {},
  en: {},
});
