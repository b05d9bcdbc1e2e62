// Console strings of the tickets pages.

import { defineArea } from './define';

export const tickets = defineArea({
  fr: {},
  en: {},
});
