// Portal strings in French "facile à lire et à comprendre" (FALC): short sentences, common words.

import type { Catalog } from './fr';

export const frFalc: Catalog = {
  'page.skip': 'Aller au texte',
  'page.language': 'Langue',
  'page.footer': 'Informations',
  'page.charter': 'Les règles',
  'page.legal': 'Qui fait ce site',
  'page.privacy': 'Vos informations',
  'page.accessibility': 'Accessibilité : pas encore complète',
  'page.help': 'Vous avez une question ? Parlez à l’équipe de l’espace.',
  'page.back': 'Retour au début',

  'welcome.title': 'Bienvenue',
  'welcome.intro':
    'Ici, à {space}, Internet est gratuit. Lisez les règles. Cochez la case. Écrivez le code de votre ticket.',
  'welcome.introFree':
    'Ici, à {space}, Internet est gratuit. Lisez les règles. Cochez la case. Appuyez sur le bouton.',
  'welcome.fromTicket': 'Le code de votre ticket est déjà écrit. Cochez la case.',
  'welcome.loggedOut': 'Vous êtes déconnecté. Au revoir !',
  'welcome.gardenHeading': 'Des sites sans ticket',
  'welcome.gardenNote':
    'Ces sites sont accessibles sans ticket. Vous pouvez les ouvrir tout de suite. Pour les autres sites, il faut un ticket.',
  'welcome.charterHeading': 'Les règles, en court',
  'welcome.charterFull': 'Lire toutes les règles',
  'welcome.formHeading': 'Se connecter',
  'welcome.accept': 'J’accepte les règles',
  'welcome.codeLabel': 'Code du ticket',
  'welcome.codeHint': 'Le code est sur votre ticket. Il a 12 lettres et chiffres. Exemple : K7QM-X4TR-9WPA.',
  'welcome.submit': 'Se connecter',
  'welcome.errorTitle': 'Ça n’a pas marché',
  'welcome.freeAllowance': 'Chaque appareil a {duration} gratuit par jour.',

  'error.charter': 'Cochez la case « J’accepte les règles ».',
  'error.codeMissing': 'Écrivez le code de votre ticket.',
  'error.codeLength': 'Le code a 12 lettres et chiffres. Regardez bien votre ticket.',
  'error.codeAlphabet':
    'Le code est faux. Il n’y a pas de 0, de O, de 1, de I ou de L sur les tickets. Regardez bien votre ticket.',
  'error.unknown': 'Ce code est faux. Regardez bien votre ticket. Vous pouvez encore essayer {tries} fois.',
  'error.deviceLimit':
    'Ce ticket marche déjà sur {max} appareils. C’est le maximum. Demandez un autre ticket à l’équipe.',
  'error.expired': 'Ce ticket est fini. Il n’a plus de temps. Demandez un autre ticket à l’équipe.',
  'error.notYetValid': 'Ce ticket ne marche pas encore. Il marche à partir de {time}.',
  'error.exhausted': 'Ce ticket est fini. Il n’a plus de données. Demandez un autre ticket à l’équipe.',
  'error.revoked': 'L’équipe a arrêté ce ticket. Demandez un autre ticket à l’équipe.',
  'error.tooManyTries': 'Trop d’erreurs. Attendez. Vous pouvez essayer encore à {time}.',
  'error.freeUsed':
    'Votre temps gratuit est fini pour aujourd’hui. Revenez demain. Ou demandez un ticket à l’équipe.',
  'error.csrf': 'La page était trop vieille. Nous l’avons changée. Recommencez, s’il vous plaît.',
  'error.input': 'Nous n’avons pas pu lire le formulaire. Recommencez, s’il vous plaît.',
  'error.technical': 'Il y a un problème technique. Attendez un peu. Ou parlez à l’équipe.',

  'status.title': 'Vous êtes connecté',
  'status.timeLeft': 'Temps qui reste',
  'status.until': 'jusqu’à {time}',
  'status.dataLeft': 'Données qui restent',
  'status.devices': 'Appareils avec ce ticket',
  'status.devicesValue': '{used} sur {max}',
  'status.freeAccess': 'Accès gratuit sans ticket',
  'status.continue': 'Aller sur {host}',
  'status.logoutHint': 'Vous avez fini ? Appuyez sur le bouton.',
  'status.logout': 'Se déconnecter',
  'status.charter': 'Lire les règles',
  'status.offTitle': 'Vous n’êtes pas connecté',
  'status.offText': 'Pour utiliser Internet : acceptez les règles et écrivez le code de votre ticket.',
  'status.goWelcome': 'Aller à la page pour se connecter',

  'handoff.invalidTitle': 'Ce lien ne marche pas',
  'handoff.invalidOpennds':
    'Le lien est abîmé. Ouvrez une page web. Vous revenez à la connexion. Ça ne marche toujours pas ? Demandez à l’équipe.',
  'handoff.invalidChilli':
    'Le lien est abîmé. Ouvrez une page web. Vous revenez à la connexion. Ça ne marche toujours pas ? Demandez à l’équipe.',
  'handoff.failed': 'Le Wi-Fi refuse ce ticket. Regardez le code. Ou demandez un nouveau ticket à l’équipe.',
  'handoff.successTitle': 'Vous êtes connecté',
  'handoff.success': 'C’est bon. Vous pouvez aller sur Internet.',
  'handoff.alreadyTitle': 'Vous êtes déjà connecté',
  'handoff.already': 'Cet appareil est déjà connecté. Vous pouvez aller sur Internet.',
  'handoff.logoffTitle': 'Vous êtes déconnecté',
  'handoff.logoff': 'Vous êtes déconnecté. À bientôt !',

  'duration.days': '{d} jours {h} heures',
  'duration.hours': '{h} heures {m} minutes',
  'duration.minutes': '{m} minutes',
  'size.mb': '{n} Mo',
  'size.gb': '{n} Go',

  'charter.version': 'Version {version} des règles.',
  'charter.backToLogin': 'Retour à la page pour se connecter',

  'blocked.title': 'Ce site est bloqué',
  'blocked.category': 'Type de site : {category}',
  'blocked.why':
    'Certains sites sont bloqués pour protéger tout le monde. C’est écrit dans les règles de l’espace.',
  'blocked.ask': 'Vous avez besoin de ce site ? Demandez à l’équipe. L’équipe peut ouvrir ce site.',
  'blocked.contact': 'Vous pouvez aussi écrire à {email}.',
  'blocked.private': 'Ce blocage n’est pas noté avec votre ticket.',
  'blocked.charterIntro': 'La charte de l’espace dit :',
  'blocked.charterQuote':
    '« Certains sites sont bloqués pour protéger tout le monde. Par exemple : les sites pour adultes, les jeux d’argent, les sites d’arnaque. »',
  'blocked.credit':
    'Les listes de sites viennent de l’Université Toulouse Capitole (listes UT1, licence CC BY-SA).',
  'category.adult': 'sites pour adultes',
  'category.gambling': 'jeux d’argent',
  'category.phishing': 'arnaques',
  'category.malware': 'programmes dangereux',
  'category.violence': 'violence et haine',
  'category.drugs': 'drogues',
  'category.hacking': 'piratage',
  'category.warez': 'copies interdites de films, musiques ou jeux',
  'category.dating': 'rencontres',
  'category.custom': 'choix de l’espace',
  'category.other': 'autre type',

  'outage.title': 'Le service des tickets ne répond pas',
  'outage.text':
    'Le service des tickets de la ville ne marche pas en ce moment. Vous ne pouvez pas vous connecter maintenant. Parlez à l’équipe de l’espace.',

  'storeFull.title': 'Le boîtier du Wi-Fi est plein',
  'storeFull.text':
    'Le boîtier du Wi-Fi n’a plus de place. Vous ne pouvez pas vous connecter maintenant. Parlez à l’équipe de l’espace.',
  'help.button': "J'ai besoin d'aide",
  'help.hint': "Une personne de l'équipe vient vous voir.",
  'help.title': "Demander de l'aide",
  'help.intro':
    "Vous avez un problème ? Appuyez sur le bouton « J'ai besoin d'aide ». Une personne de l'équipe vient vous voir.",
  'help.sentTitle': "L'équipe a reçu votre appel",
  'help.sentText': 'Une personne de l’équipe arrive. Montrez-lui ce code : {hint}.',
  'help.again': 'Vous avez déjà appelé. Votre appel est toujours là.',
  'help.tooMany':
    'Vous avez appelé beaucoup de fois. L’équipe a reçu votre appel. Elle arrive. Vous pouvez rappeler à {time}.',
  'help.back': 'Revenir à la page',
  'extend.title': 'Avoir plus de temps',
  'extend.text':
    "Vous voulez plus de temps sur Internet ? Demandez à l'équipe. L'équipe peut ajouter 30 minutes ou 1 heure.",
  'extend.none': "Pour le moment, l'équipe ne peut pas ajouter de temps.",

  'notFound.title': 'Page pas trouvée',
  'notFound.text': 'Cette page n’existe pas.',

  'closed.title': 'L’espace est fermé',
  'closed.text': 'Internet marche seulement quand {space} est ouvert.',
  'closed.next': 'L’espace ouvre à nouveau : {time}.',
  'closed.none': 'Nous ne savons pas encore quand l’espace ouvre. Demandez à l’équipe.',
  'closed.hoursHeading': 'Quand l’espace est ouvert',
  'closed.dayClosed': 'fermé',
  'error.closed': 'L’espace est fermé. Il ouvre à nouveau : {time}.',
  'status.closingSoon':
    'L’espace ferme à {time}. Internet s’arrête à cette heure. Enregistrez votre travail.',
  'status.spaceDevice': 'Cet ordinateur est à l’espace : {label}',
  'status.linksHeading': 'Des sites utiles',
  'status.linksNote': 'L’équipe de l’espace a choisi ces sites pour vous.',
};
