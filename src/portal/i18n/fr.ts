// Portal strings in French (the default language). Every other catalog has the same keys.

export const fr = {
  'page.skip': 'Aller au contenu',
  'page.language': 'Langue',
  'page.footer': 'Informations',
  'page.charter': 'La charte',
  'page.legal': 'Mentions légales',
  'page.privacy': 'Vie privée',
  'page.accessibility': 'Accessibilité : partiellement conforme',
  'page.help': "Besoin d'aide ? Demandez à l'équipe de l'espace.",
  'page.back': "Retour à l'accueil",

  'welcome.title': 'Bienvenue',
  'welcome.intro':
    'Internet est gratuit à {space}. Lisez la charte, cochez la case, puis tapez le code de votre ticket.',
  'welcome.introFree':
    'Internet est gratuit à {space}. Lisez la charte, cochez la case, puis appuyez sur le bouton.',
  'welcome.fromTicket': 'Le code de votre ticket est déjà écrit. Cochez la case pour accepter la charte.',
  'welcome.loggedOut': 'Vous êtes déconnecté. À bientôt !',
  'welcome.gardenHeading': 'Sites ouverts sans ticket',
  'welcome.gardenNote':
    'Ces sites sont accessibles sans ticket, avant même de vous connecter. Pour le reste d’Internet, il faut un ticket.',
  'welcome.charterHeading': 'La charte en bref',
  'welcome.charterFull': 'Lire toute la charte',
  'welcome.formHeading': 'Se connecter',
  'welcome.accept': "J'accepte la charte",
  'welcome.codeLabel': 'Code du ticket',
  'welcome.codeHint':
    '12 lettres et chiffres, par exemple K7QM-X4TR-9WPA. Majuscules et tirets : comme vous voulez.',
  'welcome.submit': 'Se connecter',
  'welcome.errorTitle': 'La connexion n’a pas marché',
  'welcome.freeAllowance': 'Temps gratuit par appareil et par jour : {duration}.',

  'error.charter': 'Cochez la case « J’accepte la charte » pour continuer.',
  'error.codeMissing': 'Tapez le code écrit sur votre ticket.',
  'error.codeLength': 'Le code a 12 lettres et chiffres. Vérifiez votre ticket.',
  'error.codeAlphabet':
    'Le code a un caractère qui n’existe pas sur les tickets (0, O, 1, I ou L). Vérifiez votre ticket.',
  'error.unknown': 'Ce code n’existe pas. Vérifiez votre ticket. Essais restants : {tries}.',
  'error.deviceLimit':
    'Ce ticket marche déjà sur le nombre maximum d’appareils ({max}). Déconnectez un autre appareil ou demandez un nouveau ticket à l’équipe.',
  'error.expired': 'Ce ticket n’a plus de temps. Demandez un nouveau ticket à l’équipe.',
  'error.notYetValid': 'Ce ticket n’est pas encore valable. Il marchera à partir de {time}.',
  'error.exhausted': 'Ce ticket a utilisé toutes ses données. Demandez un nouveau ticket à l’équipe.',
  'error.revoked': 'Ce ticket a été annulé par l’équipe. Demandez-lui un nouveau ticket.',
  'error.tooManyTries': 'Trop de codes faux. Attendez un peu, puis réessayez à {time}.',
  'error.freeUsed':
    'Cet appareil a utilisé son temps gratuit d’aujourd’hui. Revenez demain, ou demandez un ticket à l’équipe.',
  'error.csrf': 'La page était trop ancienne. Elle a été rechargée : recommencez, s’il vous plaît.',
  'error.input': 'Le formulaire n’a pas pu être lu. Recommencez, s’il vous plaît.',
  'error.technical':
    'Un problème technique empêche la connexion. Réessayez dans un instant ou demandez à l’équipe.',

  'status.title': 'Vous êtes connecté',
  'status.timeLeft': 'Temps restant',
  'status.until': 'jusqu’à {time}',
  'status.dataLeft': 'Données restantes',
  'status.devices': 'Appareils avec ce ticket',
  'status.devicesValue': '{used} sur {max}',
  'status.freeAccess': 'Accès libre, sans ticket',
  'status.continue': 'Continuer vers {host}',
  'status.logoutHint': 'Vous avez fini ? Déconnectez-vous.',
  'status.logout': 'Se déconnecter',
  'status.charter': 'Relire la charte',
  'status.offTitle': 'Vous n’êtes pas connecté',
  'status.offText': 'Pour utiliser Internet, acceptez la charte et tapez le code de votre ticket.',
  'status.goWelcome': 'Aller à la page de connexion',

  'handoff.invalidTitle': 'Ce lien de connexion ne marche pas',
  'handoff.invalidOpennds':
    'Le lien qui vous a amené ici est abîmé ou trop ancien. Ouvrez une page web pour revenir à la connexion. Si cela recommence, demandez à l’équipe de l’espace.',
  'handoff.invalidChilli':
    'Le lien qui vous a amené ici est abîmé ou ne vient pas du Wi-Fi de l’espace. Ouvrez une page web pour revenir à la connexion. Si cela recommence, demandez à l’équipe de l’espace.',
  'handoff.failed':
    'Le Wi-Fi de l’espace a refusé ce ticket. Vérifiez le code, ou demandez un nouveau ticket à l’équipe.',
  'handoff.successTitle': 'Vous êtes connecté',
  'handoff.success': 'C’est fait : vous pouvez utiliser Internet.',
  'handoff.alreadyTitle': 'Vous êtes déjà connecté',
  'handoff.already': 'Cet appareil est déjà connecté. Vous pouvez utiliser Internet.',
  'handoff.logoffTitle': 'Vous êtes déconnecté',
  'handoff.logoff': 'Vous êtes déconnecté. À bientôt !',

  'duration.days': '{d} j {h} h',
  'duration.hours': '{h} h {m} min',
  'duration.minutes': '{m} min',
  'size.mb': '{n} Mo',
  'size.gb': '{n} Go',

  'charter.version': 'Version {version} de la charte.',
  'charter.backToLogin': 'Retour à la connexion',

  'blocked.title': 'Ce site est bloqué',
  'blocked.category': 'Catégorie : {category}',
  'blocked.why':
    'Certains sites sont bloqués pour protéger tout le monde, comme le dit la charte de l’espace.',
  'blocked.ask':
    'Vous avez besoin de ce site pour une démarche, un travail ou un atelier ? Demandez à l’équipe de l’espace : elle peut l’ouvrir.',
  'blocked.contact': 'Vous pouvez aussi écrire à {email}.',
  'blocked.private': 'Ce blocage n’est pas enregistré avec votre ticket.',
  'blocked.charterIntro': 'La charte de l’espace dit :',
  'blocked.charterQuote':
    '« Pour que l’accès reste sûr, certaines catégories de sites sont bloquées : par exemple les sites pour adultes, les jeux d’argent, les sites d’arnaque ou de virus. »',
  'blocked.credit':
    'Les catégories viennent des listes UT1 de l’Université Toulouse Capitole (licence CC BY-SA).',
  'category.adult': 'sites pour adultes',
  'category.gambling': 'jeux d’argent',
  'category.phishing': 'arnaques et hameçonnage',
  'category.malware': 'logiciels dangereux',
  'category.violence': 'violence et haine',
  'category.drugs': 'drogues',
  'category.hacking': 'piratage informatique',
  'category.warez': 'téléchargement illégal',
  'category.dating': 'rencontres',
  'category.custom': 'liste de l’espace',
  'category.other': 'autre catégorie',

  'outage.title': 'Le service des tickets de la ville ne répond pas',
  'outage.text':
    'Le service des tickets de la ville ne répond pas pour le moment, donc aucune nouvelle connexion n’est possible. Les personnes déjà connectées gardent Internet. Demandez à l’équipe de l’espace.',

  'storeFull.title': 'Le boîtier de l’espace est plein',
  'storeFull.text':
    'Le boîtier qui gère le Wi-Fi de l’espace n’a plus de place pour enregistrer les connexions, donc aucune nouvelle connexion n’est possible pour le moment. Les personnes déjà connectées gardent Internet. Demandez à l’équipe de l’espace.',
  'help.button': "J'ai besoin d'aide",
  'help.hint': "Une personne de l'équipe de l'espace viendra vous voir.",
  'help.title': "Demander de l'aide",
  'help.intro':
    "Vous êtes bloqué ? Appuyez sur le bouton « J'ai besoin d'aide » : une personne de l'équipe de l'espace viendra vous voir. Vous pouvez aussi lever la main ou aller à l'accueil.",
  'help.sentTitle': 'Votre appel est envoyé',
  'help.sentText':
    "Une personne de l'équipe va venir vous aider. Montrez-lui ce code sur votre écran : {hint}.",
  'help.again': "Vous aviez déjà appelé : votre appel est toujours sur la liste de l'équipe.",
  'help.tooMany':
    "Vous avez déjà appelé plusieurs fois. Votre appel est bien arrivé : l'équipe va venir. Vous pourrez rappeler à partir de {time}.",
  'help.back': 'Revenir à la page',
  'extend.title': 'Demander plus de temps',
  'extend.text':
    "Votre temps de connexion va finir ? Demandez à l'équipe de l'espace : elle peut ajouter du temps à votre appareil (30 minutes ou 1 heure), dans la limite prévue pour la journée.",
  'extend.none': "Pour le moment, l'équipe ne peut pas ajouter de temps à cet appareil.",

  'notFound.title': 'Page introuvable',
  'notFound.text': 'Cette page n’existe pas.',

  'closed.title': 'L’espace est fermé',
  'closed.text': 'Internet marche pendant les heures d’ouverture de {space}.',
  'closed.next': 'Prochaine ouverture : {time}.',
  'closed.none': 'Aucune ouverture n’est prévue pour le moment. Demandez à l’équipe de l’espace.',
  'closed.hoursHeading': 'Heures d’ouverture',
  'closed.dayClosed': 'fermé',
  'error.closed': 'L’espace est fermé. Prochaine ouverture : {time}.',
  'status.closingSoon':
    'L’espace ferme à {time}. Internet s’arrêtera à cette heure-là : pensez à enregistrer votre travail.',
  'status.spaceDevice': 'Poste de l’espace : {label}',
  'status.linksHeading': 'Liens utiles',
  'status.linksNote': 'Des sites choisis par l’équipe de l’espace.',
};

export type CatalogKey = keyof typeof fr;
export type Catalog = Record<CatalogKey, string>;
