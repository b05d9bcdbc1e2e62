// Console strings of the "today" page: the day's figures and the last seven days, each figure
// with one short sentence saying what it counts.

import { defineArea } from './define';

export const today = defineArea({
  fr: {
    'today.title': 'Les chiffres du jour',
    'today.intro': 'Ce que la passerelle a compté aujourd’hui, {date}, et sur les 7 derniers jours.',
    'today.unavailable':
      'Les statistiques ne sont pas disponibles sur cette passerelle : aucun chiffre ne peut être affiché. Prévenez la personne qui s’occupe de la passerelle.',
    'today.today': 'Aujourd’hui',
    'today.week': 'Les 7 derniers jours',
    'today.weekIntro': 'Du {from} au {to}, aujourd’hui compris.',
    'today.connectedNow': 'Connectés maintenant',
    'today.connectedNow.hint': 'Appareils connectés en ce moment.',
    'today.connectedNow.link': 'Voir qui est connecté',
    'today.sessions': 'Connexions',
    'today.sessions.hint':
      'Connexions ouvertes aujourd’hui ; un appareil qui se reconnecte compte une fois de plus.',
    'today.devices': 'Appareils différents',
    'today.devices.hint': 'Chaque appareil connecté aujourd’hui compte une seule fois.',
    'today.ticketsIssued': 'Tickets créés',
    'today.ticketsIssued.hint': 'Tickets créés aujourd’hui, imprimés ou non.',
    'today.ticketsUsed': 'Tickets utilisés',
    'today.ticketsUsed.hint': 'Tickets utilisés aujourd’hui pour la première fois.',
    'today.hours': 'Heures de connexion',
    'today.hours.hint':
      'Durée totale des connexions d’aujourd’hui, celles en cours comprises (pour les jours passés : les connexions terminées ce jour-là).',
    'today.chart.sessions': 'Connexions par jour',
    'today.chart.sessionsDesc': 'Nombre de connexions ouvertes chaque jour, des 7 derniers jours.',
    'today.chart.hours': 'Heures de connexion par jour',
    'today.chart.hoursDesc':
      'Durée totale, en heures, des connexions terminées chaque jour, des 7 derniers jours.',
    'today.chart.table': 'Voir les chiffres en tableau',
    'today.table.caption': 'Chiffres des 7 derniers jours, jour par jour',
    'today.table.region': 'Chiffres jour par jour (le tableau défile de côté sur un petit écran)',
    'today.table.detail': 'Jour par jour',
    'today.table.day': 'Jour',
    'today.table.devices': 'Appareils différents par jour',
    'today.table.total': 'Total des 7 jours',
    'today.table.noTotal': 'sans objet',
    'today.table.devicesNote':
      'Les appareils différents sont comptés jour par jour et ne s’additionnent pas : un appareil revenu plusieurs jours compte chaque jour, et la passerelle ne garde rien qui permette de le reconnaître d’un jour à l’autre.',
    'today.dayLabel': '{weekday} {day}',
    'today.hoursValue': '{n} h',
  },
  en: {
    'today.title': "Today's figures",
    'today.intro': 'What the gateway counted today, {date}, and over the last 7 days.',
    'today.unavailable':
      'Statistics are not available on this gateway: no figure can be shown. Tell the person who looks after the gateway.',
    'today.today': 'Today',
    'today.week': 'The last 7 days',
    'today.weekIntro': 'From {from} to {to}, today included.',
    'today.connectedNow': 'Connected now',
    'today.connectedNow.hint': 'Devices connected right now.',
    'today.connectedNow.link': 'See who is connected',
    'today.sessions': 'Connections',
    'today.sessions.hint': 'Connections opened today; a device connecting again counts once more.',
    'today.devices': 'Different devices',
    'today.devices.hint': 'Each device connected today counts only once.',
    'today.ticketsIssued': 'Tickets created',
    'today.ticketsIssued.hint': 'Tickets created today, printed or not.',
    'today.ticketsUsed': 'Tickets used',
    'today.ticketsUsed.hint': 'Tickets used today for the first time.',
    'today.hours': 'Hours connected',
    'today.hours.hint':
      'Total length of today’s connections, ongoing ones included (for past days: the connections that ended that day).',
    'today.chart.sessions': 'Connections per day',
    'today.chart.sessionsDesc': 'Connections opened each day, over the last 7 days.',
    'today.chart.hours': 'Hours connected per day',
    'today.chart.hoursDesc':
      'Total length, in hours, of the connections that ended each day, over the last 7 days.',
    'today.chart.table': 'See the figures as a table',
    'today.table.caption': 'Figures of the last 7 days, day by day',
    'today.table.region': 'Figures day by day (the table scrolls sideways on a small screen)',
    'today.table.detail': 'Day by day',
    'today.table.day': 'Day',
    'today.table.devices': 'Different devices per day',
    'today.table.total': 'Total of the 7 days',
    'today.table.noTotal': 'not applicable',
    'today.table.devicesNote':
      'Different devices are counted day by day and do not add up: a device that came back on several days counts on each, and the gateway keeps nothing that could recognise it from one day to the next.',
    'today.dayLabel': '{weekday} {day}',
    'today.hoursValue': '{n} h',
  },
});
