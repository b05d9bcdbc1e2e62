// Console strings of the space's own devices page (issue #15, item 2) and of the opening hours.

import { defineArea } from './define';

export const devices = defineArea({
  fr: {
    'nav.devices': 'Postes de l’espace',
    'devices.title': 'Postes de l’espace',
    'devices.intro':
      'Les ordinateurs publics et les appareils de l’équipe passent sans ticket pendant les heures d’ouverture. Ils restent filtrés et leurs connexions sont notées dans le journal légal comme celles de l’espace.',
    'devices.list.heading': 'Les postes',
    'devices.list.caption': '{count} poste(s)',
    'devices.list.tableLabel': 'Tableau des postes de l’espace',
    'devices.list.label': 'Nom',
    'devices.list.mac': 'Adresse MAC',
    'devices.list.added': 'Ajouté le',
    'devices.list.actions': 'Actions',
    'devices.list.empty': 'Aucun poste pour le moment.',
    'devices.remove': 'Retirer',
    'devices.add.heading': 'Ajouter un poste',
    'devices.add.label': 'Nom du poste',
    'devices.add.labelHint': 'Par exemple « PC 3 » ou « Portable accueil » (40 caractères au plus).',
    'devices.add.mac': 'Adresse MAC',
    'devices.add.macHint':
      'Écrite sur l’étiquette ou dans les réglages réseau : aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF ou aabb.ccdd.eeff.',
    'devices.add.submit': 'Ajouter le poste',
    'devices.saved.added': 'Le poste est ajouté : il passe sans ticket dès sa prochaine visite du portail.',
    'devices.saved.relabelled': 'Ce poste était déjà là : son nom est changé.',
    'devices.saved.removed': 'Le poste est retiré : sa connexion s’arrête au prochain passage du balayage.',
    'err.ECN_ERR_MAC_MALFORMED':
      'Cette adresse MAC n’est pas valable. Écrivez six paires de chiffres et lettres a à f, par exemple aa:bb:cc:dd:ee:ff. Rien n’a été changé.',
    'err.ECN_ERR_DEVICE_LABEL_INVALID': 'Donnez au poste un nom de 1 à 40 caractères. Rien n’a été changé.',
    'err.ECN_ERR_DEVICE_NOT_TRUSTED': 'Ce poste n’est pas (ou plus) dans la liste. Rien n’a été changé.',
    'today.opening': 'Heures d’ouverture aujourd’hui : {ranges}.',
    'today.openingClosed': 'L’espace est fermé aujourd’hui : le portail refuse les connexions.',
    'today.openingAlways': 'Aucune heure d’ouverture n’est réglée : l’espace est toujours ouvert.',
    'settings.hours.heading': 'Heures d’ouverture',
    'settings.hours.intro':
      'En dehors de ces heures, le portail dit que l’espace est fermé et donne la prochaine ouverture ; les connexions en cours s’arrêtent à l’heure de fermeture. Aucune heure du tout : toujours ouvert.',
    'settings.hours.week': 'Plages de chaque jour',
    'settings.hours.hint':
      'Une ou plusieurs plages, séparées par une virgule : 09:00-12:00, 14:00-18:00. Vide : fermé ce jour-là. Une plage ne passe pas minuit : écrivez 22:00-24:00 puis 00:00-02:00 le lendemain.',
    'settings.hours.closures': 'Jours de fermeture',
    'settings.hours.closuresHint':
      'Un jour ou une période par ligne : 2026-12-24, ou 2026-12-25..2027-01-01 (premier et dernier jour compris). Une nouvelle fermeture ne peut pas commencer aujourd’hui.',
    'settings.hours.submit': 'Enregistrer les heures',
    'settings.saved.hours':
      'Les heures d’ouverture sont enregistrées ; le portail les applique tout de suite.',
    'err.ECN_ERR_HOURS_MALFORMED':
      'La plage « {range} » ({day}) ne s’écrit pas comme 09:00-12:00. Rien n’a été changé.',
    'err.ECN_ERR_HOURS_PAST_MIDNIGHT':
      'La plage « {range} » ({day}) finit avant de commencer : une plage ne passe pas minuit. Écrivez 22:00-24:00, puis 00:00-02:00 le lendemain. Rien n’a été changé.',
    'err.ECN_ERR_HOURS_OVERLAP': 'Deux plages du {day} se chevauchent. Rien n’a été changé.',
    'err.ECN_ERR_CLOSURE_MALFORMED':
      '« {closure} » n’est pas un jour (2026-12-24) ni une période (2026-12-25..2027-01-01). Rien n’a été changé.',
    'err.ECN_ERR_CLOSURE_BACKWARDS':
      'La période « {closure} » finit avant de commencer. Rien n’a été changé.',
    'err.ECN_ERR_CLOSURE_TODAY':
      'La fermeture {closure} couvre aujourd’hui : elle couperait les personnes connectées. Faites-la commencer demain. Rien n’a été changé.',
  },
  en: {
    'nav.devices': 'Space devices',
    'devices.title': 'Space devices',
    'devices.intro':
      'Public computers and staff devices pass without a ticket during opening hours. They are still filtered, and their connections are logged in the legal journal as the space’s.',
    'devices.list.heading': 'The devices',
    'devices.list.caption': '{count} device(s)',
    'devices.list.tableLabel': 'Table of the space’s devices',
    'devices.list.label': 'Name',
    'devices.list.mac': 'MAC address',
    'devices.list.added': 'Added',
    'devices.list.actions': 'Actions',
    'devices.list.empty': 'No device yet.',
    'devices.remove': 'Remove',
    'devices.add.heading': 'Add a device',
    'devices.add.label': 'Device name',
    'devices.add.labelHint': 'For instance “PC 3” or “Front desk laptop” (at most 40 characters).',
    'devices.add.mac': 'MAC address',
    'devices.add.macHint':
      'On its label or in its network settings: aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF or aabb.ccdd.eeff.',
    'devices.add.submit': 'Add the device',
    'devices.saved.added': 'The device is added: it passes without a ticket on its next portal visit.',
    'devices.saved.relabelled': 'This device was already there: its name is changed.',
    'devices.saved.removed': 'The device is removed: its connection stops at the next sweep.',
    'err.ECN_ERR_MAC_MALFORMED':
      'This MAC address is not valid. Write six pairs of digits and letters a to f, e.g. aa:bb:cc:dd:ee:ff. Nothing was changed.',
    'err.ECN_ERR_DEVICE_LABEL_INVALID': 'Give the device a name of 1 to 40 characters. Nothing was changed.',
    'err.ECN_ERR_DEVICE_NOT_TRUSTED': 'This device is not (or no longer) in the list. Nothing was changed.',
    'today.opening': 'Opening hours today: {ranges}.',
    'today.openingClosed': 'The space is closed today: the portal refuses logins.',
    'today.openingAlways': 'No opening hours are set: the space is always open.',
    'settings.hours.heading': 'Opening hours',
    'settings.hours.intro':
      'Outside these hours the portal says the space is closed and gives the next opening; connections end at closing time. No hours at all: always open.',
    'settings.hours.week': 'Ranges of each day',
    'settings.hours.hint':
      'One or more ranges, separated by commas: 09:00-12:00, 14:00-18:00. Empty: closed that day. A range does not run past midnight: write 22:00-24:00, then 00:00-02:00 the next day.',
    'settings.hours.closures': 'Closure days',
    'settings.hours.closuresHint':
      'One day or period per line: 2026-12-24, or 2026-12-25..2027-01-01 (first and last day included). A new closure cannot start today.',
    'settings.hours.submit': 'Save the hours',
    'settings.saved.hours': 'The opening hours are saved; the portal applies them at once.',
    'err.ECN_ERR_HOURS_MALFORMED':
      'The range “{range}” ({day}) is not written like 09:00-12:00. Nothing was changed.',
    'err.ECN_ERR_HOURS_PAST_MIDNIGHT':
      'The range “{range}” ({day}) ends before it starts: a range does not run past midnight. Write 22:00-24:00, then 00:00-02:00 the next day. Nothing was changed.',
    'err.ECN_ERR_HOURS_OVERLAP': 'Two ranges of {day} overlap. Nothing was changed.',
    'err.ECN_ERR_CLOSURE_MALFORMED':
      '“{closure}” is not a day (2026-12-24) nor a period (2026-12-25..2027-01-01). Nothing was changed.',
    'err.ECN_ERR_CLOSURE_BACKWARDS': 'The period “{closure}” ends before it starts. Nothing was changed.',
    'err.ECN_ERR_CLOSURE_TODAY':
      'The closure {closure} covers today: it would cut off the people connected. Make it start tomorrow. Nothing was changed.',
  },
});
