// Console strings of the users pages.

import { defineArea } from './define';

export const users = defineArea({
  fr: {},
  en: {},
});
