// Console strings of the today pages.

import { defineArea } from './define';

export const today = defineArea({
  fr: {},
  en: {},
});
