// Console strings of the "connected now" page: who is online, and the two ways to cut a
// device off (disconnect it, or revoke its ticket).

import { defineArea } from './define';

export const sessions = defineArea({
  fr: {
    'sessions.title': 'Connexions en cours',
    'sessions.intro':
      'Les appareils connectés à Internet en ce moment. Pour retrouver le ticket d’un habitant, comparez la fin du code imprimé sur son papier.',
    'sessions.updatedAt': 'Liste à jour à {time}. Elle ne se met pas à jour toute seule.',
    'sessions.refresh': 'Actualiser la liste',
    'sessions.count': 'Appareils connectés : {n}',
    'sessions.empty': 'Personne n’est connecté en ce moment.',
    'sessions.caption': 'Appareils connectés maintenant, du plus récent au plus ancien',
    'sessions.region': 'Appareils connectés (le tableau défile de côté sur un petit écran)',
    'sessions.col.ticket': 'Ticket',
    'sessions.col.code': 'Fin du code',
    'sessions.col.device': 'Appareil',
    'sessions.col.since': 'Connecté depuis',
    'sessions.col.timeLeft': 'Temps restant',
    'sessions.col.dataLeft': 'Données restantes',
    'sessions.col.origin': 'Par',
    'sessions.col.actions': 'Actions',
    'sessions.free': 'accès libre',
    'sessions.spaceDevice': 'poste de l’espace',
    'sessions.freeHint': 'sans ticket',
    'sessions.ticketId': 'n° {id}',
    'sessions.ticketMissing': 'ticket introuvable',
    'sessions.codeEnd': '…{end}',
    'sessions.device.mac': 'MAC {mac}',
    'sessions.device.ip': 'IP {ip}',
    'sessions.since': '{time}, depuis {duration}',
    'sessions.sinceDay': '{day} à {time}, depuis {duration}',
    'sessions.unlimited': 'sans limite',
    'sessions.origin.local': 'cette passerelle',
    'sessions.origin.nas': 'borne Wi-Fi {nas}',
    'sessions.extend30': '+30 min',
    'sessions.extend60': '+1 h',
    'sessions.extendHint': 'Ajouter du temps au ticket de cet appareil',
    'sessions.msg.extended': 'Le temps est ajouté : l’appareil reste connecté plus longtemps.',
    'sessions.err.extendInvalid': 'On ajoute 30 minutes ou 1 heure, pas autre chose.',
    'sessions.err.extendNotActive':
      'On ne peut ajouter du temps qu’à un ticket en cours (pas à l’accès libre, ni à un ticket fini, bloqué ou sans données).',
    'sessions.err.extendDailyMax':
      'Ce ticket a déjà eu tout le temps qu’on peut ajouter aujourd’hui ({used} min sur {max} min). Donnez un nouveau ticket si besoin.',
    'sessions.err.extendPastValidity':
      'Ce ticket ne peut pas dépasser sa période de validité : on ne peut plus lui ajouter ce temps. Donnez un nouveau ticket si besoin.',
    'sessions.duration.days': '{d} j {h} h',
    'sessions.duration.hours': '{h} h {m} min',
    'sessions.duration.minutes': '{m} min',
    'sessions.size.gb': '{n} Go',
    'sessions.size.mb': '{n} Mo',
    'sessions.disconnect': 'Déconnecter cet appareil',
    'sessions.revoke': 'Révoquer son ticket',
    'sessions.rowName': '({device})',
    'sessions.help.title': 'Déconnecter ou révoquer ?',
    'sessions.help.disconnect':
      'Déconnecter : l’appareil perd Internet tout de suite, mais son ticket reste valable ; l’habitant peut se reconnecter avec le même code.',
    'sessions.help.revoke':
      'Révoquer : le ticket ne marche plus du tout, sur aucun appareil ; tous les appareils qui l’utilisent sont déconnectés.',
    'sessions.msg.disconnected':
      'L’appareil est déconnecté. Son ticket reste valable : il peut se reconnecter avec le même code.',
    'sessions.msg.revoked':
      'Le ticket est révoqué : il ne fonctionne plus, et les appareils qui l’utilisaient sont déconnectés.',
    'sessions.err.unknown': 'Cette connexion est introuvable. Actualisez la liste : rien n’a été changé.',
    'sessions.err.ended':
      'Cet appareil n’est plus connecté : sa connexion a déjà pris fin. Rien n’a été changé.',
    'sessions.err.free':
      'Cet appareil utilise l’accès libre, sans ticket : il n’y a pas de ticket à révoquer. Vous pouvez le déconnecter.',
    'sessions.err.alreadyRevoked': 'Ce ticket était déjà révoqué. Rien n’a été changé.',
    'sessions.err.ticketUnknown': 'Le ticket de cette connexion est introuvable. Rien n’a été changé.',
  },
  en: {
    'sessions.title': 'Connected now',
    'sessions.intro':
      'The devices connected to the Internet right now. To find a resident’s ticket, compare the end of the code printed on their paper.',
    'sessions.updatedAt': 'List as of {time}. It does not update by itself.',
    'sessions.refresh': 'Refresh the list',
    'sessions.count': 'Devices connected: {n}',
    'sessions.empty': 'Nobody is connected right now.',
    'sessions.caption': 'Devices connected now, newest first',
    'sessions.region': 'Connected devices (the table scrolls sideways on a small screen)',
    'sessions.col.ticket': 'Ticket',
    'sessions.col.code': 'End of the code',
    'sessions.col.device': 'Device',
    'sessions.col.since': 'Connected since',
    'sessions.col.timeLeft': 'Time left',
    'sessions.col.dataLeft': 'Data left',
    'sessions.col.origin': 'Through',
    'sessions.col.actions': 'Actions',
    'sessions.free': 'free access',
    'sessions.spaceDevice': 'space device',
    'sessions.freeHint': 'no ticket',
    'sessions.ticketId': 'no. {id}',
    'sessions.ticketMissing': 'ticket not found',
    'sessions.codeEnd': '…{end}',
    'sessions.device.mac': 'MAC {mac}',
    'sessions.device.ip': 'IP {ip}',
    'sessions.since': '{time}, for {duration}',
    'sessions.sinceDay': '{day} at {time}, for {duration}',
    'sessions.unlimited': 'no limit',
    'sessions.origin.local': 'this gateway',
    'sessions.origin.nas': 'Wi-Fi access point {nas}',
    'sessions.extend30': '+30 min',
    'sessions.extend60': '+1 h',
    'sessions.extendHint': 'Add time to the ticket of this device',
    'sessions.msg.extended': 'Time added: the device stays connected longer.',
    'sessions.err.extendInvalid': 'Time is added by 30 minutes or 1 hour, nothing else.',
    'sessions.err.extendNotActive':
      'Time can only be added to a ticket in use (not free access, nor a ticket that ended, was revoked or has no data left).',
    'sessions.err.extendDailyMax':
      'This ticket already had all the time that can be added today ({used} min of {max} min). Give a new ticket if needed.',
    'sessions.err.extendPastValidity':
      'This ticket cannot go past its validity period: that time cannot be added. Give a new ticket if needed.',
    'sessions.duration.days': '{d} d {h} h',
    'sessions.duration.hours': '{h} h {m} min',
    'sessions.duration.minutes': '{m} min',
    'sessions.size.gb': '{n} GB',
    'sessions.size.mb': '{n} MB',
    'sessions.disconnect': 'Disconnect this device',
    'sessions.revoke': 'Revoke its ticket',
    'sessions.rowName': '({device})',
    'sessions.help.title': 'Disconnect or revoke?',
    'sessions.help.disconnect':
      'Disconnect: the device loses the Internet at once, but its ticket stays valid; the resident can connect again with the same code.',
    'sessions.help.revoke':
      'Revoke: the ticket stops working altogether, on every device; all the devices using it are disconnected.',
    'sessions.msg.disconnected':
      'The device is disconnected. Its ticket stays valid: it can connect again with the same code.',
    'sessions.msg.revoked':
      'The ticket is revoked: it no longer works, and the devices using it are disconnected.',
    'sessions.err.unknown': 'This connection cannot be found. Refresh the list: nothing was changed.',
    'sessions.err.ended':
      'This device is no longer connected: its connection already ended. Nothing was changed.',
    'sessions.err.free':
      'This device uses free access, without a ticket: there is no ticket to revoke. You can disconnect it.',
    'sessions.err.alreadyRevoked': 'This ticket was already revoked. Nothing was changed.',
    'sessions.err.ticketUnknown': 'The ticket of this connection cannot be found. Nothing was changed.',
  },
});
