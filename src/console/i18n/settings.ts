// Console strings of the settings pages.

import { defineArea } from './define';

export const settings = defineArea({
  fr: {},
  en: {},
});
