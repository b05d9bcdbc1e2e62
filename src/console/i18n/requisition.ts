// Console strings of the requisition pages (answering a judicial requisition from the legal
// journal, and the audit of the exports).

import { defineArea } from './define';

export const requisition = defineArea({
  fr: {
    'requisition.title': 'Réquisition judiciaire',
    'requisition.intro':
      'Le journal légal des connexions est gardé un an et ne se lit que sur réquisition. Indiquez la référence de la réquisition et ce qu’elle demande : une adresse IP publique sur une période, ou un ticket. Seules les connexions correspondantes sont exportées, et chaque export est inscrit au journal des exports.',
    'requisition.unavailable':
      'Le journal légal des connexions n’est pas ouvert sur cette passerelle : aucune réquisition ne peut y être répondue. Prévenez la personne qui installe la passerelle.',
    'requisition.reference': 'Référence de la réquisition',
    'requisition.referenceHint':
      'Telle qu’elle figure sur la réquisition, par exemple « PV 2026/1234 – OPJ Roubaix ». De 3 à 80 caractères.',
    'requisition.byAddress': 'Par adresse IP publique',
    'requisition.byAddressHint':
      'L’adresse et, si elle est donnée, le port source vus sur Internet, avec la période demandée.',
    'requisition.publicIp': 'Adresse IP publique',
    'requisition.port': 'Port source (facultatif)',
    'requisition.from': 'Du',
    'requisition.to': 'Au',
    'requisition.windowHint': 'Heure locale de l’espace ({zone}). La période ne peut dépasser {days} jours.',
    'requisition.byTicket': 'Ou par ticket',
    'requisition.ticket': 'Code ou identifiant du ticket',
    'requisition.ticketHint': 'Laissez vide pour une réquisition par adresse.',
    'requisition.submit': 'Exporter les connexions',
    'requisition.recent': 'Derniers exports',
    'requisition.recentEmpty': 'Aucun export pour l’instant.',
    'requisition.open': 'Manifeste de l’export n° {seq}',

    'requisition.export.title': 'Export n° {seq}',
    'requisition.export.done':
      'Export enregistré : {rows} connexion(s) trouvée(s). Téléchargez le fichier et son manifeste.',
    'requisition.export.manifest': 'Manifeste',
    'requisition.export.reference': 'Référence',
    'requisition.export.scope': 'Requête',
    'requisition.export.operator': 'Exporté par',
    'requisition.export.at': 'Date de l’export',
    'requisition.export.rows': 'Nombre de connexions',
    'requisition.export.sha256': 'Empreinte SHA-256 du fichier CSV',
    'requisition.export.downloads': 'Fichiers à remettre',
    'requisition.export.csv': 'Connexions de l’export n° {seq} (CSV)',
    'requisition.export.json': 'Manifeste de l’export n° {seq} (JSON)',
    'requisition.export.csvHint':
      'Le fichier CSV (UTF-8, heures en UTC au format ISO 8601) est relu dans le journal et n’est donné que s’il est identique, octet pour octet, au fichier exporté : même empreinte SHA-256.',
    'requisition.export.changed':
      'Le journal a changé depuis cet export (une connexion de la période s’est terminée, ou des entrées ont été purgées) : le fichier ne peut plus être redonné à l’identique. Faites un nouvel export avec la même référence.',
    'requisition.export.notYours':
      'Seule la personne qui a fait cet export peut en télécharger les connexions. Faites un nouvel export si besoin.',
    'requisition.export.unknown': 'Aucun export ne porte ce numéro.',
    'requisition.export.back': 'Nouvelle réquisition',

    'requisition.scope.address': 'IP publique {ip}, du {from} au {to}',
    'requisition.scope.addressPort': 'IP publique {ip}, port {port}, du {from} au {to}',
    'requisition.scope.ticket': 'ticket {ticket}',

    'requisition.audit.title': 'Journal des exports du journal légal',
    'requisition.audit.intro':
      'Chaque réponse à une réquisition y est inscrite : qui, quand, quelle référence, quelle requête, combien de connexions et l’empreinte du fichier. Ce journal ne peut être modifié sans que cela se voie.',
    'requisition.audit.intact': 'Chaîne d’intégrité : intacte. Aucun export n’a été modifié ni retiré.',
    'requisition.audit.broken':
      'Attention : chaîne d’intégrité rompue. Le journal des exports a été modifié ; prévenez le responsable de traitement.',
    'requisition.audit.caption': 'Exports du journal légal, du plus récent au plus ancien',
    'requisition.audit.seq': 'N°',
    'requisition.audit.empty': 'Aucun export pour l’instant.',
    'requisition.audit.region': 'Tableau des exports',

    'requisition.err.reference':
      'Indiquez la référence de la réquisition : de 3 à 80 lettres, chiffres, espaces et signes . / - – ’ ° : , ( ).',
    'requisition.err.scope':
      'Indiquez ce que demande la réquisition : une adresse IP publique et une période, ou un ticket.',
    'requisition.err.both': 'Indiquez soit une adresse IP publique, soit un ticket, pas les deux.',
    'requisition.err.ip':
      'L’adresse IP publique n’est pas une adresse IPv4 ou IPv6, par exemple 198.51.100.7.',
    'requisition.err.port': 'Le port est un nombre de 0 à 65535.',
    'requisition.err.window': 'Indiquez le début et la fin de la période, date et heure.',
    'requisition.err.window-order': 'La fin de la période doit venir après son début.',
    'requisition.err.window-size':
      'La période ne peut dépasser {days} jours : une requête plus large n’est pas ciblée.',
    'requisition.err.ticket': 'Aucun ticket n’a ce code ou cet identifiant.',
    'err.ECN_ERR_JOURNAL_UNAVAILABLE':
      'Le journal légal des connexions n’est pas disponible. Réessayez dans un moment ou prévenez la personne qui installe la passerelle.',
  },
  en: {
    'requisition.title': 'Judicial requisition',
    'requisition.intro':
      'The legal connection log is kept for one year and is read only on a requisition. Give the requisition’s reference and what it asks for: a public IP address over a period, or a ticket. Only the matching connections are exported, and every export is written to the export log.',
    'requisition.unavailable':
      'The legal connection log is not open on this gateway: no requisition can be answered from it. Tell the person who installs the gateway.',
    'requisition.reference': 'Requisition reference',
    'requisition.referenceHint':
      'As written on the requisition, for example “PV 2026/1234 – OPJ Roubaix”. 3 to 80 characters.',
    'requisition.byAddress': 'By public IP address',
    'requisition.byAddressHint':
      'The address and, when given, the source port seen on the Internet, with the period asked for.',
    'requisition.publicIp': 'Public IP address',
    'requisition.port': 'Source port (optional)',
    'requisition.from': 'From',
    'requisition.to': 'To',
    'requisition.windowHint': 'Local time of the space ({zone}). The period may not exceed {days} days.',
    'requisition.byTicket': 'Or by ticket',
    'requisition.ticket': 'Ticket code or identifier',
    'requisition.ticketHint': 'Leave empty for a requisition by address.',
    'requisition.submit': 'Export the connections',
    'requisition.recent': 'Latest exports',
    'requisition.recentEmpty': 'No export yet.',
    'requisition.open': 'Manifest of export no. {seq}',

    'requisition.export.title': 'Export no. {seq}',
    'requisition.export.done':
      'Export recorded: {rows} connection(s) found. Download the file and its manifest.',
    'requisition.export.manifest': 'Manifest',
    'requisition.export.reference': 'Reference',
    'requisition.export.scope': 'Query',
    'requisition.export.operator': 'Exported by',
    'requisition.export.at': 'Date of the export',
    'requisition.export.rows': 'Number of connections',
    'requisition.export.sha256': 'SHA-256 of the CSV file',
    'requisition.export.downloads': 'Files to hand over',
    'requisition.export.csv': 'Connections of export no. {seq} (CSV)',
    'requisition.export.json': 'Manifest of export no. {seq} (JSON)',
    'requisition.export.csvHint':
      'The CSV file (UTF-8, times in UTC as ISO 8601) is read again from the journal and given only when it is identical, byte for byte, to the exported file: same SHA-256.',
    'requisition.export.changed':
      'The journal changed since this export (a connection of the period ended, or entries were purged): the file can no longer be given identically. Make a new export with the same reference.',
    'requisition.export.notYours':
      'Only the person who made this export may download its connections. Make a new export if needed.',
    'requisition.export.unknown': 'No export has this number.',
    'requisition.export.back': 'New requisition',

    'requisition.scope.address': 'public IP {ip}, from {from} to {to}',
    'requisition.scope.addressPort': 'public IP {ip}, port {port}, from {from} to {to}',
    'requisition.scope.ticket': 'ticket {ticket}',

    'requisition.audit.title': 'Export log of the legal journal',
    'requisition.audit.intro':
      'Every answer to a requisition is written here: who, when, which reference, which query, how many connections and the file’s fingerprint. This log cannot be changed without it showing.',
    'requisition.audit.intact': 'Integrity chain: intact. No export was changed or removed.',
    'requisition.audit.broken':
      'Warning: integrity chain broken. The export log was changed; tell the data controller.',
    'requisition.audit.caption': 'Exports of the legal journal, newest first',
    'requisition.audit.seq': 'No.',
    'requisition.audit.empty': 'No export yet.',
    'requisition.audit.region': 'Table of exports',

    'requisition.err.reference':
      'Give the requisition reference: 3 to 80 letters, digits, spaces and . / - – ’ ° : , ( ).',
    'requisition.err.scope':
      'Give what the requisition asks for: a public IP address and a period, or a ticket.',
    'requisition.err.both': 'Give either a public IP address or a ticket, not both.',
    'requisition.err.ip': 'The public IP address is not an IPv4 or IPv6 address, for example 198.51.100.7.',
    'requisition.err.port': 'The port is a number from 0 to 65535.',
    'requisition.err.window': 'Give the start and end of the period, date and time.',
    'requisition.err.window-order': 'The end of the period must come after its start.',
    'requisition.err.window-size': 'The period may not exceed {days} days: a broader query is not targeted.',
    'requisition.err.ticket': 'No ticket has this code or identifier.',
    'err.ECN_ERR_JOURNAL_UNAVAILABLE':
      'The legal connection log is not available. Try again in a moment or tell the person who installs the gateway.',
  },
});
