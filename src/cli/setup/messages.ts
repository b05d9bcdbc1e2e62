// What `ecn setup` says to the person installing a box: French first, the same keys in English.
// Placeholders are {name}; the code never writes a sentence of its own.

export const SETUP_LANGUAGES = ['fr', 'en'] as const;
export type SetupLanguage = (typeof SETUP_LANGUAGES)[number];

const fr = {
  'intro.first':
    'Installation de la box ECN. Répondez aux questions ; Entrée garde la valeur proposée entre crochets.',
  'intro.again':
    'La box est déjà configurée ({config}) : les réponses actuelles sont proposées entre crochets ; Entrée les garde.',
  'q.mode':
    'Rôle de la box : router (la box est le routeur du Wi-Fi), opennds, chilli (derrière un routeur openNDS ou CoovaChilli) ou access-points (bornes qui demandent au serveur RADIUS)',
  'q.spaceId': "Identifiant de l'espace (minuscules, chiffres et tirets, ex. roubaix-epeule)",
  'q.spaceName': "Nom de l'espace, affiché aux habitants",
  'q.wifiSsid': 'Nom du réseau Wi-Fi (imprimé sur les tickets)',
  'q.lanIf': 'Interface côté habitants (Wi-Fi ou réseau local, ex. wlan0)',
  'q.wanIf': 'Interface côté Internet (ex. eth0)',
  'q.lanAddress': 'Adresse de la box côté habitants, avec son préfixe (ex. 10.42.0.1/24)',
  'q.lanAddressBehind':
    'Adresse de la box sur le réseau du routeur ou des bornes, avec son préfixe (ex. 192.168.1.10/24)',
  'q.adminNet':
    "Réseau autorisé à se connecter en SSH côté Internet (CIDR, ex. 192.168.1.0/24 ; « tous » pour n'importe quelle adresse)",
  'q.remoteWriteUrl':
    'Adresse remote_write du Prometheus de la ville (https://…/api/v1/write ; « aucune » pour plus tard)',
  'q.manager': 'Nom du premier compte gestionnaire de la console',
  'q.password': 'Mot de passe de {user} (10 caractères au moins, ne s’affiche pas) : ',
  'q.password2': 'Le même mot de passe, encore une fois : ',
  'answer.all': 'tous',
  'answer.none': 'aucune',
  'bad.mode': 'Rôle inconnu « {value} » : répondez router, opennds, chilli ou access-points.',
  'bad.spaceId':
    'Identifiant refusé « {value} » : uniquement des lettres minuscules, des chiffres et des tirets simples, 64 caractères au plus (ex. roubaix-epeule).',
  'bad.spaceName': 'Nom refusé : entre 1 et 80 caractères.',
  'bad.wifiSsid': 'Nom de Wi-Fi refusé : 32 caractères au plus.',
  'bad.lanIf':
    "Nom d'interface refusé « {value} » : 15 caractères au plus, lettres, chiffres, point, tiret ou souligné, sans espace (ex. wlan0).",
  'bad.wanIf':
    "Nom d'interface refusé « {value} » : 15 caractères au plus, lettres, chiffres, point, tiret ou souligné, sans espace (ex. eth0).",
  'bad.sameIf': 'Les deux interfaces doivent être différentes (« {value} » des deux côtés).',
  'bad.lanAddress':
    "Adresse refusée « {value} » : écrivez une adresse IPv4 et son préfixe entre /8 et /29 (ex. 10.42.0.1/24), pas l'adresse du réseau ni celle de diffusion.",
  'bad.adminNet': 'Réseau refusé « {value} » : écrivez un bloc IPv4 (ex. 192.168.1.0/24) ou « tous ».',
  'bad.remoteWriteUrl':
    'Adresse refusée « {value} » : elle doit commencer par https:// (ou http://), sans espace (ex. https://metrics.ville-roubaix.fr/api/v1/write).',
  'bad.manager':
    'Nom de compte refusé « {value} » : 2 à 32 caractères, lettres minuscules, chiffres, point, tiret ou souligné.',
  'bad.password': 'Mot de passe refusé : entre {min} et {max} caractères.',
  'bad.passwordMismatch': 'Les deux mots de passe sont différents. Recommencez.',
  'bad.passwordFile': 'Impossible de lire le fichier de mot de passe {file} : {reason}.',
  'bad.passwordNoTerminal':
    'Le mot de passe de {user} ne peut pas être demandé sans terminal : donnez --manager-password-file FICHIER.',
  'bad.lang': 'Langue inconnue « {value} » : fr ou en.',
  'bad.missing':
    'Réponse manquante pour {flag} : en mode non interactif (--yes), donnez-la en option, ou lancez « ecn setup » dans un terminal.',
  'bad.noTerminal':
    'Pas de terminal pour poser les questions : ajoutez --yes et les réponses en options, ou lancez « ecn setup » dans un terminal.',
  'bad.config': 'La configuration actuelle {config} ne se charge pas : {reason}',
  'bad.stopped': 'Rien n’a été écrit.',
  askAgain: 'Essayez encore.',
  'files.heading': 'Fichiers :',
  'file.created': '  créé       {path}',
  'file.changed': '  modifié    {path} (ancienne version : {bak})',
  'file.unchanged': '  inchangé   {path}',
  'file.removedNote':
    '  (mode {mode} : la box n’est pas le routeur ; le pare-feu et le DHCP restent ceux du routeur)',
  'secret.generated':
    '{key} a été créé au hasard dans {config} : recopiez-le dans la configuration de {gear}.',
  'radius.clientsTodo':
    "Aucune borne n'est déclarée : ajoutez chaque borne (adresse et secret) sous radius.clients dans {config}.",
  'agent.none':
    "Pas d'adresse remote_write : les mesures ne partent pas vers la ville. Relancez « ecn setup » quand la ville vous la donne.",
  'manager.created': 'Compte gestionnaire « {user} » créé.',
  'manager.exists': 'Compte gestionnaire « {user} » : il existe déjà, inchangé.',
  'manager.skipped':
    'Aucun compte gestionnaire créé : faites-le avec « ecn users add --username NOM --role manager ».',
  'units.heading': 'Services :',
  'units.enabled': '  activé et démarré   {unit}',
  'units.restarted': '  redémarré           {unit} (sa configuration a changé)',
  'units.failed': '  ÉCHEC               {unit} : {reason}',
  'units.noSystemd':
    "  systemd ne tourne pas ici : rien n'est activé. Sur la box, ces services seraient activés : {units}",
  'check.heading': 'Vérification :',
  'check.skipped': 'Vérification sautée (--no-check) : lancez « ecn setup --yes » plus tard pour la faire.',
  'check.portal': 'Portail des habitants ({url}/healthz)',
  'check.portal.fix':
    'Le portail ne répond pas : « systemctl status {unit} » puis « journalctl -u {unit} -n 50 ».',
  'check.portal.degraded': 'il répond, mais signale un problème : {detail}',
  'check.dns': 'Filtre DNS ({address})',
  'check.dns.fix':
    'Le filtre DNS ne répond pas : « systemctl status ecn-dns » puis « journalctl -u ecn-dns -n 50 ».',
  'check.dns.upstream':
    'Le filtre répond, mais son résolveur ({upstream}) ne répond pas : « systemctl status dnsmasq ».',
  'check.radius': 'Serveur RADIUS (port UDP {port})',
  'check.radius.fix': 'Rien n’écoute sur ce port : « systemctl status {unit} » ; vérifiez radius.authListen.',
  'check.nft': 'Table nftables inet ecn_gateway',
  'check.nft.fix':
    'La table est absente : la passerelle ne filtre pas encore. « journalctl -u {unit} -n 50 » (le service doit avoir CAP_NET_ADMIN, comme ecn-gateway-router.service).',
  'check.ok': '  ✓ {what}',
  'check.bad': '  ✗ {what}\n      → {fix}',
  'check.allGood': 'Tout répond. La box est prête : imprimez un ticket et essayez avec un téléphone.',
  'check.someBad': '{count} partie(s) ne répondent pas. Corrigez, puis relancez « ecn setup --yes ».',
} as const;

