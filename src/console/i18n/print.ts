// Texts of the printed connection tickets and of their print page, French first.
// Standalone catalog: the console merges it with its own later; every key starts with `print.`.

const fr = {
  'print.lang': 'fr-FR',
  'print.htmlLang': 'fr',
  'print.title': 'Tickets de connexion – {space}',
  'print.heading': 'Tickets de connexion',
  'print.summary': '{count} ticket(s), format : {layout}',
  'print.layout.a4-8': 'A4, 8 tickets par page',
  'print.layout.a4-12': 'A4, 12 tickets par page',
  'print.layout.receipt-58': 'rouleau de 58 mm',
  'print.layout.receipt-80': 'rouleau de 80 mm',
  'print.howTo':
    'Pour imprimer, utilisez le menu « Imprimer » du navigateur (Ctrl+P). Cette barre ne sera pas imprimée.',
  'print.back': 'Retour aux tickets',
  'print.downloadPdf': 'Télécharger le PDF (pour les imprimantes à tickets)',
  'print.ticketNumber': 'Ticket {n}',
  'print.labelValue': '{label} : {value}',
  'print.code': 'Code',
  'print.wifi': 'Réseau Wi-Fi',
  'print.wifiPassword': 'Mot de passe Wi-Fi',
  'print.duration': 'Durée',
  'print.profile': 'Formule',
  'print.note': 'Note',
  'print.charter': 'Utiliser ce ticket vaut acceptation de la charte (version {version}).',
  'print.openingHours': 'Ouvert {hours}',
  'print.scanToConnect': 'Scannez pour ouvrir la page de connexion',
  'print.scanToJoinWifi': 'Scannez pour rejoindre le Wi-Fi',
  'print.orGoTo': 'Ou tapez cette adresse :',
  'print.cutHere': 'Couper ici',
  'print.qrConnectName': 'QR code de la page de connexion avec le code {code}',
  'print.qrWifiName': 'QR code pour rejoindre le réseau Wi-Fi {ssid}',
} as const;

export type PrintKey = keyof typeof fr;

const en: { readonly [K in PrintKey]: string } = {
  'print.lang': 'en-GB',
  'print.htmlLang': 'en',
  'print.title': 'Connection tickets – {space}',
  'print.heading': 'Connection tickets',
  'print.summary': '{count} ticket(s), format: {layout}',
  'print.layout.a4-8': 'A4, 8 tickets per page',
  'print.layout.a4-12': 'A4, 12 tickets per page',
  'print.layout.receipt-58': '58 mm roll',
  'print.layout.receipt-80': '80 mm roll',
  'print.howTo': 'To print, use the browser’s “Print” menu (Ctrl+P). This bar will not be printed.',
  'print.back': 'Back to tickets',
  'print.downloadPdf': 'Download the PDF (for ticket printers)',
  'print.ticketNumber': 'Ticket {n}',
  'print.labelValue': '{label}: {value}',
  'print.code': 'Code',
  'print.wifi': 'Wi-Fi network',
  'print.wifiPassword': 'Wi-Fi password',
  'print.duration': 'Duration',
  'print.profile': 'Plan',
  'print.note': 'Note',
  'print.charter': 'Using this ticket means accepting the charter (version {version}).',
  'print.openingHours': 'Open {hours}',
  'print.scanToConnect': 'Scan to open the login page',
  'print.scanToJoinWifi': 'Scan to join the Wi-Fi',
  'print.orGoTo': 'Or type this address:',
  'print.cutHere': 'Cut here',
  'print.qrConnectName': 'QR code of the login page with the code {code}',
  'print.qrWifiName': 'QR code to join the Wi-Fi network {ssid}',
};

export const print = { fr, en } as const;

export type PrintLanguage = keyof typeof print;
