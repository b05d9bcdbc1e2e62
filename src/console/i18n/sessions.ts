// Console strings of the sessions pages.

import { defineArea } from './define';

export const sessions = defineArea({
  fr: {},
  en: {},
});
