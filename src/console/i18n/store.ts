// Console strings of the store banner and page (issue #13, item 4), shown while the city's
// ticket service (the shared Redis) does not answer or came back empty.

import { defineArea } from './define';

export const store = defineArea({
  fr: {
    'store.unavailable':
      'Le service des tickets de la ville ne répond pas. Les personnes déjà connectées gardent Internet, mais personne ne peut se connecter, et les tickets, sessions et comptes ne peuvent pas être lus. Prévenez le service informatique de la ville.',
    'store.emptied':
      "Le service des tickets de la ville répond, mais il a perdu ses données. Les connexions sont refusées jusqu'à ce que le service informatique de la ville le restaure. Prévenez-le tout de suite.",
    'err.ECN_ERR_STORE_UNAVAILABLE':
      "Le service des tickets de la ville ne répond pas : cette page ne peut pas s'afficher et rien n'a été changé. Réessayez dans un moment.",
    'err.ECN_ERR_STORE_EMPTIED':
      "Le service des tickets de la ville a perdu ses données : rien n'a été lu ni changé. Prévenez le service informatique de la ville.",
    'err.ECN_ERR_STORE_FULL':
      "Le disque du boîtier est plein : rien n'a été enregistré. Les personnes déjà connectées gardent Internet, mais personne ne peut se connecter. Libérez de la place (anciennes sauvegardes, journaux) ou prévenez la personne qui s'occupe du boîtier.",
  },
  en: {
    'store.unavailable':
      "The city's ticket service does not answer. People already connected keep their Internet access, but nobody can log in, and tickets, sessions and accounts cannot be read. Tell the city's IT department.",
    'store.emptied':
      "The city's ticket service answers but has lost its data. Logins are refused until the city's IT department restores it. Tell them at once.",
    'err.ECN_ERR_STORE_UNAVAILABLE':
      "The city's ticket service does not answer: this page cannot be shown and nothing was changed. Try again in a moment.",
    'err.ECN_ERR_STORE_EMPTIED':
      "The city's ticket service has lost its data: nothing was read or changed. Tell the city's IT department.",
    'err.ECN_ERR_STORE_FULL':
      "The box's disk is full: nothing was saved. People already connected keep their Internet access, but nobody can log in. Free some space (old backups, logs) or tell the person who looks after the box.",
  },
});
