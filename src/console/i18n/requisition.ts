// Console strings of the requisition pages.

import { defineArea } from './define';

export const requisition = defineArea({
  fr: {},
  en: {},
});
