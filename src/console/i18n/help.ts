// Console strings of the residents' calls for help on the home page (issue #15, item 5).

import { defineArea } from './define';

export const help = defineArea({
  fr: {
    'help.title': 'Appels à l’aide',
    'help.intro':
      'Les habitants qui ont appuyé sur « J’ai besoin d’aide » sur le portail. Allez les voir : leur écran montre les mêmes 4 derniers signes que ci-dessous.',
    'help.empty': 'Personne n’attend d’aide pour le moment.',
    'help.count': '{n} appel(s) en attente',
    'help.caption': 'Appels en attente, le plus ancien en premier',
    'help.col.device': 'Appareil (4 derniers signes)',
    'help.col.page': 'Bloqué sur',
    'help.col.since': 'Attend depuis',
    'help.col.action': 'Action',
    'help.updatedAt': 'Liste à jour à {time}.',
    'help.refresh': 'Actualiser la liste',
    'help.since': '{time} ({duration})',
    'help.page.welcome': 'la page d’accueil',
    'help.page.code': 'un code refusé',
    'help.page.status': 'la page « connecté »',
    'help.page.blocked': 'un site bloqué',
    'help.handle': 'Marquer comme traitée',
    'help.rowName': 'appareil {hint}',
    'help.msg.handled': 'L’appel est marqué comme traité.',
    'help.err.unknown':
      'Cet appel n’est plus dans la liste : une autre personne l’a déjà traité, ou il a été oublié après plusieurs heures.',
  },
  en: {
    'help.title': 'Calls for help',
    'help.intro':
      'Residents who pressed "I need help" on the portal. Go and see them: their screen shows the same last 4 symbols as below.',
    'help.empty': 'Nobody is waiting for help right now.',
    'help.count': '{n} call(s) waiting',
    'help.caption': 'Calls waiting, the oldest first',
    'help.col.device': 'Device (last 4 symbols)',
    'help.col.page': 'Stuck on',
    'help.col.since': 'Waiting since',
    'help.col.action': 'Action',
    'help.updatedAt': 'List as of {time}.',
    'help.refresh': 'Refresh the list',
    'help.since': '{time} ({duration})',
    'help.page.welcome': 'the welcome page',
    'help.page.code': 'a refused code',
    'help.page.status': 'the "connected" page',
    'help.page.blocked': 'a blocked site',
    'help.handle': 'Mark as handled',
    'help.rowName': 'device {hint}',
    'help.msg.handled': 'The call is marked as handled.',
    'help.err.unknown':
      'This call is no longer on the list: someone else already handled it, or it was forgotten after several hours.',
  },
});
