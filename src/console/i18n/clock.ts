// Console strings of the clock banner (issue #16, item 5), shown on every page while the
// box's clock is not known to be synchronised.

import { defineArea } from './define';

export const clock = defineArea({
  fr: {
    'clock.unsynchronised':
      "L'horloge de la passerelle n'est pas à l'heure (elle n'est pas synchronisée). Les heures du journal légal des connexions peuvent être fausses. Prévenez le service informatique de la ville.",
    'clock.unknown':
      "La passerelle ne peut pas vérifier que son horloge est à l'heure. Les heures du journal légal des connexions ne sont pas garanties. Prévenez le service informatique de la ville.",
  },
  en: {
    'clock.unsynchronised':
      "The gateway's clock is not synchronised. Times in the legal connection log may be wrong. Tell the city's IT department.",
    'clock.unknown':
      "The gateway cannot check that its clock is right. Times in the legal connection log are not guaranteed. Tell the city's IT department.",
  },
});
