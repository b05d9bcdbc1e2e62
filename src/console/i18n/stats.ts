// Console strings of the stats pages. The chart and report words themselves are `charts.*`.

import { defineArea } from './define';

export const stats = defineArea({
  fr: {
    'stats.title': 'Statistiques de {month}',
    'stats.intro':
      'Les chiffres du mois pour le comité du label. Ils sont comptés par la passerelle, jour par jour, à l’heure de l’espace : aucun appareil n’est suivi d’un jour à l’autre et aucune donnée de navigation n’est gardée.',
    'stats.unavailable':
      'Les statistiques ne sont pas disponibles : le compteur de la passerelle n’est pas ouvert. Prévenez la personne qui installe la passerelle.',
    'stats.nav': 'Changer de mois',
    'stats.previous': 'Mois précédent ({month})',
    'stats.next': 'Mois suivant ({month})',
    'stats.month': 'Mois',
    'stats.show': 'Afficher',
    'stats.downloads': 'Télécharger',
    'stats.csv': 'Tableau CSV de {month}',
    'stats.pdf': 'Bilan imprimable (PDF) de {month}',
    'stats.downloadsHint':
      'Le bilan PDF est celui que l’on envoie au comité du label ; le tableau CSV s’ouvre dans un tableur.',
    'stats.explain.devices':
      'Chaque jour, chaque appareil est compté une fois ; on additionne ensuite les jours du mois. Un appareil venu trois jours compte donc trois fois : personne n’est suivi d’un jour à l’autre.',
    'stats.explain.sessions':
      'Connexions à Internet ouvertes dans le mois, quel que soit le ticket ou l’appareil.',
    'stats.explain.hours': 'Durée totale des connexions terminées dans le mois, arrondie au dixième d’heure.',
    'stats.explain.issued': 'Tickets créés dans le mois, à l’accueil ou en ligne de commande.',
    'stats.explain.used': 'Tickets utilisés pour la première fois dans le mois.',
    'stats.explain.charter':
      'Fois où un habitant a accepté la charte, sur le portail ou en utilisant un ticket imprimé, compté par langue de lecture.',
    'stats.explain.charterPortal': 'Chartes acceptées sur la page du portail de l’espace.',
    'stats.explain.charterTicket':
      'Chartes acceptées en utilisant un ticket imprimé, sur la page d’une borne Wi-Fi qui n’affiche pas la charte (première connexion de chaque appareil).',
    'stats.attendance': 'Fréquentation de l’espace (hors Wi-Fi)',
    'stats.attendance.intro':
      'Ce que les animateurs ont noté dans la page « Fréquentation » : la moitié que la passerelle ne voit pas.',
    'stats.explain.desk': 'Passages à l’accueil notés par demi-journée, additionnés sur le mois.',
    'stats.explain.workshops': 'Ateliers du mois : {people} participants, {hours} en tout.',
    'stats.explain.individual': 'Accompagnements individuels du mois : {hours} en tout.',
    'stats.explain.help':
      'Fois où un habitant a appuyé sur « J’ai besoin d’aide » sur le portail (un appel répété ne compte qu’une fois).',
    'stats.profiles.desc':
      'Pour chaque profil de ticket, les tickets créés et ceux utilisés pour la première fois dans le mois.',
    'stats.heat.desc':
      'Sessions ouvertes selon le jour de la semaine et l’heure de début : plus la case est foncée, plus il y a eu de sessions. Le tableau donne les nombres exacts.',
    'stats.heat.table': 'Sessions par jour et par heure, en tableau',
    'stats.blocked.desc':
      'Requêtes bloquées par le filtre, additionnées par catégorie. Ni le site demandé ni l’appareil ne sont gardés.',
    'stats.languages.desc': 'Acceptations de la charte selon la langue dans laquelle elle a été lue.',
    'stats.weekdays.desc': 'Sessions ouvertes dans le mois, pour chaque jour de la semaine.',
    'stats.table': 'Les chiffres en tableau',
    'stats.method': 'Comment ces chiffres sont comptés',
    'err.ECN_ERR_MONTH_INVALID': 'Le mois doit s’écrire AAAA-MM, par exemple 2026-11.',
    'err.ECN_ERR_STATS_UNAVAILABLE':
      'Les statistiques ne sont pas disponibles : le compteur de la passerelle n’est pas ouvert.',
  },
  en: {
    'stats.title': 'Statistics for {month}',
    'stats.intro':
      'The month’s figures for the label committee. The gateway counts them day by day, in the space’s time: no device is followed from one day to the next and no browsing data is kept.',
    'stats.unavailable':
      'Statistics are not available: the gateway’s counters are not open. Tell the person who installs the gateway.',
    'stats.nav': 'Change month',
    'stats.previous': 'Previous month ({month})',
    'stats.next': 'Next month ({month})',
    'stats.month': 'Month',
    'stats.show': 'Show',
    'stats.downloads': 'Download',
    'stats.csv': 'CSV table for {month}',
    'stats.pdf': 'Printable report (PDF) for {month}',
    'stats.downloadsHint':
      'The PDF report is the one sent to the label committee; the CSV table opens in a spreadsheet.',
    'stats.explain.devices':
      'Each day, each device is counted once; the month’s days are then added up. A device that came on three days counts three times: nobody is followed from one day to the next.',
    'stats.explain.sessions': 'Internet connections opened during the month, whatever the ticket or device.',
    'stats.explain.hours': 'Total time of the connections ended during the month, to a tenth of an hour.',
    'stats.explain.issued': 'Tickets made during the month, at the front desk or on the command line.',
    'stats.explain.used': 'Tickets used for the first time during the month.',
    'stats.explain.charter':
      'Times a resident accepted the charter, on the portal or by using a printed ticket, counted by the language it was read in.',
    'stats.explain.charterPortal': 'Charters accepted on the space’s portal page.',
    'stats.explain.charterTicket':
      'Charters accepted by using a printed ticket, on the page of an access point that does not show the charter (each device’s first login).',
    'stats.attendance': 'Attendance of the space (besides Wi-Fi)',
    'stats.attendance.intro':
      'What the animators recorded on the "Attendance" page: the half the gateway cannot see.',
    'stats.explain.desk': 'Visits at the desk recorded per half-day, added up over the month.',
    'stats.explain.workshops': 'Workshops of the month: {people} participants, {hours} in all.',
    'stats.explain.individual': 'Individual help sessions of the month: {hours} in all.',
    'stats.explain.help':
      'Times a resident pressed "I need help" on the portal (a repeated call counts once).',
    'stats.profiles.desc':
      'For each ticket profile, the tickets made and those used for the first time during the month.',
    'stats.heat.desc':
      'Sessions opened by day of the week and starting hour: the darker the cell, the more sessions. The table gives the exact numbers.',
    'stats.heat.table': 'Sessions by day and hour, as a table',
    'stats.blocked.desc':
      'Queries blocked by the filter, added up by category. Neither the site asked for nor the device is kept.',
    'stats.languages.desc': 'Charter acceptances by the language it was read in.',
    'stats.weekdays.desc': 'Sessions opened during the month, for each day of the week.',
    'stats.table': 'The figures as a table',
    'stats.method': 'How these figures are counted',
    'err.ECN_ERR_MONTH_INVALID': 'A month is written YYYY-MM, for example 2026-11.',
    'err.ECN_ERR_STATS_UNAVAILABLE': 'Statistics are not available: the gateway’s counters are not open.',
  },
});
