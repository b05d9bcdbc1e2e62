// Console strings of the stats pages.

import { defineArea } from './define';

export const stats = defineArea({
  fr: {},
  en: {},
});