export type SetupMessageKey = keyof typeof fr;

const en: { [K in SetupMessageKey]: string } = {
  'intro.first': 'ECN box setup. Answer the questions; Enter keeps the value shown in brackets.',
  'intro.again':
    'The box is already set up ({config}): the current answers are shown in brackets; Enter keeps them.',
  'q.mode':
    "The box's role: router (the box is the Wi-Fi's router), opennds, chilli (behind an openNDS or CoovaChilli router) or access-points (access points that ask the RADIUS server)",
  'q.spaceId': "The space's identifier (lower-case letters, digits and dashes, e.g. roubaix-epeule)",
  'q.spaceName': "The space's name, shown to residents",
  'q.wifiSsid': "The Wi-Fi network's name (printed on tickets)",
  'q.lanIf': "Residents' side interface (Wi-Fi or LAN, e.g. wlan0)",
  'q.wanIf': 'Internet side interface (e.g. eth0)',
  'q.lanAddress': "The box's address on the residents' side, with its prefix (e.g. 10.42.0.1/24)",
  'q.lanAddressBehind':
    "The box's address on the router's or access points' network, with its prefix (e.g. 192.168.1.10/24)",
  'q.adminNet':
    'Network allowed to reach SSH from the Internet side (CIDR, e.g. 192.168.1.0/24; "all" for any address)',
  'q.remoteWriteUrl': 'The city Prometheus remote_write URL (https://…/api/v1/write; "none" for later)',
  'q.manager': "Name of the console's first manager account",
  'q.password': 'Password of {user} (at least 10 characters, not shown): ',
  'q.password2': 'The same password again: ',
  'answer.all': 'all',
  'answer.none': 'none',
  'bad.mode': 'Unknown role "{value}": answer router, opennds, chilli or access-points.',
  'bad.spaceId':
    'Identifier refused "{value}": lower-case letters, digits and single dashes only, at most 64 characters (e.g. roubaix-epeule).',
  'bad.spaceName': 'Name refused: between 1 and 80 characters.',
  'bad.wifiSsid': 'Wi-Fi name refused: at most 32 characters.',
  'bad.lanIf':
    'Interface name refused "{value}": at most 15 characters, letters, digits, dot, dash or underscore, no space (e.g. wlan0).',
  'bad.wanIf':
    'Interface name refused "{value}": at most 15 characters, letters, digits, dot, dash or underscore, no space (e.g. eth0).',
  'bad.sameIf': 'The two interfaces must differ ("{value}" on both sides).',
  'bad.lanAddress':
    'Address refused "{value}": write an IPv4 address and its prefix between /8 and /29 (e.g. 10.42.0.1/24), not the network or broadcast address.',
  'bad.adminNet': 'Network refused "{value}": write an IPv4 block (e.g. 192.168.1.0/24) or "all".',
  'bad.remoteWriteUrl':
    'URL refused "{value}": it must start with https:// (or http://), without spaces (e.g. https://metrics.ville-roubaix.fr/api/v1/write).',
  'bad.manager':
    'Account name refused "{value}": 2 to 32 characters, lower-case letters, digits, dot, dash or underscore.',
  'bad.password': 'Password refused: between {min} and {max} characters.',
  'bad.passwordMismatch': 'The two passwords differ. Try again.',
  'bad.passwordFile': 'Cannot read the password file {file}: {reason}.',
  'bad.passwordNoTerminal':
    'The password of {user} cannot be asked without a terminal: give --manager-password-file FILE.',
  'bad.lang': 'Unknown language "{value}": fr or en.',
  'bad.missing':
    'Missing answer for {flag}: without questions (--yes), give it as a flag, or run "ecn setup" in a terminal.',
  'bad.noTerminal':
    'No terminal to ask the questions on: add --yes and the answers as flags, or run "ecn setup" in a terminal.',
  'bad.config': 'The current configuration {config} does not load: {reason}',
  'bad.stopped': 'Nothing was written.',
  askAgain: 'Try again.',
  'files.heading': 'Files:',
  'file.created': '  created    {path}',
  'file.changed': '  changed    {path} (previous version: {bak})',
  'file.unchanged': '  unchanged  {path}',
  'file.removedNote': "  (mode {mode}: the box is not the router; the firewall and DHCP stay the router's)",
  'secret.generated': '{key} was made at random in {config}: copy it into the configuration of {gear}.',
  'radius.clientsTodo':
    'No access point is declared: add each one (address and secret) under radius.clients in {config}.',
  'agent.none':
    'No remote_write URL: the metrics do not go to the city. Run "ecn setup" again when the city gives it.',
  'manager.created': 'Manager account "{user}" created.',
  'manager.exists': 'Manager account "{user}": it already exists, unchanged.',
  'manager.skipped': 'No manager account made: make one with "ecn users add --username NAME --role manager".',
  'units.heading': 'Services:',
  'units.enabled': '  enabled and started  {unit}',
  'units.restarted': '  restarted            {unit} (its configuration changed)',
  'units.failed': '  FAILED               {unit}: {reason}',
  'units.noSystemd':
    '  systemd is not running here: nothing is enabled. On the box these services would be enabled: {units}',
  'check.heading': 'Check:',
  'check.skipped': 'Check skipped (--no-check): run "ecn setup --yes" later to do it.',
  'check.portal': "Residents' portal ({url}/healthz)",
  'check.portal.fix':
    'The portal does not answer: "systemctl status {unit}", then "journalctl -u {unit} -n 50".',
  'check.portal.degraded': 'it answers, but reports a problem: {detail}',
  'check.dns': 'DNS filter ({address})',
  'check.dns.fix':
    'The DNS filter does not answer: "systemctl status ecn-dns", then "journalctl -u ecn-dns -n 50".',
  'check.dns.upstream':
    'The filter answers, but its resolver ({upstream}) does not: "systemctl status dnsmasq".',
  'check.radius': 'RADIUS server (UDP port {port})',
  'check.radius.fix': 'Nothing listens on that port: "systemctl status {unit}"; check radius.authListen.',
  'check.nft': 'nftables table inet ecn_gateway',
  'check.nft.fix':
    'The table is missing: the gateway does not filter yet. "journalctl -u {unit} -n 50" (the service needs CAP_NET_ADMIN, as ecn-gateway-router.service has).',
  'check.ok': '  ✓ {what}',
  'check.bad': '  ✗ {what}\n      → {fix}',
  'check.allGood': 'Everything answers. The box is ready: print a ticket and try it with a phone.',
  'check.someBad': '{count} part(s) do not answer. Fix them, then run "ecn setup --yes" again.',
};

const CATALOG: Record<SetupLanguage, { [K in SetupMessageKey]: string }> = { fr, en };

export type Translate = (key: SetupMessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: SetupLanguage): Translate {
  return (key, vars = {}) =>
    CATALOG[lang][key].replace(/\{(\w+)\}/g, (m, name: string) =>
      vars[name] === undefined ? m : String(vars[name]),
    );
}

/** `--lang`, else English when LANG/LC_ALL/LC_MESSAGES say so, else French. */
export function pickLanguage(
  flag: string | undefined,
  env: Record<string, string | undefined>,
): SetupLanguage | null {
  if (flag !== undefined)
    return (SETUP_LANGUAGES as readonly string[]).includes(flag) ? (flag as SetupLanguage) : null;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en([_.@-]|$)/.test(locale) ? 'en' : 'fr';
}
