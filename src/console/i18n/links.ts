// Console strings of the useful links on the settings page (issue #15, item 8).

import { defineArea } from './define';

export const links = defineArea({
  fr: {
    'settings.links.heading': 'Liens utiles',
    'settings.links.intro':
      'Quelques sites que les personnes connectées retrouvent sur leur page « Vous êtes connecté » : services publics, recherche d’emploi, plateforme de participation de la ville. 8 liens au plus ; videz une ligne pour retirer son lien. Sans nom dans une autre langue, le nom français est montré.',
    'settings.links.row': 'Lien {n}',
    'settings.links.label': 'Nom affiché',
    'settings.links.labelHint': '60 caractères au plus, tel que les habitants le liront.',
    'settings.links.url': 'Adresse',
    'settings.links.urlHint': 'Une adresse https:// complète, par exemple https://www.service-public.fr.',
    'settings.links.submit': 'Enregistrer les liens',
    'settings.links.beforeLogin': 'Accessible avant la connexion (sans ticket)',
    'settings.links.beforeLoginHint':
      'Un lien coché est ouvert aux personnes pas encore connectées (en https seulement) et montré sur la page d’accueil du portail avec la mention « Ces sites sont accessibles sans ticket ». Seulement quand le boîtier est le routeur (nftables). Cochez des sites qui marchent seuls : un site qui charge ses pages depuis d’autres adresses ne marchera qu’à moitié.',
    'settings.links.translations': 'Nom dans les autres langues du portail (facultatif)',
    'settings.links.langFalc': 'Nom en FALC (facile à lire)',
    'settings.links.langEn': 'Nom en anglais',
    'settings.links.langAr': 'Nom en arabe',
    'settings.saved.links':
      'Les liens sont enregistrés ; la page « Vous êtes connecté » du portail les montre tout de suite.',
    'settings.err.linkLabelMissing': 'Le lien {n} n’a pas de nom : écrivez le nom que les habitants liront.',
    'settings.err.linkLabelLong': 'Le nom du lien {n} est trop long : {max} caractères au plus.',
    'settings.err.linkUrlMissing': 'Le lien {n} n’a pas d’adresse.',
    'settings.err.linkUrlLong': 'L’adresse du lien {n} est trop longue : {max} caractères au plus.',
    'settings.err.linkUrlInvalid':
      'L’adresse du lien {n} n’est pas une adresse web complète : écrivez-la en entier, par exemple https://www.service-public.fr.',
    'settings.err.linkHttp':
      'L’adresse du lien {n} commence par http:// : seuls les liens https:// (chiffrés) sont acceptés.',
    'settings.err.linkScheme':
      'L’adresse du lien {n} commence par « {scheme}: » : ce n’est pas un site web. Seuls les liens https:// sont acceptés.',
    'settings.err.linkCredentials':
      'L’adresse du lien {n} contient un identifiant ou un mot de passe : retirez-les, ils seraient visibles par tous.',
    'settings.err.linkLocal':
      'L’adresse du lien {n} mène à « {host} », une adresse locale que les habitants ne peuvent pas ouvrir : donnez l’adresse publique du site.',
  },
  en: {
    'settings.links.heading': 'Useful links',
    'settings.links.intro':
      'A few sites that connected residents find on their “You are connected” page: public services, job search, the city’s participation platform. At most 8 links; empty a row to remove its link. Without a label in another language, the French one is shown.',
    'settings.links.row': 'Link {n}',
    'settings.links.label': 'Label shown',
    'settings.links.labelHint': 'At most 60 characters, as residents will read it.',
    'settings.links.url': 'Address',
    'settings.links.urlHint': 'A full https:// address, e.g. https://www.service-public.fr.',
    'settings.links.submit': 'Save the links',
    'settings.links.beforeLogin': 'Reachable before login (without a ticket)',
    'settings.links.beforeLoginHint':
      'A ticked link is opened to people not yet connected (https only) and shown on the portal’s welcome page with the note “These sites are open without a ticket”. Only where the box is the router (nftables). Tick sites that work on their own: a site that loads its pages from other addresses will only half work.',
    'settings.links.translations': 'Label in the portal’s other languages (optional)',
    'settings.links.langFalc': 'Label in FALC (easy-to-read French)',
    'settings.links.langEn': 'Label in English',
    'settings.links.langAr': 'Label in Arabic',
    'settings.saved.links': 'The links are saved; the portal’s “You are connected” page shows them at once.',
    'settings.err.linkLabelMissing': 'Link {n} has no label: write the name residents will read.',
    'settings.err.linkLabelLong': 'The label of link {n} is too long: {max} characters at most.',
    'settings.err.linkUrlMissing': 'Link {n} has no address.',
    'settings.err.linkUrlLong': 'The address of link {n} is too long: {max} characters at most.',
    'settings.err.linkUrlInvalid':
      'The address of link {n} is not a full web address: write all of it, e.g. https://www.service-public.fr.',
    'settings.err.linkHttp':
      'The address of link {n} starts with http://: only https:// (encrypted) links are accepted.',
    'settings.err.linkScheme':
      'The address of link {n} starts with “{scheme}:”: that is not a web site. Only https:// links are accepted.',
    'settings.err.linkCredentials':
      'The address of link {n} holds a user name or password: remove them, everyone would see them.',
    'settings.err.linkLocal':
      'The address of link {n} leads to “{host}”, a local address residents cannot open: give the site’s public address.',
  },
});
